"""The first hour of real use of the planner, on a phone and a desktop, in English and Arabic:
typing then adding an inspiration at once, the plan's page and its links, its tables on a
narrow screen, the grid's labels right to left, and a file that cannot be imported."""

import re

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

# Every text of an SVG, as a box in the SVG's own coordinates, and the SVG's viewBox.
SVG_TEXT_BOXES = """svg => {
  const view = svg.viewBox.baseVal;
  const toSvg = svg.getScreenCTM().inverse();
  const boxes = [...svg.querySelectorAll("text")].map(text => {
    const box = text.getBBox();
    const matrix = toSvg.multiply(text.getScreenCTM());
    const corners = [[box.x, box.y], [box.x + box.width, box.y],
                     [box.x, box.y + box.height], [box.x + box.width, box.y + box.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(matrix));
    return {
      text: text.textContent,
      left: Math.min(...corners.map(p => p.x)), right: Math.max(...corners.map(p => p.x)),
      top: Math.min(...corners.map(p => p.y)), bottom: Math.max(...corners.map(p => p.y)),
    };
  });
  return {view: {left: view.x, top: view.y, right: view.x + view.width,
                 bottom: view.y + view.height}, boxes};
}"""

# Words of table cells that a line break cuts in two (a word on more than one line). A break
# after a hyphen ("Decision-|maker") is an ordinary one: the parts count as words.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll(".plan-rows th, .plan-rows td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\u2010]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) { broken.push(match[0]); }
      }
    }
  }
  return broken;
}"""


def labels_outside(page, selector):
    found = page.locator(selector).first.evaluate(SVG_TEXT_BOXES)
    view = found["view"]
    return [
        box
        for box in found["boxes"]
        if box["left"] < view["left"] - 0.5
        or box["right"] > view["right"] + 0.5
        or box["top"] < view["top"] - 0.5
        or box["bottom"] > view["bottom"] + 0.5
    ]


def has_no_horizontal_overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def start_plan(page, language):
    page.goto(f"/{language}/planner/")
    with page.expect_navigation():
        page.locator(f"form[action='/{language}/planner/new'] button").click()
    return re.search(r"/planner/([^/]+)/", page.url).group(1)


def add_inspiration_right_after_typing(page, language, key):
    page.goto(f"/{language}/planner/{key}/allies/")
    typed = "The teachers' union and the learners' association"
    page.locator("#id_step-allies").press_sequentially(typed)
    # At once: well before the autosave's 1.5 s.
    with page.expect_navigation():
        page.locator("button[name=inspire]").first.click()
    assert page.url.endswith("/allies/#inspirations")
    assert page.locator("#id_step-allies").input_value() == typed
    assert page.locator("#inspirations button[name=uninspire]").count() == 1
    assert_accessible(page)


def fill_goal_and_grid(page, language, key):
    page.goto(f"/{language}/planner/{key}/goal/")
    page.fill("#id_step-goal", "A place within a month")
    page.fill("#id_objectives-0-objective", "Two more evening classes")
    page.fill("#id_objectives-0-measure", "Classes open")
    page.fill("#id_objectives-0-deadline", "2027-03-01")
    with page.expect_navigation():
        page.locator("button[value=draft]").click()
    page.goto(f"/{language}/planner/{key}/decision-makers/")
    people = [("Regional education office", "5", "2"), ("Mayor", "4", "4")]
    for row, (name, power, interest) in enumerate(people):
        page.fill(f"#id_stakeholders-{row}-name", name)
        page.select_option(f"#id_stakeholders-{row}-power", power)
        page.select_option(f"#id_stakeholders-{row}-interest", interest)
        page.select_option(f"#id_stakeholders-{row}-position", "supportive")
    with page.expect_navigation():
        page.locator("button[value=draft]").click()
    assert labels_outside(page, "svg[data-grid]") == []
    assert_accessible(page)


def check_summary(page, language, key):
    page.goto(f"/{language}/planner/{key}/")
    links = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    assert all(links), links
    menu = page.locator(".site-nav a")
    assert menu.count() > 1
    assert page.locator(f".site-nav a[href='/{language}/planner/']").count() == 1
    for slug in ("context", "goal", "learning"):
        assert page.locator(f".plan-steps a[href='/{language}/planner/{key}/{slug}/']").count()
    assert labels_outside(page, ".plan-grid__svg") == []
    assert labels_outside(page, ".plan-timeline__svg") == []
    assert page.evaluate(BROKEN_WORDS) == []
    assert has_no_horizontal_overflow(page)
    assert_accessible(page)


def import_a_broken_file(page, language):
    # A reload of the import address (GET) leads to the page of the form, not a blank 405.
    response = page.goto(f"/{language}/planner/import")
    assert response.status == 200
    assert page.url.endswith(f"/{language}/planner/#import-title")
    page.set_input_files(
        "#id_file", files=[{"name": "plan.json", "mimeType": "application/json", "buffer": b"{"}]
    )
    with page.expect_navigation():
        page.locator(f"form[action='/{language}/planner/import'] button").click()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    top = summary.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]
    assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_first_hour_of_real_use_of_the_planner(page, language, width):
    page.set_viewport_size({"width": width, "height": 844})
    key = start_plan(page, language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    add_inspiration_right_after_typing(page, language, key)
    fill_goal_and_grid(page, language, key)
    check_summary(page, language, key)
    page.set_viewport_size({"width": 320, "height": 700})
    page.reload()
    assert page.evaluate(BROKEN_WORDS) == []
    assert has_no_horizontal_overflow(page)
    page.set_viewport_size({"width": width, "height": 844})
    import_a_broken_file(page, language)
