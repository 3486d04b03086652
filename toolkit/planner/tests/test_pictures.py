"""The power/interest grid and the timeline: pictures with a text twin."""

import pytest

from .helpers import complete_plan

pytestmark = pytest.mark.django_db


def test_the_grid_places_people_and_says_the_same_in_words(visitor):
    key = complete_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/").content.decode()
    assert 'class="plan-grid__svg" role="img" aria-labelledby="grid-caption"' in page
    manage = page.split("<strong>Manage closely</strong>")[1].split("</div>")[0]
    satisfy = page.split("<strong>Keep satisfied</strong>")[1].split("</div>")[0]
    assert "Mayor" in manage
    assert "Regional education office" in satisfy


def test_the_grid_on_its_step_can_be_arranged(visitor):
    key = complete_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/decision-makers/").content.decode()
    assert 'role="group" data-grid' in page
    assert 'tabindex="0" role="button"' in page
    assert 'id="id_stakeholders-1-power"' in page


def test_the_timeline_lists_every_date_in_order(visitor):
    key = complete_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/").content.decode()
    listing = page.split('class="plan-timeline__list"')[1].split("</ol>")[0]
    assert listing.index("Regional budget vote") < listing.index("Meet the councillor")
    assert listing.index("Meet the councillor") < listing.index("Two more evening classes")
    assert '<time datetime="2026-12-15">' in listing
