"""A real SMTP server (aiosmtpd) for the e-mail tests and the fault scripts: one that collects
what it receives, one that takes its time, one that refuses every recipient."""

import asyncio


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


class Slow(Collect):
    """Takes its time before it accepts a message, as a busy mail server does."""

    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.seconds)
        return await super().handle_DATA(server, session, envelope)


class Refuse:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 mailbox unavailable"


def smtp_settings(port, timeout=5):
    """The settings (or environment) that send the site's e-mail to this port on loopback."""
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_TIMEOUT": timeout,
    }
