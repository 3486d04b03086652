import json
import re

import pytest

from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    return (
        PracticePage.objects.filter(locale__language_code="en")
        .exclude(principles=None)
        .order_by("id")
        .first()
    )


def test_a_practice_page_shows_every_field_and_its_example_badge(visitor, practice):
    html = visitor.get(practice.url).content.decode()
    for text in (
        practice.title,
        practice.organisation,
        str(practice.start_year),
        practice.country.name,
        practice.participation.name,
    ):
        assert text in html
    assert "illustrative example" in html and '<span class="badge">Example</span>' in html


def test_a_practice_links_to_the_principles_it_puts_into_practice(visitor, practice):
    html = visitor.get(practice.url).content.decode()
    assert re.search(r'href="/en/manifesto/[a-z-]+/"', html.split("Principles of the Manifesto")[1])


def test_a_practice_has_schema_org_data_and_ways_to_cite_it(visitor, practice):
    html = visitor.get(practice.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "CreativeWork" and data["name"] == practice.title
    assert "@misc{" in html and "Cite this practice" in html


def test_a_practice_suggests_related_practices(visitor, practice):
    html = visitor.get(practice.url).content.decode()
    related = html.split('id="related-title"')[1]
    assert related.count('class="card"') == 3
    assert practice.url not in related


def test_markup_in_a_practice_title_cannot_break_out_of_the_json_ld(visitor, practice):
    practice.title = "</script><script>alert(1)</script>"
    practice.save_revision().publish()
    html = visitor.get(practice.url).content.decode()
    assert "<script>alert(1)</script>" not in html
