"""Practices in and out of files: the columns of CSV, XLSX and JSON, reading them, and
checking every row before anything is written. docs/data-format.md describes each column.

An export read back by the importer changes nothing (a round trip); the importer never
invents a vocabulary value, and a file with any error changes nothing at all."""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from wagtail.models import Locale

from toolkit.lib import cells, uploads

from . import facets
from .vocabularies import VOCABULARIES

TEXT_LIMITS = {
    "title": 255,
    "summary": 300,
    "description": 20_000,
    "place": 120,
    "organisation": 200,
    "website": 500,
    "beneficiaries": 1000,
    "results": 20_000,
    "resources_needed": 1000,
    "transferability": 1000,
    "contact": 300,
}
COLUMNS = [
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
    "sectors",
    "target_groups",
    "approaches",
    "principles",
    "participation",
    "beneficiaries",
    "results",
    "evidence_type",
    "evidence_strength",
    "resources_needed",
    "transferability",
    "contact",
    "links",
    "languages",
    "is_example",
]
REQUIRED = [
    "title",
    "summary",
    "description",
    "country",
    "organisation",
    "start_year",
    "status",
    "sectors",
    "target_groups",
    "approaches",
    "participation",
]
LIST_SEPARATOR = "|"
MAX_ROWS = 200_000


class FileError(Exception):
    """The file as a whole cannot be read (wrong format, broken encoding...)."""


@dataclass
class RowProblem:
    row: int  # 1-based data row (the header is row 0)
    column: str
    reason: str

    def __str__(self):
        return _("row %(row)d, column “%(column)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class Checked:
    rows: list = field(default_factory=list)  # cleaned dicts, ready to write
    problems: list = field(default_factory=list)


# Writing -----------------------------------------------------------------------------------


def flat_row(record):
    """An API record -> one CSV/XLSX row of the export columns."""
    row = {}
    for column in COLUMNS:
        value = record.get(column)
        if column in facets.vocabulary_columns(multiple=True):
            value = LIST_SEPARATOR.join(value or [])
        elif column == "links":
            value = "\n".join(
                f"{link['title']} {LIST_SEPARATOR} {link['url']}" for link in value or []
            )
        elif column == "is_example":
            value = "yes" if value else "no"
        row[column] = "" if value is None else cells.guard(value)
    return row


def csv_lines(records):
    """Yield the CSV text of `records` line by line (for streaming)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue()
    for record in records:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(flat_row(record))
        yield buffer.getvalue()


def json_record(record):
    return {column: record.get(column) for column in COLUMNS} | {"links": record.get("links", [])}


# Reading -----------------------------------------------------------------------------------


UPLOAD_PROBLEMS = {
    "not-xlsx": gettext_lazy("The file is named .xlsx but is not an Excel workbook."),
    "too-large-unpacked": gettext_lazy(
        "The workbook unpacks to more than 200 MB; split it into parts."
    ),
    "binary": gettext_lazy("The file is not text: save it as CSV (UTF-8) or JSON."),
}


def read_file(name, data):
    """(file name, bytes) -> list of dicts with the export's column names."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    try:
        uploads.check_xlsx(data) if suffix == "xlsx" else uploads.check_text(data)
    except uploads.Rejected as problem:
        raise FileError(UPLOAD_PROBLEMS[str(problem)]) from problem
    if suffix == "json":
        return _read_json(data)
    if suffix == "xlsx":
        return _read_xlsx(data)
    if suffix in ("csv", "txt", ""):
        return _read_csv(data)
    raise FileError(
        _("Unknown file type “.%(suffix)s”: use CSV, XLSX or JSON.") % {"suffix": suffix}
    )


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")  # with or without a byte-order mark
    except UnicodeDecodeError as error:
        raise FileError(
            _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return _limited(
        [{(k or "").strip(): cells.unguard(v) for k, v in row.items()} for row in reader]
    )


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows)]
    except Exception as error:  # noqa: BLE001 - any broken workbook is the same problem
        raise FileError(
            _("The spreadsheet cannot be read: %(error)s") % {"error": error}
        ) from error
    records = [
        {
            header[i]: ("" if cell is None else cells.unguard(cell))
            for i, cell in enumerate(row)
            if i < len(header)
        }
        for row in rows
        if any(cell not in (None, "") for cell in row)
    ]
    return _limited(records)


