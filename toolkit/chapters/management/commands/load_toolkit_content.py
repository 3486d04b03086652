from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks
from wagtail.models import Locale

from toolkit.chapters import loader, translations
from toolkit.chapters.languages import add_language, missing_languages
from toolkit.core import changes
from toolkit.core.site import follow_base_url


class Command(BaseCommand):
    help = (
        "Load the bundled toolkit (chapters, principles, campaign steps, recommendations, "
        "resources) when the database has none yet, and add every interface language that "
        "has none, and point the site at BASE_URL. Never overwrites an editor's work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-languages",
            action="store_true",
            help="load the default language only; add the others at a later run "
            "(manage.py serve adds them in a second process while it serves)",
        )

    def handle(self, *args, no_languages=False, **options):
        # One change for the running site: caches and indexes move once, at the end, and
        # Wagtail's search and reference indexes are updated once per object, not per save.
        with translations.sources_shared():
            with changes.one_change():
                self.load()
            if not no_languages:
                self.add_languages(Locale.get_default())

    def load(self):
        if loader.toolkit_exists():
            self.stdout.write("The toolkit is already in the database: nothing loaded.")
        else:
            self.stdout.write("Loading the bundled toolkit…")
            try:
                count = loader.load()
            except (loader.ContentError, KeyError) as error:
                raise CommandError(f"The bundled content is broken: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"Loaded the toolkit: {count} pages."))
        source = Locale.get_default()
        home = loader.models.HomePage.objects.filter(locale=source).first()
        for step in hooks.get_hooks("toolkit_after_content_load"):
            message = step(home)
            if message:
                self.stdout.write(message)
        # Operators change BASE_URL (or PORT); the links the site makes follow at the next start.
        follow_base_url()

    def add_languages(self, source):
        missing = missing_languages()
        for number, (code, name) in enumerate(missing, start=1):
            self.stdout.write(f"Adding {name} ({number} of {len(missing)})…")
            self.stdout.flush()  # a progress line, also when the output is a pipe
            # One change per language: caches and indexes move as each language lands. Not one
            # transaction: wagtail-localize publishes each translated page when its transaction
            # commits, and all of a language's publishes at one commit put back the url paths
            # the translated home page's new slug had just changed (links to None).
            with changes.one_change():
                add_language(code, source)
                problems = translations.load_language(code)
            for problem in problems:
                self.stderr.write(f"{code}: not translated: {problem}")
        if missing:
            names = ", ".join(code for code, _name in missing)
            self.stdout.write(f"Added languages: {names}.")
            self.stdout.flush()
