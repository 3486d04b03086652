"""The two-factor steps of signing in to the admin: set up an authenticator, enter a code,
and see or renew the backup codes."""

import base64

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import twofactor
from .forms import TokenForm, locked_error


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/admin/") else "/admin/"


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    # Someone who already has a second factor must give it first: a stolen password must not
    # be enough to enrol the thief's phone.
    if twofactor.has_second_factor(request.user):
        return redirect("accounts:verify" if not request.user.is_verified() else "accounts:manage")
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        codes = twofactor.confirm_device(request, device, form.cleaned_data["token"])
        if codes is not None:
            context = {"codes": codes, "next": _next_url(request), "first_time": True}
            return TemplateResponse(request, "accounts/backup_codes.html", context)
        form.add_error("token", _("That code is not right. Check the time on your phone."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return TemplateResponse(request, "accounts/setup.html", context)


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    if not twofactor.has_second_factor(request.user):
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        outcome = twofactor.verify(request, form.cleaned_data["token"])
        if outcome == "ok":
            return redirect(_next_url(request))
        if outcome == "locked":
            form.add_error(None, locked_error())
        else:
            form.add_error("token", _("That code is not right, or was already used."))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "accounts/verify.html", context)


@never_cache
def manage(request):
    context = {
        "remaining": twofactor.remaining_backup_codes(request.user),
        "enabled": twofactor.has_second_factor(request.user),
    }
    return TemplateResponse(request, "accounts/manage.html", context)


@never_cache
@require_POST
def renew_backup_codes(request):
    codes = twofactor.issue_backup_codes(request.user)
    context = {"codes": codes, "next": "/admin/two-factor/", "first_time": False}
    return TemplateResponse(request, "accounts/backup_codes.html", context)
