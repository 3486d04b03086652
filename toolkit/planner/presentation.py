"""A plan as readable sections: the one shape the summary page, the PDF, the Word document and
the Markdown file are all made from, so they always say the same thing.

Call it inside `translation.override(language)`: labels and choice names come out in the
active language."""

import datetime

from django import forms
from django.utils import formats

from toolkit.practices.search import practice_cards

from . import graphics, steps
from .formbase import from_json
from .forms import ANSWER_CHOICES


def sections(plan, language, completeness=None):
    completeness = completeness or steps.completeness(plan.answers, language)
    result = []
    for step in steps.STEPS:
        stored = plan.answers.get(step.slug, {})
        form = step.form(language=language)
        fields = [
            {"label": field.label, "value": display(field, stored.get(name)), "name": name}
            for name, field in form.fields.items()
        ]
        tables = [_table(step, name, stored.get(name, []), language) for name in step.tables]
        result.append(
            {
                "step": step,
                "number": step.number,
                "title": step.title,
                "complete": completeness[step.slug],
                "started": bool(stored),
                "fields": fields,
                "tables": tables,
            }
        )
    return result


def _table(step, name, rows, language):
    row_form, label, _minimum = step.tables[name]
    form = row_form(language=language)
    columns = list(form.fields.items())
    headers = [field.label for _name, field in columns]
    values = [[display(field, row.get(key)) for key, field in columns] for row in rows]
    return {
        "name": name,
        "label": label,
        "headers": headers,
        "rows": values,
        # Each cell with its column's name, for narrow screens where a row is shown as a card.
        "labelled_rows": [list(zip(headers, row, strict=True)) for row in values],
    }


def display(field, value):
    """A stored value as words: choice codes become their names, lists are joined."""
    if value in (None, "", []):
        return ""
    if isinstance(field, forms.DateField):
        return day(from_json(field, value)) or str(value)
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(field, forms.MultipleChoiceField):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, choices.get(str(value), value)))
    return str(value)


def day(value):
    """A date as the plan shows it everywhere (pages and files): the language's DATE_FORMAT,
    the same as the templates' `|date:"DATE_FORMAT"`."""
    if not isinstance(value, datetime.date):
        return ""
    return formats.date_format(value, "DATE_FORMAT")


def pictures(plan):
    stakeholders = plan.answers.get("decision-makers", {}).get("stakeholders", [])
    points = graphics.placed(stakeholders)
    return {
        "grid_points": points,
        "grid_quadrants": graphics.quadrants(points),
        "grid_size": graphics.GRID,
        "grid_label": graphics.label_template(),
        "grid_cell": graphics.CELL,
        "timeline": graphics.timeline(plan.answers),
    }


def progress(plan, language, completeness=None):
    done = completeness or steps.completeness(plan.answers, language)
    items = [
        {"step": s, "slug": s.slug, "number": s.number, "title": s.title, "done": done[s.slug]}
        for s in steps.STEPS
    ]
    return {"done": sum(done.values()), "total": len(done), "items": items}


def adapted(plan, language):
    """The practices the plan adapts, each with its checklist and the visitor's answers; a
    practice unpublished since keeps its place, marked as no longer published."""
    published = {c["slug"]: c for c in practice_cards(language, slugs=_slugs(plan.sources))}
    answers = dict(ANSWER_CHOICES)
    return [
        {
            "practice": source["practice"],
            "title": published[source["practice"]]["title"]
            if source["practice"] in published
            else source["title"],
            "url": published.get(source["practice"], {}).get("url", ""),
            "published": source["practice"] in published,
            "checks": [
                {**check, "answer_name": str(answers.get(check["answer"], ""))}
                for check in source["checks"]
            ],
            "answered": sum(1 for check in source["checks"] if check["answer"]),
        }
        for source in plan.sources
    ]


def _slugs(sources):
    return [source["practice"] for source in sources]
