"""From practice to plan to story, in Chromium: a practitioner adapts a practice to their place,
answers its transfer checklist, tells the story of the plan from the planner, a moderator
approves it, and the story is public with what was adapted. In English on a laptop and in
Arabic on a phone, every page checked with axe."""

import pytest

from .conftest import a_page, add_account, assert_accessible, sign_in

pytestmark = pytest.mark.browser

PRACTICE = "it-italian-classes-with-creche-bologna"


@pytest.fixture(scope="module")
def site_with_moderator(site):
    add_account(site, "mona", "Moderators")
    return site.url


def adapt_the_practice(page, language):
    page.goto(f"/{language}/practices/{PRACTICE}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(f"a[href='/{language}/planner/adapt/{PRACTICE}/']").click()
    assert_accessible(page)
    assert page.locator(".checklist li").count() >= 6
    with page.expect_navigation():
        page.locator("button[name=action][value=new]").click()
    assert f"/adapted/{PRACTICE}/" in page.url
    assert_accessible(page)


def answer_the_checklist(page, note):
    page.locator("input[name=answer-people][value=yes]").check()
    page.locator("input[name=answer-fit][value=change]").check()
    page.fill("textarea[name=note-fit]", note)
    with page.expect_navigation():
        page.locator(f"form[action$='/adapted/{PRACTICE}/'] button[type=submit]").click()
    assert page.url.endswith("#adapted")
    adapted = page.locator("#adapted").inner_text()
    assert note in adapted
    assert_accessible(page)


def tell_the_story(page, note):
    with page.expect_navigation():
        page.locator("a[href$='/report-back/']").click()
    assert_accessible(page)
    page.locator("#copy-what").uncheck()  # the visitor's choice: the goal is not copied
    with page.expect_navigation():
        page.locator("form[action$='/participate/story/'] button[type=submit]").click()
    assert page.locator("#prefilled").is_visible()
    assert page.input_value("#id_adapted") == note
    assert page.input_value("#id_what") == ""
    assert page.locator(f"input[name=practices][value='{PRACTICE}']").is_checked()
    assert not page.locator("#id_consent_publish").is_checked()
    assert_accessible(page)
    page.fill("#id_title", f"Morning classes with a crèche ({note[:12]})")
    page.fill("#id_what", "Morning classes, with a crèche next door.")
    page.fill("#id_change", "Forty mothers enrolled.")
    page.locator("input[name=migrants_took_part][value=yes]").check()
    page.locator("input[name=outcome][value=running]").check()
    page.fill("#id_co_decided", "Two mothers who attend")
    page.locator("#id_consent_publish").check()
    page.wait_for_timeout(3000)  # the time trap: people take a moment
    with page.expect_navigation():
        page.locator("form.public-form button[type=submit]").click()
    assert "/participate/status/" in page.url
    assert_accessible(page)


def approve(page):
    sign_in(page, "mona")
    page.goto("/admin/submissions/")
    page.locator("table.listing tbody a").first.click()
    assert "What did you adapt?" in page.locator(".submission-answers").inner_text()
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("ar", 390)])
def test_a_practice_is_adapted_planned_and_told_back_as_a_story(
    browser, site_with_moderator, language, width
):
    note = f"Classes in the morning, {language}"
    visitor_context, visitor = a_page(browser, site_with_moderator, width)
    moderator_context, moderator = a_page(browser, site_with_moderator, 1280)
    try:
        adapt_the_practice(visitor, language)
        answer_the_checklist(visitor, note)
        visitor.screenshot(path=f"/tmp/adapted-{language}-{width}.png", full_page=True)
        tell_the_story(visitor, note)
        approve(moderator)
        visitor.goto(f"/{language}/stories/")
        story = visitor.locator("article.story").filter(has_text=note)
        assert story.count() == 1
        assert "Two mothers who attend" in story.inner_text()
        assert_accessible(visitor)
        overflow = visitor.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0
    finally:
        visitor_context.close()
        moderator_context.close()
