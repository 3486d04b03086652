"""The admin sign-in form with lockout, and the one-time code form of two-factor sign-in."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from toolkit.lib.ratelimit import client_address

from . import lockout


def locked_error(seconds=None):
    """The refusal, with the minutes that are really left of the pause."""
    seconds = settings.LOGIN_LOCKOUT_SECONDS if seconds is None else seconds
    minutes = max(1, -(-seconds // 60))
    message = ngettext(
        "Too many failed attempts. For your safety, signing in is paused for %(minutes)d "
        "minute. Try again later, or ask an administrator.",
        "Too many failed attempts. For your safety, signing in is paused for %(minutes)d "
        "minutes. Try again later, or ask an administrator.",
        minutes,
    )
    return forms.ValidationError(message, code="locked", params={"minutes": minutes})


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, refusing every password while the account or address is locked."""

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = client_address(self.request) if self.request else ""
        seconds = lockout.locked_for(username, address)
        if seconds:
            raise locked_error(seconds)
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                lockout.record_failure(username, address)
            raise
        lockout.clear(username)
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code your authenticator app shows, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
