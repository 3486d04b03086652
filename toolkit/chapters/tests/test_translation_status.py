"""Editors see at a glance which page is translated, missing or outdated in each language."""

import re

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def states(client, slug):
    html = client.get("/admin/translation-status/").content.decode()
    languages = re.findall(r'<th scope="col">([a-z]{2})</th>', html.split("Each page")[1])
    title = Page.objects.get(slug=slug, locale__language_code="en").title
    row = next(r for r in html.split("<tr>") if f"{title}</a></th>" in r)
    return dict(zip(languages, re.findall(r'data-state="([a-z]+)"', row), strict=True))


def test_the_status_shows_translated_and_missing_pages(client, editor):
    client.force_login(editor)
    found = states(client, "campaign")
    assert found["it"] == "current" and found["ar"] == "current"
    assert found["de"] == "missing"


def test_a_translation_becomes_outdated_when_the_source_is_published_again(client, editor):
    client.force_login(editor)
    source = Page.objects.get(slug="campaign", locale__language_code="en").specific
    source.summary = source.summary + " Updated."
    source.save_revision().publish()
    assert states(client, "campaign")["it"] == "outdated"
