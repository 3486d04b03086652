import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_returns_the_same_practices_in_the_same_order_as_the_page(visitor):
    query = "?q=language&country=IT&country=GR&sort=relevance"
    data = visitor.get(f"/api/v1/practices{query}").json()
    html = visitor.get(f"/en/practices/{query}").content.decode()
    page_slugs = re.findall(r'class="practice-card__title"><a href="/en/practices/([^/]+)/', html)
    assert [r["slug"] for r in data["results"]] == page_slugs
    assert data["total"] == int(re.search(r'role="status">(\d+) practice', html).group(1))


def test_the_api_returns_facets_with_counts_and_codes(visitor):
    data = visitor.get("/api/v1/practices?country=IT").json()
    country = {v["value"]: v for v in data["facets"]["country"]}
    assert country["IT"]["selected"] and country["IT"]["count"] == data["total"]
    assert set(data["facets"]) >= {
        "sector",
        "target_group",
        "approach",
        "principle",
        "participation",
        "evidence_type",
        "evidence_strength",
        "language",
        "country",
        "start_year",
    }


def test_a_record_carries_codes_names_and_the_example_flag(visitor):
    record = visitor.get("/api/v1/practices?per_page=1").json()["results"][0]
    assert record["is_example"] is True
    assert len(record["sectors"]) == len(record["sectors_names"]) >= 1
    assert record["url"].startswith("http")
    single = visitor.get(f"/api/v1/practices/{record['id']}").json()
    assert single == record


def test_names_follow_the_requested_language_but_codes_do_not(visitor):
    english = visitor.get("/api/v1/practices?per_page=1&sort=title").json()["results"][0]
    italian = visitor.get("/api/v1/practices?per_page=100&lang=it").json()
    assert italian["language"] == "it"
    same = next(r for r in italian["results"] if r["slug"] == english["slug"])
    assert same["country"] == english["country"]
    assert same["sectors"] == english["sectors"]
    assert same["country_name"] != english["country_name"]


def test_bad_input_gets_a_clear_error_never_a_500(visitor):
    assert visitor.get("/api/v1/practices?page=abc").status_code == 422
    data = visitor.get("/api/v1/practices?country=ZZ&q=%22AND%20NEAR(").json()
    assert "country" in data["errors"]
    assert visitor.get("/api/v1/practices/999999").status_code == 404
    assert visitor.get("/api/v1/practices?per_page=100000").json()["per_page"] == 100


def test_vocabularies_and_the_openapi_document(visitor):
    vocabularies = visitor.get("/api/v1/vocabularies").json()
    assert [v["code"] for v in vocabularies["participation"]["values"]] == [
        "informed",
        "consulted",
        "co-designed",
        "migrant-led",
    ]
    spec = visitor.get("/api/v1/openapi.json").json()
    assert {"/api/v1/practices", "/api/v1/practices/{practice_id}", "/api/v1/vocabularies"} <= set(
        spec["paths"]
    )


def test_the_api_is_readable_from_any_origin(visitor):
    response = visitor.get("/api/v1/practices", HTTP_ORIGIN="https://elsewhere.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_api_shows_a_published_change_at_once(visitor, committed):
    from toolkit.practices.models import PracticePage

    first = visitor.get("/api/v1/practices?sort=title&per_page=1").json()["results"][0]
    practice = PracticePage.objects.get(id=first["id"])
    practice.summary = "A freshly rewritten summary."
    with committed():
        practice.save_revision().publish()
    again = visitor.get(f"/api/v1/practices/{first['id']}").json()
    assert again["summary"] == "A freshly rewritten summary."
