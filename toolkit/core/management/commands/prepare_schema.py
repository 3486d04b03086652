"""Write toolkit/core/schema/sqlite.sql (see toolkit/core/schema.py) after adding or changing a
migration, or upgrading Django or Wagtail: a test fails until it matches the migrations."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from toolkit.core import schema


class Command(BaseCommand):
    help = "Write the prepared SQLite schema that new databases are made from (core/schema.py)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=schema.PREPARED)

    def handle(self, *args, output, **options):
        with tempfile.TemporaryDirectory(prefix="toolkit-schema-") as folder:
            database = Path(folder) / "schema.sqlite3"
            # A process of its own, on a database of its own: this one's settings stay as they are.
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
            manage = Path(settings.BASE_DIR) / "manage.py"
            subprocess.run(  # noqa: S603 - our own manage.py
                [sys.executable, str(manage), "migrate", "--noinput", "-v", "0"],
                env=env,
                check=True,
            )
            text = schema.dump(database)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output} ({len(text.splitlines())} statements).")
