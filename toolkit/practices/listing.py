"""Turning a search Result into what the catalogue shows: practices, facets, hints."""

from django.utils.translation import ngettext

from toolkit.lib import querystring

from . import search
from .presentation import FACET_LABELS, snippet, value_names, word_matcher
from .records import base_rows

LONG_FACET = 8  # facets with more values than this scroll in a focusable box


def load_pages(result, language):
    """The practices of one result page, in result order, with their snippet: 2 queries."""
    rows = base_rows(result.page_ids)
    names = value_names("country", language)
    matches = word_matcher(result.terms, language) if result.terms else None
    items = []
    for page_id in result.page_ids:
        row = rows.get(page_id)
        if row is None:
            continue
        row["country_name"] = names.get(row["country"], row["country"])
        field, html = snippet(row, result.terms, matches)
        items.append({"page": row, "matched_field": field, "snippet": html})
    return items


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
            text=query.text, filters={**query.filters, facet: []}, sort=query.sort
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
