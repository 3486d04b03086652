"""Guessing passwords on the admin sign-in page gets nowhere."""

import time

import pytest
from django.conf import settings

PASSWORD = "a long test password"


def attempt(client, username, password, address="203.0.113.5"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_right_password_still_works_after_a_few_mistakes(client, editor, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert attempt(client, "edith", "guess").status_code == 200
    assert attempt(client, "edith", PASSWORD).status_code == 302


def test_an_account_is_paused_after_repeated_failures_even_with_the_right_password(
    client, editor, settings
):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "edith", "guess")
    response = attempt(client, "edith", PASSWORD)
    assert response.status_code == 200
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_a_paused_account_does_not_lock_out_colleagues(client, editor, moderator, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "edith", "guess")
    assert attempt(client, "moritz", PASSWORD, address="198.51.100.7").status_code == 302


def test_unknown_accounts_are_paused_the_same_way_so_names_cannot_be_probed(client, db, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "nobody", "guess")
    assert b"Too many failed attempts" in attempt(client, "nobody", "guess").content


def test_one_address_trying_many_accounts_is_paused(client, moderator, settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT * 4):
        attempt(client, f"user{number}", "guess", address="192.0.2.9")
    response = attempt(client, "moritz", PASSWORD, address="192.0.2.9")
    assert b"Too many failed attempts" in response.content
    assert attempt(client, "moritz", PASSWORD, address="192.0.2.10").status_code == 302


@pytest.fixture
def make_run_cache(settings, tmp_path):
    """The page cache as `make run` has it (files), which once also held the lockout."""
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.lib.cachebackends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 0},  # empties itself when full
        }
    }


def locked_out(client):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        attempt(client, "edith", "guess")
    return b"Too many failed attempts" in attempt(client, "edith", PASSWORD).content


def paused_for_two_seconds(client, settings):
    """Fail until the account is paused, the pause lasting two seconds from the last failure:
    the failures before it are counted in a long window, so a slow machine cannot spread them
    over two windows and never reach the limit."""
    settings.LOGIN_LOCKOUT_SECONDS = 3600
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        attempt(client, "edith", "guess")
    settings.LOGIN_LOCKOUT_SECONDS = 2
    attempt(client, "edith", "guess")
    return b"Too many failed attempts" in attempt(client, "edith", PASSWORD).content


def test_a_pause_ends_when_it_said_even_if_someone_keeps_trying(
    client, editor, settings, make_run_cache
):
    assert paused_for_two_seconds(client, settings)
    paused_at = time.monotonic()
    while time.monotonic() - paused_at < 1.5:  # someone keeps trying during the pause
        assert b"Too many failed attempts" in attempt(client, "edith", PASSWORD).content
        time.sleep(0.1)
    time.sleep(2.1 - (time.monotonic() - paused_at))
    assert attempt(client, "edith", PASSWORD).status_code == 302


def test_after_a_pause_one_more_mistake_does_not_pause_again(
    client, editor, settings, make_run_cache
):
    assert paused_for_two_seconds(client, settings)
    time.sleep(2.1)  # the pause is over; the failures that caused it were counted in an hour
    assert b"Too many failed attempts" not in attempt(client, "edith", "guess").content
    assert attempt(client, "edith", PASSWORD).status_code == 302


def test_culling_the_page_cache_never_lifts_a_pause(client, visitor, editor, make_run_cache):
    assert locked_out(client)
    for path in ("/en/", "/en/advocacy/", "/en/innovation/", "/en/manifesto/", "/en/campaign/"):
        visitor.get(path)  # the cache fills up and empties itself, twice over
        visitor.get(path.replace("/en/", "/it/"))
    assert b"Too many failed attempts" in attempt(client, "edith", PASSWORD).content
