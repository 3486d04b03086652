"""What every form of the planner's steps is made of: the field helpers, the step form and
its rows (objectives, stakeholders, activities …) as formsets, which work without JavaScript.

Every form runs in one of two modes. A *draft* save (autosave, "save draft", "add rows")
checks only what would corrupt the plan: lengths, dates, choices. A *complete* save also asks
for what the step needs to be useful, and a step counts as complete when its stored answers
pass that check — so the summary's completeness and the form's errors never disagree."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.practices.facets import value_names

LONG = 100_000  # characters in a free-text answer: a whole analysis fits, a flood does not
SHORT = 500
ROW_TEXT = 5_000
MAX_ROWS = 50
SCALE = [(n, str(n)) for n in range(1, 6)]


def long_text(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def short_text(label, help_text="", limit=SHORT):
    return forms.CharField(label=label, help_text=help_text, max_length=limit, required=False)


def date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def to_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_json(field, value):
    if isinstance(field, forms.DateField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def is_blank(value):
    return value in (None, "", [], ())


class StepForm(forms.Form):
    """A step's single answers. `needed` lists the fields a complete step must have."""

    needed = ()
    use_required_attribute = False  # the browser must not block a draft save

    def __init__(self, *args, strict=False, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        for name in self.needed:
            self.fields[name].required = strict
            self.fields[name].needed = True  # marked in the form, whatever the mode
        self.setup_choices(language)

    def setup_choices(self, language):
        pass

    def values(self):
        return {name: to_json(value) for name, value in self.cleaned_data.items()}

    @classmethod
    def initial_from(cls, stored):
        base = cls.base_fields
        return {name: from_json(base[name], stored[name]) for name in base if name in stored}


class RowForm(forms.Form):
    """One row of a table. A row left empty is dropped; a row in use needs its `main` field,
    and in a complete save also the `needed` ones."""

    main = ""
    needed = ()
    use_required_attribute = False

    def __init__(self, *args, strict=False, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.strict = strict
        self.language = language
        for name in (self.main, *self.needed):
            self.fields[name].needed = True
        self.setup_choices(language)

    def setup_choices(self, language):
        pass

    def clean(self):
        data = super().clean()
        if self.is_empty():
            return data
            return data
        for name in (self.main, *(self.needed if self.strict else ())):
            if is_blank(data.get(name)) and name not in self.errors:
                self.add_error(name, _("Please fill this in, or empty the whole row."))
        return data

    def is_empty(self):
        """Deleted, or nothing typed: a choice left at its default does not count."""
        data = getattr(self, "cleaned_data", {})
        return data.get("DELETE") or all(
            is_blank(data.get(n)) or data.get(n) == field.initial
            for n, field in self.fields.items()
            if n != "DELETE"
        )

    def values(self):
        return {
            name: to_json(self.cleaned_data.get(name)) for name in self.fields if name != "DELETE"
        }


class RowFormSet(forms.BaseFormSet):
    """Rows of one table; in a complete save at least one row is needed."""

    minimum_message = _("Add at least one row.")

    def __init__(self, *args, strict=False, language="en", **kwargs):
        self.strict = strict
        self.language = language
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"strict": self.strict, "language": self.language}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            strict=self.strict,
            language=self.language,
        )
        self.add_fields(form, None)
        return form

    def clean(self):
        if any(self.errors) or not self.strict:
            return
        if not self.rows():
            raise forms.ValidationError(self.minimum_message, code="minimum")

    def rows(self):
        return [
            form.values()
            for form in self.forms
            if getattr(form, "cleaned_data", None) is not None and not form.is_empty()
        ]


def rows_formset(row_form, minimum_message):
    formset = forms.formset_factory(
        row_form,
        formset=RowFormSet,
        extra=0,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )
    formset.minimum_message = minimum_message
    return formset


def vocabulary_choices(facet, language):
    return list(value_names(facet, language).items())


def country_choices(language):
    names = value_names("country", language)
    ordered = sorted(names.items(), key=lambda item: item[1])
    return [("", _("Several countries, or Europe-wide")), *ordered]
