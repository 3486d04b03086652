"""What goes into each PDF: the same pages, blocks and practices as the site."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from toolkit.chapters.models import HomePage, resources_for_locale
from toolkit.chapters.navigation import content_language, reading_order
from toolkit.lib import bidi
from toolkit.practices.models import PracticePage
from toolkit.practices.records import records_for

DEFAULT_SITE_NAME = "Advocacy Toolkit"


def direction(language):
    """Text direction of a language, so that English text keeps its order inside an Arabic PDF."""
    return bidi.direction(language)


def site_name():
    """The name on the covers and in the citations: the product's own name is translated (it
    is rendered inside the PDF's language); a name an installation chose (SITE_NAME) is a
    proper name and stays as it is."""
    if settings.WAGTAIL_SITE_NAME == DEFAULT_SITE_NAME:
        return gettext_lazy("Advocacy Toolkit")
    return settings.WAGTAIL_SITE_NAME


def _home(language):
    return HomePage.objects.live().filter(locale__language_code=language).first()


def toolkit_context(language, pages=None, practices=None):
    """The whole toolkit, or only the chosen pages and practices ("build my toolkit")."""
    home = _home(language)
    if home is None:
        raise LookupError(language)
    selection = pages is not None or practices is not None
    ordered = [p for p in reading_order(home) if pages is None or p.id in pages]
    specific = {p.id: p for p in Page.objects.filter(id__in=[p.id for p in ordered]).specific()}
    chapters = [specific[p.id] for p in ordered if p.id in specific]
    if practices is None:
        practices = list(
            PracticePage.objects.live()
            .filter(locale=home.locale)
            .order_by("title")
            .values_list("id", flat=True)
        )
    edition = max(
        (p.last_published_at for p in chapters if p.last_published_at), default=timezone.now()
    )
    return {
        "language": language,
        "home": home.specific,
        "home_lang": content_language(home),
        "home_dir": direction(content_language(home)),
        "chapters": [
            {
                "page": page,
                "lang": content_language(page),
                "dir": direction(content_language(page)),
                "level": 1 if page.depth <= home.depth + 1 else 2,
            }
            for page in chapters
        ],
        "practices": [
            {**r, "dir": direction(r["language"])} for r in records_for(practices, language)
        ],
        "resources": resources_for_locale(home.locale_id),
        "edition": edition,
        "selection": selection,
        "site_name": site_name(),
        "base_url": settings.BASE_URL,
        "licence": settings.CONTENT_LICENCE,
        "year": timezone.now().year,
    }


def practice_context(page_id, language):
    records = [{**r, "dir": direction(r["language"])} for r in records_for([page_id], language)]
    if not records:
        raise LookupError(page_id)
    return {
        "language": language,
        "practice": records[0],
        "site_name": site_name(),
        "base_url": settings.BASE_URL,
        "licence": settings.CONTENT_LICENCE,
        "year": timezone.now().year,
    }


def page_context(page, language):
    """One page (a recommendation) on its own sheet."""
    return {
        "language": language,
        "page": page,
        "lang": content_language(page),
        "dir": direction(content_language(page)),
        "site_name": site_name(),
        "base_url": settings.BASE_URL,
        "url": f"{settings.BASE_URL}{page.url}",
        "year": timezone.now().year,
    }


def languages_with_toolkit():
    return list(
        Locale.objects.filter(
            language_code__in=[code for code, _ in settings.LANGUAGES]
        ).values_list("language_code", flat=True)
    )
