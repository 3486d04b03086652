"""The JSON API, version 1. Read-only, open to any origin, documented at /api/v1/openapi.json
and in docs/api.md. Listings run the very same query function as the catalogue page."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import create_model

from toolkit.practices import facets, search
from toolkit.practices.facets import value_names
from toolkit.practices.models import PracticePage
from toolkit.practices.query import run_query
from toolkit.practices.records import records_for
from toolkit.practices.vocabularies import VOCABULARIES

MAX_PER_PAGE = 100

api = NinjaAPI(
    title="Advocacy Toolkit API",
    version="1",
    description="Good practices for inclusive education and training of migrants and "
    "asylum seekers: search, filters and facets, as on the catalogue page.",
    docs_url=None,  # the interactive docs page loads scripts from a CDN: not on this site
    openapi_url="/openapi.json",
    urls_namespace="api-v1",
)


class Parameters(Schema):
    q: str = ""
    sources: bool = False  # also match the source language's text (lang other than en)
    sort: str = "relevance"
    page: int = 1
    per_page: int = search.PER_PAGE
    lang: str = ""


# ... and one repeatable parameter per filter of the catalogue (practices/facets.py).
Filters = create_model(
    "Filters",
    __base__=Parameters,
    **{facet.name: (list[facet.value_type], []) for facet in facets.filters()},
)


class FacetValueOut(Schema):
    value: str
    name: str
    count: int
    selected: bool


class PracticeListOut(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    language: str
    results: list[dict]
    facets: dict[str, list[FacetValueOut]]
    errors: dict[str, list[str]]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict]


# Every operation may refuse a parameter of the wrong type (422): documented, so that
# clients and schema checks know that answer.
REFUSED = {422: ValidationErrorOut}


def language_of(code):
    available = {c for c, _ in settings.LANGUAGES}
    return code if code in available else settings.LANGUAGE_CODE


@api.get(
    "/practices",
    # Searches are limited per address (core.middleware.expensive_read_limit): 429.
    response={200: PracticeListOut, 429: ErrorOut, **REFUSED},
    summary="Search and filter practices",
)
def list_practices(request, filters: Query[Filters]):
    """Same parameters as the catalogue page (`/<lang>/practices/`); repeat a filter for OR
    (`country=IT&country=GR`), combine filters for AND. Unknown values are reported in
    `errors` and ignored."""
    language = language_of(filters.lang)
    per_page = max(1, min(filters.per_page, MAX_PER_PAGE))
    with translation.override(language):
        form, _query, result = run_query(request.GET, language, per_page=per_page)
        # Returned as a response so that the schema documents it without re-validating
        # a few hundred facet values on every call.
        return JsonResponse(
            {
                "total": result.total,
                "page": result.page,
                "per_page": result.per_page,
                "pages": result.pages,
                "language": language,
                "results": records_for(result.page_ids, language),
                "facets": facets_out(result, language),
                "errors": {
                    field: [str(e) for e in errors] for field, errors in form.errors.items()
                },
            }
        )


def facets_out(result, language):
    out = {}
    for facet, values in result.facets.items():
        names = value_names(facet, language)
        out[facet] = [
            {
                "value": str(v.value),
                "name": names.get(v.value, str(v.value)),
                "count": v.count,
                "selected": v.selected,
            }
            for v in values
        ]
    return out


@api.get(
    "/practices/{practice_id}",
    response={200: dict, 404: ErrorOut, **REFUSED},
    summary="One practice",
)
def get_practice(request, practice_id: int, lang: str = ""):
    language = language_of(lang)
    if not PracticePage.objects.live().public().filter(id=practice_id).exists():
        return api.create_response(request, {"detail": "No such practice"}, status=404)
    with translation.override(language):
        return records_for([practice_id], language)[0]


@api.get("/vocabularies", response={200: dict, **REFUSED}, summary="Every controlled vocabulary")
def vocabularies(request, lang: str = ""):
    """Codes (stable in every language) with names in the requested language."""
    language = language_of(lang)
    with translation.override(language):
        out = {}
        for facet, model in VOCABULARIES.items():
            names = value_names(facet, language)
            codes = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            out[facet] = {
                "label": str(facets.labels()[facet]),
                "values": [
                    {"code": c, "name": names.get(c, c)}
                    for c in codes.values_list("code", flat=True)
                ],
            }
        return out


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)
