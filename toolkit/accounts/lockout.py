"""Sign-in lockout. After too many failed attempts on one account, or from one address, signing
in is refused for a while, whatever the password. Counted in the shared state
(lib.sharedstate), so every app process agrees and culling the page cache never lifts a lock;
the account's owner is never told whether the name exists.

Failures are counted in a fixed window of LOGIN_LOCKOUT_SECONDS opened by the first one; the
failure that reaches the limit locks for LOGIN_LOCKOUT_SECONDS from that moment and starts the
count afresh, so when the pause ends one more mistake never pauses again, however long the
failures took. While locked, attempts are refused before they are counted, so trying again
never lengthens the pause."""

import hashlib
import logging
import math
import time

from django.conf import settings

from toolkit.lib import ratelimit, sharedstate

logger = logging.getLogger(__name__)


def _key(kind, value):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"lockout:{kind}:{digest}"


def _targets(username, address):
    # An address gets more tries than an account: an office may share one address.
    limit = settings.LOGIN_FAILURE_LIMIT
    return [("account", username, limit), ("address", address, limit * 4)]


def locked_for(username, address):
    """Seconds until signing in is possible again for this account and address (0: now).
    Without the shared state nobody is locked out: the password is still checked."""
    now, longest = time.time(), 0.0
    for kind, value, _limit in _targets(username, address):
        if not value:
            continue
        try:
            ends = sharedstate.store().expires_at(_key(f"lock-{kind}", value))
        except sharedstate.Unavailable as error:
            logger.warning("sign-in lockout not checked: %s", error)
            return 0
        if ends is not None:
            longest = max(longest, ends - now)
    return math.ceil(longest) if longest > 0 else 0


def is_locked(username, address):
    return locked_for(username, address) > 0


def record_failure(username, address):
    """Count one failed attempt; lock the account or address once it reaches its limit."""
    seconds = settings.LOGIN_LOCKOUT_SECONDS
    for kind, value, limit in _targets(username, address):
        who = str(value).strip().lower()
        if value and not ratelimit.allow(f"login-{kind}", who, limit - 1, seconds):
            try:
                sharedstate.store().add(_key(f"lock-{kind}", value), "1", seconds)
            except sharedstate.Unavailable as error:
                logger.warning("sign-in lockout not recorded: %s", error)
            ratelimit.forget(f"login-{kind}", who)


def clear(username):
    """A successful sign-in forgets the account's failures (not the address's)."""
    ratelimit.forget("login-account", str(username).strip().lower())
    try:
        sharedstate.store().delete(_key("lock-account", username))
    except sharedstate.Unavailable as error:
        logger.warning("sign-in lockout not cleared: %s", error)
