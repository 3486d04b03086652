"""Spreadsheet cells that a spreadsheet never runs as a formula.

Text that people sent or imported ends up in the CSV exports, and Excel, LibreOffice and Google
Sheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before
one) as a formula: `=HYPERLINK(...)` in a practice's summary would become a link, or worse, in
the spreadsheet of whoever downloads the catalogue. `guard` puts an apostrophe before such a
cell (the usual neutralisation, which spreadsheets show as text); `unguard` removes exactly the
apostrophe `guard` added, so an export read back by the importer is unchanged."""

from typing import TypeVar

_Cell = TypeVar("_Cell")

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def needs_guard(text: str) -> bool:
    return text.startswith(TRIGGERS) or (text.startswith("'") and needs_guard(text[1:]))


def guard(value: _Cell) -> _Cell | str:
    """The cell as written to a CSV or XLSX file."""
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def unguard(value: _Cell) -> _Cell | str:
    """The cell as read from a CSV or XLSX file: `unguard(guard(text)) == text` for any text."""
    if isinstance(value, str) and value.startswith("'") and needs_guard(value[1:]):
        return value[1:]
    return value
