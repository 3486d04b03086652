"""Each step brings practices from the catalogue that fit the plan."""

import re

import pytest

from toolkit.planner.models import Plan

from .helpers import inspire, save, start_plan

pytestmark = pytest.mark.django_db


def suggested_titles(page):
    section = page.split('id="inspiration-title"')[1]
    return re.findall(r'class="card__title"><a href="[^"]+/practices/([a-z0-9-]+)/"', section)


def test_suggestions_come_from_the_plans_country_when_it_has_practices(visitor):
    key = start_plan(visitor)
    save(visitor, key, "context", {"country": "IT"}, action="draft")
    page = visitor.get(f"/en/planner/{key}/problem/").content.decode()
    slugs = suggested_titles(page)
    assert 2 <= len(slugs) <= 3
    assert all(slug.startswith("it-") for slug in slugs)


def test_suggestions_follow_the_chosen_tactics(visitor):
    from toolkit.practices.search import Query, search

    key = start_plan(visitor)
    save(visitor, key, "tactics", {"tactics": ["complaint"]}, action="draft")
    page = visitor.get(f"/en/planner/{key}/tactics/").content.decode()
    legal = search(Query(filters={"approach": ["legal-action"]}, per_page=100), "en")
    from toolkit.practices.search import practice_cards

    legal_slugs = {c["slug"] for c in practice_cards("en", page_ids=legal.page_ids)}
    assert set(suggested_titles(page)) <= legal_slugs


def test_a_suggestion_can_be_added_as_inspiration_in_one_click(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/allies/").content.decode()
    slug = suggested_titles(page)[0]
    response = inspire(visitor, key, "allies", slug)
    assert response["Location"] == f"/en/planner/{key}/allies/#inspirations"
    assert Plan.objects.get().inspirations == [{"step": "allies", "practice": slug}]
    page = visitor.get(f"/en/planner/{key}/allies/").content.decode()
    assert "Added to your inspirations" in page
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert f"/practices/{slug}/" in summary


def test_an_inspiration_can_be_removed(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/allies/").content.decode()
    slug = suggested_titles(page)[0]
    inspire(visitor, key, "allies", slug)
    inspire(visitor, key, "allies", slug, remove=True)
    assert Plan.objects.get().inspirations == []
