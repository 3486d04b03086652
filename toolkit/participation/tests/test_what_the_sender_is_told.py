"""What the sender is told — on the status page and in the e-mails — is what really happened:
"published" only when visitors can read it, every decision in the history, letters not logs."""

import pytest
from django.core import mail
from wagtail.models import Page

from toolkit.participation.models import Submission

from .helpers import PRACTICE, PROPOSAL, STORY, send, status_key

pytestmark = pytest.mark.django_db


def approve(client, submission, note=""):
    return client.post(
        f"/admin/submissions/{submission.id}/", {"decision": "approve", "message": note}
    )


def test_an_approved_proposal_is_accepted_not_published(visitor, client, moderator, committed):
    campaign = Page.objects.live().get(slug="campaign", locale__language_code="en")
    with committed():
        key = status_key(
            send(visitor, "proposal", {**PROPOSAL, "page": campaign.id, "email": "lea@example.org"})
        )
    client.force_login(moderator)
    with committed():
        approve(client, Submission.objects.get())
    assert Submission.objects.get().status == "accepted"
    page = visitor.get(f"/en/participate/status/{key}/").content.decode()
    assert "Accepted" in page and "Published" not in page
    assert "task on the page" in page and "It is not public" in page
    letter = mail.outbox[-1]
    assert "accepted" in letter.subject and "published" not in letter.subject
    assert "It is not public" in letter.body


def test_an_approved_practice_is_a_draft_and_the_sender_is_told_so(visitor, client, moderator):
    key = status_key(send(visitor, "practice", PRACTICE))
    client.force_login(moderator)
    approve(client, Submission.objects.get())
    assert Submission.objects.get().status == "accepted"
    page = visitor.get(f"/en/participate/status/{key}/").content.decode()
    assert "now a draft for the editors" in page and "Published" not in page


def test_an_approved_story_is_published_and_the_letter_links_to_it(
    visitor, client, moderator, committed, settings
):
    settings.BASE_URL = "https://toolkit.example.org"
    with committed():
        key = status_key(send(visitor, "story", STORY))
    client.force_login(moderator)
    with committed():
        approve(client, Submission.objects.get())
    submission = Submission.objects.get()
    assert submission.status == "published"
    story_link = f"https://toolkit.example.org/en/stories/#story-{submission.story.id}"
    page = visitor.get(f"/en/participate/status/{key}/").content.decode()
    assert "Published" in page and story_link in page
    letter = mail.outbox[-1]
    assert "is published" in letter.subject
    assert letter.body.startswith("Hello Amina,")
    assert story_link in letter.body
    assert "The editors of the toolkit" in letter.body


def test_an_approval_without_a_note_is_in_the_history(visitor, client, moderator):
    key = status_key(send(visitor, "proposal", PROPOSAL))
    client.force_login(moderator)
    approve(client, Submission.objects.get())
    page = visitor.get(f"/en/participate/status/{key}/").content.decode()
    assert "Approved" in page.split("What happened")[1]


def test_the_acknowledgement_is_a_letter_not_a_log(visitor, committed):
    with committed():
        send(visitor, "story", STORY)
    letter = next(m for m in mail.outbox if m.to == ["amina@example.org"])
    assert letter.body.startswith("Hello Amina,")
    assert "your story “Evening classes in Bari”" in letter.body
    assert "What happens next" in letter.body
    assert "kind:" not in letter.body


def test_hostile_text_reaches_the_e_mails_exactly_as_typed(visitor, client, moderator, committed):
    typed = "<script>alert(1)</script> &lt;b&gt; Tom & Jerry"
    with committed():
        send(visitor, "story", {**STORY, "title": typed})
    client.force_login(moderator)
    with committed():
        approve(client, Submission.objects.get(), note=f"Note: {typed}")
    bodies = [m.body for m in mail.outbox]
    assert all("&amp;" not in body and "&lt;script" not in body for body in bodies)
    assert any(f"your story “{typed}”" in body for body in bodies)  # the acknowledgement
    assert any(f"Note: {typed}" in body for body in bodies)  # the approval
