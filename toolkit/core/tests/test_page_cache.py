"""Anonymous visitors get cached pages; every publish makes the next request fresh."""

import pytest

from toolkit.chapters.models import ChapterPage

pytestmark = pytest.mark.django_db


def test_the_second_anonymous_visit_is_served_from_the_cache(visitor):
    first = visitor.get("/en/advocacy/")
    second = visitor.get("/en/advocacy/")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_change_shows_on_the_next_visit(visitor, committed):
    visitor.get("/en/advocacy/")
    chapter = ChapterPage.objects.get(slug="advocacy", locale__language_code="en")
    chapter.title = "Freshly published title"
    with committed():
        chapter.save_revision().publish()
    response = visitor.get("/en/advocacy/")
    assert "X-Page-Cache" not in response
    assert "Freshly published title" in response.content.decode()


def test_unpublishing_a_page_removes_it_at_once(visitor, committed):
    visitor.get("/en/innovation/")
    with committed():
        ChapterPage.objects.get(slug="innovation", locale__language_code="en").unpublish()
    assert visitor.get("/en/innovation/").status_code == 404


def test_signed_in_editors_and_searches_are_never_cached(client, editor):
    client.force_login(editor)
    client.get("/en/advocacy/")
    assert "X-Page-Cache" not in client.get("/en/advocacy/")
    client.logout()
    client.get("/en/search/?q=advocacy")
    assert "X-Page-Cache" not in client.get("/en/search/?q=advocacy")
