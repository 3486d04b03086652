from django.conf import settings
from django.core.management.base import BaseCommand

from toolkit.participation.privacy import purge_closed


class Command(BaseCommand):
    help = (
        "Erase names and e-mail addresses of submissions closed more than "
        "PARTICIPATION_RETENTION_DAYS days ago (run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PARTICIPATION_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1.")
            raise SystemExit(2)
        count = purge_closed(days)
        self.stdout.write(f"Erased the personal data of {count} submission(s).")
