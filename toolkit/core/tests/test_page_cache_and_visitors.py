"""Visitors who plan and send forms leave the page cache alone: only what changes public pages
empties it (under load, emptying it for every plan and form made every page render afresh)."""

import pytest
from django.test import Client

from toolkit.participation.tests.helpers import CONTACT, STORY, send

pytestmark = pytest.mark.django_db


def test_pages_stay_cached_while_others_plan_and_send_forms(visitor):
    visitor.get("/en/advocacy/")
    someone = Client()
    plan = someone.post("/en/planner/new")
    step = someone.post(plan["Location"], {"step-title": "Evening classes", "action": "draft"})
    assert plan.status_code == step.status_code == 302
    assert send(someone, "contact", CONTACT).status_code == 302
    assert send(someone, "story", STORY).status_code == 302
    assert visitor.get("/en/advocacy/")["X-Page-Cache"] == "hit"
