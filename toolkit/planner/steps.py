"""The planner's steps, in order: the context, then the nine steps of the campaign chapter.

A step is its form, its tables (formsets), the campaign step page it comes from (by number, so
it follows translations and renamed slugs), and what to look for in the catalogue. Reading and
checking a plan's answers also lives here, so that the step pages, the summary and every
export agree on what a step holds and whether it is complete."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from . import stepforms as f
from .formbase import from_json, rows_formset


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type
    # The number people see everywhere (start page, steps menu, headings, every file): 1 to 10.
    number: int = field(kw_only=True)
    tables: dict = field(default_factory=dict)  # name -> (row form, label, minimum message)
    chapter_number: int | None = None  # the campaign step page it explains
    suggest: dict = field(default_factory=dict)  # catalogue filters for inspiration

    def formset(self, name):
        row, _label, minimum = self.tables[name]
        return rows_formset(row, minimum)


STEPS = [
    Step("context", _("Your context"), f.ContextForm, number=1),
    Step(
        "problem",
        _("Problem and rights"),
        f.ProblemForm,
        number=2,
        chapter_number=1,
        suggest={"approach": ["research-and-evidence", "legal-action"]},
    ),
    Step(
        "goal",
        _("Goal and objectives"),
        f.GoalForm,
        number=3,
        tables={
            "objectives": (f.ObjectiveRow, _("SMART objectives"), _("Add at least one objective."))
        },
        chapter_number=2,
        suggest={"approach": ["lobbying", "campaigning"]},
    ),
    Step(
        "decision-makers",
        _("Decision-makers and influencers"),
        f.DecisionMakersForm,
        number=4,
        tables={
            "stakeholders": (
                f.StakeholderRow,
                _("People and bodies"),
                _("Add at least one decision-maker or influencer."),
            )
        },
        chapter_number=3,
        suggest={"approach": ["lobbying"]},
    ),
    Step(
        "allies",
        _("Allies, coalition and participation"),
        f.AlliesForm,
        number=5,
        chapter_number=4,
        suggest={"approach": ["coalition-building", "participatory-co-design"]},
    ),
    Step(
        "messages",
        _("Messages and messengers"),
        f.MessagesForm,
        number=6,
        tables={
            "messages": (
                f.MessageRow,
                _("Messages per audience"),
                _("Add a message for at least one audience."),
            )
        },
        chapter_number=5,
        suggest={"approach": ["storytelling", "awareness-raising"]},
    ),
    Step(
        "tactics",
        _("Tactics and timing"),
        f.TacticsForm,
        number=7,
        tables={
            "windows": (
                f.WindowRow,
                _("Policy windows and key dates"),
                _("Add at least one policy window or key date."),
            )
        },
        chapter_number=6,
        suggest={"approach": ["campaigning"]},
    ),
    Step(
        "resources",
        _("Resources, risks and safety"),
        f.ResourcesForm,
        number=8,
        tables={"risks": (f.RiskRow, _("Risks"), _("Add at least one risk."))},
        chapter_number=7,
        suggest={"participation": ["co-designed", "migrant-led"]},
    ),
    Step(
        "action",
        _("Action plan"),
        f.ActionForm,
        number=9,
        tables={"activities": (f.ActivityRow, _("Activities"), _("Add at least one activity."))},
        chapter_number=8,
        suggest={"approach": ["campaigning", "lobbying"]},
    ),
    Step(
        "learning",
        _("Monitoring, evaluation and learning"),
        f.LearningForm,
        number=10,
        tables={"indicators": (f.IndicatorRow, _("Indicators"), _("Add at least one indicator."))},
        chapter_number=9,
        suggest={"evidence_strength": ["moderate", "strong"]},
    ),
]
BY_SLUG = {step.slug: step for step in STEPS}
TOTAL = len(STEPS)


def get(slug):
    return BY_SLUG.get(slug)


def neighbours(step):
    index = STEPS.index(step)
    previous = STEPS[index - 1] if index else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following


def bind(step, data, language, strict):
    """The step's form and formsets bound to POSTed `data`."""
    form = step.form(data, strict=strict, language=language, prefix="step")
    tables = {
        name: step.formset(name)(data, prefix=name, strict=strict, language=language)
        for name in step.tables
    }
    return form, tables


def unbound(step, stored, language, extra_rows=0):
    """The step's form and formsets showing the stored answers, with blank rows to fill."""
    form = step.form(initial=step.form.initial_from(stored), language=language, prefix="step")
    tables = {}
    for name in step.tables:
        rows = stored.get(name, [])
        row_form = step.tables[name][0]
        initial = [row_form_initial(row_form, row) for row in rows]
        formset = step.formset(name)
        formset.extra = extra_rows or (3 if not rows else 1)
        tables[name] = formset(initial=initial, prefix=name, language=language)
    return form, tables


def row_form_initial(row_form, row):
    base = row_form.base_fields
    return {name: from_json(base[name], row[name]) for name in base if name in row}


def answers_of(form, tables):
    """What a valid form and its formsets store."""
    values = form.values()
    for name, formset in tables.items():
        values[name] = formset.rows()
    return values


def is_valid(form, tables):
    valid = form.is_valid()
    return all([valid, *(formset.is_valid() for formset in tables.values())])


def as_post_data(step, stored):
    """Stored answers in the shape a browser would POST them: how completeness and imports
    are checked with the very same forms."""
    data = {}
    form = step.form(prefix="step")
    for name, value in stored.items():
        if name in form.fields:
            key = form.add_prefix(name)
            data[key] = value if isinstance(value, list) else ("" if value is None else value)
    for name in step.tables:
        rows = stored.get(name, []) if isinstance(stored.get(name), list) else []
        data[f"{name}-TOTAL_FORMS"] = str(len(rows))
        data[f"{name}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for key, value in row.items() if isinstance(row, dict) else ():
                data[f"{name}-{index}-{key}"] = "" if value is None else value
    return _query_dict(data)


def _query_dict(data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    return query


def check(step, stored, language, strict):
    """(clean answers or None, form, tables) for stored answers."""
    form, tables = bind(step, as_post_data(step, stored), language, strict)
    if is_valid(form, tables):
        return answers_of(form, tables), form, tables
    return None, form, tables


def is_complete(step, stored, language):
    return bool(stored) and check(step, stored, language, strict=True)[0] is not None


def completeness(answers, language):
    return {step.slug: is_complete(step, answers.get(step.slug, {}), language) for step in STEPS}
