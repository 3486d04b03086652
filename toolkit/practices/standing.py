"""A practice's standing: where it was adapted (the PracticeStanding row, by translation key,
the same in every language).

The only writer of that row. Participation owns the stories and counts their places; it
tells this module the figures (`record_transfers`), because practices must not know of
stories (docs/architecture.md). A change moves the "practices" generation, so that the
catalogue's facet "adapted elsewhere", its sort and the records follow."""

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
