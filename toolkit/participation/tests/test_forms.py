"""Every public form: valid, invalid with the input kept, the spam traps, limits."""

import pytest
from django.core import mail

from toolkit.participation.models import Event, Submission
from toolkit.practices.models import PracticePage

from .helpers import CONTACT, PRACTICE, PROPOSAL, STORY, human, send, status_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def run_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    # E-mail is sent once the submission is committed; a test's transaction never commits,
    # so run those callbacks at the end of each request.
    from . import helpers

    original = helpers.send

    def send_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(*args, **kwargs)

    monkeypatch.setattr(helpers, "send", send_and_commit)
    monkeypatch.setitem(globals(), "send", send_and_commit)


def a_page_id():
    return PracticePage.objects.live().filter(locale__language_code="en").first().id


@pytest.mark.parametrize(
    ("kind", "data"),
    [("story", STORY), ("contact", CONTACT), ("proposal", PROPOSAL), ("practice", PRACTICE)],
)
def test_each_form_stores_the_submission_and_leads_to_its_status_page(visitor, kind, data):
    response = send(visitor, kind, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    submission = Submission.objects.get()
    assert submission.kind == kind and submission.status == "received"
    assert Event.objects.get().action == "received"
    page = visitor.get(response["Location"])
    assert submission.reference in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_feedback_from_a_page_is_a_two_click_form(visitor):
    page_id = a_page_id()
    form = visitor.get(f"/en/participate/feedback/?page={page_id}&useful=no")
    assert form.status_code == 200
    assert b'value="no" id="id_useful_1" required checked' in form.content
    response = send(visitor, "feedback", {"page": page_id, "useful": "no", "comment": "Too long"})
    assert response.status_code == 302
    assert Submission.objects.get().page_id == page_id


def test_every_chapter_and_practice_page_asks_if_it_was_useful(visitor):
    for path in ["/en/campaign/", "/en/practices/it-enrolment-complaint-bari/"]:
        page = visitor.get(path).content.decode()
        assert "Was this page useful?" in page
        assert 'action="/en/participate/feedback/"' in page


def test_an_acknowledgement_is_sent_when_an_address_is_given(visitor):
    response = send(visitor, "story", STORY)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert status_key(response) in message.body
    assert Submission.objects.get().reference in message.subject


def test_no_acknowledgement_without_an_address(visitor):
    send(visitor, "proposal", PROPOSAL)
    assert mail.outbox == []


def test_moderators_are_told_when_something_arrives(visitor, moderator):
    moderator.email = "moritz@example.org"
    moderator.save()
    send(visitor, "proposal", PROPOSAL)
    assert [m.to for m in mail.outbox] == [["moritz@example.org"]]
    assert "/admin/submissions/" in mail.outbox[0].body


def test_a_missing_answer_keeps_everything_typed(visitor):
    data = {**STORY, "what": ""}
    response = send(visitor, "story", data)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'href="#id_what"' in text
    assert "Two new classes opened." in text
    assert Submission.objects.count() == 0


def test_the_honeypot_refuses_politely_and_keeps_the_input(visitor):
    response = send(visitor, "contact", CONTACT, homepage="http://spam.example")
    assert response.status_code == 400
    assert b"Your browser filled in a field meant to stay empty" in response.content
    assert b"How do I translate a page?" in response.content
    assert Submission.objects.count() == 0


def test_a_form_sent_at_once_is_refused_with_a_fresh_chance(visitor):
    response = visitor.post("/en/participate/contact/", {**CONTACT, "started": ""})
    assert response.status_code == 400
    assert b"Please check your answers and send" in response.content
    assert Submission.objects.count() == 0
    assert b'name="started" value="' in response.content


def test_too_many_submissions_from_one_address_are_refused(visitor, settings):
    settings.PARTICIPATION_RATE_PER_ADDRESS = 3
    for _ in range(3):
        assert send(visitor, "contact", CONTACT).status_code == 302
    response = send(visitor, "contact", CONTACT)
    assert response.status_code == 400
    assert b"Too many messages from here" in response.content
    assert Submission.objects.count() == 3


def test_oversized_answers_are_refused_with_a_message(visitor):
    response = send(visitor, "contact", {**CONTACT, "message": "x" * 5_001})
    assert response.status_code == 400
    assert b"at most 5000 characters" in response.content


def test_a_new_practice_shows_similar_ones_inline_without_saving(visitor):
    response = visitor.post(
        "/en/participate/practice/",
        human({"title": "apprenticeship", "summary": "boat maintenance", "action": "similar"}),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Similar practices already in the catalogue" in text
    assert "/en/practices/it-boat-maintenance-apprenticeships-la-spezia/" in text
    assert 'value="apprenticeship"' in text
    assert Submission.objects.count() == 0


def test_the_hub_and_the_stories_page_answer(visitor):
    assert visitor.get("/en/participate/").status_code == 200
    assert visitor.get("/en/stories/").status_code == 200
    assert visitor.get("/ar/participate/story/").status_code == 200
