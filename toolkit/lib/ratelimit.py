"""Fixed-window rate limits kept in the shared cache, so every app process counts together."""

import hashlib

from django.core.cache import cache


def client_address(request):
    """The visitor's address as the proxy in front of us reports it (see docs/deploying.md)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1"):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(scope, who, limit, seconds):
    """True while `who` has done `scope` at most `limit` times in the current window."""
    digest = hashlib.sha256(f"{scope}|{who}".encode()).hexdigest()[:32]
    key = f"ratelimit:{digest}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=seconds)
        return True
    return count <= limit
