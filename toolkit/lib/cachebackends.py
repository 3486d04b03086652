"""Django's file and Redis caches, made to treat an outage as a miss.

The page cache, Wagtail's site lookup and the PDF cache all read and write Django's cache on
every request. With Redis stopped, the disk under the file cache full, or the database of the
database cache down, Django's own backends raise, and every page answered 500, `/healthz`
included. These subclasses answer as a cache
that has nothing: `get` gives the default, `add` and `touch` say no, `set` and `delete` do
nothing, so pages are rendered and served uncached. After a failure the cache is left alone
for a moment (lib.sharedstate.Breaker), so an outage costs no wait per request; `probe()`
tells /healthz whether it works now."""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import DatabaseError

from .sharedstate import Breaker, Unavailable

logger = logging.getLogger(__name__)


def _missing_default(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return kwargs.get("default", args[1] if len(args) > 1 else None)


# method -> what it answers while the cache is out (from its own arguments)
OUTAGE_ANSWERS: dict[str, Callable[[tuple[Any, ...], dict[str, Any]], Any]] = {
    "get": _missing_default,
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "touch": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: None,
}


def _guarded(base: type[BaseCache], name: str) -> Callable[..., Any]:
    original = getattr(base, name)
    answer = OUTAGE_ANSWERS[name]

    @functools.wraps(original)
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            self.breaker.check()
            result = original(self, *args, **kwargs)
        except Unavailable:
            return answer(args, kwargs)
        except self.outage_errors as error:
            self.breaker.failed(error)
            return answer(args, kwargs)
        self.breaker.recovered()
        return result

    return method


def resilient(base: type[BaseCache], errors: tuple[type[Exception], ...]) -> type:
    """A subclass of the cache class `base` whose every operation survives `errors`."""
    namespace: dict[str, Any] = {
        name: _guarded(base, name) for name in OUTAGE_ANSWERS if hasattr(base, name)
    }

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, *args, **kwargs)
        self.breaker = Breaker(f"cache ({base.__name__})")

    def probe(self: Any) -> str:
        """'ok', or what is wrong: a real write and read, whatever the breaker remembers."""
        try:
            base.set(self, "healthz-probe", "1", 30)
            if base.get(self, "healthz-probe") != "1":
                return "written value not read back"
        except errors as error:
            self.breaker.failed(error)
            return str(error)[:200] or repr(error)
        self.breaker.recovered()
        return "ok"

    namespace.update(__init__=__init__, probe=probe, outage_errors=errors)
    return type(base.__name__, (base,), namespace)


def _redis_errors() -> tuple[type[Exception], ...]:
    import redis  # installed with the `scale` extra, wherever Redis is the cache

    return (redis.RedisError, OSError)


FileCache = resilient(FileBasedCache, (OSError,))
# With the database down, a miss lets the view answer the 503 page (core.unavailable).
DatabaseCache = resilient(DjangoDatabaseCache, (DatabaseError,))


@functools.cache
def _resilient_redis() -> type:
    return resilient(DjangoRedisCache, _redis_errors())


def __getattr__(name: str) -> type:
    # `RedisCache` is made on first use, so that this module imports without the redis package.
    if name == "RedisCache":
        return _resilient_redis()
    raise AttributeError(name)
