"""Named generation counters kept in Django's cache.

A generation says "the data behind X changed": whoever derives something from the database
(a cached page, an in-memory search index) remembers the generation it was built at and
rebuilds when it moves. With a shared cache (Redis, database) every process and every server
sees the same counter."""

from django.core.cache import cache


def _key(name):
    return f"generation:{name}"


def current(name):
    value = cache.get(_key(name))
    if value is None:
        cache.add(_key(name), 1, timeout=None)
        value = cache.get(_key(name), 1)
    return value


def bump(name):
    try:
        return cache.incr(_key(name))
    except ValueError:  # the counter was evicted or never set
        cache.set(_key(name), 2, timeout=None)
        return 2
