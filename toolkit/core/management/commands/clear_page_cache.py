from django.core.management.base import BaseCommand

from toolkit.core import pagecache


class Command(BaseCommand):
    help = "Forget every cached page (run after deploying new code or templates)."

    def handle(self, *args, **options):
        pagecache.invalidate()
        self.stdout.write("Page cache cleared.")
