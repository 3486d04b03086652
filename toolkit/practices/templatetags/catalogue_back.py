"""`{% catalogue_back_url catalogue %}`: the practice page's link back to the catalogue, with
the search and filters the reader came from (`?back=`, checked by forms.BackLinkForm)."""

from django import template

from ..forms import BackLinkForm

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_back_url(context, catalogue):
    request = context["request"]
    url = catalogue.get_url(request)
    form = BackLinkForm(request.GET)
    if form.is_valid() and form.cleaned_data["back"]:
        return f"{url}?{form.cleaned_data['back']}"
    return url
