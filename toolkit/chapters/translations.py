"""Loads the bundled translations (content/<language>/*.toml, for example Italian and Arabic)
as real wagtail-localize translations, so that translators see them as any other: per-field
strings, status, "outdated" after a source change, PO export and import.

A translated file has the same shape as the English one (same blocks, same slugs; see
content/README.md). For each page or snippet, an unsaved copy with the translated text is
made; its segments are paired one to one with the English ones (same paths, block ids aside),
stored as string translations, and the translation is published. Runs once, when a language is
first added; a page whose file does not line up is left as it was (an alias of English) and
reported, so one bad file never blocks the rest."""

import contextvars
import re
import tomllib
from contextlib import contextmanager

from django.db import transaction
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.strings import StringValue, validate_translation_links

from . import loader, models

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


_shared = contextvars.ContextVar("shared_translation_sources", default=None)


class Misaligned(Exception):
    pass


@contextmanager
def sources_shared():
    """Inside, each source object's text is extracted once, however many languages are loaded
    (extraction is a quarter of loading the bundled languages). Only for blocks in which the
    sources do not change, such as loading the bundled toolkit."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _source_of(instance):
    shared = _shared.get()
    key = (instance._meta.label, instance.pk)
    if shared is not None and key in shared:
        return shared[key]
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    originals = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    if shared is not None:
        shared[key] = (source, originals)
    return source, originals


def translate(instance, shadow, locale):
    """Publish `shadow`'s text as the translation of `instance` into `locale`."""
    source, originals = _source_of(instance)
    translated = [s for s in extract_segments(shadow) if isinstance(s, StringSegmentValue)]
    if [_shape(s.context.path) for s in originals] != [_shape(s.path) for s in translated]:
        raise Misaligned(f"{instance}: the translation does not line up with the source")
    _store_strings(originals, [value.string.data for value in translated], locale)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(publish=True)


def _store_strings(originals, texts, locale):
    """The translated strings, written in two statements rather than one or two per string."""
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale, translation_of__in=[o.string_id for o in originals]
        )
    }
    new, changed = [], []
    for original, text in zip(originals, texts, strict=True):
        row = existing.get((original.string_id, original.context_id))
        if row is None:
            row = StringTranslation(
                translation_of=original.string, locale=locale, context=original.context
            )
            new.append(row)
        elif row.data != text:
            changed.append(row)
        row.data, row.translation_type = text, StringTranslation.TRANSLATION_TYPE_MANUAL
        row.has_error = _invalid(original.string.data, text)  # as StringTranslation.save
    StringTranslation.objects.bulk_create(new)
    StringTranslation.objects.bulk_update(changed, ["data", "translation_type", "has_error"])


def _invalid(source_html, translated_html):
    try:
        StringValue.from_translated_html(translated_html)
        validate_translation_links(source_html, translated_html)
    except ValueError:
        return True
    return False


def _shape(path):
    return UUID.sub("*", path)


def load_language(language):
    """Every bundled translation for `language`; returns a list of problems (empty if none)."""
    folder = loader.CONTENT_DIR / language
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    problems = []
    # Other apps' bundled translations (practices: its examples and vocabularies).
    for step in hooks.get_hooks("toolkit_bundled_translations"):
        problems += step(language, locale)
    if folder.is_dir():
        problems += _load_pages(folder, locale)
    return problems


def _load_pages(folder, locale):
    source_locale = Locale.get_default()
    pages = Page.objects.filter(locale=source_locale, depth__gt=1).specific()
    english = {page.slug: page for page in pages if isinstance(page, models.BasePage)}
    by_slug = dict(english)
    problems = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            document = tomllib.load(handle)
        entries = [document, *document.get("children", [])]
        for entry in entries:
            page = english.get(entry.get("slug") or "home")
            if page is None:
                problems.append(f"{path.name}: no page {entry.get('slug')}")
                continue
            shadow = _page_shadow(page, entry, by_slug, locale.language_code)
            problems += attempt(page, shadow, locale)
        problems += _load_resources(document.get("resources", []), locale, source_locale)
    return problems


def attempt(instance, shadow, locale):
    try:
        with transaction.atomic():
            translate(instance, shadow, locale)
    except Misaligned as error:
        return [str(error)]
    return []


def _page_shadow(page, entry, by_slug, language):
    shadow = type(page).objects.get(pk=page.pk)
    shadow.title = entry["title"]
    shadow.summary = entry["summary"]
    body = entry.get("body", [])
    shadow.body = [loader.stream_block(block, by_slug, language) for block in body]
    # Preparing the value for the database gives every block an id, as saving would.
    field = type(shadow)._meta.get_field("body")
    shadow.body = field.to_python(field.get_prep_value(shadow.body))
    return shadow


def _load_resources(entries, locale, source_locale):
    originals = list(models.Resource.objects.filter(locale=source_locale).order_by("sort_order"))
    problems = []
    if entries and len(entries) != len(originals):
        return [f"resources: {len(entries)} translated, {len(originals)} in the source"]
    for resource, entry in zip(originals, entries, strict=False):
        shadow = models.Resource.objects.get(pk=resource.pk)
        shadow.title = entry["title"]
        shadow.description = " ".join(entry["description"].split())
        shadow.note = entry.get("note", "")
        problems += attempt(resource, shadow, locale)
    return problems
