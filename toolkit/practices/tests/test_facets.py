"""A practice's facets are described once (practices/facets.py), and everything else follows
the table: a field of the model that is in no table, or an API whose filters disagree with it,
fails here; a facet added as one row is filtered, counted and offered everywhere."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from toolkit.practices import columns, facets, search
from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db

# Fields of a practice that are not facets: its prose and links (columns.TEXT_LIMITS), and
# the flag that marks an invented example.
NOT_FACETS = {*columns.TEXT_LIMITS, "is_example"} - {"title"}


def own_fields():
    inherited = {field.name for field in Page._meta.get_fields()}
    return {
        field.name
        for field in PracticePage._meta.get_fields()
        if field.name not in inherited and field.concrete and not field.name.endswith("_ptr")
    }


def test_every_field_of_a_practice_is_either_a_facet_or_a_known_text():
    described = set(facets.page_fields()) | NOT_FACETS
    assert own_fields() - described == set()
    assert described - own_fields() == set()


def test_every_facet_is_a_column_of_the_files():
    assert {facet.field for facet in facets.exported()} <= set(columns.COLUMNS)


def test_the_api_offers_one_filter_per_facet_and_describes_its_type(visitor):
    document = visitor.get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/practices"]["get"]["parameters"]
    found = {p["name"]: p["schema"] for p in parameters}
    own = {"q", "sources", "sort", "page", "per_page", "lang"}
    assert set(found) - own == {facet.name for facet in facets.filters()}
    assert found["start_year"]["items"]["type"] == "integer"
    assert found["sector"]["items"]["type"] == "string"


def test_the_catalogue_shows_the_facets_in_the_order_of_the_table(visitor):
    api = visitor.get("/api/v1/practices").json()
    assert list(api["facets"]) == [facet.name for facet in facets.filters()]
    html = visitor.get("/en/practices/").content.decode()
    legends = [html.index(f"<legend>{escape(facet.label)}") for facet in facets.filters()]
    assert legends == sorted(legends)


@pytest.fixture
def place_facet(monkeypatch):
    """The city or region as a facet: one row, as CONTRIBUTING.md shows."""
    row = facets.Facet("place", "place", _("City or region"))
    monkeypatch.setattr(facets, "FACETS", (*facets.FACETS, row))
    search.indexes.forget()  # built with the table as it was
    yield row
    search.indexes.forget()


def test_a_facet_added_as_one_row_is_filtered_counted_and_offered_everywhere(visitor, place_facet):
    bologna = "Bologna, Emilia-Romagna"
    expected = PracticePage.objects.live().filter(locale__language_code="en", place=bologna)
    api = visitor.get("/api/v1/practices", {"place": bologna}).json()
    assert api["total"] == expected.count() > 0
    assert {v["value"] for v in api["facets"]["place"]} >= {bologna, "Palermo, Sicily"}
    html = visitor.get("/en/practices/", {"place": bologna}).content.decode()
    assert "<legend>City or region" in html
    assert f'name="place" value="{bologna}" checked' in html
    unknown = visitor.get("/api/v1/practices?place=Nowhere").json()
    assert "place" in unknown["errors"]  # reported, as for every facet
