from django import forms
from django.utils.translation import gettext_lazy as _


class AudienceFilterForm(forms.Form):
    """The recommendations page's filter (`?audience=…`); the audiences come from the page."""

    audience = forms.ChoiceField(label=_("Show recommendations for"), required=False)

    def __init__(self, data, audiences, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["audience"].choices = [("", _("Everyone")), *audiences]
