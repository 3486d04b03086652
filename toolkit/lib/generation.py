"""Named generation counters kept in Django's cache.

A generation says "the data behind X changed": whoever derives something from the database
(a cached page, an in-memory search index) remembers the generation it was built at and
rebuilds when it moves. With a shared cache (Redis, database) every process and every server
sees the same counter.

Within one request a counter is read from the cache once (`request_scope`), because one page
may ask many times and a cache read can be a file or network round trip."""

import contextlib
import contextvars
from contextlib import contextmanager

from django.core.cache import cache

_scope = contextvars.ContextVar("generation_scope", default=None)


def _key(name):
    return f"generation:{name}"


def current(name):
    memo = _scope.get()
    if memo is not None and name in memo:
        return memo[name]
    value = cache.get(_key(name))
    if value is None:
        with contextlib.suppress(OSError):  # a full disk under the file cache: count from 1
            cache.add(_key(name), 1, timeout=None)
        value = cache.get(_key(name), 1)
    if memo is not None:
        memo[name] = value
    return value


def bump(name):
    memo = _scope.get()
    if memo is not None:
        memo.pop(name, None)
    try:
        return cache.incr(_key(name))
    except ValueError:  # the counter was evicted or never set
        cache.set(_key(name), 2, timeout=None)
        return 2


@contextmanager
def request_scope():
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)
