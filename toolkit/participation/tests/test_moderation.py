"""A moderator works through the queue; every decision has its effect, and its record."""

import pytest
from django.core import mail
from wagtail.models import Comment, Page

from toolkit.participation import moderation
from toolkit.participation.models import Story, Submission
from toolkit.practices.models import PracticePage

from .helpers import CONTACT, PRACTICE, PROPOSAL, STORY, send, status_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def decide(client, submission, decision, message=""):
    return client.post(
        f"/admin/submissions/{submission.id}/", {"decision": decision, "message": message}
    )


def test_the_queue_counts_kinds_and_statuses_and_finds_by_text(client, visitor, moderator):
    send(visitor, "story", STORY)
    send(visitor, "contact", CONTACT)
    client.force_login(moderator)
    page = client.get("/admin/submissions/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 submissions" in text
    found = client.get("/admin/submissions/?q=translate").content.decode()
    assert "1 submission" in found


def test_only_moderators_see_the_queue(client, visitor, editor):
    client.force_login(editor)
    assert client.get("/admin/submissions/").status_code in (302, 403)


def test_nothing_sent_is_public_before_approval(visitor):
    send(visitor, "story", {**STORY, "title": "Pending story about greenhouses"})
    send(visitor, "practice", {**PRACTICE, "title": "Pending greenhouse practice"})
    for url in [
        "/en/stories/",
        "/en/search/?q=greenhouse",
        "/en/practices/?q=pending",
        "/api/v1/practices?q=pending",
        "/sitemap.xml",
    ]:
        assert "Pending" not in visitor.get(url).content.decode(), url
    assert PracticePage.objects.filter(title__startswith="Pending").count() == 0


def test_approving_a_story_publishes_it_and_links_it_from_the_pages_it_names(
    client, visitor, moderator, commit
):
    practice = PracticePage.objects.live().get(
        slug="it-enrolment-complaint-bari", locale__language_code="en"
    )
    campaign = Page.objects.live().get(slug="campaign", locale__language_code="en")
    data = {**STORY, "practices": [practice.slug], "pages": [campaign.id]}
    commit(send, visitor, "story", data)
    submission = Submission.objects.get()
    assert "Evening classes in Bari" not in visitor.get("/en/stories/").content.decode()
    client.force_login(moderator)
    commit(decide, client, submission, "approve")
    story = Story.objects.get()
    assert story.author == "Amina"
    assert "Evening classes in Bari" in visitor.get("/en/stories/").content.decode()
    practice_page = visitor.get("/en/practices/it-enrolment-complaint-bari/").content.decode()
    assert "Used in 1 country. Told in 1 story." in practice_page
    assert "Used in 1 country" in visitor.get("/en/campaign/").content.decode()
    submission.refresh_from_db()
    assert submission.status == "published"
    event = submission.events.get(action="approve")
    assert event.actor == moderator
    assert any("is published" in m.subject for m in mail.outbox)


def test_an_anonymous_story_is_published_without_the_name(client, visitor, moderator):
    send(visitor, "story", {**STORY, "anonymous": "on"})
    client.force_login(moderator)
    decide(client, Submission.objects.get(), "approve")
    assert Story.objects.get().author == ""
    assert "Amina" not in visitor.get("/en/stories/").content.decode()


def test_an_approved_practice_becomes_a_draft_that_is_nowhere_public(client, visitor, moderator):
    send(visitor, "practice", PRACTICE)
    client.force_login(moderator)
    decide(client, Submission.objects.get(), "approve")
    draft = PracticePage.objects.get(title="Language cafe in the library")
    assert not draft.live
    assert (
        draft.description
        == "<p>Every Tuesday evening the library opens its cafe.</p><p>Tea is free.</p>"
    )
    assert Submission.objects.get().result_page_id == draft.id
    assert "Language cafe" not in visitor.get("/en/practices/?q=cafe").content.decode()
    assert "Language cafe" not in visitor.get("/api/v1/practices?q=cafe").content.decode()
    assert draft.slug not in visitor.get("/sitemap.xml").content.decode()
    assert "Language cafe" not in visitor.get("/en/search/?q=cafe").content.decode()
    response = visitor.get("/api/v1/export/practices.csv?q=cafe")
    export = b"".join(response.streaming_content).decode()
    assert "Language cafe" not in export
    assert visitor.get(f"/en/practices/{draft.slug}/").status_code == 404


def test_an_approved_proposal_becomes_a_task_on_its_page(client, visitor, moderator):
    campaign = Page.objects.live().get(slug="campaign", locale__language_code="en")
    send(visitor, "proposal", {**PROPOSAL, "page": campaign.id})
    client.force_login(moderator)
    decide(client, Submission.objects.get(), "approve")
    comment = Comment.objects.get(page=campaign)
    assert "Add a tip about school calendars." in comment.text
    assert comment.user == moderator


def test_declining_needs_a_reason_and_tells_the_submitter(client, visitor, moderator, commit):
    commit(send, visitor, "story", STORY)
    submission = Submission.objects.get()
    client.force_login(moderator)
    response = decide(client, submission, "decline")
    assert b"Say why" in response.content
    commit(decide, client, submission, "decline", "Not about education.")
    submission.refresh_from_db()
    assert submission.status == "declined"
    assert "Not about education." in mail.outbox[-1].body


def test_a_question_is_answered_on_the_status_page(client, visitor, moderator, commit):
    response = send(visitor, "contact", CONTACT)
    key = status_key(response)
    submission = Submission.objects.get()
    client.force_login(moderator)
    commit(decide, client, submission, "ask", "Which language?")
    status = visitor.get(f"/en/participate/status/{key}/").content.decode()
    assert "Which language?" in status
    assert "Answer the moderator" in status
    visitor.post(f"/en/participate/status/{key}/", {"action": "answer", "answer": "Italian"})
    submission.refresh_from_db()
    assert submission.status == "in_review"
    assert submission.events.get(action="answer").message == "Italian"


def test_withdrawing_erases_the_person_and_unpublishes_the_story(client, visitor, moderator):
    response = send(visitor, "story", STORY)
    key = status_key(response)
    client.force_login(moderator)
    decide(client, Submission.objects.get(), "approve")
    visitor.post(f"/en/participate/status/{key}/", {"action": "withdraw", "confirm": "on"})
    submission = Submission.objects.get()
    assert submission.status == "withdrawn"
    assert (submission.name, submission.email) == ("", "")
    assert Story.objects.count() == 0
    assert "Evening classes in Bari" not in visitor.get("/en/stories/").content.decode()


def test_a_decision_that_does_not_fit_the_status_is_refused(client, visitor, moderator):
    send(visitor, "contact", CONTACT)
    submission = Submission.objects.get()
    client.force_login(moderator)
    decide(client, submission, "decline", "Spam")
    with pytest.raises(moderation.NotAllowed):
        moderation.approve_submission(Submission.objects.get(), moderator)


def test_an_unknown_status_key_is_not_found(visitor):
    assert visitor.get("/en/participate/status/" + "A" * 32 + "/").status_code == 404


def test_a_moderator_can_choose_a_daily_digest_instead(client, visitor, moderator, commit):
    from django.core.management import call_command

    moderator.email = "moritz@example.org"
    moderator.save()
    client.force_login(moderator)
    client.post("/admin/submissions/delivery/", {"delivery": "daily"})
    commit(send, visitor, "proposal", PROPOSAL)
    commit(send, visitor, "contact", CONTACT)
    assert [m for m in mail.outbox if "moritz@example.org" in m.to] == []
    commit(call_command, "send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digests = [m for m in mail.outbox if "moritz@example.org" in m.to]
    assert len(digests) == 1
    assert "2 new submissions are waiting for moderation" in digests[0].subject
    commit(call_command, "send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len([m for m in mail.outbox if "moritz@example.org" in m.to]) == 1


def test_the_admin_menu_says_how_many_submissions_wait(visitor, client, moderator):
    client.force_login(moderator)
    assert "Submissions (" not in client.get("/admin/").content.decode()
    send(visitor, "contact", CONTACT)
    client.force_login(moderator)
    assert "Submissions (1)" in client.get("/admin/").content.decode()
