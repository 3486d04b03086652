"""A new SQLite database made from a prepared schema instead of from every migration.

Running the ~260 migrations of Django, Wagtail and our apps on a new SQLite database takes 40 s
on 2 cores, most of a newcomer's first start. `schema/sqlite.sql` is what they produce (tables,
indexes, the rows the migrations and their post_migrate steps write, the list of applied
migrations), written by `manage.py prepare_schema` and checked against a fresh `migrate` by
toolkit/core/tests/test_prepared_schema.py. A database made from it is then brought up to date
by `migrate` as any other: a migration newer than the file is applied on top (decision 0016)."""

import re
import sqlite3
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

PREPARED = Path(__file__).resolve().parent / "schema" / "sqlite.sql"

# The time each migration was applied says when the file was written, not what it holds.
_APPLIED = re.compile(
    r"^(INSERT INTO \"django_migrations\" VALUES\(\d+,'[^']*','[^']*'),'[^']*'\);$"
)


def dump(path):
    """The SQL text that recreates the SQLite database at `path`, one statement per line."""
    with sqlite3.connect(path) as db:
        lines = [_APPLIED.sub(r"\1,'2000-01-01 00:00:00');", line) for line in db.iterdump()]
    return "\n".join(lines) + "\n"


def create_from_prepared(alias=DEFAULT_DB_ALIAS):
    """Fill a new, empty SQLite database from the prepared schema; True when it did. Any other
    database (PostgreSQL, or one with tables already) is left to `migrate`."""
    connection = connections[alias]
    if connection.vendor != "sqlite" or not PREPARED.is_file():
        return False
    if connection.introspection.table_names():
        return False
    connection.ensure_connection()
    raw = connection.connection
    # The dump lists tables alphabetically: rows may come before the tables they point to.
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        raw.executescript(PREPARED.read_text(encoding="utf-8"))
    finally:
        raw.execute("PRAGMA foreign_keys = ON")
    return True
