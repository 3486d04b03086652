"""Turning a search Result into what the catalogue shows: practices, facets, hints."""

from django.conf import settings
from django.utils.translation import get_language_info, ngettext

from toolkit.lib import querystring

from . import search
from .presentation import FACET_LABELS, snippet, value_names, word_matcher
from .records import base_rows

LONG_FACET = 8  # facets with more values than this scroll in a focusable box


def load_pages(result, language):
    """The practices of one result page, in result order, with their snippet: 2 queries."""
    rows = base_rows(result.page_ids)
    names = value_names("country", language)
    matchers = {}
    items = []
    for page_id in result.page_ids:
        row = rows.get(page_id)
        if row is None:
            continue
        row["country_name"] = names.get(row["country"], row["country"])
        matches = _matcher(matchers, result.terms, language, row["language"])
        field, html = snippet(row, result.terms, matches)
        items.append({"page": row, "matched_field": field, "snippet": html})
    return items


def _matcher(matchers, terms, language, text_language):
    """Highlights words as this catalogue's stemmer matched them and, for a text in another
    language (an untranslated practice), as that language's stemmer does too."""
    if not terms:
        return None
    for code in {language, text_language}:
        if code not in matchers:
            matchers[code] = word_matcher(terms, code)
    own, other = matchers[language], matchers[text_language]
    return own if own is other else (lambda word: own(word) or other(word))


def facet_groups(result, params, language):
    groups = []
    for facet, values in result.facets.items():
        names = value_names(facet, language)
        options = [
            {
                "value": str(v.value),
                "name": names.get(v.value, str(v.value)),
                "count": v.count,
                "selected": v.selected,
                "disabled": v.count == 0 and not v.selected,
                "url": querystring.toggled(params, facet, str(v.value)),
            }
            for v in values
        ]
        if facet == "country":
            options.sort(key=lambda o: (-o["count"], o["name"]))
        groups.append(
            {
                "name": facet,
                "label": FACET_LABELS[facet],
                "options": options,
                "long": len(options) > LONG_FACET,
                "active": any(v.selected for v in values),
            }
        )
    return groups


def zero_result_hints(query, result, params, language):
    """For an empty result: which single filter (or the search text) to drop, and what
    that would give. One extra search per active filter, only on empty results."""
    hints = []
    for facet, codes in query.filters.items():
        if not codes:
            continue
        relaxed = search.Query(
            text=query.text,
            filters={**query.filters, facet: []},
            sort=query.sort,
            sources=query.sources,
        )
        total = search.search(relaxed, language).total
        if total:
            hints.append(
                {
                    "text": ngettext(
                        "Remove the filter “%(facet)s” to see %(count)d practice",
                        "Remove the filter “%(facet)s” to see %(count)d practices",
                        total,
                    )
                    % {"facet": FACET_LABELS[facet], "count": total},
                    "url": querystring.without(params, [facet, "page"]),
                }
            )
    hints += _source_language_hint(query, params, language)
    if query.text:
        total = search.search(search.Query(filters=query.filters), language).total
        if total:
            hints.append(
                {
                    "text": ngettext(
                        "Search without words to see %(count)d practice",
                        "Search without words to see %(count)d practices",
                        total,
                    )
                    % {"count": total},
                    "url": querystring.without(params, ["q", "page"]),
                }
            )
    return hints


def _source_language_hint(query, params, language):
    """Nothing found in this language: would the source language's text find something?"""
    if not query.text or query.sources or language == settings.LANGUAGE_CODE:
        return []
    wider = search.Query(text=query.text, filters=query.filters, sources=True)
    total = search.search(wider, language).total
    if not total:
        return []
    text = ngettext(
        "Also search the original language (%(language)s) to see %(count)d practice",
        "Also search the original language (%(language)s) to see %(count)d practices",
        total,
    ) % {"language": get_language_info(settings.LANGUAGE_CODE)["name_translated"], "count": total}
    return [{"text": text, "url": querystring.replaced(params, "sources", "1")}]
