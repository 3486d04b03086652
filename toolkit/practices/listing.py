"""Turning a search Result into what the catalogue shows: practices with the snippet that
says where the search matched, facets, hints for an empty result."""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from toolkit.lib import querystring
from toolkit.lib.searchtext import highlight, prefix_matcher
from toolkit.lib.stemming import stem

from . import search
from .facets import labels, value_names
from .records import base_rows

# A facet shows this many values, and the rest behind "Show more" (a <details>): one page
# scroll on a phone, no small scrolling box inside it.
LONG_FACET = 8
# Whole phrases, not a field name inside a sentence: the article and case depend on the field.
SNIPPET_FIELDS = [
    ("summary", _("Found in the summary:")),
    ("description", _("Found in the description:")),
    ("organisation", _("Found in the organisation:")),
    ("place", _("Found in the place:")),
    ("results", _("Found in the results:")),
    ("beneficiaries", _("Found in who else benefits:")),
    ("transferability", _("Found in transferability:")),
]


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


def word_matcher(terms, language_code):
    index = search.index_for(language_code)
    stems = {stem(term, language_code) for term in terms}
    prefixes = prefix_matcher(terms[-1:])
    return lambda word: stem(word, index.language) in stems or prefixes(word)


def snippet(row, terms, matches):
    """(field label, escaped html) of the first field of a practice's row where a search
    term appears."""
    if terms:
        for name, label in SNIPPET_FIELDS:
            found = highlight(strip_tags(row.get(name) or ""), matches)
            if found:
                return label, found
    return None, None


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
        # Folding away one or two values would hide more than it saves.
        shown = LONG_FACET if len(options) > LONG_FACET + 2 else len(options)
        groups.append(
            {
                "name": facet,
                "label": labels()[facet],
                "options": options,
                "shown": options[:shown],
                "more": options[shown:],
                "more_open": any(o["selected"] for o in options[shown:]),
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
                    % {"facet": labels()[facet], "count": total},
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
