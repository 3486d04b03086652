"""A reader searching in their language can also search the source language (English): a
practice whose English text matches is listed too — as its translation when it has one, or as
the English text, marked as English, when it has not."""

import re

import pytest

pytestmark = pytest.mark.django_db

# "volunteering": the Italian stemmer keeps the word whole, so the Italian catalogue finds
# nothing; English stems it ("volunt") and finds volunteers and volunteering.
WORD = "volunteering"


def page(client, query, language="it"):
    return client.get(f"/{language}/practices/{query}").content.decode()


def count(html):
    return int(re.search(r'class="result-count" role="status">(\d+) ', html).group(1))


def cards(html):
    """(href, lang attribute or None) of every result card's title link."""
    title_link = r'class="practice-card__title"><a href="([^"?]+)[^"]*"(?: lang="([a-z]+)")?'
    return re.findall(title_link + r'(?: dir="\w+")?>', html)


def api(client, **params):
    return client.get("/api/v1/practices", {"per_page": 100, **params}).json()


def slugs(answer):
    return [record["slug"] for record in answer["results"]]


def test_a_word_only_the_english_text_has_is_found_when_the_source_language_is_included(
    visitor,
):
    assert count(page(visitor, f"?q={WORD}")) == 0
    html = page(visitor, f"?q={WORD}&sources=1")
    found = cards(html)
    assert count(html) == len(found) > 0
    assert all(href.startswith("/it/practices/") for href, _lang in found)
    assert len({href for href, _lang in found}) == len(found)  # nothing twice


def test_untranslated_results_are_marked_english_and_translated_ones_lead_to_the_translation(
    visitor,
):
    found = cards(page(visitor, f"?q={WORD}&sources=1"))
    languages = {
        record["slug"]: record["language"]
        for record in (api(visitor, q=WORD, lang="it", sources="1")["results"])
    }
    by_slug = {href.rstrip("/").rsplit("/", 1)[-1]: lang for href, lang in found}
    assert set(by_slug) == set(languages)
    assert set(by_slug.values()) == {"en", ""}  # both kinds in this search
    for slug, lang in by_slug.items():
        assert lang == ("en" if languages[slug] == "en" else "")


def test_the_results_are_this_languages_and_the_source_languages_matches_together(visitor):
    for word in (WORD, "mentors", "refugees", "women classes"):
        italian = set(slugs(api(visitor, q=word, lang="it")))
        english = set(slugs(api(visitor, q=word, lang="en")))
        both = api(visitor, q=word, lang="it", sources="1")
        assert len(slugs(both)) == len(set(slugs(both))) == both["total"]
        assert set(slugs(both)) == italian | english, word


def test_the_facet_counts_count_exactly_the_results(visitor):
    answer = api(visitor, q=WORD, lang="it", sources="1")
    countries = {value["value"]: value["count"] for value in answer["facets"]["country"]}
    assert sum(countries.values()) == answer["total"] > 0
    country, expected = max(countries.items(), key=lambda item: item[1])
    narrowed = api(visitor, q=WORD, lang="it", sources="1", country=country)
    assert narrowed["total"] == expected
    html = page(visitor, f"?q={WORD}&sources=1&country={country}")
    assert count(html) == expected


def test_the_option_is_a_bookmarkable_checkbox_that_the_json_twin_follows(visitor):
    html = page(visitor, f"?q={WORD}&sources=1")
    box = re.search(r'<input type="checkbox" name="sources"[^>]*>', html).group(0)
    assert 'value="1"' in box and "checked" in box
    label = re.search(r'<label for="id_sources">.*?</label>', html, re.S).group(0)
    assert "Inglese" in label  # the source language, named in the reader's language
    api_link = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html)
    assert "sources=1" in api_link.group(1).replace("&amp;", "&")
    unticked = page(visitor, f"?q={WORD}")
    box = re.search(r'<input type="checkbox" name="sources"[^>]*>', unticked).group(0)
    assert "checked" not in box


def test_sources_0_is_off_and_on_or_true_are_on(visitor):
    assert count(page(visitor, f"?q={WORD}&sources=0")) == 0
    on = count(page(visitor, f"?q={WORD}&sources=1"))
    assert count(page(visitor, f"?q={WORD}&sources=on")) == on
    assert api(visitor, q=WORD, lang="it", sources="true")["total"] == on


def test_an_empty_result_suggests_searching_the_source_language_too(visitor):
    html = page(visitor, f"?q={WORD}")
    hint = re.search(r'<a href="(\?[^"]*sources=1[^"]*)" hx-boost="false">([^<]+)</a>', html)
    assert hint, html[html.find("no-results") :][:1000]
    followed = visitor.get(f"/it/practices/{hint.group(1).replace('&amp;', '&')}")
    assert count(followed.content.decode()) == count(page(visitor, f"?q={WORD}&sources=1"))


def test_in_the_source_language_the_option_is_not_offered_and_changes_nothing(visitor):
    html = page(visitor, f"?q={WORD}", language="en")
    assert 'name="sources"' not in html
    assert count(page(visitor, f"?q={WORD}&sources=1", language="en")) == count(html) > 0


def test_filters_without_words_are_not_changed_by_the_option(visitor):
    assert count(page(visitor, "?country=IT&sources=1")) == count(page(visitor, "?country=IT"))
