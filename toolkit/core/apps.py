from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "toolkit.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import pagecache

        pagecache.connect_invalidation()
