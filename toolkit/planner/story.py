"""Reporting back: what of a plan can start a story of use. The planner shows each value to
the visitor with a tick box; the story form (participation) asks for the values by the plan's
key through the hook `toolkit_story_prefill` and keeps only the ticked ones. The names are the
story form's fields."""

from django.utils.translation import gettext_lazy as _

from toolkit.practices.search import practice_cards

from . import plans, presentation, steps


def values(plan):
    """{story form field: value} from the plan's answers, sources and inspirations."""
    context = plan.answers.get("context", {})
    allies = plan.answers.get("allies", {})
    practices = [s["practice"] for s in plan.sources]
    practices += [i["practice"] for i in plan.inspirations if i["practice"] not in practices]
    found = {
        "title": plan.title,
        "what": plan.answers.get("goal", {}).get("goal", ""),
        "country": context.get("country", ""),
        "place": context.get("place", ""),
        "sectors": context.get("sectors") or [],
        "target_groups": context.get("target_groups") or [],
        "with_whom": allies.get("coalition") or allies.get("allies") or "",
        "practices": practices,
        "adapted": _what_changes(plan.sources),
        "participation": allies.get("participation_roles", ""),
    }
    return {name: value for name, value in found.items() if value}


LABELS = {
    "title": _("A title for your story"),
    "what": _("What did you do?"),
    "country": _("Country"),
    "place": _("City or region"),
    "sectors": _("In which sectors"),
    "target_groups": _("For whom"),
    "with_whom": _("With whom?"),
    "practices": _("Which practices inspired you"),
    "adapted": _("What did you adapt?"),
    "participation": _("How did they take part?"),
}


def shown(plan, language):
    """[{name, label, text}] for the report-back page: every value as the visitor reads it."""
    context_form = steps.get("context").form(language=language)
    titles = {a["practice"]: a["title"] for a in presentation.adapted(plan, language)}
    lines = []
    for name, value in values(plan).items():
        if name in ("country", "sectors", "target_groups"):
            text = presentation.display(context_form.fields[name], value)
        elif name == "practices":
            text = "\n".join(titles.get(slug) or _title(slug, language) for slug in value)
        else:
            text = value
        lines.append({"name": name, "label": LABELS[name], "text": text})
    return lines


def _title(slug, language):
    cards = practice_cards(language, slugs=[slug])
    return cards[0]["title"] if cards else slug


def _what_changes(sources):
    notes = [check["note"] for source in sources for check in source["checks"] if check["note"]]
    return "\n".join(notes)


def prefill(key, language):
    """The hook `toolkit_story_prefill`: the values of the plan with this key, or None."""
    plan = plans.find_plan(key)
    return values(plan) if plan is not None else None
