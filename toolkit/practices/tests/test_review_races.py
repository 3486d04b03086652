"""Two reviewers giving the practice's first two reviews at the same moment make it reviewed:
each review is weighed once the standing row is locked, so the second sees the first. Real
threads, real commits, on SQLite and PostgreSQL."""

import pytest
from django.contrib.auth.models import Group, User

from tests.concurrency import at_once
from toolkit.practices import review
from toolkit.practices.models import PracticePage, PracticeReview, PracticeStanding, ReviewEvent

pytestmark = pytest.mark.usefixtures("real_db")


@pytest.fixture
def reviewers():
    group = Group.objects.get(name="Reviewers")
    people = []
    for name in ("rhea", "ravi"):
        person = User.objects.create_user(name, f"{name}@example.org", "a long test password")
        person.groups.add(group)
        people.append(person)
    yield people
    User.objects.filter(id__in=[p.id for p in people]).delete()


def test_two_first_reviews_given_at_once_are_both_weighed(reviewers):
    practice = PracticePage.objects.get(
        slug="it-italian-classes-with-creche-bologna", locale__language_code="en"
    )
    key = practice.translation_key
    judged = {code: {"met": True, "why": "Shown on the page."} for code in review.CODES}
    try:
        outcomes = at_once(
            *[lambda p=p: review.submit_review(practice, p, judged) for p in reviewers]
        )
        assert [o.error for o in outcomes] == [None, None]
        standing = PracticeStanding.objects.get(translation_key=key)
        assert standing.reviewed_on is not None and standing.criteria_met == review.CODES
        assert ReviewEvent.objects.filter(translation_key=key, action="marked").count() == 1
    finally:
        PracticeReview.objects.filter(translation_key=key).delete()
        ReviewEvent.objects.filter(translation_key=key).delete()
        PracticeStanding.objects.filter(translation_key=key).delete()
