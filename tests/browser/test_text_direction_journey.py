"""An Arabic reader on a phone opens an English practice: the page reads right to left, the
English passage left to right with its punctuation in place, and axe finds nothing."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

DIRECTION = "selector => getComputedStyle(document.querySelector(selector)).direction"


def test_an_english_practice_on_an_arabic_phone_reads_left_to_right_inside_a_right_to_left_page(
    page,
):
    assert page.viewport_size["width"] == 390
    response = page.goto("/ar/practices/nl-co-designed-learning-routes-utrecht/")
    assert response.status == 200
    assert page.evaluate(DIRECTION, "html") == "rtl"
    assert page.evaluate(DIRECTION, ".fallback-note") == "rtl"
    assert page.evaluate(DIRECTION, "main h1") == "ltr"
    assert page.evaluate(DIRECTION, "main .lead") == "ltr"
    assert page.evaluate(DIRECTION, ".breadcrumbs [aria-current=page]") == "ltr"
    facts = page.locator(".practice-facts dl").inner_text()
    assert "، " in facts
    assert_accessible(page)


def test_the_arabic_home_names_the_catalogue_in_arabic(page):
    page.goto("/ar/")
    assert "الممارسات الجيدة" in page.locator(".site-nav").text_content()  # folded at 390 px
    assert "الممارسات الجيدة" in page.locator(".sections").inner_text()
    assert_accessible(page)
