from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "toolkit.practices"
    label = "practices"
    verbose_name = "Good practices"

    def ready(self):
        from . import signals

        signals.connect()
