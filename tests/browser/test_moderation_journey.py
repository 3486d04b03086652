"""A visitor tells a story on a phone; a moderator approves it in the admin on a laptop; the
story is then public, with its city and country, and the sender is told it is published."""

import pytest

from .conftest import a_page, add_account, assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def moderated_site(site):
    add_account(site, "moritz", "Moderators")
    return site.url


def send_a_story(page):
    page.goto("/en/participate/story/")
    assert_accessible(page)
    page.fill("#id_title", "Evening classes in Bologna")
    page.fill("#id_what", "We used the campaign steps.\n\nThe region listened.")
    page.select_option("#id_country", "IT")
    page.fill("#id_place", "Bologna")
    page.check("#id_pages_0")
    page.check("#id_pages_1")  # several chapters, without Ctrl-click
    page.fill("#id_change", "Two new classes opened.")
    page.check("#id_migrants_took_part_0")
    page.fill("#id_name", "Amina")
    consent, label = (
        page.locator("#id_consent_publish"),
        page.locator("label[for=id_consent_publish]"),
    )
    box, text = consent.bounding_box(), label.bounding_box()
    assert abs(box["y"] - text["y"]) < text["height"]  # on the same line as its label …
    assert 0 <= text["x"] - (box["x"] + box["width"]) < 24  # … and right beside it
    consent.check()
    page.wait_for_timeout(3000)  # people take a moment; so does the time trap
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    assert "/participate/status/" in page.url
    assert_accessible(page)
    return page.url


def approve_in_the_admin(page):
    sign_in(page, "moritz")
    page.goto("/admin/submissions/")
    page.locator("table.listing tbody a").first.click()  # the newest submission
    answers = page.locator(".submission-answers").inner_text()
    assert "What did you do?" in answers and "Italy" in answers and "True" not in answers
    assert page.locator(".submission-answers p").filter(has_text="The region listened.").count()
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.get_by_role("button", name="Record the decision").click()
    assert "Decision recorded." in page.content()


def test_a_story_sent_on_a_phone_is_approved_on_a_laptop_and_told_truthfully(
    browser, moderated_site
):
    phone_context, phone = a_page(browser, moderated_site, 390, 844)
    laptop_context, laptop = a_page(browser, moderated_site, 1280, 800)
    try:
        status_url = send_a_story(phone)
        assert "Received" in phone.locator(".status").inner_text()
        approve_in_the_admin(laptop)
        phone.goto(status_url)
        assert "Published" in phone.locator(".status").inner_text()
        assert "Approved" in phone.locator(".timeline").inner_text()
        assert_accessible(phone)
        phone.get_by_role("link", name="Read your story").click()
        phone.wait_for_url("**/stories/**")
        meta = phone.locator(".story .card__meta").first.inner_text()
        assert meta.startswith("Bologna, Italy · told by Amina")
        assert_accessible(phone)
    finally:
        phone_context.close()
        laptop_context.close()
