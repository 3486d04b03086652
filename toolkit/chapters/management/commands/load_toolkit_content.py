from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks
from wagtail.models import Locale

from toolkit.chapters import loader, translations
from toolkit.chapters.languages import synchronise_languages
from toolkit.core import changes


class Command(BaseCommand):
    help = (
        "Load the bundled toolkit (chapters, principles, campaign steps, recommendations, "
        "resources) when the database has none yet. Never overwrites an editor's work."
    )

    def handle(self, *args, **options):
        # One change for the running site: caches and indexes move once, at the end, and
        # Wagtail's search index is updated once per page rather than at every save.
        with changes.one_change():
            self.load()

    def load(self):
        if loader.toolkit_exists():
            self.stdout.write("The toolkit is already in the database: nothing loaded.")
        else:
            try:
                count = loader.load()
            except (loader.ContentError, KeyError) as error:
                raise CommandError(f"The bundled content is broken: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"Loaded the toolkit: {count} pages."))
        home = loader.models.HomePage.objects.filter(locale=Locale.get_default()).first()
        for step in hooks.get_hooks("toolkit_after_content_load"):
            message = step(home)
            if message:
                self.stdout.write(message)
        created = synchronise_languages(Locale.get_default())
        if created:
            self.stdout.write(f"Added languages: {', '.join(created)}.")
        for language in created:
            for problem in translations.load_language(language):
                self.stderr.write(f"{language}: not translated: {problem}")
