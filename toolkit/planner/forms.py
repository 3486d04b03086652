"""The planner's small forms around a plan: adding rows, importing a plan file, adding a
practice as inspiration (buttons of the step's form), e-mailing the private link. (The steps'
forms: stepforms.py.)"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

ANSWER_CHOICES = [
    ("yes", _("True in our place")),
    ("change", _("To change for our place")),
    ("unsure", _("Not sure yet")),
]


class RowsForm(forms.Form):
    rows = forms.IntegerField(min_value=0, max_value=10, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file (JSON)"),
        help_text=_("A file exported from this planner, to restore or duplicate a plan."),
        max_length=255,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5_000_000:
            raise forms.ValidationError(_("The file is too large to be a plan."))
        return upload


class InspirationForm(forms.Form):
    """The "Add as inspiration" and "Remove" buttons: they belong to the step's own form, so
    what was typed in the step is saved in the same request (no waiting for the autosave)."""

    inspire = forms.SlugField(max_length=255, required=False)
    uninspire = forms.SlugField(max_length=255, required=False)

    def choice(self):
        """("add" or "remove", practice slug), or None when no such button was pressed."""
        if not self.is_valid():
            return None
        if self.cleaned_data["inspire"]:
            return "add", self.cleaned_data["inspire"]
        if self.cleaned_data["uninspire"]:
            return "remove", self.cleaned_data["uninspire"]
        return None


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the link once and do not keep the address."),
        max_length=254,
    )


KEY_IN_LINK = re.compile(r"(?:^|/planner/)([A-Za-z0-9_-]{20,64})/?(?:[?#].*)?$")


class AdaptForm(forms.Form):
    """Adapting a practice: a new plan (no link), or the plan whose private link is given."""

    link = forms.CharField(
        label=_("The private link of your plan"),
        help_text=_("Paste the link you bookmarked or received by e-mail."),
        max_length=500,
    )

    def clean_link(self):
        found = KEY_IN_LINK.search(self.cleaned_data["link"].strip())
        if not found:
            raise forms.ValidationError(_("This is not the private link of a plan."))
        return found.group(1)


class ChecklistForm(forms.Form):
    """The visitor's answers to one practice's transfer checklist: for each check, is it true
    in their place, and a note on what to change."""

    def __init__(self, *args, checks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checks = list(checks)
        for check in self.checks:
            self.fields[f"answer-{check['id']}"] = forms.ChoiceField(
                label=check["text"],
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note-{check['id']}"] = forms.CharField(
                label=_("What to change, or what you still need to find out"),
                max_length=2_000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.initial[f"answer-{check['id']}"] = check.get("answer", "")
            self.initial[f"note-{check['id']}"] = check.get("note", "")

    def rows(self):
        """[(check, answer field, note field)] for the template."""
        return [(c, self[f"answer-{c['id']}"], self[f"note-{c['id']}"]) for c in self.checks]

    def given(self):
        data = self.cleaned_data
        return {
            c["id"]: {"answer": data[f"answer-{c['id']}"], "note": data[f"note-{c['id']}"].strip()}
            for c in self.checks
        }
