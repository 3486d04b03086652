"""Values derived from the database and held in each process's memory (the search indexes),
rebuilt off the request path when their generation moves.

A request never waits for a rebuild: it answers from the copy it has (and says so with
`generation.mark_stale`, so nothing caches that answer as current) while one background
thread per key builds the new copy. Only a process that has no copy at all (a cold start)
waits, and then for the build already running rather than a second one.

`INDEX_BUILDS=inline` builds in the request instead, one at a time per key: for the test
suite, whose data lives in a transaction that a background thread cannot see."""

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.conf import settings
from django.db import connections

from . import generation

logger = logging.getLogger(__name__)
_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")


class BuildFailed(Exception):
    """The first build of a value failed: there is nothing to answer from."""


class Derived(Generic[_Key, _Value]):
    def __init__(self, name: str, generation_name: str, build: Callable[[_Key], _Value]) -> None:
        self.name = name
        self.generation_name = generation_name
        self.build = build  # key -> value, reading the database
        self.values: dict[_Key, tuple[str, _Value]] = {}  # key -> (token it was built at, value)
        # key -> threading.Event set when that build ends
        self.running: dict[_Key, threading.Event] = {}
        self.lock = threading.Lock()

    def get(self, key: _Key) -> _Value:
        wanted = generation.current(self.generation_name)
        held = self.values.get(key)
        if held and held[0] == wanted:
            return held[1]
        if settings.INDEX_BUILDS == "inline":
            return self._build_inline(key, wanted)
        done = self._start(key)
        if held:
            generation.mark_stale()
            return held[1]
        done.wait()
        held = self.values.get(key)
        if held is None:
            raise BuildFailed(f"{self.name} ({key})")
        return held[1]

    def building(self, key: _Key) -> bool:
        """True while a background build of `key` is running (for tests and benchmarks)."""
        return key in self.running

    def forget(self) -> None:
        with self.lock:
            self.values.clear()

    def _start(self, key: _Key) -> threading.Event:
        with self.lock:
            done = self.running.get(key)
            if done is None:
                done = self.running[key] = threading.Event()
                thread = threading.Thread(
                    target=self._run, args=(key, done), name=f"build {self.name} {key}"
                )
                thread.daemon = True
                thread.start()
        return done

    def _run(self, key: _Key, done: threading.Event) -> None:
        try:
            token = generation.current(self.generation_name)  # read before the data
            value = self.build(key)
            with self.lock:
                self.values[key] = (token, value)
        except Exception:
            logger.exception("building %s (%s) failed; the last copy stays in use", self.name, key)
        finally:
            with self.lock:
                self.running.pop(key, None)
            done.set()
            connections.close_all()  # this thread's own connections

    def _build_inline(self, key: _Key, wanted: str) -> _Value:
        with self.lock:
            held = self.values.get(key)
            if held and held[0] == wanted:
                return held[1]
            value = self.build(key)
            self.values[key] = (wanted, value)
            return value
