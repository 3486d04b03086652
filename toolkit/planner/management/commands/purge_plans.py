from django.conf import settings
from django.core.management.base import BaseCommand

from toolkit.planner.plans import purge_stale_plans


class Command(BaseCommand):
    help = "Delete campaign plans nobody has changed for PLANNER_RETENTION_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PLANNER_RETENTION_DAYS,
            help="Age in days (default: PLANNER_RETENTION_DAYS, now %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1.")
            raise SystemExit(2)
        deleted = purge_stale_plans(days)
        self.stdout.write(f"Deleted {deleted} plan(s) untouched for {days} days or more.")
