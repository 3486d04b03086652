"""Small shared state that must stay true: rate-limit counters, sign-in lockouts, generation
tokens and build claims. Kept apart from the page cache, so culling pages never forgets a
lockout, and in a store whose increment is atomic, so parallel requests never lose a count.

Backends (`STATE_URL`, derived from `CACHE_URL` when unset; docs/deploying.md):

- `sqlite:///path` (the default, `var/state.sqlite3`): one small SQLite file shared by every
  process on this machine; every operation is one statement;
- `redis://…`: the Redis that several app servers share (a Lua script makes each count one
  atomic step);
- `database`: a table in the default database (`CACHE_URL=db://…` deployments, several servers
  without Redis).

Every backend raises `Unavailable` when it cannot be read or written; callers decide what an
outage means for them (limits let people through, generations keep the last token they saw).
After a failure a backend answers `Unavailable` at once for `RETRY_SECONDS`, so an outage
costs no time per request. Counters are fixed windows: the first hit opens the window and
fixes its end; later hits, refused ones included, never move it."""

import contextlib
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2.0
PURGE_EVERY = 500  # operations between removals of expired entries


class Unavailable(Exception):
    """The shared state cannot be read or written right now."""


@dataclass(frozen=True)
class Count:
    value: int  # hits in the current window, this one included
    ends_at: float  # when the window closes (seconds since the epoch)

    def seconds_left(self, now: float | None = None) -> int:
        return max(1, math.ceil(self.ends_at - (now or time.time())))


class Breaker:
    """Remembers an outage for a moment, so that requests during it do not each wait for a
    connection to fail; says what went wrong for /healthz."""

    def __init__(self, what: str = "shared state") -> None:
        self.what = what
        self.failed_at = 0.0
        self.problem = ""

    def check(self) -> None:
        if time.monotonic() - self.failed_at < RETRY_SECONDS:
            raise Unavailable(self.problem)

    def failed(self, error: BaseException) -> None:
        if not self.problem:
            logger.error("%s unavailable: %s", self.what, error)
        self.failed_at, self.problem = time.monotonic(), str(error)[:200] or repr(error)

    def recovered(self) -> None:
        if self.problem:
            logger.warning("%s available again", self.what)
        self.failed_at, self.problem = 0.0, ""


# The same statements serve SQLite (a file of ours) and the database backend; `%s` is the
# placeholder of Django's cursors and is turned into `?` for the sqlite3 module.
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS toolkit_shared_state (key VARCHAR(255) PRIMARY KEY, "
    "value TEXT, count BIGINT NOT NULL DEFAULT 0, expires_at DOUBLE PRECISION)"
)
HIT = (
    "INSERT INTO toolkit_shared_state (key, value, count, expires_at) VALUES (%s, "
    "NULL, 1, %s) ON CONFLICT (key) DO UPDATE SET count = CASE WHEN "
    "toolkit_shared_state.expires_at <= %s THEN 1 ELSE toolkit_shared_state.count + "
    "1 END, expires_at = CASE WHEN toolkit_shared_state.expires_at <= %s THEN %s "
    "ELSE toolkit_shared_state.expires_at END RETURNING count, expires_at"
)
GET = (
    "SELECT value, expires_at FROM toolkit_shared_state WHERE key = %s AND "
    "(expires_at IS NULL OR expires_at > %s)"
)
SET = (
    "INSERT INTO toolkit_shared_state (key, value, count, expires_at) VALUES (%s, "
    "%s, 0, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value, count = 0, "
    "expires_at = excluded.expires_at"
)
ADD = (
    "INSERT INTO toolkit_shared_state (key, value, count, expires_at) VALUES (%s, "
    "%s, 0, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value, count = 0, "
    "expires_at = excluded.expires_at WHERE toolkit_shared_state.expires_at <= %s "
    "RETURNING key"
)
DELETE = "DELETE FROM toolkit_shared_state WHERE key = %s"
PURGE = "DELETE FROM toolkit_shared_state WHERE expires_at <= %s"
CLEAR = "DELETE FROM toolkit_shared_state"
# Keys are ours (names like "generation:pages"), never a visitor's text: a prefix is a plain
# string, and LIKE's wildcards are escaped anyway.
FORGET_PREFIX = "DELETE FROM toolkit_shared_state WHERE key LIKE %s ESCAPE '!'"


class SQLStore:
    """The statements above, on some cursor; subclasses say where the cursor comes from."""

    if TYPE_CHECKING:

        def _execute(
            self, statement: str, params: Sequence[str | float | None], fetch: bool
        ) -> Any: ...

    def __init__(self) -> None:
        self.breaker = Breaker()
        self.operations = 0

    def hit(self, key: str, seconds: float) -> Count:
        now = time.time()
        row = self._one(HIT, [key, now + seconds, now, now, now + seconds])
        return Count(int(row[0]), float(row[1]))

    def get(self, key: str) -> str | None:
        row = self._one(GET, [key, time.time()])
        return row[0] if row else None

    def expires_at(self, key: str) -> float | None:
        row = self._one(GET, [key, time.time()])
        return (row[1] if row[1] is not None else math.inf) if row else None

    def set(self, key: str, value: str, seconds: float | None = None) -> None:
        self._one(SET, [key, value, self._deadline(seconds)], fetch=False)

    def add(self, key: str, value: str, seconds: float | None = None) -> bool:
        now = time.time()
        return self._one(ADD, [key, value, self._deadline(seconds), now]) is not None

    def delete(self, key: str) -> None:
        self._one(DELETE, [key], fetch=False)

    def clear(self) -> None:
        self._one(CLEAR, [], fetch=False)

    def forget_prefix(self, prefix: str) -> None:
        """Delete every entry whose key starts with `prefix`."""
        escaped = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        self._one(FORGET_PREFIX, [escaped + "%"], fetch=False)

    def health(self) -> str:
        """'ok', or what is wrong: a real write and read, whatever the breaker remembers."""
        self.breaker.failed_at = 0.0
        try:
            self.set("health-probe", "1", seconds=30)
            self.get("health-probe")
        except Unavailable as error:
            return str(error) or "unavailable"
        return "ok"

    @staticmethod
    def _deadline(seconds: float | None) -> float | None:
        return None if seconds is None else time.time() + seconds

    def _one(self, statement: str, params: Sequence[str | float | None], fetch: bool = True) -> Any:
        self.breaker.check()
        try:
            row = self._execute(statement, params, fetch)
            self.operations += 1
            if self.operations % PURGE_EVERY == 0:
                self._execute(PURGE, [time.time()], fetch=False)
        except (sqlite3.Error, DatabaseError, OSError) as error:
            self.breaker.failed(error)
            raise Unavailable(str(error)) from error
        self.breaker.recovered()
        return row


