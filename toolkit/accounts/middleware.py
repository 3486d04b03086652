"""Nobody uses the admin on a password alone: a signed-in person who has not given their
second factor in this session is sent to set it up or to enter a code."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .twofactor import has_second_factor

# Reachable before the second factor: signing in and out, resetting a password, the 2FA steps.
EXEMPT = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/two-factor/setup/",
    "/admin/two-factor/verify/",
)


def require_two_factor(get_response):
    def middleware(request):
        if _needs_second_factor(request):
            step = "setup" if not has_second_factor(request.user) else "verify"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(f'accounts:{step}')}?{query}")
        return get_response(request)

    return middleware


def _needs_second_factor(request):
    return (
        settings.TWO_FACTOR_REQUIRED
        and request.path.startswith("/admin/")
        and not request.path.startswith(EXEMPT)
        and request.user.is_authenticated
        and not request.user.is_verified()
    )
