"""The planner's small forms around a plan: adding rows, importing a plan file, adding a
practice as inspiration, e-mailing the private link. (The steps' forms: stepforms.py.)"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .steps import STEPS


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
    step = forms.ChoiceField(choices=[])
    practice = forms.SlugField(max_length=255)
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.slug, s.title) for s in STEPS]


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the link once and do not keep the address."),
        max_length=254,
    )
