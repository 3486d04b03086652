"""The bundled translations of the vocabularies and of some example practices
(content/<language>/vocabularies.toml and practices.toml), loaded as wagtail-localize
translations by chapters.translations when a language is first added."""

import tomllib

from wagtail.models import Locale

from toolkit.chapters.translations import attempt

from .loader import CONTENT_DIR, _html
from .models import PracticePage
from .vocabularies import VOCABULARIES

TEXT_FIELDS = [
    "title",
    "summary",
    "description",
    "place",
    "beneficiaries",
    "results",
    "resources_needed",
    "transferability",
    "contact",
]
MODELS = {model.__name__: model for model in VOCABULARIES.values()}


def load(language, locale):
    folder = CONTENT_DIR / language
    problems = []
    if (folder / "vocabularies.toml").exists():
        problems += _vocabularies(_read(folder / "vocabularies.toml"), locale)
    if (folder / "practices.toml").exists():
        problems += _practices(_read(folder / "practices.toml"), locale)
    return problems


def _read(path):
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _vocabularies(document, locale):
    source = Locale.get_default()
    problems = []
    for model_name, names in document.items():
        model = MODELS.get(model_name)
        if model is None:
            problems.append(f"vocabularies: unknown vocabulary {model_name}")
            continue
        for term in model.objects.filter(locale=source, code__in=list(names)):
            entry = names[term.code]
            shadow = model.objects.get(pk=term.pk)
            if isinstance(entry, dict):
                shadow.name, shadow.description = entry["name"], entry.get("description", "")
            else:
                shadow.name = entry
            problems += attempt(term, shadow, locale)
    return problems


def _practices(document, locale):
    source = Locale.get_default()
    problems = []
    for entry in document.get("practice", []):
        page = PracticePage.objects.filter(locale=source, slug=entry["slug"]).first()
        if page is None:
            problems.append(f"practices: no practice {entry['slug']}")
            continue
        shadow = PracticePage.objects.get(pk=page.pk)
        for name in TEXT_FIELDS:
            if name in entry:
                rich = name in ("description", "results")
                setattr(shadow, name, _html(entry[name]) if rich else " ".join(entry[name].split()))
        problems += attempt(page, shadow, locale)
    return problems
