"""A practice as data: the one shape shared by the API, the exports and the import.

Columns use vocabulary codes (stable in every language); `*_names` give the names in the
requested language for readers. docs/data-format.md documents every field."""

from django.conf import settings

from .models import PracticePage
from .presentation import value_names
from .vocabularies import VOCABULARIES

MULTI = {
    "sectors": "sector",
    "target_groups": "target_group",
    "approaches": "approach",
    "principles": "principle",
    "languages": "language",
}
SINGLE = {
    "participation": "participation",
    "evidence_type": "evidence_type",
    "evidence_strength": "evidence_strength",
}


def with_relations(queryset):
    return queryset.select_related(
        "participation", "evidence_type", "evidence_strength", "locale"
    ).prefetch_related(*MULTI, "links")


def record(page, names):
    """`names`: {facet: {code: name}} from `names_for_language()`."""
    data = {
        "id": page.id,
        "slug": page.slug,
        "url": f"{settings.BASE_URL}{page.url}",
        "language": page.locale.language_code,
        "title": page.title,
        "summary": page.summary,
        "description": page.description,
        "country": page.country.code,
        "country_name": names["country"].get(page.country.code, page.country.code),
        "place": page.place,
        "organisation": page.organisation,
        "website": page.website,
        "start_year": page.start_year,
        "status": page.status,
        "beneficiaries": page.beneficiaries,
        "results": page.results,
        "resources_needed": page.resources_needed,
        "transferability": page.transferability,
        "contact": page.contact,
        "links": [{"title": link.title, "url": link.url} for link in page.links.all()],
        "is_example": page.is_example,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    for field, facet in MULTI.items():
        codes = [term.code for term in getattr(page, field).all()]
        data[field] = codes
        data[f"{field}_names"] = [names[facet].get(code, code) for code in codes]
    for field, facet in SINGLE.items():
        term = getattr(page, field)
        data[field] = term.code if term else None
        data[f"{field}_name"] = names[facet].get(term.code, term.code) if term else None
    return data


def names_for_language(language):
    facets = ["country", *VOCABULARIES]
    return {facet: value_names(facet, language) for facet in facets}


def records_for(page_ids, language):
    """Records in the order of `page_ids`, in a fixed number of queries."""
    pages = {p.id: p for p in with_relations(PracticePage.objects.filter(id__in=page_ids))}
    names = names_for_language(language)
    return [record(pages[i], names) for i in page_ids if i in pages]
