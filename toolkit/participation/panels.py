"""What participation adds to every chapter and practice page: the feedback question, and the
stories of use that name the page. The page apps know nothing of this (core.extensions)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from toolkit.practices.facets import value_names

from . import presentation, tilemap, transfers
from .forms import STORY_OUTCOMES
from .models import Story


def feedback_panel(page, language):
    with translation.override(language):
        return {
            "template": "participation/_feedback_panel.html",
            "page_id": page.id,
            "action": reverse("participation:feedback"),
            "proposal": reverse("participation:proposal") + f"?page={page.id}",
            "story": reverse("participation:story"),
        }


def stories_panel(page, language):
    """Published stories that name this page, in any of its languages: the first 50 listed,
    every one counted (so the panel says what the practice's standing says)."""
    named = Story.objects.filter(pages__translation_key=page.translation_key).distinct()
    stories = list(named[:50])
    if not stories:
        return None
    with translation.override(language):
        url = reverse("participation:stories")
    everyone = stories if len(stories) < 50 else named.only("country", "place")
    places, countries = transfers.places(everyone)
    panel = {
        "template": "participation/_stories_panel.html",
        "stories": stories[:5],
        "count": len(stories) if len(stories) < 50 else named.count(),
        "countries": len(countries),
        "url": url,
    }
    if page._meta.label == "practices.PracticePage":
        panel.update(_transfers(stories, places, countries, language))
        panel["url"] = f"{url}?{urlencode({'practice': page.slug})}"
    return panel


def _transfers(stories, places, countries, language):
    """Where a practice was adapted: the places, the countries on a tile map, each story with
    where it stands now."""
    names = value_names("country", language)
    width, height = tilemap.size()
    with translation.override(language):
        for story in stories:
            story.where = presentation.story_place(story, language)
            story.outcome_name = dict(STORY_OUTCOMES).get(story.outcome, "")
        described = [
            {"name": names.get(code, code), "count": count}
            for code, count in sorted(countries.items(), key=lambda item: names.get(item[0], ""))
        ]
    return {
        "transfers": stories,
        "places": len(places),
        "tiles": tilemap.tiles(countries),
        "map_size": (width, height),
        "map_countries": described,
        "elsewhere": [names.get(code, code) for code in tilemap.elsewhere(countries)],
    }
