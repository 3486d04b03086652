"""The planner's small forms around a plan: adding rows, importing a plan file, adding a
practice as inspiration (buttons of the step's form), e-mailing the private link. (The steps'
forms: stepforms.py.)"""

from django import forms
from django.utils.translation import gettext_lazy as _


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
