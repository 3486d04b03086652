from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "toolkit.accounts"
    label = "accounts"
    verbose_name = _("Editor accounts")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy check
