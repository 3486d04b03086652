"""A moderator loads practices from a spreadsheet in the editors' interface."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from toolkit.practices.models import PracticePage

from .test_import_export import NEW_ROW, csv_text

pytestmark = pytest.mark.django_db


def upload(client, text, name="new.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post("/admin/practices/import/", {"file": file, "language": "en"})


def test_a_moderator_previews_then_confirms_an_import(client, moderator):
    client.force_login(moderator)
    preview = upload(client, csv_text([NEW_ROW]))
    html = preview.content.decode()
    assert "New: 1. Updated: 0. Unchanged: 0." in html
    assert not PracticePage.objects.filter(slug=NEW_ROW["slug"]).exists()
    token = preview.context["token"]
    done = client.post("/admin/practices/import/", {"token": token}, follow=True)
    assert "Imported. New: 1." in done.content.decode()
    assert PracticePage.objects.filter(slug=NEW_ROW["slug"], locale__language_code="en").exists()


def test_problems_are_listed_and_nothing_can_be_confirmed(client, moderator):
    client.force_login(moderator)
    html = upload(client, csv_text([NEW_ROW | {"country": "XX"}])).content.decode()
    assert "row 1, column “country”" in html
    assert 'name="token"' not in html


def test_a_broken_file_is_refused_beside_the_field(client, moderator):
    client.force_login(moderator)
    html = upload(client, "x", name="data.exe").content.decode()
    assert "Use a CSV, XLSX or JSON file" in html


def test_editors_who_cannot_publish_may_not_import(client, editor):
    client.force_login(editor)
    response = upload(client, csv_text([NEW_ROW]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Import practices" not in client.get("/admin/").content.decode()
    assert not PracticePage.objects.filter(slug=NEW_ROW["slug"]).exists()


def test_a_token_belongs_to_the_person_who_uploaded(client, moderator, django_user_model):
    client.force_login(moderator)
    token = upload(client, csv_text([NEW_ROW])).context["token"]
    other = django_user_model.objects.create_superuser("root", "r@example.org", "long password 1")
    client.force_login(other)
    client.post("/admin/practices/import/", {"token": token})
    assert not PracticePage.objects.filter(slug=NEW_ROW["slug"]).exists()
