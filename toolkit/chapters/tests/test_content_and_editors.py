"""The bundled content is loaded once and then belongs to the editors."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page

from toolkit.chapters.models import ChapterPage, HomePage, Resource

pytestmark = pytest.mark.django_db


def run_loader():
    out = io.StringIO()
    call_command("load_toolkit_content", stdout=out)
    return out.getvalue()


def test_loading_again_changes_nothing():
    pages, resources = Page.objects.count(), Resource.objects.count()
    output = run_loader()
    assert "already in the database" in output
    assert (Page.objects.count(), Resource.objects.count()) == (pages, resources)


def test_loading_again_never_overwrites_an_editors_change(visitor):
    chapter = ChapterPage.objects.get(slug="advocacy", locale__language_code="en")
    chapter.title = "Advocacy, as our network sees it"
    chapter.save_revision().publish()
    run_loader()
    chapter.refresh_from_db()
    assert chapter.title == "Advocacy, as our network sees it"
    assert "Advocacy, as our network sees it" in visitor.get("/en/advocacy/").content.decode()


def test_every_interface_language_has_the_whole_toolkit():
    english = Page.objects.filter(locale__language_code="en", depth__gte=2).count()
    for code in ("it", "de", "es", "el", "fr", "ar", "uk"):
        assert HomePage.objects.filter(locale__language_code=code).count() == 1
        assert Page.objects.filter(locale__language_code=code, depth__gte=2).count() == english


def test_links_between_chapters_are_page_links_that_survive_a_rename(visitor):
    manifesto = Page.objects.get(slug="manifesto", locale__language_code="en").specific
    manifesto.slug = "our-manifesto"
    manifesto.save_revision().publish()
    html = visitor.get("/en/advocacy/").content.decode()
    assert 'href="/en/our-manifesto/"' in html


def test_editors_and_moderators_groups_exist_with_admin_access():
    for name in ("Editors", "Moderators"):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"access_admin", "add_resource", "change_resource"} <= codenames
    assert "delete_resource" in Group.objects.get(name="Moderators").permissions.values_list(
        "codename", flat=True
    )


def test_an_editor_can_sign_in_to_the_admin_and_open_a_chapter(client, editor):
    client.force_login(editor)
    chapter = ChapterPage.objects.get(slug="advocacy", locale__language_code="en")
    response = client.get(f"/admin/pages/{chapter.id}/edit/")
    assert response.status_code == 200
    assert "What advocacy is" in response.content.decode()


def test_the_admin_asks_a_visitor_to_sign_in(visitor):
    response = visitor.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
