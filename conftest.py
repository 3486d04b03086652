"""Shared fixtures: the bundled toolkit loaded once per test database, and named personas."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The whole bundled toolkit, as `make run` loads it; each test runs in a transaction
    # that is rolled back, so every test starts from this state.
    with django_db_blocker.unblock():
        call_command("load_toolkit_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def fresh_cache():
    # The page cache outlives a test's rolled-back transaction; start each test without it.
    cache.clear()
    yield
    cache.clear()


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
