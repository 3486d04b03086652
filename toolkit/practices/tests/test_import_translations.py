"""The facts of a practice (years, country, vocabulary codes, links) are the same in every
language: an import or an editor's publish of the English page reaches its translations
too, not only the languages that show the English page as an alias."""

import csv
import io

import pytest
from django.core.management import call_command

from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db

SLUG = "it-italian-classes-with-creche-bologna"  # has a bundled Italian translation


def exported_rows(client):
    response = client.get("/api/v1/export/practices.csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def import_rows(tmp_path, rows):
    path = tmp_path / "practices.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_practices", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def api_record(client, language):
    answer = client.get("/api/v1/practices", {"lang": language, "per_page": 100}).json()
    return next(record for record in answer["results"] if record["slug"] == SLUG)


def test_an_import_changes_the_facts_of_the_italian_translation_too(visitor, tmp_path, committed):
    italian = PracticePage.objects.get(slug=SLUG, locale__language_code="it")
    assert italian.alias_of_id is None  # a translation of its own, not an alias
    row = next(row for row in exported_rows(visitor) if row["slug"] == SLUG)
    row.update(start_year="2016", target_groups="women|employers")
    with committed():
        import_rows(tmp_path, [row])
    for language in ("en", "it", "ar"):
        record = api_record(visitor, language)
        assert record["start_year"] == 2016, language
        assert sorted(record["target_groups"]) == ["employers", "women"], language
    answer = visitor.get("/api/v1/practices", {"lang": "it", "start_year": 2016}).json()
    assert SLUG in [record["slug"] for record in answer["results"]]
    assert "Corsi di italiano" in PracticePage.objects.get(pk=italian.pk).title  # text kept


def test_an_editor_publishing_the_english_page_changes_the_italian_facts(committed):
    english = PracticePage.objects.get(slug=SLUG, locale__language_code="en")
    english.start_year = 2011
    with committed():
        english.save_revision().publish()
    italian = PracticePage.objects.get(slug=SLUG, locale__language_code="it")
    assert italian.start_year == 2011
    assert italian.get_latest_revision_as_object().start_year == 2011


def test_a_translators_unpublished_draft_gets_the_facts_and_stays_a_draft(committed):
    italian = PracticePage.objects.get(slug=SLUG, locale__language_code="it")
    draft = italian.get_latest_revision_as_object()
    draft.title = "Una bozza del traduttore, non ancora pubblicata"
    draft.save_revision()
    english = PracticePage.objects.get(slug=SLUG, locale__language_code="en")
    english.start_year = 2012
    with committed():
        english.save_revision().publish()
    italian = PracticePage.objects.get(pk=italian.pk)
    assert italian.start_year == 2012  # the live page has the new facts
    assert italian.title != "Una bozza del traduttore, non ancora pubblicata"  # draft not published
    assert italian.has_unpublished_changes
    pending = italian.get_latest_revision_as_object()
    assert pending.title == "Una bozza del traduttore, non ancora pubblicata"
    assert pending.start_year == 2012
