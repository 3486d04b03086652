from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "toolkit.downloads"
    label = "downloads"
    verbose_name = "Downloads"
