"""Finding chapters for the site search.

The chapters of one language are a few dozen pages, so each app process keeps an in-memory
index per language (stemmed, ranked with BM25) and rebuilds it, in the background, whenever
the page cache generation moves, which every publish, unpublish, move or delete does. The
database stays the source of truth; the visitor's text is only ever cut into plain words."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from toolkit.core import pagecache
from toolkit.core.sitesearch import Result
from toolkit.lib.derived import Derived
from toolkit.lib.searchtext import highlight, prefix_matcher
from toolkit.lib.stemming import stem
from toolkit.lib.textindex import TextIndex

from .navigation import content_language

MAX_RESULTS = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 5, 2, 1


@dataclass
class Entry:
    title: str
    url: str
    kind: str
    summary: str
    text: str
    language: str


def kind_label(page):
    labels = {
        "HomePage": _("Home"),
        "PrinciplePage": _("Principle of the Manifesto"),
        "CampaignStepPage": _("Campaign step"),
        "RecommendationPage": _("Recommendation"),
        "InfoPage": _("About this site"),
    }
    return labels.get(type(page).__name__, _("Chapter"))


def build_index(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    index, entries = TextIndex(language_code), {}
    if locale is None:
        return index, entries
    types = ContentType.objects.filter(app_label="chapters")
    pages = Page.objects.live().public().filter(locale=locale, content_type__in=types).specific()
    for page in pages:
        text_language = content_language(page)
        body = page.search_text()
        entries[page.id] = Entry(
            page.title, page.url, kind_label(page), page.summary, body, text_language
        )
        index.add(
            page.id,
            [(page.title, TITLE_WEIGHT), (page.summary, SUMMARY_WEIGHT), (body, BODY_WEIGHT)],
        )
    return index, entries


def _build_in_language(language_code):
    with translation.override(language_code):  # the kind labels, also in a build thread
        return build_index(language_code)


# Rebuilt in the background when the page generation moves (lib.derived).
indexes = Derived("chapter index", pagecache.GENERATION, _build_in_language)


def index_for(language_code):
    return indexes.get(language_code)


def search_chapters(terms, language_code):
    index, entries = index_for(language_code)
    stems = {token for group in index.expand(terms) for token in group}
    prefixes = prefix_matcher(terms)

    def is_match(word):
        return prefixes(word) or stem(word, index.language) in stems

    results = []
    for doc_id, score in index.search(terms, limit=MAX_RESULTS):
        entry = entries[doc_id]
        snippet = highlight(entry.text, is_match) or highlight(entry.title, is_match)
        results.append(
            Result(
                title=entry.title,
                url=entry.url,
                kind=entry.kind,
                snippet=snippet or escape(entry.summary),
                score=score,
                language=entry.language,
            )
        )
    return results
