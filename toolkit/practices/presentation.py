"""What templates, the API and the exports show of a practice: names in the reader's
language, snippets that say where a search matched, citations and schema.org data."""

import json

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from toolkit.chapters.models import PrinciplePage
from toolkit.chapters.navigation import page_navigation
from toolkit.lib import generation
from toolkit.lib.searchtext import highlight, prefix_matcher
from toolkit.lib.stemming import stem

from . import search
from .vocabularies import VOCABULARIES, names_for

FACET_LABELS = {
    "country": _("Country"),
    "sector": _("Education sector"),
    "target_group": _("Target group"),
    "approach": _("Advocacy approach"),
    "principle": _("Manifesto principle"),
    "participation": _("Migrants' participation"),
    "evidence_type": _("Evidence type"),
    "evidence_strength": _("Evidence strength"),
    "language": _("Available in"),
    "start_year": _("Start year"),
    "status": _("Status"),
}
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
STATUS_NAMES = {"ongoing": _("Ongoing"), "ended": _("Ended")}


_names = {}


def value_names(facet, language_code):
    """{code: display name} for one facet's values, in the reader's language. Vocabulary
    names are remembered until the vocabularies or practices change."""
    key = (facet, language_code)
    current = generation.current(search.GENERATION)
    cached = _names.get(key)
    if cached and cached[0] == current:
        return cached[1]
    names = _load_names(facet, language_code)
    _names[key] = (current, names)
    return names


def _load_names(facet, language_code):
    if facet == "country":
        with translation.override(language_code):
            return {code: str(name) for code, name in countries}
    if facet == "status":
        with translation.override(language_code):
            return {code: str(name) for code, name in STATUS_NAMES.items()}
    if facet == "start_year":
        return {}
    return names_for(VOCABULARIES[facet], language_code)


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


def principle_links(codes, locale):
    """{principle code: page} for the Manifesto principles, in the page's locale."""
    from .vocabularies import Principle

    numbers = dict(Principle.objects.filter(code__in=codes).values_list("code", "number"))
    pages = {
        p.number: p
        for p in PrinciplePage.objects.live().filter(locale=locale, number__in=numbers.values())
    }
    return {code: pages.get(number) for code, number in numbers.items()}


def citation(page, url):
    year = page.start_year or ""
    return f"{page.organisation} ({year}). {page.title}. {settings.WAGTAIL_SITE_NAME}. {url}"


def bibtex(page, url):
    def clean(text):
        return str(text).replace("{", "(").replace("}", ")")

    kind = "Illustrative example" if page.is_example else "Good practice"
    fields = [
        ("title", clean(page.title)),
        ("author", "{" + clean(page.organisation) + "}"),  # an organisation, not a person
        ("year", page.start_year),
        ("howpublished", "\\url{" + url + "}"),
        ("note", f"{kind}, {clean(settings.WAGTAIL_SITE_NAME)}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{page.slug},\n{body}\n}}"


def json_ld(page, url):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.locale.language_code,
        "dateCreated": str(page.start_year),
        "creator": {
            "@type": "Organization",
            "name": page.organisation,
            **({"url": page.website} if page.website else {}),
        },
        "spatialCoverage": {
            "@type": "Place",
            "name": f"{page.place}, {page.country.name}".strip(", "),
        },
        "keywords": [term.name for term in page.approaches.all()],
        "isAccessibleForFree": True,
    }
    # Escaped so that no text in a practice can close the script element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def localized_terms(page, language):
    """{facet: [(code, name)]} for every vocabulary a practice uses, in the reader's language."""
    fields = {
        "sector": "sectors",
        "target_group": "target_groups",
        "approach": "approaches",
        "principle": "principles",
        "language": "languages",
    }
    terms = {}  # names through value_names' memo: ~20 queries fewer per page (see "Load")
    for facet, field in fields.items():
        names = value_names(facet, language)
        terms[facet] = [(t.code, names.get(t.code, t.name)) for t in getattr(page, field).all()]
    for facet in ("participation", "evidence_type", "evidence_strength"):
        term = getattr(page, facet)
        names = value_names(facet, language) if term else {}
        terms[facet] = [(term.code, names.get(term.code, term.name))] if term else []
    return terms


def practice_context(page, request):
    language = translation.get_language()
    url = f"{settings.BASE_URL}{page.url}"
    principles = page.principles.all()
    links = principle_links([p.code for p in principles], page.locale)
    related_ids = search.related(page.id, language)
    related = {p.id: p for p in type(page).objects.live().filter(id__in=related_ids)}
    context = page_navigation(page)
    context.update(
        terms=localized_terms(page, language),
        principle_items=[(term, links.get(term.code)) for term in principles],
        related_practices=[related[i] for i in related_ids if i in related],
        citation=citation(page, url),
        bibtex=bibtex(page, url),
        json_ld=json_ld(page, url),
        absolute_url=url,
    )
    return context
