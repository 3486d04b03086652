"""Whatever people type is kept as typed and shown as text, never run and never a crash."""

import pytest

from toolkit.planner.models import Plan

from .helpers import inspire, save, start_plan

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "مرحبا بكم في الخطة — right to left",
    "Emoji 👩🏽‍🏫📚 and zero-width\u200bjoiner",
    "'; DROP TABLE planner_plan; --",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "**bold** [link](javascript:alert(1)) # heading",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_typed_and_shown_escaped(visitor, text):
    key = start_plan(visitor)
    fields = {"problem": text, "rights": text, "affected": text, "evidence": text}
    save(visitor, key, "problem", fields, action="draft")
    rows = {"objectives": [{"objective": text, "measure": text, "deadline": ""}]}
    save(visitor, key, "goal", {"goal": text}, rows, action="draft")
    plan = Plan.objects.get()
    assert plan.answers["problem"]["problem"] == text
    for url in [f"/en/planner/{key}/", f"/en/planner/{key}/problem/", f"/en/planner/{key}/goal/"]:
        page = visitor.get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "<script>" not in markdown
    assert visitor.get(f"/en/planner/{key}/plan.docx").status_code == 200


def test_a_hundred_kilobytes_of_text_is_kept(visitor):
    key = start_plan(visitor)
    text = "Evidence. " * 10_000
    response = save(visitor, key, "problem", {"evidence": text}, action="draft")
    assert response.status_code == 302
    assert Plan.objects.get().answers["problem"]["evidence"] == text.strip()


def test_text_beyond_the_limit_is_refused_with_the_input_kept(visitor):
    key = start_plan(visitor)
    response = save(visitor, key, "context", {"title": "T" * 201}, action="draft")
    assert response.status_code == 400
    assert b"at most 200 characters" in response.content
    assert b"T" * 201 in response.content


@pytest.mark.parametrize(
    "fields",
    [
        {"country": "ZZ"},
        {"sectors": ["not-a-sector"]},
        {"title": "NUL \x00 byte"},
    ],
)
def test_impossible_values_are_errors_not_crashes(visitor, fields):
    key = start_plan(visitor)
    response = save(visitor, key, "context", fields, action="draft")
    assert response.status_code == 400
    assert b"error-summary" in response.content


def test_a_tampered_row_count_is_refused(visitor):
    key = start_plan(visitor)
    data = {
        "action": "draft",
        "objectives-TOTAL_FORMS": "100000",
        "objectives-INITIAL_FORMS": "0",
        "step-goal": "x",
    }
    response = visitor.post(f"/en/planner/{key}/goal/", data)
    assert response.status_code == 400
    assert Plan.objects.get().answers == {}


def test_a_missing_management_form_is_an_error_not_a_crash(visitor):
    key = start_plan(visitor)
    response = visitor.post(f"/en/planner/{key}/goal/", {"action": "save", "step-goal": "x"})
    assert response.status_code == 400


def test_an_unknown_inspiration_is_ignored(visitor):
    key = start_plan(visitor)
    inspire(visitor, key, "problem", "no-such-thing")
    assert Plan.objects.get().inspirations == []
