"""Downloads of any filtered catalogue view (CSV, JSON, JSON-LD) and the whole catalogue as a
Frictionless data package. Same query function and parameters as the page and the API."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from toolkit.practices.columns import COLUMNS, csv_lines, json_record
from toolkit.practices.query import run_query
from toolkit.practices.records import records_for

CHUNK = 500
MAX_EXPORT = 200_000


def _language(request):
    code = request.GET.get("lang", "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _all_records(request, language):
    params = request.GET.copy()
    params.pop("page", None)
    _form, _query, result = run_query(params, language, per_page=MAX_EXPORT)
    for start in range(0, len(result.page_ids), CHUNK):
        yield from records_for(result.page_ids[start : start + CHUNK], language)


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def export(request, fmt):
    language = _language(request)
    with translation.override(language):
        if fmt == "csv":
            # Streamed: a large catalogue never sits in memory as one string.
            lines = csv_lines(_all_records(request, language))
            response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
            return _attachment(response, "practices.csv")
        records = [
            json_record(r) | {key: r[key] for key in ("id", "url", "language", "standing")}
            for r in _all_records(request, language)
        ]
    if fmt == "json":
        body = json.dumps({"practices": records}, ensure_ascii=False, indent=1)
        return _attachment(HttpResponse(body, content_type="application/json"), "practices.json")
    graph = [_json_ld(record) for record in records]
    body = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    return _attachment(HttpResponse(body, content_type="application/ld+json"), "practices.jsonld")


def _json_ld(record):
    return {
        "@type": "CreativeWork",
        "@id": record["url"],
        "name": record["title"],
        "description": record["summary"],
        "inLanguage": record["language"],
        "dateCreated": str(record["start_year"]),
        "creator": {"@type": "Organization", "name": record["organisation"]},
        "spatialCoverage": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": record["country"],
                "addressLocality": record["place"],
            },
        },
        "keywords": record["approaches"] + record["sectors"],
    }


@require_safe
def datapackage(request):
    """A Frictionless data package describing the whole catalogue as one CSV resource."""
    base = request.build_absolute_uri("/api/v1/export/")
    fields = [
        {
            "name": name,
            "type": "integer"
            if name == "start_year"
            else "boolean"
            if name == "is_example"
            else "string",
        }
        for name in COLUMNS
    ]
    package = {
        "profile": "tabular-data-package",
        "name": "advocacy-toolkit-practices",
        "title": f"{settings.WAGTAIL_SITE_NAME}: good practices",
        "licenses": [
            {
                "name": settings.DATA_LICENCE,
                "path": settings.DATA_LICENCE_URL,
                "title": settings.DATA_LICENCE,
            }
        ],
        "resources": [
            {
                "name": "practices",
                "path": f"{base}practices.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]},
                "dialect": {"delimiter": ",", "header": True},
                "description": "Multi-valued columns hold vocabulary codes separated by '|'; "
                "links hold one 'title | url' per line. See docs/data-format.md.",
            }
        ],
    }
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
