"""Stories as evidence of transfer: the places a practice was adapted in, counted from the
published stories that name it, and told to the practice's standing (practices.standing),
so that the catalogue can filter and sort by it without knowing of stories."""

from collections import Counter
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType

from toolkit.practices import standing
from toolkit.practices.models import PracticePage

from .models import Story


def places(stories: Iterable[Story]) -> tuple[set[tuple[str, str]], Counter[str]]:
    """The distinct places (country, place as written, case and spaces aside) and the
    stories per country."""
    stories = list(stories)
    found = {(s.country, " ".join(s.place.lower().split())) for s in stories}
    return found, Counter(s.country for s in stories if s.country)


def practice_keys(story: Story) -> list[Any]:
    """The translation keys of the practices a story names."""
    practices = story.pages.filter(content_type=ContentType.objects.get_for_model(PracticePage))
    return list(practices.values_list("translation_key", flat=True))


def recount(translation_keys: Iterable[Any]) -> None:
    """Count again where these practices were adapted (after a story is published or
    taken back)."""
    for key in set(translation_keys):
        standing.record_transfers(key, partial(_count, key))


def _count(translation_key: Any) -> tuple[int, int]:
    found, countries = places(
        Story.objects.filter(pages__translation_key=translation_key).distinct()
    )
    return len(found), len(countries)
