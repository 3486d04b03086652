"""Site search: finds chapters by stem and prefix, marks where, and survives any input."""

import pytest

from toolkit.chapters.models import ChapterPage

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    '"AND NEAR( *',
    "AND",
    "NOT OR",
    "-x",
    "col:x",
    "title:advocacy",
    "((((",
    "*",
    "advoc*",
    "a" * 10_000,
    "😀 🏳️‍🌈",
    "nul\x00byte",
    "<script>alert(1)</script>",
    "'; DROP TABLE wagtailcore_page; --",
    "%00",
    "\u202e\u200b",
]


def search(client, query, language="en"):
    return client.get(f"/{language}/search/", {"q": query})


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_search_text_gives_results_or_a_clear_message_never_an_error(visitor, query):
    response = search(visitor, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "result" in html or "There is a problem" in html or "Please type" in html


def test_a_query_that_is_far_too_long_is_refused_with_a_message_beside_the_field(visitor):
    html = search(visitor, "advocacy " * 100).content.decode()
    assert "There is a problem" in html
    assert 'href="#id_q"' in html and "at most 200 characters" in html
    assert 'value="advocacy advocacy' in html  # the visitor's text is kept


def test_search_finds_chapters_by_word_stem(visitor):
    html = search(visitor, "coalitions").content.decode()
    assert "Build alliances" in html or "coalition" in html
    assert "<mark>coalition" in html.lower() or "<mark>coalitions" in html.lower()


def test_search_matches_the_last_word_as_a_prefix(visitor):
    html = search(visitor, "power inter").content.decode()
    assert "<mark>interest</mark>" in html.lower()


def test_search_ignores_accents(visitor):
    plain = search(visitor, "education").content.decode()
    accented = search(visitor, "éducation").content.decode()
    assert plain.count('class="search-result"') == accented.count('class="search-result"') > 0


def test_the_best_match_comes_first(visitor):
    html = search(visitor, "SMART objectives").content.decode()
    first = html.index('class="search-result"')
    assert "Set a goal and SMART objectives" in html[first : first + 600]


def test_search_follows_a_publish_at_once(visitor, committed):
    search(visitor, "zanzibarian")
    chapter = ChapterPage.objects.get(slug="innovation", locale__language_code="en")
    chapter.summary = "A zanzibarian idea for learning together."
    with committed():
        chapter.save_revision().publish()
    html = search(visitor, "zanzibarian").content.decode()
    assert "1 result for" in html
    assert "<mark>zanzibarian</mark>" in html


def test_a_title_with_markup_is_escaped_in_results(visitor):
    chapter = ChapterPage.objects.get(slug="innovation", locale__language_code="en")
    chapter.title = "<img src=x onerror=alert(1)> Innovation"
    chapter.save_revision().publish()
    html = search(visitor, "innovation").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_search_in_another_language_finds_its_pages(visitor):
    html = search(visitor, "coalition", language="it").content.decode()
    assert 'href="/it/' in html
    assert 'lang="en"' in html  # untranslated text is marked as English


def test_results_are_paginated(visitor):
    first = search(visitor, "and").content.decode()
    assert 'rel="next"' in first
    second = visitor.get("/en/search/", {"q": "and", "page": 2}).content.decode()
    assert "Page 2 of" in second
    assert visitor.get("/en/search/", {"q": "and", "page": "x"}).status_code == 200
