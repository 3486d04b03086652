import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toolkit.lib import backup, generation


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded media with a backup made by `backup`. "
        "Stop the site first; run `migrate` afterwards if the backup is older than the code."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask for confirmation (for scripts)"
        )

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"No such file: {archive}")
        if not options["yes"]:
            answer = input("This replaces all current content with the backup. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest = backup.restore(archive)
        except (backup.BackupError, tarfile.TarError, OSError, EOFError) as error:
            raise CommandError(f"Nothing restored: {error}") from error
        generation.forget_all()  # every cached page, index, record and PDF is made afresh
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
