"""Adapting a practice from the catalogue: what of it goes into a plan, and the transfer
checklist that asks what must be true in the visitor's place and what to change.

Everything here works on the catalogue's plain records (practices.search.practice_cards), never
on its models. What is proposed is shown to the visitor before anything is written (the adapt
page lists it), and a plan's own answers are never overwritten: only empty fields are filled and
lists are joined."""

import re

from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from toolkit.lib import bidi

from . import steps
from .formbase import LONG
from .presentation import display
from .stepforms import TACTICS

MAX_NOTE_CHECKS = 6  # sentences of the practice's transferability note made into checks


def proposed_answers(record):
    """{step slug: {field: value}}: the practice's facts, in the shape of the plan's answers."""
    approaches = set(record.get("approaches") or [])
    proposed = {
        "context": {
            "sectors": list(record.get("sectors") or []),
            "target_groups": list(record.get("target_groups") or []),
        },
        "goal": {"goal": _clip(record.get("summary"))},
        "allies": {"participation_level": record.get("participation") or ""},
        "tactics": {"tactics": [code for code, _n, approach in TACTICS if approach in approaches]},
        "resources": {"resources": _clip(record.get("resources_needed"))},
    }
    return {
        slug: {name: value for name, value in values.items() if value}
        for slug, values in proposed.items()
        if any(values.values())
    }


def merge(answers, proposed):
    """(the plan's answers with the proposal added, [(step, field name)] that changed).
    A field the visitor has filled keeps its value; a list gains the missing items."""
    merged = {slug: dict(values) for slug, values in answers.items()}
    changed = []
    for slug, values in proposed.items():
        stored = merged.setdefault(slug, {})
        for name, value in values.items():
            current = stored.get(name)
            if isinstance(value, list):
                joined = list(current or []) + [v for v in value if v not in (current or [])]
                if joined != list(current or []):
                    stored[name] = joined
                    changed.append((slug, name))
            elif current in (None, "", []):
                stored[name] = value
                changed.append((slug, name))
    return merged, changed


def shown(proposed, language):
    """What the adapt page lists before anything is written: step, field label and value as
    words, in the order of the planner's steps."""
    lines = []
    for step in steps.STEPS:
        values = proposed.get(step.slug)
        if not values:
            continue
        form = step.form(language=language)
        for name, value in values.items():
            field = form.fields[name]
            lines.append({"step": step, "label": field.label, "value": display(field, value)})
    return lines


def checklist(record):
    """The transfer checklist: the practice's own transferability note, sentence by sentence,
    then the criteria every transfer meets. Each check is stored with its words, so a plan and
    its files keep saying what the visitor was asked even when the practice changes."""
    language = record.get("language") or ""  # the note is in the practice's own language
    checks = [
        {"id": f"note-{number}", "kind": "condition", "text": sentence, "lang": language}
        for number, sentence in enumerate(_sentences(record.get("transferability")), start=1)
    ]
    return checks + _criteria(record)


def _criteria(record):
    language = translation.get_language()
    facts = {
        "groups": bidi.join_list(record.get("target_groups_names") or ["—"], language),
        "sectors": bidi.join_list(record.get("sectors_names") or ["—"], language),
        "country": record.get("country_name") or "—",
        "level": record.get("participation_name") or "—",
    }
    criteria = [
        (
            "people",
            "condition",
            _(
                "It was made for: %(groups)s. Do these people live in your "
                "place, and can you reach them?"
            ),
        ),
        (
            "setting",
            "change",
            _(
                "It worked in %(country)s, in: %(sectors)s. What is different "
                "in your place: rules, funding, institutions?"
            ),
        ),
        (
            "participation",
            "condition",
            _(
                "Migrants' participation was: %(level)s. Who from the "
                "affected community will decide with you, and how?"
            ),
        ),
        (
            "safety",
            "condition",
            _(
                "Could anyone be put at risk in your place (residence status, "
                "being identified)? What will you do about it?"
            ),
        ),
        (
            "fit",
            "change",
            _("Language, timing, partners: what will you change so that it fits your place?"),
        ),
    ]
    checks = [
        {"id": key, "kind": kind, "text": text % facts, "lang": ""} for key, kind, text in criteria
    ]
    if record.get("resources_needed"):
        text = _("It needed: %(resources)s. Do you have this, or what would replace it?") % {
            "resources": Truncator(record["resources_needed"].strip().rstrip(".")).chars(300)
        }
        checks.insert(2, {"id": "resources", "kind": "condition", "text": text, "lang": ""})
    return checks


def _sentences(text):
    parts = re.split(r"(?<=[.!?؟।。])\s+|\n+", str(text or "").strip())
    return [Truncator(p.strip()).chars(500) for p in parts if p.strip()][:MAX_NOTE_CHECKS]


def _clip(text):
    return Truncator(str(text or "").strip()).chars(LONG) if text else ""
