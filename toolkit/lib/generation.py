"""Generations: named tokens that say "the data behind X changed".

Whoever derives something from the database (a cached page, a search index, a PDF, a memo of
records) remembers the token it was built at and rebuilds when the token moves. Tokens live in
the shared state (lib.sharedstate), so every process and, with Redis or the database, every
server sees the same one. Three rules keep a derived copy from outliving its data:

- a token moves only **after the change is committed** (`bump` runs in
  `transaction.on_commit`): a request in the middle of a publish still sees the old token and
  whatever it builds from the old data stays under the old token;
- a token **never repeats** (time plus randomness): a token lost from the store and created
  again can never match something built long ago;
- a request reads each token once (`request_scope`) and says when it answered from a copy
  older than the token (`mark_stale`), so that answer is not stored as if it were current.

A batch (`batch()`) collects the bumps of many changes (an import) and makes each once."""

import contextvars
import logging
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TypedDict

from django.db import transaction

from . import sharedstate

logger = logging.getLogger(__name__)


class _Scope(TypedDict):
    tokens: dict[str, str]  # name -> token, read once per request
    stale: bool


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(
    "generation_scope", default=None
)
_batch: "contextvars.ContextVar[Batch | None]" = contextvars.ContextVar(
    "generation_batch", default=None
)
# name -> the token this process read last (used while the store is down)
_last_seen: dict[str, str] = {}
_unsent: set[str] = set()  # bumps the store could not take: made again at the next read
_unsent_lock = threading.Lock()
OFFLINE = f"offline-{secrets.token_hex(6)}"  # this process's token while the store is down


def _key(name: str) -> str:
    return f"generation:{name}"


def new_token() -> str:
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def current(name: str) -> str:
    """The token of `name` now (read once per request scope)."""
    scope = _scope.get()
    if scope is not None and name in scope["tokens"]:
        return scope["tokens"][name]
    value = _read(name)
    if scope is not None:
        scope["tokens"][name] = value
    return value


def _read(name: str) -> str:
    _resend()
    try:
        store = sharedstate.store()
        value = store.get(_key(name))
        if value is None:  # never set, or lost with the store: a fresh token, never an old one
            store.add(_key(name), new_token())
            value = store.get(_key(name)) or OFFLINE
    except sharedstate.Unavailable:
        return _last_seen.get(name, OFFLINE)
    _last_seen[name] = value
    return value


def bump(name: str) -> None:
    """Say that the data behind `name` changed: the token moves once the change is committed
    (at once outside a transaction; never if it is rolled back)."""
    batch = _batch.get()
    if batch is not None:
        batch.names.add(name)
        return
    transaction.on_commit(partial(_write, name), robust=True)


def _write(name: str) -> None:
    scope = _scope.get()
    if scope is not None:
        scope["tokens"].pop(name, None)
    try:
        sharedstate.store().set(_key(name), new_token())
    except sharedstate.Unavailable as error:
        logger.error("generation %s not moved (%s): retried at the next read", name, error)
        with _unsent_lock:
            _unsent.add(name)


def _resend() -> None:
    if not _unsent:
        return
    with _unsent_lock:
        names = list(_unsent)
        _unsent.clear()
    for name in names:
        _write(name)


def forget_all() -> None:
    """Every token is replaced by a new one at its next read (after a restore from backup:
    everything derived from the database must be made again, whatever it was)."""
    sharedstate.store().forget_prefix(_key(""))
    with _unsent_lock:
        _unsent.clear()


class Batch:
    def __init__(self) -> None:
        self.names: set[str] = set()
        self.discarded = False

    def discard(self) -> None:
        """Nothing in the batch happened after all (a dry run that was rolled back)."""
        self.discarded = True


@contextmanager
def batch() -> Iterator[Batch]:
    """Collect the bumps made inside and make each once when the block ends without an error
    (after the commit of the transaction around it, if any). Nested batches join the outer."""
    outer = _batch.get()
    if outer is not None:
        yield outer
        return
    collected = Batch()
    token = _batch.set(collected)
    try:
        yield collected
    finally:
        _batch.reset(token)
    if not collected.discarded:
        for name in sorted(collected.names):
            bump(name)


def mark_stale() -> None:
    """This request answered from a copy older than the current token (an index being
    rebuilt): what it renders must not be kept as current."""
    scope = _scope.get()
    if scope is not None:
        scope["stale"] = True


def is_stale() -> bool:
    scope = _scope.get()
    return bool(scope and scope["stale"])


@contextmanager
def request_scope() -> Iterator[None]:
    token = _scope.set({"tokens": {}, "stale": False})
    try:
        yield
    finally:
        _scope.reset(token)
