"""Rate-limit windows that are windows, counts that are never lost, generation tokens that never
repeat: on each shared-state backend, driven by real threads and processes, with the cache set
up as `make run` sets it (files under var/cache)."""

import multiprocessing
import time

import pytest
from django.db import connections

from tests.concurrency import at_once
from tests.outages import RedisServer
from toolkit.lib import generation, ratelimit, sharedstate

pytestmark = pytest.mark.usefixtures("real_db")


@pytest.fixture(params=["sqlite file", "database", "redis"])
def state(request, settings, tmp_path):
    # The page cache as `make run` has it: rate limits once lived in it and lost counts.
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.lib.cachebackends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    server = None
    if request.param == "sqlite file":
        settings.STATE_URL = f"sqlite:///{tmp_path}/state.sqlite3"
    elif request.param == "database":
        settings.STATE_URL = "database"
    else:
        server = RedisServer().start()
        settings.STATE_URL = server.url
    store = sharedstate.store()
    store.clear()
    yield store
    store.clear()
    if server:
        server.close()


def allowed_in_a_burst(scope, limit, hits):
    return sum(bool(ratelimit.allow(scope, "203.0.113.9", limit, 60)) for _ in range(hits))


def test_parallel_requests_never_lose_a_count(state):
    outcomes = at_once(*[lambda: allowed_in_a_burst("burst", 100, 50)] * 8)
    assert [o.error for o in outcomes] == [None] * 8
    assert sum(o.value for o in outcomes) == 100  # exactly the limit, of 400 tries
    assert state.hit(ratelimit._key("burst", "203.0.113.9"), 60).value == 401


def _burst_in_a_process(_number):
    try:
        return allowed_in_a_burst("processes", 100, 50)
    finally:
        connections.close_all()


def test_processes_count_together(state):
    connections.close_all()  # a forked child must open its own connection
    with multiprocessing.get_context("fork").Pool(4) as pool:
        allowed = pool.map(_burst_in_a_process, range(4))
    assert sum(allowed) == 100


def test_a_window_closes_when_it_said_however_often_it_is_hit(state):
    began = time.time()
    verdicts = []
    while time.time() - began < 2.5:
        verdicts.append((time.time() - began, ratelimit.allow("window", "me", 1, 1.0)))
        time.sleep(0.05)
    allowed = [moment for moment, verdict in verdicts if verdict]
    # One hit per window gets through: the first, and the first after each window closed,
    # although every refused hit in between was counted.
    assert len(allowed) == 3
    assert allowed[0] < 0.1 and 1.0 <= allowed[1] < 1.2 and 2.0 <= allowed[2] < 2.3
    assert all(v.retry_after == 1 for _moment, v in verdicts if not v)


def test_a_polite_client_that_waits_retry_after_is_let_back_in(state):
    assert ratelimit.allow("polite", "me", 2, 2.0) and ratelimit.allow("polite", "me", 2, 2.0)
    refused = ratelimit.allow("polite", "me", 2, 2.0)
    assert not refused and 1 <= refused.retry_after <= 2
    time.sleep(refused.retry_after)
    assert ratelimit.allow("polite", "me", 2, 2.0)


def test_a_generation_never_repeats_even_after_the_store_forgets_it(state):
    first = generation.current("pages")
    generation.bump("pages")  # outside a transaction: at once
    second = generation.current("pages")
    state.clear()  # Redis restarted empty, the state file deleted
    third = generation.current("pages")
    assert len({first, second, third}) == 3


def test_only_one_of_many_claims_wins(state):
    outcomes = at_once(*[lambda: state.add("claim", "mine", 30)] * 8)
    assert sorted(o.value for o in outcomes) == [False] * 7 + [True]
    assert state.get("claim") == "mine"


def test_a_restore_makes_every_token_new_and_keeps_the_limits(state):
    before = {name: generation.current(name) for name in ("pages", "practices", "x_y%")}
    assert ratelimit.allow("kept", "me", 1, 60)
    generation.forget_all()
    after = {name: generation.current(name) for name in before}
    assert all(after[name] != before[name] for name in before)
    assert not ratelimit.allow("kept", "me", 1, 60)  # the window of the limit is still there
