"""Sign-in lockout. After too many failed attempts on one account, or from one address, signing
in is refused for a while, whatever the password. Counted in the shared cache, so every app
process agrees; the account's owner is never told whether the name exists."""

import hashlib

from django.conf import settings
from django.core.cache import cache


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
        if not value:
            continue
        key = _key(kind, value)
        if cache.add(key, 1, timeout=seconds):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # the window ended between add() and incr()
                cache.add(key, 1, timeout=seconds)
                count = 1
        if count >= limit:
            cache.set(_key(f"lock-{kind}", value), True, timeout=seconds)


def clear(username):
    """A successful sign-in forgets the account's failures (not the address's)."""
    cache.delete_many([_key("account", username), _key("lock-account", username)])
