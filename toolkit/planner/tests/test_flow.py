"""A practitioner's way through the planner, over HTTP."""

import pytest

from toolkit.planner.models import Plan

from .helpers import COMPLETE, complete_plan, save, start_plan

pytestmark = pytest.mark.django_db


def test_the_planner_start_page_offers_a_new_plan_and_an_import(visitor):
    response = visitor.get("/en/planner/")
    assert response.status_code == 200
    assert b'action="/en/planner/new"' in response.content
    assert b'action="/en/planner/import"' in response.content


def test_starting_a_plan_leads_to_its_first_step_behind_a_private_link(visitor):
    key = start_plan(visitor)
    assert len(key) >= 32
    page = visitor.get(f"/en/planner/{key}/context/")
    assert page.status_code == 200
    assert b"Your context" in page.content
    assert Plan.objects.count() == 1
    assert key not in Plan.objects.get().key_hash  # only a hash of the key is stored


def test_a_completed_plan_shows_every_step_complete_on_its_summary(visitor):
    key = complete_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/")
    text = page.content.decode()
    assert "Steps complete: 10 of 10" in text
    assert "Italian classes for every adult" in text
    assert "Regional budget vote" in text
    assert "Meet the councillor" in text


def test_saving_a_step_moves_on_to_the_next_one(visitor):
    key = start_plan(visitor)
    fields, tables = COMPLETE["context"]
    response = save(visitor, key, "context", fields, tables)
    assert response["Location"] == f"/en/planner/{key}/problem/"


def test_the_last_step_leads_to_the_whole_plan(visitor):
    key = start_plan(visitor)
    fields, tables = COMPLETE["learning"]
    response = save(visitor, key, "learning", fields, tables)
    assert response["Location"] == f"/en/planner/{key}/"


def test_a_plan_can_be_left_and_resumed_from_its_link_in_another_browser(visitor, client):
    key = start_plan(visitor)
    save(visitor, key, "problem", {"problem": "No evening classes"}, action="draft")
    from django.test import Client

    other = Client()
    page = other.get(f"/en/planner/{key}/problem/")
    assert page.status_code == 200
    assert b"No evening classes" in page.content


def test_a_missing_answer_is_reported_in_the_summary_and_beside_the_field(visitor):
    key = start_plan(visitor)
    response = save(visitor, key, "allies", {"allies": "The union", "participation_roles": ""})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'class="error-summary"' in text
    assert 'href="#id_step-participation_level_0"' in text
    assert 'class="field__error"' in text
    assert "The union" in text  # what was typed is kept


def test_a_draft_keeps_an_incomplete_step_and_the_summary_says_it_is_not_complete(visitor):
    key = start_plan(visitor)
    response = save(visitor, key, "allies", {"allies": "The union"}, action="draft")
    assert response.status_code == 302
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert "Started, not complete yet" in summary
    assert "Steps complete: 0 of 10" in summary


def test_migrants_participation_is_needed_for_the_allies_step_to_be_complete(visitor):
    key = start_plan(visitor)
    fields = dict(COMPLETE["allies"][0], participation_level="")
    response = save(visitor, key, "allies", fields)
    assert response.status_code == 400
    assert b"How migrants take part" in response.content


def test_a_row_in_use_needs_its_main_field_and_keeps_what_was_typed(visitor):
    key = start_plan(visitor)
    rows = {"objectives": [{"objective": "", "measure": "Classes open", "deadline": ""}]}
    response = save(visitor, key, "goal", {"goal": "A place for all"}, rows)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'href="#id_objectives-0-objective"' in text
    assert "Classes open" in text


def test_an_impossible_date_is_an_error_not_a_crash(visitor):
    key = start_plan(visitor)
    rows = {"activities": [{"activity": "Meet", "owner": "Ana", "due": "2027-02-31"}]}
    response = save(visitor, key, "action", {}, rows, action="draft")
    assert response.status_code == 400
    assert b"Enter a valid date" in response.content


def test_more_rows_can_be_added_without_javascript(visitor):
    key = start_plan(visitor)
    rows = {"objectives": [{"objective": "One", "measure": "", "deadline": ""}]}
    response = save(visitor, key, "goal", {"goal": "x"}, rows, action="more")
    assert response.status_code == 302
    page = visitor.get(response["Location"]).content.decode()
    assert 'name="objectives-TOTAL_FORMS" value="4"' in page
    assert 'value="One"' in page


def test_a_row_can_be_removed(visitor):
    key = complete_plan(visitor)
    data = {
        "action": "draft",
        "step-key_decision": "",
        "stakeholders-TOTAL_FORMS": "2",
        "stakeholders-INITIAL_FORMS": "2",
        "stakeholders-0-name": "Regional education office",
        "stakeholders-0-DELETE": "on",
        "stakeholders-1-name": "Mayor",
    }
    visitor.post(f"/en/planner/{key}/decision-makers/", data)
    rows = Plan.objects.get().answers["decision-makers"]["stakeholders"]
    assert [row["name"] for row in rows] == ["Mayor"]


def test_autosave_answers_in_json_and_saves_a_draft(visitor):
    key = start_plan(visitor)
    response = save(visitor, key, "problem", {"problem": "Typed so far"}, action="autosave")
    assert response.json() == {"saved": True, "message": "All changes saved."}
    assert Plan.objects.get().answers["problem"]["problem"] == "Typed so far"


def test_steps_can_be_visited_in_any_order(visitor):
    key = start_plan(visitor)
    for slug in ["learning", "context", "tactics"]:
        assert visitor.get(f"/en/planner/{key}/{slug}/").status_code == 200


def test_an_unknown_step_or_key_is_not_found(visitor):
    key = start_plan(visitor)
    assert visitor.get(f"/en/planner/{key}/nowhere/").status_code == 404
    assert visitor.get("/en/planner/" + "x" * 32 + "/").status_code == 404


def test_forgetting_a_plan_deletes_it_for_everyone(visitor):
    key = complete_plan(visitor)
    assert visitor.get(f"/en/planner/{key}/forget").status_code == 200
    response = visitor.post(f"/en/planner/{key}/forget")
    assert response["Location"] == "/en/planner/"
    assert Plan.objects.count() == 0
    assert visitor.get(f"/en/planner/{key}/").status_code == 404


def test_each_step_shows_what_the_campaign_chapter_says_about_it(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/decision-makers/").content.decode()
    assert "Read more: Map decision-makers and influencers" in page


def test_the_planner_speaks_the_visitors_language(visitor):
    key = start_plan(visitor, language="it")
    page = visitor.get(f"/it/planner/{key}/context/")
    assert page.status_code == 200
    assert 'lang="it"' in page.content.decode()
