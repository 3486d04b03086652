"""A practitioner on a phone reads the toolkit with the keyboard alone."""

import pytest

from .conftest import assert_accessible, press_tab_until

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_home_through_the_campaign_steps_switches_language_and_searches(page):
    page.goto("/en/")
    assert_accessible(page)

    # The skip link is the first stop and takes focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Into the campaign chapter from the section list on the home page.
    press_tab_until(
        page, "el.textContent.trim() === 'Building an advocacy campaign' && el.closest('main')"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/campaign/")
    assert_accessible(page)

    # The first step, then onwards with "Next".
    press_tab_until(page, "el.getAttribute('href') === '/en/campaign/analyse-the-problem/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/analyse-the-problem/")
    assert page.locator("h1").inner_text() == "Analyse the problem and the rights at stake"
    assert_accessible(page)
    press_tab_until(page, "el.getAttribute('rel') === 'next'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/set-goals-and-objectives/")
    assert_accessible(page)

    # Switch language: the same page, in German, says it is not translated yet.
    press_tab_until(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.getAttribute('hreflang') === 'de'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/campaign/set-goals-and-objectives/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator(".fallback-note").is_visible()
    assert_accessible(page)

    # Search from the header.
    press_tab_until(page, "el.id === 'site-search-q'")
    page.keyboard.type("coalitions")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/search/?q=coalitions")
    assert page.locator(".search-result").count() > 0
    assert page.locator(".search-result mark").first.is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/ar/",
        "/ar/manifesto/solidarity/",
        "/en/recommendations/",
        "/en/resources/",
        "/en/privacy/",
        "/en/search/?q=%22AND",
        "/en/no-such-page/",
        "/en/download/",
        "/ar/download/?view=country%3DIT",
        "/en/practices/it-qualifications-desk-turin/",
    ],
)
def test_other_pages_pass_axe_in_left_to_right_and_right_to_left(page, path):
    page.goto(path)
    assert_accessible(page)


def test_the_site_is_usable_at_320_pixels_wide_without_sideways_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/en/", "/en/campaign/craft-messages/", "/ar/resources/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide"
