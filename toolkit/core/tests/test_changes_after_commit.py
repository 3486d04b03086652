"""What is derived from the database (cached pages, the catalogue index, the API's records)
moves on only once a change is committed. Driven with real threads and real commits: an
editor's publish held open in one thread while visitors read in another."""

import re
import threading
import time

import pytest
from django.db import transaction

from tests.concurrency import in_thread
from toolkit.practices import search
from toolkit.practices.columns import json_record
from toolkit.practices.importer import create_draft
from toolkit.practices.models import PracticeIndexPage, PracticePage
from toolkit.practices.records import records_for

WORD = "quillwort"


@pytest.fixture
def draft(real_db):
    """An unpublished practice, committed, removed again after the test."""
    source = PracticePage.objects.live().filter(locale__language_code="en").first()
    record = json_record(records_for([source.id], "en")[0])
    record.update(slug=f"{WORD}-reading-circle", title=f"The {WORD} reading circle")
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    page, problems = create_draft(record, index)
    assert not problems
    yield page
    PracticePage.objects.get(id=page.id).delete()


def held_open(change):
    """Run `change` in a transaction of another thread and keep it open (not committed)
    until `commit()` is called: the moment an editor's publish is under way."""
    ready, go = threading.Event(), threading.Event()

    def editor():
        with transaction.atomic():
            change()
            ready.set()
            assert go.wait(60)

    thread, outcome = in_thread(editor)
    assert ready.wait(60)

    def commit():
        go.set()
        thread.join(60)
        if outcome.error:
            raise outcome.error

    return commit


def listed(visitor):
    html = visitor.get("/en/practices/").content.decode()
    return int(re.search(r'class="result-count" role="status">(\d+) ', html).group(1))


def found(visitor):
    return visitor.get(f"/api/v1/practices?q={WORD}").json()["total"]


def test_a_page_cached_during_a_publish_is_not_kept_as_the_new_one(visitor, draft):
    before = listed(visitor)
    commit = held_open(
        lambda: PracticePage.objects.get(id=draft.id).get_latest_revision().publish()
    )
    assert listed(visitor) == before  # the publish is not committed: the old list, cached
    commit()
    assert listed(visitor) == before + 1


def test_an_index_built_during_a_publish_is_not_kept_as_the_new_one(visitor, draft):
    assert found(visitor) == 0
    commit = held_open(
        lambda: PracticePage.objects.get(id=draft.id).get_latest_revision().publish()
    )
    assert found(visitor) == 0  # built again now, from the data as it is committed
    commit()
    assert found(visitor) == 1


def test_records_remembered_during_a_publish_are_not_kept_as_the_new_ones(visitor, draft):
    PracticePage.objects.get(id=draft.id).get_latest_revision().publish()

    def rewrite():
        page = PracticePage.objects.get(id=draft.id)
        page.summary = f"A rewritten {WORD} summary."
        page.save_revision().publish()

    old = visitor.get(f"/api/v1/practices/{draft.id}").json()["summary"]
    commit = held_open(rewrite)
    assert visitor.get(f"/api/v1/practices/{draft.id}").json()["summary"] == old
    commit()
    assert visitor.get(f"/api/v1/practices/{draft.id}").json()["summary"] == (
        f"A rewritten {WORD} summary."
    )


def test_a_publish_rolled_back_changes_nothing(visitor, draft):
    before = listed(visitor)

    def publish_then_fail():
        with transaction.atomic():
            PracticePage.objects.get(id=draft.id).get_latest_revision().publish()
            raise RuntimeError("the editor's request failed after the publish")

    thread, outcome = in_thread(publish_then_fail)
    thread.join(60)
    assert isinstance(outcome.error, RuntimeError)
    assert visitor.get("/en/practices/")["X-Page-Cache"] == "hit"  # nothing was emptied
    assert listed(visitor) == before


def test_while_the_index_is_rebuilt_pages_answer_at_once_and_stale_ones_are_not_kept(
    visitor, draft, settings
):
    settings.INDEX_BUILDS = "background"  # as served: rebuilt off the request path
    before = listed(visitor)  # a cold start: waits for the first build
    PracticePage.objects.get(id=draft.id).get_latest_revision().publish()  # committed
    assert listed(visitor) in (before, before + 1)  # the index it had, or the new one
    assert found(visitor) in (0, 1)
    deadline = time.monotonic() + 60
    while search.indexes.building("en") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listed(visitor) == before + 1  # what was answered meanwhile was not kept
    assert found(visitor) == 1
