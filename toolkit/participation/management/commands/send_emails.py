from django.core.management.base import BaseCommand

from toolkit.participation.notifications import retry_due


class Command(BaseCommand):
    help = (
        "Send again the e-mails whose retry is due. Needed only with TASKS_BACKEND=immediate "
        "(the database worker retries by itself); run it every few minutes."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Retried {retry_due()} e-mail(s).")
