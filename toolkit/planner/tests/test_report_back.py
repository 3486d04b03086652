"""Reporting back, over HTTP: a plan becomes a story of use when the visitor is ready, with the
visitor choosing what is copied, and the published story is a transfer record."""

import re

import pytest

from toolkit.participation.models import Story, Submission
from toolkit.participation.tests.helpers import send
from toolkit.planner.models import Plan

from .helpers import save
from .test_adapt_a_practice import BOLOGNA, adapt_new

pytestmark = pytest.mark.django_db


def plan_with_answers(visitor):
    key = adapt_new(visitor)
    context = {"title": "Italian with a crèche in Bari", "country": "IT", "place": "Bari"}
    context |= {"target_groups": ["refugees"], "role": "Adult school"}
    save(visitor, key, "context", context, action="draft")
    allies = {"coalition": "The school and two mothers' groups"}
    allies |= {"participation_roles": "Mothers chose the timetable"}
    save(visitor, key, "allies", allies, action="draft")
    visitor.post(f"/en/planner/{key}/adapted/{BOLOGNA}/", {"note-fit": "Classes in the morning"})
    return key


def prefill(visitor, key, copy):
    data = {"action": "prefill", "plan": key, "copy": copy}
    return visitor.post("/en/participate/story/", data)


def test_the_report_back_page_shows_every_value_before_it_is_copied(visitor):
    key = plan_with_answers(visitor)
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert f'href="/en/planner/{key}/report-back/"' in summary
    page = visitor.get(f"/en/planner/{key}/report-back/").content.decode()
    assert '<form method="post" action="/en/participate/story/">' in page
    for value in ["Italian with a crèche in Bari", "Bari", "Classes in the morning", "Refugees"]:
        assert value in page
    assert "Italian classes with a crèche" in page  # the adapted practice, by its title
    assert re.search(r'<input type="checkbox" name="copy" value="adapted" [^>]*checked>', page)
    assert 'value="name"' not in page and 'value="email"' not in page


def test_the_story_form_opens_with_only_what_the_visitor_ticked_and_stores_nothing(visitor):
    key = plan_with_answers(visitor)
    response = prefill(visitor, key, ["title", "practices", "adapted", "target_groups"])
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Italian with a crèche in Bari"' in page
    assert "Classes in the morning</textarea>" in page
    assert re.search(rf'value="{BOLOGNA}"[^>]*checked|checked[^>]*value="{BOLOGNA}"', page)
    assert re.search(r'value="refugees"[^>]*checked|checked[^>]*value="refugees"', page)
    assert 'value="Bari"' not in page  # the place was not ticked
    assert "Mothers chose the timetable" not in page
    assert 'id="prefilled"' in page and 'class="error-summary"' not in page
    assert not re.search(r'name="consent_publish"[^>]*checked', page)
    assert Submission.objects.count() == 0


def test_a_wrong_or_missing_key_opens_an_empty_story_form(visitor):
    for key in ["", "A" * 32, "x" * 5000]:
        page = prefill(visitor, key, ["title"]).content.decode()
        assert 'id="prefilled"' in page and 'name="title"' in page
        assert "Italian with" not in page
    assert Submission.objects.count() == 0


def test_the_published_story_is_a_transfer_record_of_the_practice(visitor, client, moderator):
    answers = {
        "title": "Italian with a crèche in Bari",
        "what": "Morning classes with a crèche.",
        "change": "Forty mothers enrolled.",
        "country": "IT",
        "place": "Bari",
        "practices": [BOLOGNA],
        "sectors": ["language-learning"],
        "target_groups": ["refugees"],
        "adapted": "Classes in the morning",
        "outcome": "running",
        "outcome_why": "Funded for two years",
        "co_decided": "Two mothers who attend",
        "migrants_took_part": "yes",
        "consent_publish": "on",
        "name": "Amina",
    }
    assert send(visitor, "story", answers).status_code == 302
    client.force_login(moderator)
    client.post(f"/admin/submissions/{Submission.objects.get().id}/", {"decision": "approve"})
    story = Story.objects.get()
    assert (story.outcome, story.outcome_why) == ("running", "Funded for two years")
    assert story.sectors == ["language-learning"] and story.target_groups == ["refugees"]
    assert story.adapted == "Classes in the morning"
    assert story.co_decided == "Two mothers who attend"
    assert story.pages.filter(slug=BOLOGNA).exists()
    page = visitor.get("/en/stories/").content.decode()
    assert "Running: Funded for two years" in page
    assert "Classes in the morning" in page and "Two mothers who attend" in page
    assert "Refugees" in page


def test_an_unknown_outcome_is_refused_beside_its_field(visitor):
    response = send(
        visitor,
        "story",
        {
            "title": "x",
            "what": "y",
            "change": "z",
            "migrants_took_part": "no",
            "outcome": "<b>won</b>",
            "consent_publish": "on",
        },
    )
    assert response.status_code == 400
    assert 'id="id_outcome"' in response.content.decode()
    assert Submission.objects.count() == 0
    assert Plan.objects.count() == 0
