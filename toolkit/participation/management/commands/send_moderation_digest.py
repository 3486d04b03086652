from django.core.management.base import BaseCommand

from toolkit.participation.notifications import send_digests


class Command(BaseCommand):
    help = "E-mail the daily digest of new submissions to moderators who chose it (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_digests()} digest(s).")
