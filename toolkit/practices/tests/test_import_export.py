"""Open data out, a network's own practices in: exports, the data package, the importer."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db

NEW_ROW = {
    "slug": "pt-new-evening-classes-braga",
    "title": "Evening classes in Braga",
    "summary": "Evening Portuguese classes for workers.",
    "description": "<p>Classes.</p>",
    "country": "PT",
    "place": "Braga",
    "organisation": "Braga Learning Circle",
    "website": "https://example.org/braga",
    "start_year": "2022",
    "status": "ongoing",
    "sectors": "language-learning",
    "target_groups": "other-migrants|women",
    "approaches": "service-innovation",
    "principles": "hospitality",
    "participation": "consulted",
    "beneficiaries": "",
    "results": "",
    "evidence_type": "",
    "evidence_strength": "",
    "resources_needed": "",
    "transferability": "",
    "contact": "",
    "links": "",
    "languages": "pt",
    "is_example": "no",
}


def export(client, fmt, query=""):
    response = client.get(f"/api/v1/export/practices.{fmt}{query}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8")


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_practices", path, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def csv_text(rows, delimiter=","):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(NEW_ROW), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_a_filtered_view_exports_exactly_its_practices_in_csv_json_and_json_ld(visitor):
    api = visitor.get("/api/v1/practices?country=IT&per_page=100").json()
    rows = list(csv.DictReader(io.StringIO(export(visitor, "csv", "?country=IT"))))
    assert sorted(r["slug"] for r in rows) == sorted(r["slug"] for r in api["results"])
    data = json.loads(export(visitor, "json", "?country=IT"))
    assert len(data["practices"]) == api["total"]
    graph = json.loads(export(visitor, "jsonld", "?country=IT"))["@graph"]
    assert {node["@type"] for node in graph} == {"CreativeWork"} and len(graph) == api["total"]


def test_the_data_package_describes_the_whole_catalogue_under_an_open_licence(visitor):
    package = visitor.get("/api/v1/datapackage.json").json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resource = package["resources"][0]
    assert resource["path"].endswith("/api/v1/export/practices.csv")
    assert [f["name"] for f in resource["schema"]["fields"]][:3] == ["slug", "title", "summary"]


def test_an_export_read_back_changes_nothing(visitor, tmp_path):
    path = write(tmp_path, "all.csv", export(visitor, "csv"))
    assert "Created 0, updated 0, unchanged 50." in run_import(path)
    path = write(tmp_path, "all.json", export(visitor, "json"))
    assert "unchanged 50" in run_import(path)


def test_semicolons_and_a_byte_order_mark_are_read(tmp_path):
    path = write(tmp_path, "new.csv", csv_text([NEW_ROW], delimiter=";"), encoding="utf-8-sig")
    assert "Created 1" in run_import(path)
    practice = PracticePage.objects.get(slug=NEW_ROW["slug"], locale__language_code="en")
    assert sorted(t.code for t in practice.target_groups.all()) == ["other-migrants", "women"]
    assert not practice.is_example and practice.live


def test_a_spreadsheet_is_read_like_a_csv(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(NEW_ROW))
    workbook.active.append([int(v) if k == "start_year" else v for k, v in NEW_ROW.items()])
    path = tmp_path / "new.xlsx"
    workbook.save(path)
    assert "Created 1" in run_import(str(path))


def test_a_dry_run_checks_but_writes_nothing(tmp_path):
    path = write(tmp_path, "new.csv", csv_text([NEW_ROW]))
    assert "Would create 1" in run_import(path, "--dry-run")
    assert not PracticePage.objects.filter(slug=NEW_ROW["slug"]).exists()


def test_importing_again_updates_by_slug_instead_of_duplicating(tmp_path):
    run_import(write(tmp_path, "a.csv", csv_text([NEW_ROW])))
    changed = NEW_ROW | {"title": "Evening classes in Braga and Guimarães"}
    assert "updated 1" in run_import(write(tmp_path, "b.csv", csv_text([changed])))
    english = PracticePage.objects.filter(slug=NEW_ROW["slug"], locale__language_code="en")
    assert english.count() == 1
    assert english.get().title.endswith("Guimarães")
    # Every other language shows it too, until someone translates it.
    assert PracticePage.objects.filter(slug=NEW_ROW["slug"]).count() == 8


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written(tmp_path):
    good = NEW_ROW | {"slug": "pt-good-row"}
    bad = NEW_ROW | {
        "slug": "pt-bad-row",
        "country": "XX",
        "start_year": "soon",
        "sectors": "knitting",
        "summary": "x" * 301,
        "website": "javascript:alert(1)",
    }
    path = write(tmp_path, "mixed.csv", csv_text([good, bad]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_practices", path, stdout=io.StringIO(), stderr=errors)
    report = errors.getvalue()
    for column in ("country", "start_year", "sectors", "summary", "website"):
        assert f"row 2, column “{column}”" in report
    assert "knitting" in report  # unknown vocabulary values are named, never invented
    assert not PracticePage.objects.filter(slug__in=["pt-good-row", "pt-bad-row"]).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.json", b"{not json"),
        ("deep.json", b"[" * 100_000),
        ("latin1.csv", "slug;title\nx;Caf\xe9".encode("latin-1")),
        ("image.png", b"\x89PNG\r\n"),
        ("empty.xlsx", b"PK\x03\x04 not really a workbook"),
    ],
)
def test_a_broken_file_gets_a_clear_message(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_practices", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert PracticePage.objects.count() > 0  # nothing lost


def test_a_file_with_unknown_columns_only_is_refused(tmp_path):
    path = write(tmp_path, "other.csv", "name,town\nA,B\n")
    with pytest.raises(CommandError):
        call_command("import_practices", path, stdout=io.StringIO(), stderr=io.StringIO())


def test_imported_practices_are_found_in_the_catalogue_at_once(visitor, tmp_path, committed):
    assert "Evening classes in Braga" not in visitor.get("/en/practices/?q=braga").content.decode()
    with committed():
        run_import(write(tmp_path, "new.csv", csv_text([NEW_ROW])))
    html = visitor.get("/en/practices/?q=braga").content.decode()
    assert "Evening classes in Braga" in html


FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/","Open the practice")',
    "summary": "+1 555 0100: call us",
    "organisation": "@SUM(A1:A9)",
    "place": "-Bologna",
    "transferability": "'=already quoted once",
}


def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_read_back_unchanged(
    visitor, tmp_path, committed
):
    practice = PracticePage.objects.live().filter(locale__language_code="en").first()
    for field, value in FORMULAS.items():
        setattr(practice, field, value)
    with committed():
        practice.save_revision().publish()
    text = export(visitor, "csv")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["slug"] == practice.slug)
    for field, value in FORMULAS.items():
        assert row[field] == "'" + value  # shown as text, never run
    assert row["start_year"] == str(practice.start_year)  # numbers stay numbers
    path = write(tmp_path, "export.csv", text)
    assert "Created 0, updated 0, unchanged 50." in run_import(path)
    practice.refresh_from_db()
    assert {field: getattr(practice, field) for field in FORMULAS} == FORMULAS


def test_a_spreadsheet_export_opened_and_saved_keeps_its_text(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(NEW_ROW))
    guarded = {**NEW_ROW, "title": "'=Evening classes", "summary": "'@home learning"}
    workbook.active.append(list(guarded.values()))
    path = tmp_path / "saved.xlsx"
    workbook.save(path)
    assert "Created 1" in run_import(str(path))
    practice = PracticePage.objects.get(slug=NEW_ROW["slug"], locale__language_code="en")
    assert (practice.title, practice.summary) == ("=Evening classes", "@home learning")
