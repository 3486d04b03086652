"""The bundled translations of the catalogue page, the vocabularies and some example practices
(content/<language>/catalogue.toml, vocabularies.toml and practices.toml), loaded as
wagtail-localize translations by chapters.translations when a language is first added.

A site whose languages were added before a bundled translation existed gets it from
`catch_up()` (run by load_toolkit_content at every start): only what is still untranslated
there — a vocabulary term with no translation, the catalogue page while it is an alias of
English — so an editor's work is never overwritten.

`share_facts()` (connected in signals.py) keeps the facts of every translated practice —
years, country, vocabulary codes, links — the same as its source page's."""

import tomllib

from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Locale

from toolkit.chapters.translations import attempt

from . import facets
from .loader import CONTENT_DIR, _html
from .models import PracticeIndexPage, PracticeLink, PracticePage
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
    if (folder / "catalogue.toml").exists():
        problems += _catalogue(_read(folder / "catalogue.toml"), locale)
    if (folder / "vocabularies.toml").exists():
        problems += _vocabularies(_read(folder / "vocabularies.toml"), locale)
    if (folder / "practices.toml").exists():
        problems += _practices(_read(folder / "practices.toml"), locale)
    return problems


def _read(path):
    with path.open("rb") as handle:
        return tomllib.load(handle)


def catch_up(home):
    """The bundled translations a language added earlier does not have yet (see above)."""
    if home is None:
        return None
    problems = []
    for locale in Locale.objects.exclude(pk=home.locale_id):
        folder = CONTENT_DIR / locale.language_code
        index = PracticeIndexPage.objects.filter(locale=locale).first()
        if (folder / "catalogue.toml").exists() and index and index.alias_of_id:
            problems += _catalogue(_read(folder / "catalogue.toml"), locale)
        if (folder / "vocabularies.toml").exists():
            document = _read(folder / "vocabularies.toml")
            problems += _vocabularies(document, locale, only_missing=True)
    return "\n".join(f"not translated: {problem}" for problem in problems) or None


def _catalogue(document, locale):
    """The catalogue page's own title and introduction (menu, breadcrumb, home card)."""
    index = PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return ["catalogue: there is no catalogue page"]
    shadow = PracticeIndexPage.objects.get(pk=index.pk)
    shadow.title = document["title"]
    shadow.intro = " ".join(document.get("intro", index.intro).split())
    return attempt(index, shadow, locale)


def _vocabularies(document, locale, only_missing=False):
    source = Locale.get_default()
    problems = []
    for model_name, names in document.items():
        model = MODELS.get(model_name)
        if model is None:
            problems.append(f"vocabularies: unknown vocabulary {model_name}")
            continue
        terms = model.objects.filter(locale=source, code__in=list(names))
        if only_missing:
            present = model.objects.filter(locale=locale).values_list("translation_key")
            terms = terms.exclude(translation_key__in=present)
        for term in terms:
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


# The language-independent facts of a practice (the fields wagtail-localize keeps in step,
# models.PracticePage.override_translatable_fields) and its links.
FACT_FIELDS = [*facets.page_fields(), "website", "is_example"]


def share_facts(sender=None, instance=None, **_kwargs):
    """When a source-language practice is published (an editor's save or an import), its
    translations get its facts: aliases follow by themselves, but a translated page keeps
    its own copy until a translator syncs it, so filters and open data would disagree
    between languages. Each translation is published again with the new facts."""
    page = getattr(instance, "specific", instance)
    if not isinstance(page, PracticePage) or page.locale_id != Locale.get_default().pk:
        return
    translations = PracticePage.objects.filter(translation_key=page.translation_key).exclude(
        locale_id=page.locale_id
    )
    for translation in translations.filter(alias_of__isnull=True):
        # A translator's unpublished draft stays a draft (with the new facts), never published.
        draft = None
        if translation.has_unpublished_changes:
            draft = translation.get_latest_revision_as_object()
        if _copy_facts(page, translation):
            translation.save_revision().publish()
        if draft is not None and _copy_facts(page, draft):
            draft.save_revision()


def _copy_facts(page, translation):
    """Set the facts of `page` on `translation`; False when they were the same already."""
    changed = False
    for name in FACT_FIELDS:
        value = getattr(page, name)
        if isinstance(PracticePage._meta.get_field(name), ParentalManyToManyField):
            value, current = list(value.all()), list(getattr(translation, name).all())
        else:
            current = getattr(translation, name)
        if value != current:
            setattr(translation, name, value)
            changed = True
    # A link's address is a fact, its title is text a translator may have translated.
    titles = {link.url: link.title for link in translation.links.all()}
    links = [(titles.get(link.url, link.title), link.url) for link in page.links.all()]
    if [url for _title, url in links] != list(titles):
        translation.links = [PracticeLink(title=title, url=url) for title, url in links]
        changed = True
    return changed
