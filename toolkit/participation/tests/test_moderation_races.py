"""Two moderators deciding the same submission at the same moment make one decision, and the
second is told why theirs was not taken. Real threads, real commits, on SQLite and PostgreSQL."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.test import Client

from tests.concurrency import at_once
from toolkit.participation import moderation
from toolkit.participation.models import (
    Event,
    Notification,
    Story,
    Submission,
    hash_key,
    new_key,
)
from toolkit.practices.models import PracticePage, PracticeStanding

pytestmark = pytest.mark.usefixtures("real_db")


@pytest.fixture
def moderators():
    group = Group.objects.get(name="Moderators")
    people = []
    for name in ("mara", "nils"):
        person = User.objects.create_user(name, f"{name}@example.org", "a long test password")
        person.groups.add(group)
        people.append(person)
    yield people
    Session.objects.all().delete()
    User.objects.filter(id__in=[p.id for p in people]).delete()


@pytest.fixture
def submission():
    made = Submission.objects.create(
        kind="contact",
        reference="RACE2345",
        key_hash=hash_key(new_key()),
        language="en",
        answers={"subject": "Two at once", "message": "Who decides?"},
        email="lea@example.org",
    )
    Event.objects.create(submission=made, action="received")
    yield made
    Submission.objects.filter(id=made.id).delete()


def test_two_decisions_at_the_same_moment_make_one(moderators, submission):
    # Both moderators opened the submission while it was still "received".
    seen_by_mara = Submission.objects.get(id=submission.id)
    seen_by_nils = Submission.objects.get(id=submission.id)
    outcomes = at_once(
        lambda: moderation.approve_submission(seen_by_mara, moderators[0], "Thank you."),
        lambda: moderation.decline_submission(seen_by_nils, moderators[1], "Out of scope."),
    )
    errors = [o.error for o in outcomes]
    assert errors.count(None) == 1
    refused = next(error for error in errors if error is not None)
    assert isinstance(refused, moderation.AlreadyDecided)
    assert "someone else changed this submission" in str(refused)
    decisions = Event.objects.filter(submission=submission, action__in=["approve", "decline"])
    assert decisions.count() == 1
    winner = "accepted" if errors[0] is None else "declined"  # a message: nothing public
    assert Submission.objects.get(id=submission.id).status == winner
    assert Notification.objects.filter(submission=submission).count() == 1  # one e-mail


def test_in_the_admin_the_second_moderator_is_told_and_nothing_is_doubled(moderators, submission):
    clients = []
    for person in moderators:
        client = Client()
        client.force_login(person)
        clients.append(client)
    url = f"/admin/submissions/{submission.id}/"
    outcomes = at_once(
        lambda: clients[0].post(url, {"decision": "approve", "message": ""}, follow=True),
        lambda: clients[1].post(url, {"decision": "decline", "message": "No."}, follow=True),
    )
    pages = [o.value.content.decode() for o in outcomes]
    assert sum("Decision recorded." in page for page in pages) == 1
    assert sum("Not possible:" in page for page in pages) == 1
    decisions = Event.objects.filter(submission=submission, action__in=["approve", "decline"])
    assert decisions.count() == 1


def test_two_stories_of_one_practice_published_at_once_are_both_counted(moderators):
    practice = PracticePage.objects.get(
        slug="it-italian-classes-with-creche-bologna", locale__language_code="en"
    )
    stories = [
        Submission.objects.create(
            kind="story",
            reference=f"RACE{n}STORY",
            key_hash=hash_key(new_key()),
            language="en",
            answers={
                "title": f"Classes in {place}",
                "what": "We asked the region for classes.",
                "country": country,
                "place": place,
                "practices": [practice.slug],
            },
            consent_publish=True,
        )
        for n, (place, country) in enumerate([("Bari", "IT"), ("Lyon", "FR")])
    ]
    try:
        outcomes = at_once(
            *[
                lambda s=s, m=m: moderation.approve_submission(s, m)
                for s, m in zip(stories, moderators, strict=True)
            ]
        )
        assert [o.error for o in outcomes] == [None, None]
        standing = PracticeStanding.objects.get(translation_key=practice.translation_key)
        assert (standing.adapted_places, standing.adapted_countries) == (2, 2)
    finally:
        Story.objects.filter(submission__in=stories).delete()
        Submission.objects.filter(id__in=[s.id for s in stories]).delete()
        PracticeStanding.objects.filter(translation_key=practice.translation_key).delete()
