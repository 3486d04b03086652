"""A clear "come back in a few minutes" page when the database (or the disk) cannot be
written or reached, instead of a 500 error.

A read-only or full disk, a database server that restarts or refuses connections: these pass
(by themselves or by an operator's hand), they are not bugs, and the visitor should be told so
and nothing else. The worker stays up and keeps serving what it can: pages from the page cache
(which sits before this middleware and needs no database) and every read that still works.
Programming errors (IntegrityError, ProgrammingError, any other exception) stay 500s, so a
real bug is never disguised as an outage. See docs/reliability.md."""

import errno
import json
import logging
import os

from django.db import DatabaseError, InterfaceError, connection
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120
# Below this much free space the SQLite file cannot grow its write-ahead log any more.
FULL_BELOW_BYTES = 1024 * 1024

# What SQLite and PostgreSQL (through psycopg) say when the storage or the server is the
# problem, lower-cased. The messages are stable across versions; PostgreSQL also gives a code.
OUTAGE_MESSAGES = (
    "attempt to write a readonly database",
    "database or disk is full",
    "disk i/o error",
    "unable to open database file",
    "database is locked",
    "read-only transaction",
    "no space left on device",
    "could not extend file",
    "connection refused",
    "server closed the connection",
    "connection already closed",
    "connection is lost",
    "the connection is closed",
    "terminating connection",
    "the database system is",
    "could not connect to server",
    "connection failed",
)
# SQLSTATE classes: 08 connection exception, 53 insufficient resources (disk full, too many
# connections), 57P operator intervention (shutdown, restart), 58 system error (I/O), and
# 25006 read-only transaction.
OUTAGE_SQLSTATES = ("08", "53", "57P", "58", "25006")
OUTAGE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}


def is_outage(error):
    """True for a fault of the storage or the database server, False for anything else."""
    if isinstance(error, OSError) and not isinstance(error, DatabaseError):
        return error.errno in OUTAGE_ERRNOS
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, DatabaseError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None) or ""
    if sqlstate.startswith(OUTAGE_SQLSTATES):
        return True
    message = str(error).lower()
    return any(known in message for known in OUTAGE_MESSAGES)


def database_unavailable(get_response):
    """Middleware: a view that meets an outage answers with the 503 page."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if not is_outage(exception):
            return None
        logger.error(
            "service unavailable: %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        return unavailable_response(request)

    middleware.process_exception = process_exception
    return middleware


def unavailable_response(request):
    """The 503 page, rendered without the request: no context processor, no database."""
    content, content_type = _page(request)
    response = HttpResponse(content, content_type=content_type, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _page(request):
    if request.path.startswith("/api/"):
        message = gettext("The toolkit is unavailable for a moment. Please try again later.")
        return json.dumps({"detail": message}), "application/json"
    try:
        context = {"sent_something": request.method == "POST"}
        return loader.render_to_string("core/unavailable.html", context), "text/html"
    except Exception:  # noqa: BLE001 - this page is the last resort; plain text always works
        logger.exception("the unavailable page could not be rendered")
        text = gettext("The toolkit is unavailable for a moment. Please try again later.")
        return text, "text/plain; charset=utf-8"


def write_problem():
    """Why the database cannot take writes, though it answers reads; None when it can.

    SQLite: the file is not writable (read-only mount, immutable file, permissions) or its
    disk is full. PostgreSQL: the server runs read-only (a standby, or an operator's
    `default_transaction_read_only`). A full disk on a PostgreSQL server is invisible from
    here; the 503 pages and the log show it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW transaction_read_only")
            read_only = cursor.fetchone()[0] == "on"
        return "read-only transactions" if read_only else None
    if connection.vendor == "sqlite":
        return _sqlite_file_problem(connection.settings_dict["NAME"])
    return None


def _sqlite_file_problem(name):
    path = str(name)
    if not os.path.isfile(path):  # an in-memory database (the tests) has no file
        return None
    files = [path] + [path + suffix for suffix in ("-wal", "-shm") if os.path.exists(path + suffix)]
    if not all(os.access(each, os.W_OK) for each in files):
        return "the database file is read-only"
    disk = os.statvfs(path)
    # root may write into the blocks a file system reserves for it; others may not.
    blocks = disk.f_bfree if os.geteuid() == 0 else disk.f_bavail
    if blocks * disk.f_frsize < FULL_BELOW_BYTES:
        return "the disk of the database is full"
    return None
