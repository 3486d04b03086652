"""Shared fixtures: the bundled toolkit loaded once per test database, and named personas."""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command

from toolkit.lib import sharedstate


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # SQLite's test database in a file, not in memory: threads and processes of the
    # concurrency tests then share it as `make run`'s processes share var/toolkit.sqlite3
    # (WAL, one writer at a time), instead of tripping over shared-cache table locks.
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = os.path.join(settings.VAR_DIR, "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The whole bundled toolkit, as `make run` loads it; each test runs in a transaction
    # that is rolled back, so every test starts from this state.
    with django_db_blocker.unblock():
        call_command("load_toolkit_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def fresh_cache():
    # The page cache and the shared state (limits, lockouts, generation tokens) outlive a
    # test's rolled-back transaction; start each test without them.
    cache.clear()
    sharedstate.store().clear()
    yield
    cache.clear()
    sharedstate.store().clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` — what the block does counts as committed when it ends: what
    waits for a commit (generation bumps, e-mail) runs then, as after a real commit. (A
    test's own transaction is rolled back, never committed.)"""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def real_db(django_db_setup, django_db_blocker):
    """The test database without the test's transaction around it: every write is really
    committed, so other threads and processes see it. A test that uses it removes what it
    made (tests/concurrency.py helps)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def visitor(client):
    """Someone reading the toolkit, not signed in."""
    return client


def _member_of(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", "a long test password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _member_of("Editors", "edith")


@pytest.fixture
def moderator(db):
    return _member_of("Moderators", "moritz")
