from django.apps import AppConfig
from django.core.checks import Error, register


def always_fails(app_configs, **kwargs):
    return [Error("A configuration error planted by the tests.", id="tests.E001")]


class FailingCheckConfig(AppConfig):
    name = "tests.failing_check"

    def ready(self):
        register(always_fails)
