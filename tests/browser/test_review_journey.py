"""Two reviewers judge a practice against the published criteria on a laptop, the first asking
the second; a reader on a phone then sees the practice marked as reviewed, in English and in
Arabic, with a link to the criteria, and finds it with the catalogue's "Reviewed" filter."""

from pathlib import Path

import pytest

from .conftest import a_page, add_account, assert_accessible, sign_in

pytestmark = pytest.mark.browser

PRACTICE = "es-employer-workshops-bilbao"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def reviewed_site(site):
    for name in ("rhea", "ravi"):
        add_account(site, name, "Reviewers")
    return site.url


def review(page, unmet=(), next_reviewer=None):
    for radio in page.locator("input[type=radio][value=yes]").all():
        radio.check()
    for code in unmet:
        page.check(f"input[name={code}_met][value=no]")
    for why in page.locator("textarea[name$=_why]").all():
        why.fill("The page says who takes part and what changed.")
    if next_reviewer:
        page.select_option("#id_next_reviewer", label=next_reviewer)
    with page.expect_navigation():
        page.get_by_role("button", name="Record my review").click()
    assert "Your review is recorded." in page.content()


def first_review(page):
    sign_in(page, "rhea")
    page.goto("/admin/practices/reviews/?q=job-centre")
    with page.expect_navigation():
        page.locator("table.listing tbody a").first.click()
    page.fill("textarea[name=relevance_why]", "It puts principle 4 into practice.")
    with page.expect_navigation():  # the rest left empty: refused, and nothing typed is lost
        page.get_by_role("button", name="Record my review").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible() and summary.locator("a").count() >= 6
    assert page.input_value("textarea[name=relevance_why]") == "It puts principle 4 into practice."
    review(page, next_reviewer="ravi")
    assert "1 of 2 reviews" in page.content()


def second_review(page):
    sign_in(page, "ravi")
    menu = page.locator("#wagtail-sidebar").inner_text()
    assert "Practice reviews (1)" in menu
    page.goto("/admin/practices/reviews/?show=mine")
    with page.expect_navigation():
        page.locator("table.listing tbody a").first.click()
    assert "You were asked to review this practice." in page.content()
    review(page, unmet=["evidence"])
    assert "Reviewed on" in page.locator(".review-status").inner_text()


def shows_the_mark(page, language, width):
    page.goto(f"/{language}/practices/{PRACTICE}/")
    mark = page.locator(".review-mark")
    assert mark.is_visible()
    link = mark.get_by_role("link")
    assert link.get_attribute("href") == f"/{language}/criteria/"
    assert_accessible(page)
    mark.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"review-mark-{language}-{width}.png"))
    return mark.inner_text()


def test_two_reviewers_mark_a_practice_and_a_reader_on_a_phone_sees_it_in_two_languages(
    browser, reviewed_site
):
    laptop_context, laptop = a_page(browser, reviewed_site, 1280, 800)
    second_context, second = a_page(browser, reviewed_site, 1280, 800)
    phone_context, phone = a_page(browser, reviewed_site, 390, 844)
    try:
        phone.goto(f"/en/practices/{PRACTICE}/")  # seen (and cached) before the review
        assert phone.locator(".review-mark").count() == 0
        first_review(laptop)
        second_review(second)
        text = shows_the_mark(phone, "en", 390)
        assert "Ethics and safety" in text and "Evidence of results" not in text
        shows_the_mark(phone, "ar", 390)
        shows_the_mark(laptop, "ar", 1280)
        shows_the_mark(laptop, "en", 1280)
        phone.goto("/en/practices/?reviewed=yes")
        titles = phone.locator(".practice-card__title").all_inner_texts()
        assert len(titles) == 1 and "Bilbao" in phone.content()
        assert_accessible(phone)
        phone.goto("/ar/criteria/")
        assert phone.locator("html").get_attribute("dir") == "rtl"
        assert_accessible(phone)
    finally:
        for context in (laptop_context, second_context, phone_context):
            context.close()
