"""On a phone the header leaves the first screen to the page: name, language, a menu button
and the search; the sections open from the button, with or without JavaScript."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

PAGES = [
    "/{lang}/",
    "/{lang}/practices/",
    "/{lang}/practices/it-qualifications-desk-turin/",
    "/{lang}/campaign/craft-messages/",
]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", PAGES[:2])
def test_on_a_phone_the_header_is_compact_and_the_menu_button_opens_the_sections(
    page, language, path
):
    page.goto(path.format(lang=language))
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 0.25 * 844, f"the header is {header['height']}px high"
    assert page.locator("#site-search-q").is_visible()
    assert page.locator(".language-switcher > summary").is_visible()
    sections = page.locator(".site-nav a")
    assert not sections.first.is_visible()
    page.locator(".site-menu > summary").click()
    assert sections.first.is_visible() and sections.last.is_visible()
    assert_accessible(page)


def test_the_menu_button_works_with_the_keyboard_and_without_javascript(browser, site_url):
    context = browser.new_context(
        base_url=site_url, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto("/en/")
        page.locator(".site-menu > summary").focus()
        page.keyboard.press("Enter")
        page.locator(".site-nav a[href='/en/planner/']").click()
        page.wait_for_url("**/en/planner/")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_at_desktop_width_the_sections_are_always_shown_and_the_button_hidden(page, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/{language}/")
    assert not page.locator(".site-menu > summary").is_visible()
    for link in page.locator(".site-nav a").all():
        assert link.is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_page_is_wider_than_a_320_pixel_screen(page, language):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in PAGES:
        page.goto(path.format(lang=language))
        for opened in ("", ".site-menu > summary"):
            if opened:
                page.locator(opened).click()
            width = page.evaluate("document.documentElement.scrollWidth")
            inner = page.evaluate("window.innerWidth")
            assert width <= inner, f"{page.url} is {width}px wide at {inner}px"
