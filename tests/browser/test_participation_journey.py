"""A practitioner tells how they used the toolkit, with the keyboard alone."""

import pytest

from .conftest import assert_accessible, press_tab_until

pytestmark = pytest.mark.browser


def fill(page, element_id, text):
    press_tab_until(page, f"el.id === '{element_id}'", limit=200)
    page.keyboard.type(text)


def test_a_story_is_sent_with_the_keyboard_and_followed_on_its_status_page(page):
    page.goto("/en/participate/")
    assert_accessible(page)
    press_tab_until(page, "el.textContent.trim() === 'Tell us how you used the toolkit'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/participate/story/")
    assert_accessible(page)
    fill(page, "id_title", "Evening classes in Bari")
    fill(page, "id_what", "We used the nine steps with learners.")
    fill(page, "id_change", "Two new classes opened.")
    press_tab_until(page, "el.id === 'id_migrants_took_part_0'", limit=200)
    page.keyboard.press("Space")
    press_tab_until(page, "el.id === 'id_consent_publish'", limit=200)
    page.keyboard.press("Space")
    page.wait_for_timeout(3000)  # people take a moment; so does the time trap
    press_tab_until(page, "el.textContent.trim() === 'Send'", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/participate/status/" in page.url
    assert page.locator("h1").inner_text().startswith("Submission ")
    assert "Received" in page.locator(".status").inner_text()
    assert_accessible(page)


def test_a_missing_answer_is_announced_and_nothing_typed_is_lost(page):
    page.goto("/en/participate/story/")
    fill(page, "id_title", "Only a title")
    page.wait_for_timeout(3000)
    press_tab_until(page, "el.textContent.trim() === 'Send'", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "Only a title"
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/en/participate/practice/",
        "/en/participate/contact/",
        "/en/stories/",
        "/ar/participate/story/",
        "/en/participate/feedback/?page=3&useful=yes",
    ],
)
def test_participation_pages_pass_axe(page, path):
    page.goto(path)
    assert_accessible(page)
