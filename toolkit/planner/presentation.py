"""A plan as readable sections: the one shape the summary page, the PDF, the Word document and
the Markdown file are all made from, so they always say the same thing.

Call it inside `translation.override(language)`: labels and choice names come out in the
active language."""

from django import forms

from . import graphics, steps


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
                "number": steps.STEPS.index(step),
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
    return {
        "name": name,
        "label": label,
        "headers": [field.label for _name, field in columns],
        "rows": [[display(field, row.get(key)) for key, field in columns] for row in rows],
    }


def display(field, value):
    """A stored value as words: choice codes become their names, lists are joined."""
    if value in (None, "", []):
        return ""
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(field, forms.MultipleChoiceField):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, choices.get(str(value), value)))
    return str(value)


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
        {"step": s, "slug": s.slug, "title": s.title, "done": done[s.slug]} for s in steps.STEPS
    ]
    return {"done": sum(done.values()), "total": len(done), "items": items}
