"""Published stories are evidence that a practice travelled: the catalogue filters and sorts
by where practices were adapted, the API and the JSON export carry that standing, and the
stories themselves are data at stories.json. Taking a story back takes its evidence back."""

import json
import re

import pytest

from toolkit.participation.models import Submission
from toolkit.practices.models import PracticePage

from .helpers import STORY, send, status_key

pytestmark = pytest.mark.django_db

BOLOGNA = "it-italian-classes-with-creche-bologna"


def publish(visitor, client, moderator, **answers):
    response = send(visitor, "story", {"practices": [BOLOGNA], **STORY, **answers})
    client.force_login(moderator)
    submission = Submission.objects.filter(status="received").get()
    client.post(f"/admin/submissions/{submission.id}/", {"decision": "approve"})
    client.logout()
    return status_key(response)


def slugs(html):
    return re.findall(r'class="practice-card__title"><a href="/en/practices/([^/]+)/[^"]*"', html)


def test_the_catalogue_filters_practices_adapted_elsewhere_and_sorts_them_first(
    visitor, client, moderator, committed
):
    assert "0 practices" in visitor.get("/en/practices/?adapted=yes").content.decode()
    with committed():  # the catalogue seen before must follow the change once it is committed
        publish(visitor, client, moderator, place="Bari", country="IT")
        publish(visitor, client, moderator, place="Lyon", country="FR", title="In Lyon")
    html = visitor.get("/en/practices/?adapted=yes").content.decode()
    assert slugs(html) == [BOLOGNA]
    assert "Adapted elsewhere" in html
    assert slugs(visitor.get("/en/practices/?sort=adapted").content.decode())[0] == BOLOGNA
    found = visitor.get("/api/v1/practices?adapted=yes").json()
    assert [r["slug"] for r in found["results"]] == [BOLOGNA]
    assert found["results"][0]["standing"] == {
        "adapted_places": 2,
        "adapted_countries": 2,
        "reviewed_on": None,
        "criteria_met": [],
    }


def test_the_italian_catalogue_counts_the_same_transfers(visitor, client, moderator):
    publish(visitor, client, moderator, place="Bari", country="IT")
    html = visitor.get("/it/practices/?adapted=yes").content.decode()
    assert re.search(r'class="result-count" role="status">1 ', html)


def test_withdrawing_the_only_story_takes_the_practice_out_of_adapted(
    visitor, client, moderator, committed
):
    with committed():
        key = publish(visitor, client, moderator, place="Bari", country="IT")
    assert len(slugs(visitor.get("/en/practices/?adapted=yes").content.decode())) == 1
    with committed():
        visitor.post(f"/en/participate/status/{key}/", {"action": "withdraw", "confirm": "on"})
    assert slugs(visitor.get("/en/practices/?adapted=yes").content.decode()) == []
    practice = PracticePage.objects.get(slug=BOLOGNA, locale__language_code="en")
    record = visitor.get(f"/api/v1/practices/{practice.id}").json()
    assert record["standing"]["adapted_places"] == 0


def test_stories_are_data_with_the_practices_they_drew_on(visitor, client, moderator):
    publish(visitor, client, moderator, place="Bari", country="IT", outcome="running")
    response = visitor.get("/en/stories.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    (story,) = response.json()["stories"]
    assert story["place"] == "Bari" and story["country"] == "IT"
    assert story["country_name"] == "Italy" and story["outcome"] == "running"
    assert story["practices"][0]["slug"] == BOLOGNA
    assert story["practices"][0]["url"].endswith(f"/en/practices/{BOLOGNA}/")
    assert "email" not in story and "amina@example.org" not in response.content.decode()
    page = visitor.get("/en/stories/").content.decode()
    assert 'rel="alternate" type="application/json"' in page


def test_stories_of_one_practice_and_a_hostile_filter_give_a_list_not_an_error(
    visitor, client, moderator
):
    publish(visitor, client, moderator, place="Bari", country="IT")
    assert len(visitor.get(f"/en/stories.json?practice={BOLOGNA}").json()["stories"]) == 1
    assert visitor.get("/en/stories.json?practice=no-such-practice").json()["stories"] == []
    for hostile in ["<script>", "' OR 1=1 --", "x" * 5000, "%00"]:
        response = visitor.get("/en/stories.json", {"practice": hostile})
        assert response.status_code == 200
        assert response.json()["stories"] == []  # no practice has that name
        html = visitor.get("/en/stories/", {"practice": hostile})
        assert html.status_code == 200 and "<script>" not in html.content.decode()
        assert "0 stories drew on this practice." in html.content.decode()
        assert "No story has been published yet" not in html.content.decode()


def test_the_json_export_carries_each_practices_standing(visitor, client, moderator):
    publish(visitor, client, moderator, place="Bari", country="IT")
    response = visitor.get("/api/v1/export/practices.json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    records = {r["slug"]: r for r in json.loads(body)["practices"]}
    assert records[BOLOGNA]["standing"]["adapted_places"] == 1
    assert records[BOLOGNA]["standing"]["adapted_countries"] == 1
    assert {r["standing"]["adapted_places"] for s, r in records.items() if s != BOLOGNA} == {0}
