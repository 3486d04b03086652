"""Every kind of page, in each of the eight languages: the right language and direction on
<html>, no axe violation, and where a page has no translation yet, a visible note and the
English text marked as English."""

import time

import pytest
from django.conf import settings

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = {"ar"}
# Languages with a bundled translation of the toolkit; the others show every page of the
# toolkit in English, with the note.
BUNDLED = {settings.LANGUAGE_CODE, "it", "ar"}
# (kind, path after /<lang>, whether it is toolkit content that may be untranslated)
PAGES = [
    ("home", "/", True),
    ("chapter", "/advocacy/", True),
    ("campaign step", "/campaign/analyse-the-problem/", True),
    ("resources", "/resources/", True),
    # The catalogue page itself is translated in every bundled language (catalogue.toml).
    ("catalogue with a query", "/practices/?q=language&sources=1", False),
    ("practice", "/practices/it-peer-mentors-leaving-reception-palermo/", True),
    ("stories", "/stories/", False),
    ("participation", "/participate/", False),
    ("a participation form", "/participate/story/", False),
    ("planner", "/planner/", False),
    ("download", "/download/", False),
    ("search results", "/search/?q=language", False),
]
# The language of the element nearest to the page's main heading.
HEADING_LANGUAGE = "document.querySelector('main h1').closest('[lang]').getAttribute('lang')"
NOTE_VISIBLE = "(n => !!n && n.offsetParent !== null)(document.querySelector('.fallback-note'))"


def language_problems(page, language, content):
    html = page.locator("html")
    problems = []
    if html.get_attribute("lang") != language:
        problems.append(f"<html lang={html.get_attribute('lang')!r}>")
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    if html.get_attribute("dir") != direction:
        problems.append(f"<html dir={html.get_attribute('dir')!r}>, not {direction}")
    has_note = page.evaluate(NOTE_VISIBLE)
    heading = page.evaluate(HEADING_LANGUAGE)
    if content and language not in BUNDLED and not has_note:
        problems.append("no visible note that the page is not translated")
    if has_note and heading != settings.LANGUAGE_CODE:
        problems.append(f"untranslated heading marked lang={heading!r}")
    if not has_note and heading != language:
        problems.append(f"heading marked lang={heading!r} on a page without the note")
    return problems


def result_language_problems(page, language):
    """Each result card is marked with its text's language, as the JSON twin reports it."""
    twin = page.locator('link[rel="alternate"][type="application/json"]').get_attribute("href")
    records = page.request.get(twin).json()["results"]
    expected = {record["url"]: record["language"] for record in records}
    problems = []
    for link in page.locator(".practice-card__title a").all():
        href, marked = link.get_attribute("href"), link.get_attribute("lang") or language
        path = href.split("?", 1)[0]  # practice links carry the catalogue's view (?back=…)
        text_language = next((lang for url, lang in expected.items() if url.endswith(path)), None)
        if text_language != marked:
            problems.append(f"{href}: marked {marked!r}, written in {text_language!r}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_page_speaks_its_language_and_passes_axe(page, language):
    started, problems = time.monotonic(), []
    for kind, path, content in PAGES:
        response = page.goto(f"/{language}{path}")
        assert response.status == 200, (kind, path, response.status)
        problems += [f"{kind}: {p}" for p in language_problems(page, language, content)]
        if kind == "catalogue with a query":
            problems += [f"{kind}: {p}" for p in result_language_problems(page, language)]
        try:
            assert_accessible(page)
        except AssertionError as violations:  # keep going: one report for the language
            problems.append(f"{kind}: {str(violations).splitlines()[0]} …")
    print(f"{language}: {len(PAGES)} pages in {time.monotonic() - started:.1f} s")
    assert not problems, f"{language}:\n" + "\n".join(problems)
