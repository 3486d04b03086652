"""Two-factor sign-in for everyone who uses the admin (editors, moderators, administrators).

These functions are the only writers of a person's second-factor devices: an authenticator app
(TOTP, RFC 6238) and a set of single-use backup codes for the day the phone is lost."""

import secrets
from typing import Literal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from toolkit.lib.ratelimit import client_address

from . import lockout

BACKUP_CODES = 10


def has_second_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_device(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn the pending authenticator on if `token` is its current code; return backup codes."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return issue_backup_codes(device.user)


@transaction.atomic
def issue_backup_codes(user: AbstractBaseUser) -> list[str]:
    """A fresh set of single-use codes; the previous set stops working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Backup codes"})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_backup_codes(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(request: HttpRequest, token: str) -> Literal["ok", "wrong", "locked"]:
    """Mark this session as verified if `token` is a current code or an unused backup code.

    Returns "ok", "wrong" or "locked"; failures count towards the sign-in lockout."""
    name, address = f"2fa:{request.user.pk}", client_address(request)
    if lockout.is_locked(name, address):
        return "locked"
    device = match_token(request.user, token)
    if device is None:
        lockout.record_failure(name, address)
        return "wrong"
    otp_login(request, device)
    lockout.clear(name)
    return "ok"


@transaction.atomic
def reset_two_factor(user: AbstractBaseUser) -> None:
    """For a person who lost their phone and their backup codes: they set it up again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
