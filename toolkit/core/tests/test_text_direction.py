"""Text of one direction inside the other keeps its own order: an element with `lang` has
the matching `dir`, fragments of unknown direction are isolated, and lists are joined as the
page's language writes them."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db

UNTRANSLATED = "/ar/practices/nl-co-designed-learning-routes-utrecht/"  # no Arabic text bundled
LANG = re.compile(r"<(\w+)\b([^>]*)\blang=\"([\w-]+)\"([^>]*)>")


def elements_marked(html, language):
    """(tag, attributes) of every element of the page body marked lang=`language`."""
    body = html.split("<body", 1)[1]
    return [(m[1], m[2] + m[4]) for m in LANG.finditer(body) if m[3] == language]


def test_html_has_the_language_and_direction_of_the_page(visitor):
    assert '<html lang="ar" dir="rtl">' in visitor.get("/ar/").content.decode()
    assert '<html lang="en" dir="ltr">' in visitor.get("/en/").content.decode()
    assert '<html lang="uk" dir="ltr">' in visitor.get("/uk/").content.decode()


def test_an_english_practice_on_an_arabic_page_is_marked_left_to_right_wherever_it_shows(
    visitor,
):
    html = visitor.get(UNTRANSLATED).content.decode()
    english = elements_marked(html, "en")
    assert len(english) >= 5  # breadcrumb, heading, summary, description, …
    assert all('dir="ltr"' in attributes for _tag, attributes in english), english
    heading = re.search(r"<h1([^>]*)>", html.split("<main", 1)[1])[1]
    assert 'lang="en"' in heading and 'dir="ltr"' in heading


def test_english_results_in_the_arabic_catalogue_are_marked_left_to_right(visitor):
    html = visitor.get("/ar/practices/?q=utrecht&sources=1").content.decode()
    english = elements_marked(html, "en")
    assert english, "no English result listed"
    assert all('dir="ltr"' in attributes for _tag, attributes in english), english


def test_an_arabic_name_among_the_language_links_of_an_english_page_is_right_to_left(visitor):
    html = visitor.get("/en/").content.decode()
    arabic = elements_marked(html, "ar")
    assert arabic and all('dir="rtl"' in attributes for _tag, attributes in arabic), arabic


def test_lists_on_an_arabic_practice_page_are_joined_with_the_arabic_comma(visitor):
    html = visitor.get(UNTRANSLATED).content.decode()
    facts = html.split('class="practice-facts"', 1)[1].split("</aside>", 1)[0]
    assert "، " in facts and ", " not in facts
    english = visitor.get(UNTRANSLATED.replace("/ar/", "/en/")).content.decode()
    assert "</bdi>, <bdi>" in english.split('class="practice-facts"', 1)[1]


def test_an_organisation_and_a_place_are_isolated_from_the_arabic_text_around_them(visitor):
    html = visitor.get(UNTRANSLATED).content.decode()
    facts = html.split('class="practice-facts"', 1)[1].split("</aside>", 1)[0]
    assert re.search(r"<bdi>[^<]*Utrecht[^<]*</bdi>", facts)
    assert re.search(r">\s*<bdi>[^<]+</bdi></a>", facts)  # the organisation's name


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "<bdi>Oslo</bdi>، <bdi>Roma</bdi>"), ("it", "<bdi>Oslo</bdi>, <bdi>Roma</bdi>")],
)
def test_the_join_list_filter_writes_a_list_as_the_active_language_does(language, expected):
    template = Template("{% load textdirection %}{{ names|join_list }}")
    with translation.override(language):
        assert template.render(Context({"names": ["Oslo", "Roma"]})) == expected


def test_the_filters_give_a_language_its_direction_and_isolate_fragments():
    template = Template(
        "{% load textdirection %}{{ 'ar'|lang_dir }} {{ 'en'|lang_dir }} {{ 'xx'|lang_dir }} "
        "{{ name|isolate }} {{ url|isolate:'en' }}|{{ url|isolate_text:'en' }}|"
        "{{ name|isolate_text }}"
    )
    html = template.render(Context({"name": "<b>Lernwerk e.V.</b>", "url": "https://x.org/"}))
    assert html == (
        "rtl ltr ltr <bdi>&lt;b&gt;Lernwerk e.V.&lt;/b&gt;</bdi> "
        '<bdi dir="ltr">https://x.org/</bdi>|\u2066https://x.org/\u2069|'
        "\u2068&lt;b&gt;Lernwerk e.V.&lt;/b&gt;\u2069"
    )
