from django.apps import AppConfig


class ChaptersConfig(AppConfig):
    name = "toolkit.chapters"
    label = "chapters"
    verbose_name = "Chapters"
