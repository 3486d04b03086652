"""Rendering PDFs once per content version, and never twice at the same time.

A PDF is stored under var/pdf/ with a key made of its name, its language and the generations
of pages and practices, so any publish makes the next download render afresh. While one
request renders a file, others for the same file wait for it instead of rendering it again."""

import contextlib
import contextvars
import hashlib
import logging
import os
import platform
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connections

from toolkit.lib import generation, pdf, sharedstate

FORMAT_VERSION = 3  # bump when the PDF templates change
WAIT_SECONDS = 90
FAILURE_MEMORY_SECONDS = 60
logger = logging.getLogger(__name__)
_in_flight_lock = threading.Lock()
_in_flight: set[str] = set()  # this process's files being made in the background
_failed: dict[str, float] = {}  # file -> when its background build failed


class StillBuilding(Exception):
    """Another request is rendering this PDF and it is not ready yet."""


def folder():
    path = Path(settings.VAR_DIR) / "pdf"
    path.mkdir(parents=True, exist_ok=True)
    return path


def key_for(name, language):
    parts = [
        name,
        language,
        generation.current("pages"),
        generation.current("practices"),
        FORMAT_VERSION,
    ]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def render_pdf(template, context, language):
    return pdf.render_template(template, context, language)


def _path(name, language):
    return folder() / f"{name}-{language}-{key_for(name, language)}.pdf"


def ready(name, language):
    """Path of the PDF if it is already made for the current content, else None."""
    path = _path(name, language)
    return path if path.exists() else None


def build_in_background(name, language, build):
    """Start making the PDF in a thread of this process, unless one is already at it.

    Returns False when the last background attempt failed less than a minute ago (the caller
    then says so instead of asking the reader to wait again)."""
    key = str(_path(name, language))
    with _in_flight_lock:
        if time.monotonic() - _failed.get(key, -FAILURE_MEMORY_SECONDS) < FAILURE_MEMORY_SECONDS:
            return False
        if key in _in_flight:
            return True
        _in_flight.add(key)
    # The request's context (active language, generation scope) goes with the thread.
    context = contextvars.copy_context()
    thread = threading.Thread(
        target=context.run, args=(_build_quietly, key, name, language, build), daemon=True
    )
    thread.start()
    return True


def _build_quietly(key, name, language, build):
    try:
        get_or_build(name, language, build)
        _failed.pop(key, None)
    except StillBuilding:
        pass  # another process is making it; the reader's next refresh finds it
    except Exception:
        logger.exception("PDF %s (%s) could not be made", name, language)
        _failed[key] = time.monotonic()
    finally:
        with _in_flight_lock:
            _in_flight.discard(key)
        connections.close_all()  # this thread's own connections


def get_or_build(name, language, build):
    """Path of the PDF `name` in `language`; `build()` returns its bytes when it is missing."""
    path = _path(name, language)
    if path.exists():
        return path
    # The lock is per server (host and folder): each renders into its own var/pdf/, so waiting
    # on another server's lock would mean waiting for a file that never reaches this disk.
    lock = "pdf-lock:" + hashlib.sha256(f"{platform.node()}|{path}".encode()).hexdigest()[:32]
    if _claim(lock):
        try:
            data = build()
            if generation.is_stale():  # made from an index still being rebuilt: not kept
                return _one_off(name, language, data)
            temporary = path.with_suffix(f".{os.getpid()}.part")
            temporary.write_bytes(data)
            temporary.replace(path)
            _remove_older(name, language, keep=path)
        finally:
            _release(lock)
        return path
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if path.exists():
            return path
        time.sleep(0.25)
    raise StillBuilding(name)


def _claim(lock):
    """True for the one request that may render; without the shared state, every request
    renders for itself (slower, never wrong)."""
    try:
        return sharedstate.store().add(lock, str(os.getpid()), WAIT_SECONDS * 2)
    except sharedstate.Unavailable:
        return True


def _release(lock):
    with contextlib.suppress(sharedstate.Unavailable):
        sharedstate.store().delete(lock)


def _one_off(name, language, data):
    """A file for this answer only, outside the cache's names (removed with the next build)."""
    one_off = folder() / f"once-{name}-{language}-{os.getpid()}-{time.monotonic_ns()}.pdf"
    one_off.write_bytes(data)
    return one_off


def _remove_older(name, language, keep):
    for old in [*folder().glob(f"{name}-{language}-*.pdf"), *folder().glob("once-*.pdf")]:
        if old != keep and _older_than(old, seconds=600 if old.name.startswith("once-") else 0):
            old.unlink(missing_ok=True)


def _older_than(path, seconds):
    try:
        return time.time() - path.stat().st_mtime >= seconds
    except FileNotFoundError:
        return False
