from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from toolkit.practices.columns import FileError, read_file
from toolkit.practices.importer import import_records
from toolkit.practices.models import PracticeIndexPage


class Command(BaseCommand):
    help = (
        "Import practices from a CSV (UTF-8, comma or semicolon), XLSX or JSON file with the "
        "columns of the export (docs/data-format.md). Existing practices are updated by slug. "
        "A file with any error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="language of the catalogue to import into (default: %(default)s)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        index = PracticeIndexPage.objects.filter(locale__language_code=options["language"]).first()
        if index is None:
            raise CommandError(
                "There is no practice catalogue in that language yet "
                "(run `manage.py load_toolkit_content` first)."
            )
        try:
            records = read_file(path.name, path.read_bytes())
        except FileError as error:
            raise CommandError(str(error)) from error
        outcome = import_records(records, index, dry_run=options["dry_run"])
        if outcome.problems:
            for problem in outcome.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(outcome.problems)} problem(s) found; nothing was changed.")
        verb = "Would create" if outcome.dry_run else "Created"
        self.stdout.write(
            f"{verb} {len(outcome.created)}, "
            f"{'would update' if outcome.dry_run else 'updated'} {len(outcome.updated)}, "
            f"unchanged {len(outcome.unchanged)}."
            + (" (dry run: nothing written)" if outcome.dry_run else "")
        )
