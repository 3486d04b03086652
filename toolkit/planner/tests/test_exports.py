"""The plan as files: JSON round trip, PDF, Word, Markdown."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from toolkit.planner.models import Plan

from .helpers import COMPLETE, complete_plan, inspire

pytestmark = pytest.mark.django_db


def export(client, key, kind):
    response = client.get(f"/en/planner/{key}/plan.{kind}")
    assert response.status_code == 200, response.content[:500]
    return response


def import_file(client, content, name="plan.json"):
    upload = SimpleUploadedFile(name, content, content_type="application/json")
    return client.post("/en/planner/import", {"file": upload})


def test_a_json_export_imported_again_gives_an_identical_plan(visitor):
    key = complete_plan(visitor)
    inspire(visitor, key, "problem", "it-enrolment-complaint-bari", *COMPLETE["problem"])
    first = export(visitor, key, "json").content
    response = import_file(visitor, first)
    assert response.status_code == 302
    new_key = response["Location"].split("/")[3]
    assert new_key != key
    second = export(visitor, new_key, "json").content
    assert first == second
    assert json.loads(first)["inspirations"] == [
        {"step": "problem", "practice": "it-enrolment-complaint-bari"}
    ]
    assert Plan.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not json", "not valid JSON"),
        (b"[1, 2]", "not a plan file exported by the planner"),
        (b'{"format": "advocacy-toolkit-plan", "version": 99}', "cannot read"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (
            b'{"format": "advocacy-toolkit-plan", "version": 1, "answers": '
            b'{"goal": {"objectives": [{"objective": "x", "deadline": "not a date"}]}}}',
            "answers the planner does not accept",
        ),
    ],
)
def test_a_broken_plan_file_is_refused_with_a_clear_message(visitor, content, message):
    response = import_file(visitor, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Plan.objects.count() == 0


def test_an_imported_file_cannot_smuggle_unknown_fields_or_steps(visitor):
    document = {
        "format": "advocacy-toolkit-plan",
        "version": 1,
        "language": "xx",
        "answers": {"problem": {"problem": "P", "admin": True}, "elsewhere": {"a": 1}},
        "inspirations": [{"step": "nowhere", "practice": "x"}, "junk"],
    }
    response = import_file(visitor, json.dumps(document).encode())
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.answers["problem"]["problem"] == "P"
    assert "admin" not in plan.answers["problem"]
    assert set(plan.answers) == {"problem"}
    assert plan.inspirations == []
    assert plan.language == "en"


def pdf_text(data):
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def test_the_pdf_holds_the_plans_text(visitor):
    key = complete_plan(visitor)
    text = pdf_text(export(visitor, key, "pdf").content)
    assert "Italian classes for every adult" in text
    assert "Regional budget vote" in text
    assert "Manage closely" in text


def test_the_word_document_has_a_heading_per_step_and_real_tables(visitor):
    from docx import Document

    key = complete_plan(visitor)
    response = export(visitor, key, "docx")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Your context"
    assert "10. Monitoring, evaluation and learning" in headings
    assert len(headings) == 10
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Meet the councillor" in cells


def test_the_markdown_has_the_steps_and_tables(visitor):
    key = complete_plan(visitor)
    text = export(visitor, key, "md").content.decode()
    assert text.startswith("# Italian classes for every adult\n")
    assert "## 9. Action plan (complete)" in text
    assert "| Meet the councillor | Anna |" in text


def test_exports_are_in_the_plans_language_not_the_readers(visitor):
    key = complete_plan(visitor, language="it")
    response = visitor.get(f"/en/planner/{key}/plan.docx")
    from docx import Document

    document = Document(io.BytesIO(response.content))
    assert document.core_properties.language == "it"


def test_exports_are_private_downloads(visitor):
    key = complete_plan(visitor)
    response = export(visitor, key, "json")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        'attachment; filename="italian-classes-for-every-adult.json"'
    )
