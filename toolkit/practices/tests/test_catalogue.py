"""A practitioner finds practices that fit their context: search, facets, sort, pages."""

import re

import pytest

from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db


def catalogue(client, query="", language="en"):
    return client.get(f"/{language}/practices/{query}").content.decode()


def count(html):
    return int(re.search(r'class="result-count" role="status">(\d+) ', html).group(1))


def titles(html):
    return re.findall(r'class="practice-card__title"><a href="[^"]+">([^<]+)</a>', html)


def facet_count(html, facet, value):
    match = re.search(
        rf'name="{facet}" value="{re.escape(value)}"[^>]*>\s*<span>[^<]+</span>'
        r' <span class="facet__count">\((\d+)\)',
        html,
    )
    return int(match.group(1))


def test_the_catalogue_shows_fifty_example_practices_from_at_least_six_countries(visitor):
    html = catalogue(visitor)
    assert count(html) == 50
    assert html.count('<span class="badge">Example</span>') == 20  # the first page
    assert PracticePage.objects.filter(locale__language_code="en", is_example=True).count() == 50
    countries = set(PracticePage.objects.values_list("country", flat=True))
    assert len(countries) >= 6


def test_values_of_one_facet_combine_with_or(visitor):
    html = catalogue(visitor)
    italy, greece = facet_count(html, "country", "IT"), facet_count(html, "country", "GR")
    assert count(catalogue(visitor, "?country=IT&country=GR")) == italy + greece


def test_facets_combine_with_and_and_counts_ignore_their_own_selection(visitor):
    everything = catalogue(visitor)
    italy = catalogue(visitor, "?country=IT")
    both = catalogue(visitor, "?country=IT&participation=migrant-led")
    assert count(both) <= min(count(italy), facet_count(everything, "participation", "migrant-led"))
    assert facet_count(italy, "country", "GR") == facet_count(everything, "country", "GR")
    assert facet_count(italy, "participation", "migrant-led") == count(both)


def test_a_value_with_no_result_is_shown_disabled_not_hidden(visitor):
    html = catalogue(visitor, "?q=greenhouse")
    options = re.findall(
        r'<input type="checkbox" id="[^"]+" name="(\w+)" value="([^"]+)"([^>]*)>\s*'
        r'<span>[^<]*</span> <span class="facet__count">\((\d+)\)',
        html,
    )
    empty = [(name, value, attrs) for name, value, attrs, n in options if n == "0"]
    assert len(empty) > 10
    assert all("disabled" in attrs for _, _, attrs in empty)
    assert len({name for name, _, _ in empty}) >= 3  # across several facets


def test_search_finds_words_by_stem_prefix_and_without_accents(visitor):
    assert count(catalogue(visitor, "?q=apprenticeships")) >= 1
    assert count(catalogue(visitor, "?q=apprentic")) == count(
        catalogue(visitor, "?q=apprenticeship")
    )
    assert count(catalogue(visitor, "?q=malmo")) == count(catalogue(visitor, "?q=malmö")) >= 1


def test_every_word_must_match(visitor):
    one = count(catalogue(visitor, "?q=language"))
    two = count(catalogue(visitor, "?q=language+library"))
    assert 0 < two < one


def test_results_say_where_the_search_matched(visitor):
    html = catalogue(visitor, "?q=greenhouse")
    assert "Found in the" in html and "<mark>" in html


def test_sort_by_title_and_newest(visitor):
    by_title = titles(catalogue(visitor, "?sort=title"))
    assert by_title == sorted(by_title, key=str.casefold)
    newest = catalogue(visitor, "?sort=newest")
    years = [int(y) for y in re.findall(r"since (\d{4})", newest)]
    assert years == sorted(years, reverse=True)


def test_pages_split_the_results_and_a_page_past_the_end_is_empty_not_an_error(visitor):
    first, second = (
        titles(catalogue(visitor, "?sort=title")),
        titles(catalogue(visitor, "?sort=title&page=2")),
    )
    assert len(first) == 20 and len(second) == 20 and not set(first) & set(second)
    assert titles(catalogue(visitor, "?page=99")) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"AND NEAR( *',
        "AND",
        "-x",
        "col:x",
        "((",
        "*",
        "x" * 10_000,
        "😀",
        "nul\x00byte",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_search_text_never_breaks_the_catalogue(visitor, query):
    response = visitor.get("/en/practices/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_filter_values_are_reported_and_the_rest_still_works(visitor):
    html = catalogue(visitor, "?country=ZZ&sector=vocational&page=abc")
    assert "There is a problem" in html
    assert count(html) == facet_count(catalogue(visitor), "sector", "vocational")


def test_an_empty_result_suggests_which_filter_to_drop(visitor):
    html = catalogue(visitor, "?q=greenhouse&country=PT")
    assert count(html) == 0
    assert "Remove the filter" in html and 'href="?q=greenhouse"' in html


def test_active_filters_show_as_chips_with_a_way_to_clear_them_all(visitor):
    html = catalogue(visitor, "?country=IT&sector=vocational&q=work")
    assert html.count('class="chip"') == 3
    assert 'class="chips__clear" href="?"' in html


def test_the_country_chart_has_a_table_twin(visitor):
    html = catalogue(visitor)
    assert '<svg class="bar-chart" role="img"' in html
    assert "<td>Italy</td>" in html


def test_the_catalogue_follows_publish_unpublish_and_edits(visitor, committed):
    assert count(catalogue(visitor)) == 50
    practice = PracticePage.objects.filter(locale__language_code="en").first()
    with committed():
        practice.unpublish()
    assert count(catalogue(visitor)) == 49
    practice.title = "Quixotic orchard literacy"
    with committed():
        practice.save_revision().publish()
    assert count(catalogue(visitor, "?q=quixotic")) == 1
    with committed():
        practice.delete()
    assert count(catalogue(visitor, "?q=quixotic")) == 0


def test_the_catalogue_needs_a_fixed_number_of_queries(visitor, django_assert_num_queries):
    visitor.get("/en/practices/")  # the index and the navigation are built once per process
    with django_assert_num_queries(8):
        visitor.get("/en/practices/?sector=vocational&q=work")
    with django_assert_num_queries(8):
        visitor.get("/en/practices/?sort=title&page=2")


def test_the_api_needs_at_most_three_queries_however_many_results(
    visitor, django_assert_max_num_queries
):
    visitor.get("/api/v1/practices")
    for size in (1, 20, 100):
        with django_assert_max_num_queries(3):
            visitor.get(f"/api/v1/practices?per_page={size}&sort=newest")


def test_the_catalogue_in_another_language_lists_the_same_practices(visitor):
    html = catalogue(visitor, language="it")
    assert count(html) == 50 and 'href="/it/practices/' in html


def test_practices_appear_in_the_site_search(visitor):
    html = visitor.get("/en/search/", {"q": "greenhouse"}).content.decode()
    assert "Good practice" in html and "/en/practices/" in html
