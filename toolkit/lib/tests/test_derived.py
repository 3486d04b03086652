"""A value rebuilt off the request path: readers answer from the copy they have while one
background build runs, and only a cold start waits, for the build already running. Real
threads; the build is held open with an event so each moment can be looked at."""

import threading
import time

import pytest

from tests.concurrency import at_once
from toolkit.lib import generation
from toolkit.lib.derived import BuildFailed, Derived

pytestmark = pytest.mark.usefixtures("real_db")  # a bump outside a transaction asks the database


class SlowBuild:
    """A build that takes as long as the test says (until `release()`), counting its runs."""

    def __init__(self):
        self.runs = 0
        self.gate = threading.Event()
        self.fail = False

    def __call__(self, key):
        self.runs += 1
        assert self.gate.wait(30)
        if self.fail:
            raise RuntimeError("the database went away")
        return f"{key} #{self.runs}"

    def release(self):
        self.gate.set()

    def hold(self):
        self.gate.clear()


@pytest.fixture
def background(settings):
    settings.INDEX_BUILDS = "background"
    build = SlowBuild()
    return build, Derived("test value", "test-generation", build)


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_a_cold_start_waits_for_the_one_build_already_running(background):
    build, value = background
    threading.Timer(0.3, build.release).start()
    outcomes = at_once(*[lambda: value.get("en")] * 4)
    assert [o.value for o in outcomes] == ["en #1"] * 4
    assert build.runs == 1


def test_after_a_change_readers_get_the_last_copy_at_once_while_it_is_rebuilt(background):
    build, value = background
    build.release()
    assert value.get("en") == "en #1"
    build.hold()
    generation.bump("test-generation")  # a change was committed
    with generation.request_scope():
        began = time.monotonic()
        assert value.get("en") == "en #1"  # no wait: the build is still held
        assert time.monotonic() - began < 5
        assert generation.is_stale()  # so nothing caches this answer as current
    assert value.building("en")
    assert [value.get("en") for _ in range(20)] == ["en #1"] * 20  # one build, not twenty
    build.release()
    assert wait_for(lambda: not value.building("en"))
    with generation.request_scope():
        assert value.get("en") == "en #2"
        assert not generation.is_stale()
    assert build.runs == 2


def test_a_rebuild_that_fails_keeps_the_last_copy(background):
    build, value = background
    build.release()
    value.get("en")
    build.fail = True
    generation.bump("test-generation")
    assert value.get("en") == "en #1"
    assert wait_for(lambda: not value.building("en"))
    assert value.get("en") == "en #1"  # and the next reader tries again
    assert wait_for(lambda: not value.building("en"))
    build.fail = False
    value.get("en")
    assert wait_for(lambda: value.get("en") == "en #4")


def test_a_first_build_that_fails_says_so_instead_of_answering_nothing(background):
    build, value = background
    build.fail = True
    build.release()
    with pytest.raises(BuildFailed):
        value.get("en")
