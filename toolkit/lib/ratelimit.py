"""Fixed-window rate limits kept in the shared state (lib.sharedstate), so every app process
counts together and culling the page cache never resets a count."""

import contextlib
import functools
import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from . import sharedstate

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Each trusted proxy (TRUSTED_PROXIES) appends who connected to it
    to X-Forwarded-For; what stands further left was sent by the client and may be made up, so
    the walk from the right stops at the first address that is not a trusted proxy."""
    address: str = request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while hops and _is_trusted_proxy(address):
        hop = hops.pop().strip()
        if not hop:
            break
        address = hop
    return address


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=4)
def _networks(trusted: tuple[str, ...]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(item, strict=False) for item in trusted]


def _key(scope: str, who: str) -> str:
    return "ratelimit:" + hashlib.sha256(f"{scope}|{who}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go ahead, and (when not) how long until the window closes: the
    true value for `Retry-After`."""

    allowed: bool
    retry_after: int = 0

    def __bool__(self) -> bool:
        return self.allowed


def forget(scope: str, who: str) -> None:
    """Start `who`'s count for `scope` afresh (a successful sign-in forgets the failures)."""
    with contextlib.suppress(sharedstate.Unavailable):
        sharedstate.store().delete(_key(scope, who))


def allow(scope: str, who: str, limit: int, seconds: float) -> Verdict:
    """Allowed while `who` has done `scope` at most `limit` times in the current window.

    A fixed window: the first hit opens it for `seconds`, and it closes then whatever
    happens in it; refused hits are counted but never lengthen it. The count is one atomic
    step of the shared store, so parallel requests never lose one. A store that cannot count
    (Redis down, a full disk) lets the request through: a limit must not turn an outage into
    errors on every search (docs/reliability.md)."""
    try:
        count = sharedstate.store().hit(_key(scope, who), seconds)
    except sharedstate.Unavailable as error:
        logger.warning("rate limit %s not counted: %s", scope, error)
        return Verdict(True)
    if count.value <= limit:
        return Verdict(True)
    return Verdict(False, count.seconds_left())
