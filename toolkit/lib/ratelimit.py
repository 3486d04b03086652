"""Fixed-window rate limits kept in the shared cache, so every app process counts together."""

import functools
import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The visitor's address. Each trusted proxy (TRUSTED_PROXIES) appends who connected to it
    to X-Forwarded-For; what stands further left was sent by the client and may be made up, so
    the walk from the right stops at the first address that is not a trusted proxy."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while hops and _is_trusted_proxy(address):
        hop = hops.pop().strip()
        if not hop:
            break
        address = hop
    return address


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=4)
def _networks(trusted):
    return [ipaddress.ip_network(item, strict=False) for item in trusted]


def _key(scope, who):
    return "ratelimit:" + hashlib.sha256(f"{scope}|{who}".encode()).hexdigest()[:32]


def forget(scope, who):
    """Start `who`'s count for `scope` afresh (a successful sign-in forgets the failures)."""
    cache.delete(_key(scope, who))


def allow(scope, who, limit, seconds):
    """True while `who` has done `scope` at most `limit` times in the current window.
    A cache that cannot count (a full disk under the file cache) lets the request through:
    a limit must not turn a full disk into errors on every search (docs/reliability.md)."""
    key = _key(scope, who)
    try:
        if cache.add(key, 1, timeout=seconds):
            return limit >= 1
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return True
    except OSError as error:
        logger.warning("rate limit %s not counted: %s", scope, error)
        return True
    return count <= limit
