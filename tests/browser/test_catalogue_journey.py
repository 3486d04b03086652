"""A practitioner filters the catalogue down to one practice with the keyboard alone."""

import pytest

from .conftest import assert_accessible, press_tab_until

pytestmark = pytest.mark.browser


def test_a_reader_filters_to_one_practice_with_the_keyboard_and_opens_it(page):
    page.goto("/en/practices/")
    assert_accessible(page)
    total = int(page.locator(".result-count").inner_text().split()[0])
    assert total == 50

    press_tab_until(page, "el.id === 'id_q'")
    page.keyboard.type("greenhouse")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/practices/?q=greenhouse*")
    assert_accessible(page)

    # On a phone the filters start folded: open them and tick the first country that still
    # has results, with the keyboard; the results update, the panel folds again and focus
    # moves to the new count.
    assert page.locator("details.filters").get_attribute("open") is None
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.closest('.filters')")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.name === 'country' && !el.disabled")
    page.keyboard.press("Space")
    page.wait_for_url("**country=*")
    page.wait_for_function("document.activeElement.id === 'result-count'")
    assert_accessible(page)
    assert int(page.locator(".result-count").inner_text().split()[0]) >= 1
    assert page.locator(".chip").count() == 2

    press_tab_until(page, "el.closest('.practice-card__title') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/practices/*/?back=*")
    assert page.locator(".badge").first.is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/en/practices/?q=zzzz&country=IT", "/ar/practices/", "/en/practices/?sort=newest&page=2"],
)
def test_catalogue_views_pass_axe(page, path):
    page.goto(path)
    assert_accessible(page)


def test_with_javascript_results_update_in_place_and_the_address_follows(page):
    page.goto("/en/practices/")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.loadedOnce = true")  # survives only if the page is not reloaded
    page.locator("details.filters > summary").click()
    checkbox = page.locator("#f-country-IT")
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_url("**/en/practices/?*country=IT")
    page.wait_for_function("document.querySelectorAll('.chip').length === 1")
    assert page.evaluate("window.loadedOnce") is True
    page.wait_for_function("document.activeElement.id === 'result-count'")  # on a phone
    assert page.locator("#f-country-IT").is_checked()
    total = int(page.locator(".result-count").inner_text().split()[0])
    assert 0 < total < 50
    assert_accessible(page)
    page.go_back()
    page.wait_for_url("**/en/practices/")
    page.wait_for_function("document.querySelectorAll('.chip').length === 0")
