"""A practice's standing: where it was adapted and whether it was reviewed (the
PracticeStanding row, by translation key, the same in every language).

The only writers of that row. Participation owns the stories and counts their places; it
tells this module the figures (`record_transfers`), because practices must not know of
stories (docs/architecture.md). The review workflow (review.py) records its outcome through
`record_review`. Either moves the "practices" generation, so that the catalogue's facets
"adapted elsewhere" and "reviewed", its sort and the records follow."""

import datetime
import uuid
from typing import Any

from django.db import transaction

from . import search
from .models import PracticeStanding


def record_transfers(translation_key: uuid.UUID, places: int, countries: int) -> None:
    """The practice was adapted in `places` distinct places in `countries` countries."""
    with transaction.atomic():
        standing, _ = PracticeStanding.objects.select_for_update().get_or_create(
            translation_key=translation_key
        )
        if (standing.adapted_places, standing.adapted_countries) == (places, countries):
            return
        standing.adapted_places, standing.adapted_countries = places, countries
        standing.save(update_fields=["adapted_places", "adapted_countries"])
        search.invalidate()


def record_review(
    translation_key: uuid.UUID, reviewed_on: datetime.date | None, criteria_met: list[str]
) -> None:
    """The practice is reviewed (on that date, these criteria met), or not (None)."""
    with transaction.atomic():
        standing, _ = PracticeStanding.objects.select_for_update().get_or_create(
            translation_key=translation_key
        )
        standing.reviewed_on, standing.criteria_met = reviewed_on, criteria_met
        standing.save(update_fields=["reviewed_on", "criteria_met"])
        search.invalidate()


def of(translation_key: Any) -> PracticeStanding:
    """The standing of one practice (an empty one if nothing is known of it yet)."""
    found = PracticeStanding.objects.filter(translation_key=translation_key).first()
    return found or PracticeStanding(translation_key=translation_key)
