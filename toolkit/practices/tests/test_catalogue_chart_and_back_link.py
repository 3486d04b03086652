"""The catalogue's chart counts what the list shows, long facets fold instead of scrolling,
and a practice page leads back to the very view of the catalogue the reader came from."""

import html as htmllib
import re
from urllib.parse import quote, unquote

import pytest

pytestmark = pytest.mark.django_db


def catalogue(client, query="", language="en"):
    return client.get(f"/{language}/practices/{query}").content.decode()


def count(html):
    return int(re.search(r'class="result-count" role="status">(\d+) ', html).group(1))


def chart(html):
    """{country name: count} of the chart's table twin."""
    section = html.split('class="country-chart"', 1)[1].split("</section>", 1)[0]
    return {name: int(n) for name, n in re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td>", section)}


def practice_links(html):
    return [
        htmllib.unescape(href)
        for href in re.findall(r'class="practice-card__title"><a href="([^"]+)"', html)
    ]


def back_link(client, url):
    html = client.get(url).content.decode()
    return htmllib.unescape(re.search(r'class="back-to-catalogue" href="([^"]*)"', html).group(1))


def test_the_chart_counts_only_the_practices_of_the_chosen_country(visitor):
    html = catalogue(visitor, "?country=IT")
    assert chart(html) == {"Italy": count(html)}


def test_the_chart_adds_up_to_the_result_for_a_search_and_filters(visitor):
    html = catalogue(visitor, "?q=school&sector=vocational&country=IT&country=GR")
    bars = chart(html)
    assert sum(bars.values()) == count(html) > 0
    assert set(bars) <= {"Italy", "Greece"}


def test_the_chart_caption_says_it_counts_the_current_search_and_filters(visitor):
    html = catalogue(visitor, "?country=IT")
    caption = re.search(r"<figcaption>([^<]+)</figcaption>", html).group(1)
    assert f"among the {count(html)} practices" in caption
    assert "current search and filters" in caption


def test_in_arabic_the_chart_is_drawn_from_the_right_edge(visitor):
    html = catalogue(visitor, language="ar")
    width = int(re.search(r'viewBox="0 0 (\d+) \d+"', html).group(1))
    labels = re.findall(
        r'<text x="(\d+)" y="14" text-anchor="start" class="bar-chart__label">', html
    )
    assert labels and {int(x) for x in labels} == {width}
    for x, bar_width in re.findall(r'<rect x="(-?\d+)" y="2" height="16" width="(\d+)"', html):
        assert int(x) >= 0 and int(x) + int(bar_width) <= width


def test_a_long_facet_shows_its_first_values_and_the_rest_behind_show_more(visitor):
    html = catalogue(visitor)
    assert 'tabindex="0"' not in html.split('id="catalogue-body"', 1)[1]  # no scrolling box
    more = re.search(r'<details class="facet__more">\s*<summary>Show (\d+) more</summary>', html)
    assert more and int(more.group(1)) > 0


def test_a_ticked_value_behind_show_more_keeps_its_part_of_the_facet_open(visitor):
    html = catalogue(visitor)
    fieldset = re.search(r"<legend>Start year</legend>.*?</fieldset>", html, re.S).group(0)
    hidden = re.findall(r'name="start_year" value="(\d+)"', fieldset.split("facet__more", 1)[1])
    opened = catalogue(visitor, f"?start_year={hidden[-1]}")
    assert '<details class="facet__more" open>' in opened


def test_the_practice_links_carry_the_view_of_the_catalogue(visitor):
    links = practice_links(catalogue(visitor, "?q=school&country=IT"))
    assert links and all(link.endswith("?back=q%3Dschool%26country%3DIT") for link in links)
    assert all("?" not in link for link in practice_links(catalogue(visitor)))


def test_back_to_all_practices_restores_the_search_and_filters(visitor):
    link = practice_links(catalogue(visitor, "?q=school&country=IT&sort=newest"))[0]
    assert back_link(visitor, link) == "/en/practices/?q=school&country=IT&sort=newest"


def test_without_a_view_the_back_link_is_the_whole_catalogue(visitor):
    link = practice_links(catalogue(visitor))[0]
    assert back_link(visitor, link) == "/en/practices/"


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example/",
        "https://evil.example/en/practices/?q=x",
        "javascript:alert(1)",
        "\\\\evil.example",
        "/%2F%2Fevil.example",
        "q=x&next=https://evil.example",
        'q="><script>alert(1)</script>',
        "country=IT&" + "x" * 3000,
    ],
)
def test_a_hostile_back_value_never_leads_off_the_catalogue(visitor, hostile):
    practice = practice_links(catalogue(visitor))[0]
    link = back_link(visitor, f"{practice}?back={quote(hostile)}")
    assert link.startswith("/en/practices/")
    assert link == "/en/practices/" or link.startswith("/en/practices/?")
    assert "evil" not in unquote(link) and "<script" not in link and "next=" not in link
