from django.apps import AppConfig


class ChaptersConfig(AppConfig):
    name = "toolkit.chapters"
    label = "chapters"
    verbose_name = "Chapters"

    def ready(self):
        from toolkit.core import sitesearch
        from toolkit.core.context_processors import navigation_providers

        from .navigation import site_navigation
        from .search import search_chapters

        sitesearch.register(search_chapters)
        navigation_providers.append(site_navigation)
