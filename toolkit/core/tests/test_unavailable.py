"""A database that cannot be written or reached gives a clear 503 page, not a crash; cached
pages still open, and everything works again once the fault is gone."""

import os
import sqlite3
import subprocess
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, InterfaceError, InternalError, OperationalError, connection
from django.test import Client

from toolkit.participation.models import Submission
from toolkit.participation.tests.helpers import CONTACT, send

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def database_failing(error, statements=WRITES):
    """Every SQL statement that starts with one of `statements` raises `error`."""

    def execute(run, sql, params, many, context):
        if sql.lstrip().upper().startswith(statements):
            raise error
        return run(sql, params, many, context)

    with connection.execute_wrapper(execute):
        yield


def real_readonly_error(tmp_path):
    """The error SQLite itself raises for a write to a read-only database file, wrapped the
    way Django wraps it."""
    path = tmp_path / "readonly.sqlite3"
    with sqlite3.connect(path) as writable:
        writable.execute("CREATE TABLE t (x)")
    readonly = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        readonly.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        wrapped = OperationalError(*error.args)
        wrapped.__cause__ = error
        return wrapped
    finally:
        readonly.close()
    raise AssertionError("SQLite accepted a write to a read-only file")


def test_a_form_sent_to_a_read_only_database_gets_the_unavailable_page(visitor, tmp_path):
    with database_failing(real_readonly_error(tmp_path)):
        response = send(visitor, "contact", CONTACT)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "<h1>The toolkit is unavailable for a moment</h1>" in page
    assert "What you sent has not been saved" in page
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database or disk is full"),
        OperationalError("disk I/O error"),
        OperationalError("unable to open database file"),
        InternalError("cannot execute INSERT in a read-only transaction"),
        OperationalError('could not extend file "base/16384/2619": No space left on device'),
        OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused"
        ),
        OperationalError("consuming input failed: server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
    ids=str,
)
def test_every_kind_of_database_outage_is_a_503(visitor, error):
    with database_failing(error):
        response = send(visitor, "contact", CONTACT)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"


# The cache on a full disk and Redis outages: test_cache_outages.py (real tmpfs, real Redis).


def test_a_bug_is_still_a_server_error_and_never_disguised_as_an_outage(db):
    visitor = Client(raise_request_exception=False)
    with database_failing(IntegrityError("UNIQUE constraint failed: reference")):
        response = send(visitor, "contact", CONTACT)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_once_the_fault_is_gone_the_same_form_is_stored(visitor, tmp_path):
    with database_failing(real_readonly_error(tmp_path)):
        assert send(visitor, "contact", CONTACT).status_code == 503
    response = send(visitor, "contact", CONTACT)
    assert response.status_code == 302
    assert "/participate/status/" in response["Location"]
    assert Submission.objects.count() == 1


def test_cached_pages_still_open_when_the_database_cannot_be_reached(visitor):
    assert visitor.get("/en/advocacy/").status_code == 200  # now in the page cache
    everything = ("SELECT", *WRITES)
    with database_failing(OperationalError("unable to open database file"), everything):
        cached = visitor.get("/en/advocacy/")
        uncached = visitor.get("/en/innovation/")
        health = visitor.get("/healthz")
    assert cached.status_code == 200
    assert cached["X-Page-Cache"] == "hit"
    assert uncached.status_code == 503
    assert "This page cannot be shown just now" in uncached.content.decode()
    assert health.status_code == 503
    assert health.json()["status"] == "error"


def test_the_api_says_so_in_json(visitor):
    with database_failing(OperationalError("unable to open database file"), ("SELECT",)):
        response = visitor.get("/api/v1/practices")
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "unavailable" in response.json()["detail"]


def test_the_unavailable_page_speaks_the_visitors_language_and_direction(visitor):
    with database_failing(OperationalError("database or disk is full")):
        response = send(visitor, "contact", CONTACT, language="ar")
    assert response.status_code == 503
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert response["Content-Language"] == "ar"


@pytest.fixture
def unwritable_file(tmp_path):
    """A file nobody may write, even root (who ignores permissions but not the immutable
    flag of ext4 and most Linux file systems)."""
    path = tmp_path / "toolkit.sqlite3"
    path.touch()
    path.chmod(0o444)
    immutable = os.access(path, os.W_OK) and _chattr("+i", path)
    if os.access(path, os.W_OK):
        pytest.skip("no way to make a file read-only here")
    yield path
    if immutable:
        _chattr("-i", path)


def _chattr(flag, path):
    result = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return result.returncode == 0


def test_healthz_reports_a_read_only_database_file_as_degraded(visitor, unwritable_file):
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite database file")
    real_name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = str(unwritable_file)  # only read by the health check
    try:
        response = visitor.get("/healthz")
    finally:
        connection.settings_dict["NAME"] = real_name
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "the database file is read-only",
        "cache": "ok",
        "state": "ok",
    }
