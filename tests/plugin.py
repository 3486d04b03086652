"""Loaded first by pytest (`-p tests.plugin`), before Django reads its settings: gives the
test run its own throwaway state (cache in memory, var/ in a temporary folder) and, with
TEST_DB=postgres, its own PostgreSQL cluster."""

import os
import tempfile

from tests import postgres_cluster

os.environ["TOOLKIT_IGNORE_ENV_FILE"] = "1"  # a developer's .env must not steer the tests
os.environ["CACHE_URL"] = "locmem://"
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