class SQLiteFileStore(SQLStore):
    """A SQLite file beside the database (`var/state.sqlite3`): shared by every process of
    this machine, and never blocked by a long write to the main database (an import)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self.local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        held: tuple[int, sqlite3.Connection] | None = getattr(self.local, "held", None)
        if held and held[0] == os.getpid():  # a connection must not cross a fork
            return held[1]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # counters are not worth an fsync per hit
        db.execute(SCHEMA)
        self.local.held = (os.getpid(), db)
        return db

    def _execute(self, statement: str, params: Sequence[str | float | None], fetch: bool) -> Any:
        cursor = self._connection().execute(statement.replace("%s", "?"), params)
        return cursor.fetchone() if fetch else None


class DatabaseStore(SQLStore):
    """A table in the default database, created on first use (like Django's cache table)."""

    def __init__(self) -> None:
        super().__init__()
        self.ready: set[str] = set()

    def _execute(self, statement: str, params: Sequence[str | float | None], fetch: bool) -> Any:
        # Inside someone's transaction a failure must not break it: use a savepoint.
        guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        with guard, connection.cursor() as cursor:
            if connection.alias not in self.ready:
                cursor.execute(SCHEMA)
                self.ready.add(connection.alias)
            cursor.execute(statement, params)
            return cursor.fetchone() if fetch else None


# INCR, and the window's end fixed by the hit that opened it: one atomic script.
REDIS_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
return {count, left}
"""


class RedisStore:
    """The Redis all app servers share. Keys are prefixed, so the page cache in the same
    Redis never touches them (and `maxmemory-policy volatile-*` would only take pages)."""

    def __init__(self, url: str) -> None:
        import redis  # only installed with the `scale` extra, where Redis is used

        self.errors = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        self.script = self.client.register_script(REDIS_HIT)
        self.breaker = Breaker()

    def _call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.breaker.check()
        try:
            result = function(*args, **kwargs)
        except self.errors as error:
            self.breaker.failed(error)
            raise Unavailable(str(error)) from error
        self.breaker.recovered()
        return result

    @staticmethod
    def _key(key: str) -> str:
        return f"toolkit:state:{key}"

    def hit(self, key: str, seconds: float) -> Count:
        now = time.time()
        count, left = self._call(self.script, keys=[self._key(key)], args=[int(seconds * 1000)])
        return Count(int(count), now + int(left) / 1000)

    def get(self, key: str) -> str | None:
        value = self._call(self.client.get, self._key(key))
        return value.decode() if value is not None else None

    def expires_at(self, key: str) -> float | None:
        left = self._call(self.client.pttl, self._key(key))
        if left == -2:
            return None
        return math.inf if left == -1 else time.time() + left / 1000

    def set(self, key: str, value: str, seconds: float | None = None) -> None:
        milliseconds = int(seconds * 1000) if seconds is not None else None
        self._call(self.client.set, self._key(key), value, px=milliseconds)

    def add(self, key: str, value: str, seconds: float | None = None) -> bool:
        milliseconds = int(seconds * 1000) if seconds is not None else None
        return bool(self._call(self.client.set, self._key(key), value, px=milliseconds, nx=True))

    def delete(self, key: str) -> None:
        self._call(self.client.delete, self._key(key))

    def clear(self) -> None:
        self.forget_prefix("")

    def forget_prefix(self, prefix: str) -> None:
        """Delete every entry whose key starts with `prefix`."""
        pattern = self._key("".join(f"[{c}]" if c in "*?[]\\" else c for c in prefix) + "*")
        keys = self._call(lambda: list(self.client.scan_iter(pattern)))
        if keys:
            self._call(self.client.delete, *keys)

    def health(self) -> str:
        self.breaker.failed_at = 0.0  # a real attempt, whatever the breaker remembers
        try:
            self.set("health-probe", "1", seconds=30)
        except Unavailable as error:
            return str(error) or "unavailable"
        return "ok"


_stores: dict[str, SQLStore | RedisStore] = {}
_stores_lock = threading.Lock()


def open_store(url: str) -> SQLStore | RedisStore:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url)
    if url == "database":
        return DatabaseStore()
    if url.startswith("sqlite:///"):
        return SQLiteFileStore(url.removeprefix("sqlite://"))
    raise ValueError(f"STATE_URL must be sqlite:///path, redis://… or database: {url}")


def store() -> SQLStore | RedisStore:
    """The store named by settings.STATE_URL (one per process and URL)."""
    url = settings.STATE_URL
    if url not in _stores:
        with _stores_lock:
            _stores.setdefault(url, open_store(url))
    return _stores[url]
