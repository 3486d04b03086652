"""Loaded first by pytest (`-p tests.plugin`), before Django reads its settings: gives the
test run its own throwaway state (cache in memory, var/ in a temporary folder) and, with
TEST_DB=postgres, its own PostgreSQL cluster."""

import os
import tempfile

from tests import postgres_cluster

os.environ["TOOLKIT_IGNORE_ENV_FILE"] = "1"  # a developer's .env must not steer the tests
os.environ["CACHE_URL"] = "locmem://"
# A test's data lives in its transaction, which a background build thread cannot see; the
# tests of background builds switch it back (toolkit/lib/tests/test_derived.py).
os.environ["INDEX_BUILDS"] = "inline"
os.environ.pop("STATE_URL", None)
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="toolkit-test-var-")
os.makedirs(os.path.join(os.environ["VAR_DIR"], "static"))
os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("HTTPS", None)
# Tests sign people in with force_login; toolkit/accounts/tests switch two-factor back on.
os.environ["TWO_FACTOR_REQUIRED"] = "false"

if os.environ.get("TEST_DB") == "postgres":
    if not postgres_cluster.available():
        raise RuntimeError("TEST_DB=postgres, but initdb and pg_ctl were not found")
    os.environ["DATABASE_URL"] = postgres_cluster.start()


def pytest_configure(config):
    # pytest-django sets up the test database only for tests that ask for `db` (in a rolled-back
    # transaction) or flush it afterwards; `real_db` (conftest.py) needs it set up too, without
    # either. Taught here, where pytest-django decides which databases a test needs.
    from pytest_django import fixtures

    decide = fixtures._get_databases_for_test

    def databases_for_test(test):
        if "real_db" in getattr(test, "fixturenames", ()):
            return ("default",), False
        return decide(test)

    fixtures._get_databases_for_test = databases_for_test


def pytest_collection_modifyitems(config, items):
    """In the PostgreSQL run, leave out the tests marked `same_on_every_database`: they start
    their own SQLite site or never touch the database, so the SQLite run has already run them
    exactly as they would run here (CONTRIBUTING.md)."""
    if os.environ.get("TEST_DB") != "postgres":
        return
    kept = [item for item in items if item.get_closest_marker("same_on_every_database") is None]
    left_out = [item for item in items if item not in kept]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
