"""New SQLite databases are made from toolkit/core/schema/sqlite.sql (core/schema.py): it must be
exactly what the migrations make, or a newcomer's site would differ from everyone else's."""

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests import serving
from toolkit.core import schema

ROOT = Path(__file__).resolve().parents[3]

# Made on its own SQLite file whatever TEST_DB says: once is enough.
pytestmark = pytest.mark.same_on_every_database

# Wagtail's first migration gives its root and welcome pages random translation keys.
UUID = re.compile(r"'[0-9a-f]{32}'")


def comparable(text):
    return UUID.sub("'<uuid>'", text).splitlines()


def test_the_prepared_schema_is_what_the_migrations_make_today(tmp_path):
    written = tmp_path / "sqlite.sql"
    subprocess.run(
        [*serving.MANAGE, "prepare_schema", "--output", str(written)],
        env=serving.site_environment(tmp_path),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    fresh = comparable(written.read_text(encoding="utf-8"))
    shipped = comparable(schema.PREPARED.read_text(encoding="utf-8"))
    stale = [line for line in fresh if line not in set(shipped)]
    extra = [line for line in shipped if line not in set(fresh)]
    assert not stale and not extra, (
        "toolkit/core/schema/sqlite.sql is not what the migrations make: "
        "run `make schema` (manage.py prepare_schema) and commit it.\n"
        f"missing: {stale[:5]}\nnot made by the migrations: {extra[:5]}"
    )


def test_a_database_made_from_it_needs_no_migration_and_holds_together(tmp_path):
    env = serving.site_environment(tmp_path)
    database = tmp_path / "toolkit.sqlite3"
    code = "import django; django.setup(); from toolkit.core import schema; "
    code += "print(schema.create_from_prepared())"
    made = subprocess.run(
        [*serving.MANAGE[:1], "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "toolkit.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert made.stdout.strip() == "True"
    subprocess.run([*serving.MANAGE, "migrate", "--check"], env=env, cwd=ROOT, check=True)
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    again = subprocess.run(
        [*serving.MANAGE[:1], "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "toolkit.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert again.stdout.strip() == "False"  # a database with tables is never overwritten
