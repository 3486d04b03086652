"""Which page is translated into which language, at a glance, for editors.

For every published page of the source language and every other language, one of:
- "missing": the language shows the source text (an alias, with a note to readers);
- "outdated": a translation exists, but the source page was published again after the text
  the translation was made from (Sync it in wagtail-localize);
- "current": translated from the source as it is now;
- "draft": a translation exists but is not published."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

STATES = {
    "current": _("Up to date"),
    "outdated": _("Outdated"),
    "missing": _("Not translated"),
    "draft": _("Draft"),
}


def overview():
    """(languages, rows): rows are {page, depth, cells: [{state, label, page}]} in tree order."""
    source = Locale.get_default()
    languages = [code for code, _name in settings.LANGUAGES if code != source.language_code]
    pages = list(Page.objects.filter(locale=source, depth__gt=1).live().order_by("path"))
    keys = [p.translation_key for p in pages]
    others = {
        (p.translation_key, p.locale.language_code): p
        for p in Page.objects.filter(translation_key__in=keys)
        .exclude(locale=source)
        .select_related("locale")
    }
    snapshots = dict(
        TranslationSource.objects.filter(object_id__in=keys).values_list(
            "object_id", "last_updated_at"
        )
    )
    rows = []
    for page in pages:
        cells = [
            _cell(page, others.get((page.translation_key, code)), snapshots) for code in languages
        ]
        rows.append({"page": page, "depth": page.depth - 2, "cells": cells})
    return languages, rows


def _cell(page, translated, snapshots):
    state = state_of(page, translated, snapshots.get(page.translation_key))
    return {"state": state, "label": STATES[state], "page": translated}


def state_of(page, translated, snapshot_at):
    if translated is None or translated.alias_of_id:
        return "missing"
    if not translated.live:
        return "draft"
    if snapshot_at and page.last_published_at and page.last_published_at > snapshot_at:
        return "outdated"
    return "current"


def counts(rows, languages):
    """Per language: how many pages in each state."""
    totals = {code: dict.fromkeys(STATES, 0) for code in languages}
    for row in rows:
        for code, cell in zip(languages, row["cells"], strict=True):
            totals[code][cell["state"]] += 1
    return totals
