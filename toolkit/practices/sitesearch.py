"""Practices in the site-wide search (registered with core.sitesearch)."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from toolkit.core.sitesearch import Result

from . import search
from .listing import load_pages

LIMIT = 20


def search_practices(terms, language_code):
    query = search.Query(text=" ".join(terms), per_page=LIMIT)
    result = search.search(query, language_code)
    items = load_pages(result, language_code)
    return [
        Result(
            title=item["page"]["title"],
            url=item["page"]["path"],
            kind=_("Good practice"),
            snippet=item["snippet"] or escape(item["page"]["summary"]),
            score=score,
            language=item["page"]["language"],
        )
        for item, score in zip(items, result.scores, strict=False)
    ]
