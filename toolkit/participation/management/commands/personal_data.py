import json

from django.core.management.base import BaseCommand, CommandError

from toolkit.participation.privacy import erase_person, export_person


class Command(BaseCommand):
    help = "Export (default) or erase everything kept about the person with this e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true", help="Erase instead of exporting.")

    def handle(self, *args, email, erase, **options):
        if "@" not in email or len(email) > 254:
            raise CommandError("Give an e-mail address.")
        if erase:
            count = erase_person(email)
            self.stdout.write(f"Erased the personal data in {count} submission(s).")
        else:
            data = export_person(email)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
