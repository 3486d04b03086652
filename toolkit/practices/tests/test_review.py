"""Reviewers judge a practice against the published criteria in the editors' interface; once
two different reviewers have judged it, the practice page, the catalogue, the API and the
exports show it as reviewed, with the date and the criteria every reviewer judged met."""

import json
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.html import escape

from toolkit.participation.models import Notification
from toolkit.practices import review
from toolkit.practices.models import PracticePage, PracticeReview, ReviewEvent

pytestmark = pytest.mark.django_db

BOLOGNA = "it-italian-classes-with-creche-bologna"
CODES = ["relevance", "participation", "evidence", "transferability", "sustainability", "ethics"]


def reviewer(username, email=None):
    person = User.objects.create_user(
        username, f"{username}@example.org" if email is None else email, "a long test password"
    )
    person.groups.add(Group.objects.get(name="Reviewers"))
    return person


def practice(language="en"):
    return PracticePage.objects.get(slug=BOLOGNA, locale__language_code=language)


def answers(unmet=(), why="The page shows it.", **extra):
    data = {"action": "review"}
    for code in CODES:
        data[f"{code}_met"] = "no" if code in unmet else "yes"
        data[f"{code}_why"] = why
    return data | extra


def review_as(client, person, unmet=(), **extra):
    client.force_login(person)
    response = client.post(f"/admin/practices/reviews/{practice().id}/", answers(unmet, **extra))
    client.logout()
    return response


def test_a_reviewer_judges_every_criterion_with_a_reason_and_one_review_is_not_yet_a_mark(
    client, visitor
):
    rhea = reviewer("rhea")
    client.force_login(rhea)
    page = client.get(f"/admin/practices/reviews/{practice().id}/").content.decode()
    for criterion in review.CRITERIA:
        assert escape(str(criterion.name)) in page and escape(str(criterion.question)) in page
    assert "0 of 2 reviews" in page
    response = client.post(f"/admin/practices/reviews/{practice().id}/", answers(["evidence"]))
    assert response.status_code == 302
    given = PracticeReview.objects.get()
    assert given.reviewer == rhea and given.practice_title == practice().title
    assert given.judgements["evidence"] == {"met": False, "why": "The page shows it."}
    page = client.get(response.url).content.decode()
    assert "1 of 2 reviews" in page and "Evidence of results</strong>: not met" in page
    assert "Reviewed" not in visitor.get(practice().url).content.decode().split("At a glance")[1]


