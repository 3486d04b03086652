import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toolkit.downloads import building, documents


class Command(BaseCommand):
    help = "Render the whole toolkit as PDF in every language (for release archives)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="also copy the PDFs into this folder")
        parser.add_argument("--language", action="append", help="only these languages")

    def handle(self, *args, **options):
        languages = options["language"] or documents.languages_with_toolkit()
        output = Path(options["output"]) if options["output"] else None
        if output:
            output.mkdir(parents=True, exist_ok=True)
        for language in languages:
            try:
                path = building.get_or_build("toolkit", language, self._builder(language))
            except LookupError as error:
                raise CommandError(f"No toolkit in language {error}") from error
            if output:
                shutil.copyfile(path, output / f"advocacy-toolkit-{language}.pdf")
            self.stdout.write(f"{language}: {path} ({path.stat().st_size // 1024} KB)")

    @staticmethod
    def _builder(language):
        def build():
            context = documents.toolkit_context(language)
            return building.render_pdf("downloads/toolkit.html", context, language)

        return build
