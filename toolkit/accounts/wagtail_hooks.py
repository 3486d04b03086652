from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    urls = [
        path("", views.manage, name="manage"),
        path("setup/", views.setup, name="setup"),
        path("verify/", views.verify, name="verify"),
        path("backup-codes/", views.renew_backup_codes, name="renew_backup_codes"),
    ]
    return [path("two-factor/", include((urls, "accounts")))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts:manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Your authenticator app and backup codes."),
    }
