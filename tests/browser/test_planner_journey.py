"""A practitioner plans a whole campaign with the keyboard alone, then prints it."""

import re

import pytest

from .conftest import assert_accessible, press_tab_until

pytestmark = pytest.mark.browser


def fill(page, element_id, text):
    press_tab_until(page, f"el.id === '{element_id}'", limit=200)
    page.keyboard.type(text)


def tick(page, element_id):
    press_tab_until(page, f"el.id === '{element_id}'", limit=200)
    page.keyboard.press("Space")


def choose(page, element_id, key):
    press_tab_until(page, f"el.id === '{element_id}'", limit=200)
    page.keyboard.press(key)


def pick_radio(page, first_id, downs):
    # Tab enters a radio group once; the arrow keys move within it and select.
    press_tab_until(page, f"el.id === '{first_id}'", limit=200)
    for _ in range(downs):
        page.keyboard.press("ArrowDown")


def save_and_continue(page, next_path):
    press_tab_until(page, "el.value === 'save'", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(next_path), page.url
    assert_accessible(page)


STEPS = [
    (
        "context",
        lambda p: (
            fill(p, "id_step-title", "Evening classes for all"),
            fill(p, "id_step-role", "A network of adult educators"),
            tick(p, "id_step-target_groups_1"),
        ),
    ),
    (
        "problem",
        lambda p: (
            fill(p, "id_step-problem", "Classes are full by October"),
            fill(p, "id_step-rights", "The right to education"),
            fill(p, "id_step-affected", "Three hundred adults a year"),
        ),
    ),
    (
        "goal",
        lambda p: (
            fill(p, "id_step-goal", "A place within a month"),
            fill(p, "id_objectives-0-objective", "Two more classes"),
            fill(p, "id_objectives-0-deadline", "03012027"),
        ),
    ),
    (
        "decision-makers",
        lambda p: (
            fill(p, "id_stakeholders-0-name", "Education office"),
            choose(p, "id_stakeholders-0-power", "5"),
            choose(p, "id_stakeholders-0-interest", "2"),
        ),
    ),
    (
        "allies",
        lambda p: (
            fill(p, "id_step-allies", "The teachers' union"),
            pick_radio(p, "id_step-participation_level_0", 2),
            fill(p, "id_step-participation_roles", "Learners speak first"),
        ),
    ),
    (
        "messages",
        lambda p: (
            fill(p, "id_step-shared_benefit", "Classes serve everyone"),
            fill(p, "id_messages-0-audience", "Councillors"),
            fill(p, "id_messages-0-message", "Waiting costs jobs"),
            fill(p, "id_messages-0-messenger", "Learners"),
        ),
    ),
    (
        "tactics",
        lambda p: (
            tick(p, "id_step-tactics_0"),
            fill(p, "id_windows-0-event", "Budget vote"),
            fill(p, "id_windows-0-date", "12152026"),
        ),
    ),
    (
        "resources",
        lambda p: (
            fill(p, "id_step-resources", "Two volunteers"),
            fill(p, "id_step-legal_status", "No permit depends on it"),
            fill(p, "id_step-exposure", "First names only"),
            fill(p, "id_step-consent", "Written, in their language"),
            fill(p, "id_risks-0-risk", "Press exposure"),
            fill(p, "id_risks-0-mitigation", "Speakers choose"),
        ),
    ),
    (
        "action",
        lambda p: (
            fill(p, "id_activities-0-activity", "Meet the councillor"),
            fill(p, "id_activities-0-owner", "Anna"),
            fill(p, "id_activities-0-due", "01102027"),
        ),
    ),
    (
        "learning",
        lambda p: (
            fill(p, "id_indicators-0-indicator", "Places offered"),
            fill(p, "id_indicators-0-target", "160"),
            fill(p, "id_indicators-0-method", "Enrolment records"),
        ),
    ),
]


def test_a_practitioner_completes_a_plan_with_the_keyboard_only(page):
    page.goto("/en/planner/")
    assert_accessible(page)
    press_tab_until(page, "el.textContent.trim() === 'Start a new plan'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/context/")
    key = re.search(r"/planner/([^/]+)/", page.url).group(1)
    assert_accessible(page)

    for index, (slug, answer) in enumerate(STEPS):
        assert page.url.endswith(f"/{slug}/")
        answer(page)
        following = f"/{STEPS[index + 1][0]}/" if index + 1 < len(STEPS) else f"/{key}/"
        save_and_continue(page, following)

    assert "Steps complete: 10 of 10" in page.locator(".plan-steps__progress").inner_text()
    assert page.locator("#private-link").input_value().endswith(f"/en/planner/{key}/")
    with page.expect_download() as download:
        page.locator("a", has_text="PDF, to print").click()
    assert download.value.suggested_filename == "evening-classes-for-all.pdf"


def test_a_validation_error_is_announced_and_keeps_what_was_typed(page):
    page.goto("/en/planner/")
    press_tab_until(page, "el.textContent.trim() === 'Start a new plan'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/context/")
    key = re.search(r"/planner/([^/]+)/", page.url).group(1)
    page.goto(f"/en/planner/{key}/allies/")
    fill(page, "id_step-allies", "The union")
    save_and_continue(page, "/allies/")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_step-allies").input_value() == "The union"
    page.locator(".error-summary a").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#id_step-participation_level_0"


def test_the_grid_moves_with_the_arrow_keys_and_autosaves(page):
    page.goto("/en/planner/")
    page.locator("button", has_text="Start a new plan").click()
    page.wait_for_url("**/context/")
    key = re.search(r"/planner/([^/]+)/", page.url).group(1)
    page.goto(f"/en/planner/{key}/decision-makers/")
    page.fill("#id_stakeholders-0-name", "Mayor")
    page.select_option("#id_stakeholders-0-power", "2")
    page.select_option("#id_stakeholders-0-interest", "2")
    with page.expect_navigation():
        page.locator("button[value=draft]").click()
    point = page.locator("[data-grid] [data-row='0']")
    point.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowRight")
    assert page.locator("#id_stakeholders-0-power").input_value() == "4"
    assert page.locator("#id_stakeholders-0-interest").input_value() == "3"
    status = "document.getElementById('autosave-status').textContent"
    page.wait_for_function(f"{status}.includes('All changes saved')")
    assert "power 4 of 5, interest 3 of 5" in point.get_attribute("aria-label")
    assert_accessible(page)
    page.reload()
    assert page.locator("#id_stakeholders-0-power").input_value() == "4"


def test_the_planner_passes_axe_right_to_left(page):
    page.goto("/ar/planner/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    page.locator("form[action='/ar/planner/new'] button").click()
    page.wait_for_url("**/context/")
    assert_accessible(page)
