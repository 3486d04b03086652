from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Audience


class AudienceFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Show recommendations for"),
        choices=[("", _("Everyone"))] + Audience.CHOICES,
        required=False,
    )
