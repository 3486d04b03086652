from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "toolkit.practices"
    label = "practices"
    verbose_name = "Good practices"

    def ready(self):
        from toolkit.chapters import loader as chapters_loader
        from toolkit.chapters import translations as chapters_translations
        from toolkit.core import sitesearch

        from . import loader, signals
        from .sitesearch import search_practices

        signals.connect()
        sitesearch.register(search_practices)
        chapters_loader.section_factories.append(loader.ensure_index)
        chapters_loader.after_load_steps.append(loader.load_examples)
        from . import translations

        chapters_translations.translation_steps.append(translations.load)
