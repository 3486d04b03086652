"""A real SMTP server for the e-mail tests (tests/mailserver.py), started on a free port."""

import pytest
from aiosmtpd.controller import Controller

from tests.mailserver import smtp_settings
from tests.serving import free_port


@pytest.fixture
def smtp(settings):
    def start(handler):
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        for name, value in smtp_settings(port).items():
            setattr(settings, name, value)
        return handler

    started = []
    yield start
    for controller in started:
        controller.stop()
