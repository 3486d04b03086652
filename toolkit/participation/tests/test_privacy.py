"""Personal data: kept only as long as needed, shown and erased on request."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from toolkit.participation.models import Submission

from .helpers import CONTACT, STORY, send

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_personal_data_of_long_closed_submissions_is_purged(visitor, moderator):
    send(visitor, "contact", CONTACT)
    send(visitor, "story", STORY)
    old, recent = Submission.objects.order_by("id")
    Submission.objects.filter(id=old.id).update(
        status="declined", closed_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert "1 submission" in run("purge_personal_data", "--days", "365")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    assert old.answers  # what was said stays, who said it goes
    assert recent.email == "amina@example.org"


def test_a_person_can_get_and_erase_their_data(visitor):
    send(visitor, "story", STORY)
    exported = json.loads(run("personal_data", "amina@example.org"))
    assert exported[0]["name"] == "Amina"
    assert exported[0]["answers"]["title"] == "Evening classes in Bari"
    run("personal_data", "AMINA@example.org", "--erase")
    assert json.loads(run("personal_data", "amina@example.org")) == []


def test_hostile_text_is_stored_as_typed_and_shown_inert(client, visitor, moderator):
    response = send(visitor, "story", {**STORY, "title": XSS, "what": XSS, "name": XSS})
    submission = Submission.objects.get()
    assert submission.answers["title"] == XSS
    status = visitor.get(response["Location"]).content.decode()
    assert "<script>alert" not in status
    client.force_login(moderator)
    detail = client.get(f"/admin/submissions/{submission.id}/").content.decode()
    assert "<script>alert" not in detail and "<img src=x" not in detail
    client.post(f"/admin/submissions/{submission.id}/", {"decision": "approve"})
    stories = visitor.get("/en/stories/").content.decode()
    assert "<script>alert" not in stories and "<img src=x" not in stories
    assert "&lt;script&gt;" in stories


def test_a_practice_description_with_markup_is_stored_as_text(client, visitor, moderator):
    from .helpers import PRACTICE

    send(visitor, "practice", {**PRACTICE, "description": XSS})
    client.force_login(moderator)
    client.post(f"/admin/submissions/{Submission.objects.get().id}/", {"decision": "approve"})
    from toolkit.practices.models import PracticePage

    draft = PracticePage.objects.get(title=PRACTICE["title"])
    assert "<script>" not in draft.description
    assert "&lt;script&gt;" in draft.description
