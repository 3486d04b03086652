"""The toolkit's pages and practices as choices in the public forms, in the reader's language."""

from django.utils.translation import gettext as _

from toolkit.chapters.models import HomePage
from toolkit.chapters.navigation import reading_order
from toolkit.practices.facets import value_names
from toolkit.practices.models import PracticePage


def page_choices(language, practices=True):
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    chapters = [(p.id, p.title) for p in reading_order(home)] if home else []
    if not practices:
        return chapters
    return [
        (_("Chapters"), chapters),
        (_("Practices"), practice_choices(language, key="id")),
    ]


def practice_choices(language, key="slug"):
    rows = (
        PracticePage.objects.live()
        .filter(locale__language_code=language)
        .order_by("title")
        .values_list(key, "title")
    )
    return list(rows)


def country_choices(language):
    names = value_names("country", language)
    return [("", "—"), *sorted(names.items(), key=lambda item: item[1])]


def vocabulary_choices(facet, language):
    return list(value_names(facet, language).items())


def live_pages(page_ids):
    from wagtail.models import Page

    return list(Page.objects.live().filter(id__in=page_ids))