def _read_json(data):
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    # ValueError also covers broken UTF-8 and integers too long to convert.
    except (ValueError, RecursionError) as error:
        raise FileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from error
    if isinstance(parsed, dict):
        parsed = parsed.get("practices", parsed.get("results"))
    if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
        raise FileError(_("The JSON file must hold a list of practices."))
    return _limited(parsed)


def _limited(records):
    if len(records) > MAX_ROWS:
        raise FileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    return records


# Checking ----------------------------------------------------------------------------------


def known_codes():
    source = Locale.get_default()
    return {
        facet: set(model.objects.filter(locale=source).values_list("code", flat=True))
        for facet, model in VOCABULARIES.items()
    }


def check(records, codes):
    """Every row cleaned or every problem found (never stops at the first)."""
    result, seen = Checked(), {}
    if records and not any(column in records[0] for column in COLUMNS):
        result.problems.append(RowProblem(0, "", _("no known column; see docs/data-format.md")))
        return result
    for number, record in enumerate(records, start=1):
        cleaned, problems = _check_row(number, record, codes)
        slug = cleaned.get("slug")
        if slug and slug in seen:
            problems.append(
                RowProblem(number, "slug", _("same slug as row %(row)d") % {"row": seen[slug]})
            )
        seen.setdefault(slug, number)
        result.problems += problems
        result.rows.append(cleaned)
    return result


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def _list(value):
    if isinstance(value, list):
        return [_text(item) for item in value if _text(item)]
    return [item.strip() for item in _text(value).split(LIST_SEPARATOR) if item.strip()]


def _check_row(number, record, codes):
    cleaned, problems = {}, []

    def problem(column, reason):
        problems.append(RowProblem(number, column, reason))

    for column in REQUIRED:
        if not _text(record.get(column)) and not record.get(column):
            problem(column, _("is required"))
    for column, limit in TEXT_LIMITS.items():
        value = _text(record.get(column))
        if len(value) > limit:
            problem(column, _("is longer than %(limit)d characters") % {"limit": limit})
        cleaned[column] = value
    _check_identity(record, cleaned, problem)
    _check_vocabularies(record, cleaned, codes, problem)
    cleaned["links"] = _check_links(record.get("links"), problem)
    cleaned["is_example"] = _text(record.get("is_example")).lower() in ("yes", "true", "1")
    return cleaned, problems


def _check_identity(record, cleaned, problem):
    slug = _text(record.get("slug")) or slugify(cleaned["title"])[:80]
    try:
        validate_slug(slug)
        cleaned["slug"] = slug
    except ValidationError:
        problem("slug", _("use only letters, digits and hyphens"))
    country = _text(record.get("country")).upper()
    if country and country not in dict(countries):
        problem("country", _("“%(value)s” is not an ISO 3166 country code") % {"value": country})
    cleaned["country"] = country
    year = _text(record.get("start_year"))
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            problem("start_year", _("“%(value)s” is not a year") % {"value": year[:20]})
        else:
            cleaned["start_year"] = int(year)
    status = _text(record.get("status")).lower()
    if status and status not in ("ongoing", "ended"):
        problem("status", _("must be “ongoing” or “ended”"))
    cleaned["status"] = status
    if cleaned.get("website"):
        _check_url(cleaned["website"], "website", problem)


def _check_url(url, column, problem):
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        problem(column, _("“%(value)s” is not a web address") % {"value": url[:80]})


def _check_vocabularies(record, cleaned, codes, problem):
    for column, facet in facets.vocabulary_columns(multiple=True).items():
        values = _list(record.get(column))
        unknown = [v for v in values if v not in codes[facet]]
        if unknown:
            problem(
                column, _("unknown value(s): %(values)s") % {"values": ", ".join(unknown)[:200]}
            )
        cleaned[column] = [v for v in values if v in codes[facet]]
    for column, facet in facets.vocabulary_columns(multiple=False).items():
        value = _text(record.get(column))
        if value and value not in codes[facet]:
            problem(column, _("unknown value: %(value)s") % {"value": value[:80]})
        cleaned[column] = value or None


def _check_links(value, problem):
    links = []
    items = (
        value
        if isinstance(value, list)
        else [line for line in _text(value).splitlines() if line.strip()]
    )
    for item in items:
        if isinstance(item, dict):
            title, url = _text(item.get("title")), _text(item.get("url"))
        else:
            title, _sep, url = item.rpartition(LIST_SEPARATOR)
            title, url = title.strip() or url.strip(), url.strip()
        _check_url(url, "links", problem)
        links.append({"title": title[:200], "url": url})
    return links
