"""What participation adds to every chapter and practice page: the feedback question, and the
stories of use that name the page. The page apps know nothing of this (core.extensions)."""

from django.urls import reverse
from django.utils import translation

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
    """Published stories that name this page, in any of its languages."""
    stories = list(
        Story.objects.filter(pages__translation_key=page.translation_key).distinct()[:50]
    )
    if not stories:
        return None
    with translation.override(language):
        url = reverse("participation:stories")
    countries = {s.country for s in stories if s.country}
    return {
        "template": "participation/_stories_panel.html",
        "stories": stories[:5],
        "count": len(stories),
        "countries": len(countries),
        "url": url,
    }
