"""Sign-in lockout. After too many failed attempts on one account, or from one address, signing
in is refused for a while, whatever the password. Counted in the shared cache, so every app
process agrees; the account's owner is never told whether the name exists."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from toolkit.lib import ratelimit


def _key(kind, value):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"lockout:{kind}:{digest}"


def _targets(username, address):
    # An address gets more tries than an account: an office may share one address.
    limit = settings.LOGIN_FAILURE_LIMIT
    return [("account", username, limit), ("address", address, limit * 4)]


def is_locked(username, address):
    return any(
        cache.get(_key(f"lock-{kind}", value))
        for kind, value, _limit in _targets(username, address)
        if value
    )


def record_failure(username, address):
    """Count one failed attempt; lock the account or address once it reaches its limit."""
    seconds = settings.LOGIN_LOCKOUT_SECONDS
    for kind, value, limit in _targets(username, address):
        who = str(value).strip().lower()
        if value and not ratelimit.allow(f"login-{kind}", who, limit - 1, seconds):
            cache.set(_key(f"lock-{kind}", value), True, timeout=seconds)


def clear(username):
    """A successful sign-in forgets the account's failures (not the address's)."""
    ratelimit.forget("login-account", str(username).strip().lower())
    cache.delete(_key("lock-account", username))
