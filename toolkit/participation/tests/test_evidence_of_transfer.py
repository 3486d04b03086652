"""A practice page shows where the practice was adapted: how many places and countries, a tile
map of Europe with those countries marked, and each story with where it stands now."""

import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from toolkit.participation.models import Story, Submission

from .helpers import STORY, send

pytestmark = pytest.mark.django_db

BOLOGNA = "it-italian-classes-with-creche-bologna"


def publish(visitor, client, moderator, **answers):
    send(visitor, "story", {"practices": [BOLOGNA], **STORY, **answers})
    client.force_login(moderator)
    submission = Submission.objects.filter(status="received").get()
    client.post(f"/admin/submissions/{submission.id}/", {"decision": "approve"})
    client.logout()


def test_a_practice_page_counts_places_and_countries_and_marks_them_on_the_map(
    visitor, client, moderator
):
    publish(visitor, client, moderator, place="Bari", country="IT", outcome="running")
    publish(visitor, client, moderator, place="bari ", country="IT", title="Again in Bari")
    publish(visitor, client, moderator, place="Lyon", country="FR", outcome="stopped")
    publish(visitor, client, moderator, place="Toronto", country="CA", title="Far away")
    assert Story.objects.count() == 4
    page = visitor.get(f"/en/practices/{BOLOGNA}/").content.decode()
    panel = re.search(r'<section class="stories-panel".*?</section>', page, re.S).group(0)
    assert "Adapted in 3 places." in panel  # Bari once, whatever its spelling
    assert "Used in 3 countries." in panel and "Told in 4 stories." in panel
    used = re.findall(r'<g class="tile tile--used">.*?<text[^>]*>(\w\w)</text>', panel)
    assert sorted(used) == ["FR", "IT"]
    assert "Italy: 2 stories" in panel and "France: 1 story" in panel  # the map's description
    assert "Also outside Europe:" in panel and "Canada" in panel
    assert "Running" in panel and "Stopped" in panel
    assert 'role="img" aria-labelledby="tile-map-title tile-map-desc"' in panel


def test_in_arabic_the_panel_is_translated_and_the_map_keeps_its_layout(visitor, client, moderator):
    publish(visitor, client, moderator, place="Bari", country="IT")
    page = visitor.get(f"/ar/practices/{BOLOGNA}/").content.decode()
    panel = re.search(r'<section class="stories-panel".*?</section>', page, re.S).group(0)
    assert 'direction="ltr"' in panel
    assert "Adapted in" not in panel  # translated
    assert "إيطاليا" in panel


def test_a_chapter_page_keeps_its_short_list_of_stories(visitor, client, moderator):
    chapter = Page.objects.get(slug="advocacy", locale__language_code="en")
    publish(visitor, client, moderator, pages=[chapter.id], practices=[])
    page = visitor.get("/en/advocacy/").content.decode()
    panel = re.search(r'<section class="stories-panel".*?</section>', page, re.S).group(0)
    assert "Told in 1 story." in panel
    assert "tile-map" not in panel and "Adapted in" not in panel


def test_past_fifty_stories_the_panel_counts_every_place_as_the_standing_does(visitor):
    practice = Page.objects.get(slug=BOLOGNA, locale__language_code="en")
    for n in range(53):
        story = Story.objects.create(
            language="en",
            title=f"Classes in town {n}",
            text="We asked the region for classes.",
            country="IT" if n < 52 else "FR",
            place=f"Town {n}",
            published_at=timezone.now(),
        )
        story.pages.add(practice)
    page = visitor.get(f"/en/practices/{BOLOGNA}/").content.decode()
    panel = re.search(r'<section class="stories-panel".*?</section>', page, re.S).group(0)
    assert "Adapted in 53 places." in panel and "Told in 53 stories." in panel
    assert "Used in 2 countries." in panel and "France: 1 story" in panel
