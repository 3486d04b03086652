"""A practice's standing: where it was adapted and whether it was reviewed (the
PracticeStanding row, by translation key, the same in every language).

The only writers of that row. Participation owns the stories and counts their places; it
tells this module the figures (`record_transfers`), because practices must not know of
stories (docs/architecture.md). The review (review.py) records its outcome through
`record_review`. A change moves the "practices" generation, so that the catalogue's facets
"adapted elsewhere" and "reviewed", its sort and the records follow."""

import datetime
import uuid
from collections.abc import Callable

from django.db import transaction

from . import search
from .models import PracticeStanding


def record_transfers(translation_key: uuid.UUID, count: Callable[[], tuple[int, int]]) -> None:
    """The practice was adapted in so many distinct places in so many countries, as
    `count()` says. It is called once the row is locked: two stories published at the same
    moment are then both counted, the second count waiting for the first to commit."""
    with transaction.atomic():
        standing, _ = PracticeStanding.objects.select_for_update().get_or_create(
            translation_key=translation_key
        )
        places, countries = count()
        if (standing.adapted_places, standing.adapted_countries) == (places, countries):
            return
        standing.adapted_places, standing.adapted_countries = places, countries
        standing.save(update_fields=["adapted_places", "adapted_countries"])
        search.invalidate()


Mark = tuple[datetime.date | None, list[str]]


def record_review(translation_key: uuid.UUID, judge: Callable[[], Mark]) -> tuple[Mark, Mark]:
    """The practice is reviewed (on that date, these criteria met) or not (None, []), as
    `judge()` says once the row is locked, so that two reviews given at the same moment are
    both weighed. Returns the mark before and after."""
    with transaction.atomic():
        standing, _ = PracticeStanding.objects.select_for_update().get_or_create(
            translation_key=translation_key
        )
        before = (standing.reviewed_on, list(standing.criteria_met or []))
        after = judge()
        if before != after:
            standing.reviewed_on, standing.criteria_met = after
            standing.save(update_fields=["reviewed_on", "criteria_met"])
            search.invalidate()
        return before, after
