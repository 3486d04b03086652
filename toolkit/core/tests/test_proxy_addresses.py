"""Behind proxies, the per-visitor limits count each visitor, not the proxy: X-Forwarded-For is
believed from the proxies in TRUSTED_PROXIES only, and only the part they wrote themselves."""

import pytest

pytestmark = pytest.mark.django_db
BALANCER = "10.0.0.5"


def search(visitor, forwarded_for, remote=BALANCER):
    return visitor.get(
        "/api/v1/practices?q=language", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
    ).status_code


def test_visitors_behind_a_load_balancer_on_another_host_are_counted_apart(visitor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/24"]
    settings.SEARCH_RATE_PER_MINUTE = 2
    assert [search(visitor, "203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert search(visitor, "203.0.113.8") == 200


def test_a_visitor_cannot_escape_the_limit_by_sending_its_own_forwarded_for(visitor, settings):
    settings.TRUSTED_PROXIES = [BALANCER]
    settings.SEARCH_RATE_PER_MINUTE = 2
    made_up = ["198.51.100.1, 203.0.113.9", "198.51.100.2, 203.0.113.9", "x, 203.0.113.9"]
    assert [search(visitor, value) for value in made_up] == [200, 200, 429]


def test_two_trusted_hops_are_both_skipped(visitor, settings):
    # The load balancer adds the visitor; nginx on the app server adds the load balancer.
    settings.TRUSTED_PROXIES = ["127.0.0.1", BALANCER]
    settings.SEARCH_RATE_PER_MINUTE = 1
    assert search(visitor, f"203.0.113.10, {BALANCER}", remote="127.0.0.1") == 200
    assert search(visitor, f"203.0.113.10, {BALANCER}", remote="127.0.0.1") == 429
    assert search(visitor, f"203.0.113.11, {BALANCER}", remote="127.0.0.1") == 200


def test_forwarded_for_from_an_untrusted_address_is_ignored(visitor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SEARCH_RATE_PER_MINUTE = 1
    assert search(visitor, "203.0.113.20", remote="192.0.2.30") == 200
    assert search(visitor, "203.0.113.21", remote="192.0.2.30") == 429
