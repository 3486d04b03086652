from django import forms
from django.utils.translation import gettext_lazy as _


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the toolkit"),
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def clean_q(self):
        # NUL and other control characters can never be part of a meaningful search.
        value = self.cleaned_data["q"]
        return "".join(ch for ch in value if ch.isprintable() or ch == " ")