def test_two_reviewers_mark_the_practice_with_the_date_and_the_criteria_both_judged_met(
    client, visitor, committed
):
    assert 'class="review-mark"' not in visitor.get(practice().url).content.decode()
    with committed():
        review_as(client, reviewer("rhea"), unmet=["evidence"])
        review_as(client, reviewer("ravi"), unmet=["sustainability"])
    html = visitor.get(practice().url).content.decode()
    mark = re.search(r'<dd class="review-mark">(.*?)</dd>', html, re.S).group(1)
    assert "Reviewed" in mark and 'href="/en/criteria/"' in mark
    assert "Relevance to the Manifesto" in mark and "Ethics and safety" in mark
    assert "Evidence of results" not in mark and "Sustainability" not in mark
    listed = visitor.get("/en/practices/?reviewed=yes").content.decode()
    assert re.search(r'class="result-count" role="status">1 ', listed)
    assert "Reviewed against the published criteria" in listed
    found = visitor.get("/api/v1/practices?reviewed=yes").json()
    assert [r["slug"] for r in found["results"]] == [BOLOGNA]
    record = visitor.get(f"/api/v1/practices/{practice().id}").json()
    assert record["standing"]["criteria_met"] == [
        "relevance",
        "participation",
        "transferability",
        "ethics",
    ]
    latest = timezone.localdate(PracticeReview.objects.first().submitted_at)
    assert record["standing"]["reviewed_on"] == latest.isoformat()
    response = visitor.get("/api/v1/export/practices.json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    exported = {r["slug"]: r for r in json.loads(body)["practices"]}
    assert exported[BOLOGNA]["standing"]["criteria_met"] == record["standing"]["criteria_met"]


def test_the_mark_is_the_same_in_every_language(client, visitor, committed):
    with committed():
        review_as(client, reviewer("rhea"))
        review_as(client, reviewer("ravi"))
    html = visitor.get(practice("it").url).content.decode()
    assert 'class="review-mark"' in html and 'href="/it/criteria/"' in html
    listed = visitor.get("/ar/practices/?reviewed=yes").content.decode()
    assert re.search(r'class="result-count" role="status">1 ', listed)


def test_one_person_reviewing_twice_is_still_one_reviewer_and_their_latest_review_counts(
    client, committed
):
    rhea = reviewer("rhea")
    with committed():
        review_as(client, rhea, unmet=["ethics"])
        review_as(client, rhea)
    assert review.mark(practice().translation_key) == (None, [])
    with committed():
        review_as(client, reviewer("ravi"))
    day, met = review.mark(practice().translation_key)
    assert day is not None and met == CODES  # rhea's first "not met" was replaced by her latest
    with committed():
        review_as(client, rhea, unmet=["ethics"])  # and she can change her mind again
    assert "ethics" not in review.mark(practice().translation_key)[1]
    actions = list(ReviewEvent.objects.values_list("action", flat=True))
    assert actions.count("reviewed") == 4 and "marked" in actions


def test_a_review_without_a_reason_is_refused_with_a_summary_and_keeps_what_was_typed(client):
    client.force_login(reviewer("rhea"))
    data = answers(why="Clear evidence in the 2019 report.")
    data["ethics_why"] = ""
    data["evidence_why"] = "x" * (review.WHY_MAX + 1)
    del data["participation_met"]
    response = client.post(f"/admin/practices/reviews/{practice().id}/", data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in html
    for field in ("ethics_why", "evidence_why", "participation_met"):
        assert f'href="#id_{field}"' in html and f'id="id_{field}"' in html
    assert "Clear evidence in the 2019 report." in html
    assert PracticeReview.objects.count() == 0 and ReviewEvent.objects.count() == 0


@pytest.mark.parametrize("hostile", ["yes", "maybe", "1", ""])
def test_a_judgement_that_is_neither_met_nor_not_met_is_refused(client, hostile):
    client.force_login(reviewer("rhea"))
    response = client.post(
        f"/admin/practices/reviews/{practice().id}/", answers(relevance_met=hostile + "!")
    )
    assert response.status_code == 200 and PracticeReview.objects.count() == 0


def test_asking_the_next_reviewer_emails_them_a_link_and_their_list_shows_it_waiting(
    client, committed
):
    rhea, ravi = reviewer("rhea"), reviewer("ravi")
    with committed():
        review_as(client, rhea, next_reviewer=str(ravi.id))
    mail = Notification.objects.get(to="ravi@example.org")
    assert practice().title in mail.subject
    assert f"http://127.0.0.1:8000/admin/practices/reviews/{practice().id}/" in mail.body
    assert "rhea" in mail.body
    client.force_login(ravi)
    mine = client.get("/admin/practices/reviews/?show=mine").content.decode()
    assert "waiting for you" in mine and practice().title in mine
    assert "Practice reviews (1)" in client.get("/admin/").content.decode()
    client.logout()
    review_as(client, ravi)
    client.force_login(ravi)
    assert "0 practices" in client.get("/admin/practices/reviews/?show=mine").content.decode()
    history = client.get(f"/admin/practices/reviews/{practice().id}/").content.decode()
    assert "Review requested · rhea → ravi" in history


def test_a_review_can_be_requested_without_reviewing_and_only_of_a_reviewer(
    client, editor, committed
):
    rhea, ravi = reviewer("rhea"), reviewer("ravi")
    client.force_login(rhea)
    url = f"/admin/practices/reviews/{practice().id}/"
    with committed():
        client.post(url, {"action": "request", "reviewer": ravi.id, "message": "Bari asks"})
    assert "Bari asks" in Notification.objects.get(to="ravi@example.org").body
    response = client.post(url, {"action": "request", "reviewer": editor.id})
    assert response.status_code == 200  # not a reviewer: not one of the choices
    assert Notification.objects.filter(to=editor.email).count() == 0


def test_the_next_reviewer_cannot_be_oneself(client):
    rhea = reviewer("rhea")
    response = review_as(client, rhea, next_reviewer=str(rhea.id))
    assert response.status_code == 200 and PracticeReview.objects.count() == 0


def test_without_the_review_permission_the_reviews_are_closed(client, editor):
    client.force_login(editor)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get("/admin/practices/reviews/").status_code in (302, 403)
    refused = client.post(f"/admin/practices/reviews/{practice().id}/", answers())
    assert refused.status_code in (302, 403)
    assert "Practice reviews" not in client.get("/admin/").content.decode()
    assert PracticeReview.objects.count() == 0
    with pytest.raises(review.NotAllowed):
        review.submit_review(practice(), editor, {})


def test_hostile_text_in_a_review_is_shown_as_text(client):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    rhea = reviewer("rhea")
    review_as(client, rhea, why=hostile, note=hostile)
    client.force_login(rhea)
    html = client.get(f"/admin/practices/reviews/{practice().id}/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_review_list_filters_and_counts_reviewers(client, committed):
    with committed():
        review_as(client, reviewer("rhea"))
    client.force_login(reviewer("ravi"))
    listed = client.get("/admin/practices/reviews/?show=open&q=mothers").content.decode()
    assert practice().title in listed and "1 of 2 reviews" in listed
    assert "0 practices" in client.get("/admin/practices/reviews/?show=reviewed").content.decode()
    assert client.get("/admin/practices/reviews/?show=<bad>&page=99999").status_code == 200


def test_the_criteria_are_published_in_the_bundled_toolkit_in_every_bundled_translation(visitor):
    for language, title in (
        ("en", "How practices are reviewed"),
        ("it", "Come vengono revisionate le pratiche"),
        ("ar", "كيف تُراجَع الممارسات"),
    ):
        response = visitor.get(f"/{language}/criteria/")
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()
