from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from toolkit.lib import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="file to write (default: var/backups/toolkit-<time>.tar.gz)"
        )

    def handle(self, *args, **options):
        archive = options["archive"]
        if not archive:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            archive = folder / f"toolkit-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup.create(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {archive} ({manifest['engine']} database and media).")
