"""A plan is private: its link is the key, and nothing about it leaks or lingers."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from toolkit.planner.models import Plan

from .helpers import complete_plan, start_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "context/", "forget", "plan.md"])
def test_plan_pages_are_private_unindexed_and_send_no_referer(visitor, suffix):
    key = start_plan(visitor)
    response = visitor.get(f"/en/planner/{key}/{suffix}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "strict-origin"


def test_plan_pages_say_noindex_in_the_page_too(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/").content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<meta name="referrer" content="strict-origin">' in page


def test_plans_are_not_in_the_sitemap(visitor):
    key = start_plan(visitor)
    assert key not in visitor.get("/sitemap.xml").content.decode()


def test_the_summary_shows_the_private_link_prominently(visitor, settings):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/").content.decode()
    assert f'value="{settings.BASE_URL}/en/planner/{key}/"' in page


def test_the_link_can_be_emailed_in_the_plans_language(visitor):
    key = complete_plan(visitor, language="it")
    response = visitor.post(f"/en/planner/{key}/email", {"email": "ana@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert key in mail.outbox[0].body
    assert mail.outbox[0].to == ["ana@example.org"]


def test_a_wrong_address_is_an_error_and_no_mail_goes_out(visitor):
    key = start_plan(visitor)
    response = visitor.post(f"/en/planner/{key}/email", {"email": "not an address\r\nBcc: x@y"})
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert mail.outbox == []


def test_the_link_email_is_rate_limited(visitor):
    key = start_plan(visitor)
    for _ in range(5):
        response = visitor.post(f"/en/planner/{key}/email", {"email": "a@example.org"})
        assert response.status_code == 302
    response = visitor.post(f"/en/planner/{key}/email", {"email": "a@example.org"})
    assert response.status_code == 400
    assert b"Too many e-mails" in response.content
    assert len(mail.outbox) == 5


def test_a_failing_mail_server_is_reported_not_a_crash(visitor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    key = start_plan(visitor)
    response = visitor.post(f"/en/planner/{key}/email", {"email": "a@example.org"})
    assert response.status_code == 400
    assert b"could not be sent" in response.content


def test_stale_plans_are_purged_and_recent_ones_kept(visitor):
    old, recent = start_plan(visitor), start_plan(visitor)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Plan.objects.filter(pk=Plan.objects.order_by("pk").first().pk).update(updated_at=long_ago)
    call_command("purge_plans", "--days", "365", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Plan.objects.count() == 1
    assert visitor.get(f"/en/planner/{old}/").status_code == 404
    assert visitor.get(f"/en/planner/{recent}/").status_code == 200


def test_a_guessed_key_of_the_right_shape_finds_nothing(visitor):
    start_plan(visitor)
    assert visitor.get("/en/planner/" + "A" * 32 + "/").status_code == 404
