"""A practice as data: the one shape shared by the API, the exports and the import.

Columns use vocabulary codes (stable in every language); `*_names` give the names in the
requested language for readers. docs/data-format.md documents every field. Records are read
as plain values (no model instances), so 100 records cost a handful of light queries."""

import copy
import datetime
import json

from django.conf import settings
from django.db import connection
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from toolkit.lib import generation

from . import facets
from .facets import GENERATION, value_names
from .models import PracticeIndexPage, PracticeLink, PracticePage, PracticeStanding
from .vocabularies import VOCABULARIES

STANDING = ["adapted_places", "adapted_countries", "reviewed_on", "criteria_met"]

BASE_FIELDS = [
    "id",
    "slug",
    "title",
    "summary",
    "description",
    "country",
    "place",
    "organisation",
    "website",
    "start_year",
    "status",
    "beneficiaries",
    "results",
    "resources_needed",
    "transferability",
    "contact",
    "is_example",
    "last_published_at",
]


def base_rows(page_ids):
    """{id: dict of the practice's own columns, plus `language` and `path` (its address)}."""
    single = facets.vocabulary_columns(multiple=False)
    standing = PracticeStanding.objects.filter(translation_key=OuterRef("translation_key"))
    rows = (
        PracticePage.objects.filter(id__in=page_ids)
        .annotate(
            # An untranslated practice (an alias) is in its source's language.
            language=Coalesce(F("alias_of__locale__language_code"), F("locale__language_code")),
            **{f"{field}_code": F(f"{field}__code") for field in single},
            # The standing rides in the same query, so a record still costs three queries.
            **{f"standing_{name}": Subquery(standing.values(name)[:1]) for name in STANDING},
        )
        .values(
            *BASE_FIELDS,
            "language",
            "locale_id",
            *[f"{field}_code" for field in single],
            *[f"standing_{name}" for name in STANDING],
        )
    )
    index_paths = catalogue_paths()
    found = {}
    for row in rows:
        row["path"] = f"{index_paths.get(row['locale_id'], '/')}{row['slug']}/"
        found[row["id"]] = row
    return found


_memo = {}


def _remembered(name, build):
    """Small lookups kept until the next change to practices or pages."""
    current = (generation.current(GENERATION), generation.current("pages"))
    cached = _memo.get(name)
    if cached is None or cached[0] != current:
        cached = _memo[name] = (current, build())
    return cached[1]


def catalogue_paths():
    """{locale id: the catalogue's address in that language}."""
    return _remembered(
        "paths", lambda: {page.locale_id: page.url for page in PracticeIndexPage.objects.live()}
    )


def term_codes():
    """{facet: {term id: (position, code)}} for every vocabulary."""
    return _remembered(
        "terms",
        lambda: {
            facet: {
                pk: (position, code)
                for position, (pk, code) in enumerate(
                    model.objects.order_by("sort_order", "name").values_list("id", "code")
                )
            }
            for facet, model in VOCABULARIES.items()
        },
    )


def _link_tables():
    """(field, facet, table, term column) for the five many-valued vocabularies."""
    tables = []
    for field, facet in facets.vocabulary_columns(multiple=True).items():
        through = getattr(PracticePage, field).through
        term = next(f for f in through._meta.fields if f.name not in ("id", "practicepage"))
        tables.append((field, facet, through._meta.db_table, term.column))
    return tables


def vocabulary_codes(page_ids):
    """{field: {page id: [codes]}} for the five many-valued vocabularies, in one query.

    Written as SQL because this runs on every API call and the ORM would compile five
    queries; only integer ids are bound as parameters."""
    codes = {field: {} for field in facets.vocabulary_columns(multiple=True)}
    ids = [int(i) for i in page_ids]
    if not ids:
        return codes
    marks = ", ".join(["%s"] * len(ids))
    parts = [
        f"SELECT {n}, practicepage_id, {column} FROM {table} "  # noqa: S608
        f"WHERE practicepage_id IN ({marks})"
        for n, (_f, _facet, table, column) in enumerate(_link_tables())
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), ids * len(parts))
        rows = cursor.fetchall()
    terms, tables = term_codes(), _link_tables()
    for n, page_id, term_id in sorted(rows, key=lambda r: terms[tables[r[0]][1]][r[2]]):
        field, facet = tables[n][0], tables[n][1]
        codes[field].setdefault(page_id, []).append(terms[facet][term_id][1])
    return codes


def links_for(page_ids):
    links = {}
    for page_id, title, url in (
        PracticeLink.objects.filter(page_id__in=page_ids)
        .order_by("sort_order")
        .values_list("page_id", "title", "url")
    ):
        links.setdefault(page_id, []).append({"title": title, "url": url})
    return links


def names_for_language(language):
    return {facet: value_names(facet, language) for facet in ["country", *VOCABULARIES]}


def standing_record(row):
    """The `standing` of a record: where the practice was adapted, whether it was reviewed
    (docs/data-format.md). A practice without a standing row has no transfers, no review."""
    reviewed = row["standing_reviewed_on"]
    if isinstance(reviewed, str):  # SQLite hands a subquery's date back as text
        reviewed = datetime.date.fromisoformat(reviewed)
    criteria = row["standing_criteria_met"]
    if isinstance(criteria, str):  # and its JSON too
        criteria = json.loads(criteria)
    return {
        "adapted_places": row["standing_adapted_places"] or 0,
        "adapted_countries": row["standing_adapted_countries"] or 0,
        "reviewed_on": reviewed.isoformat() if reviewed else None,
        "criteria_met": list(criteria or []) if reviewed else [],
    }


def record(row, codes, links, names):
    data = {key: row[key] for key in BASE_FIELDS if key != "last_published_at"}
    data.update(
        url=f"{settings.BASE_URL}{row['path']}",
        language=row["language"],
        country_name=names["country"].get(row["country"], row["country"]),
        links=links.get(row["id"], []),
        last_published_at=row["last_published_at"].isoformat()
        if row["last_published_at"]
        else None,
        standing=standing_record(row),
    )
    for field, facet in facets.vocabulary_columns(multiple=True).items():
        values = codes[field].get(row["id"], [])
        data[field] = values
        data[f"{field}_names"] = [names[facet].get(code, code) for code in values]
    for field, facet in facets.vocabulary_columns(multiple=False).items():
        code = row[f"{field}_code"]
        data[field] = code
        data[f"{field}_name"] = names[facet].get(code, code) if code else None
    return data


MEMO_LIMIT = 10_000  # records kept per process; a full catalogue page needs 20


def records_for(page_ids, language):
    """Records in the order of `page_ids`. Records already built since the last change to
    practices come from memory; the others cost three light queries together."""
    memo = _remembered(f"records:{language}", dict)
    missing = [i for i in page_ids if i not in memo]
    if missing:
        rows = base_rows(missing)
        codes, links = vocabulary_codes(missing), links_for(missing)
        names = names_for_language(language)
        if len(memo) + len(rows) > MEMO_LIMIT:
            memo.clear()
        for page_id, row in rows.items():
            memo[page_id] = record(row, codes, links, names)
    return [copy.deepcopy(memo[i]) for i in page_ids if i in memo]
