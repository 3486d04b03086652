"""The catalogue's one form: every input of the page and the API, GET filters included."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from . import facets, search

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("title", _("Title (A–Z)")),
    ("adapted", _("Adapted in most places")),
]


class SwitchInput(forms.CheckboxInput):
    """A checkbox whose value in a URL reads as people write it: `sources=1` or `=on` or
    `=true` is on; `=0`, `=false`, empty or absent is off."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in ("1", "on", "true", "yes")


class CatalogueForm(forms.Form):
    """Every input of the catalogue (page and API): text, filters, sort, page."""

    q = forms.CharField(
        label=_("Search practices"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    sources = forms.BooleanField(required=False, widget=SwitchInput(attrs={"value": "1"}))
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=100_000, required=False)

    def __init__(self, data, index, **kwargs):
        super().__init__(data, **kwargs)
        source = get_language_info(settings.LANGUAGE_CODE)["name_translated"]
        self.fields["sources"].label = _("Also search the original language (%(language)s)") % {
            "language": source
        }
        for name, column in index.facets.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=facets.labels()[name],
                required=False,
                choices=[(str(value), str(value)) for value in column.values],
            )

    def clean_q(self):
        value = self.cleaned_data["q"]
        return "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()

    def to_query(self, per_page=search.PER_PAGE):
        """The search Query from whatever is valid; invalid parts are reported, not fatal."""
        self.is_valid()
        data = self.cleaned_data
        filters = {
            facet.name: [facet.parse(value) for value in data.get(facet.name) or []]
            for facet in facets.filters()
        }
        return search.Query(
            text=data.get("q") or "",
            filters=filters,
            sort=data.get("sort") or "relevance",
            sources=bool(data.get("sources")),
            page=data.get("page") or 1,
            per_page=per_page,
        )


class BackLinkForm(forms.Form):
    """`?back=` of a practice page: the catalogue view the reader came from, so that "Back to
    all practices" restores it. Only a query string of the catalogue's own parameters is
    kept, re-encoded; the address it is put on is always the catalogue's, so no value can
    make the link lead anywhere else (nothing here is a URL)."""

    back = forms.CharField(max_length=2000, required=False, strip=True)

    def clean_back(self):
        value = self.cleaned_data["back"].removeprefix("?")
        if value.startswith(("/", "\\")) or "://" in value:
            raise forms.ValidationError(_("This is not a view of the catalogue."))
        params = QueryDict(value)
        allowed = {"q", "sources", "sort", "page", *(facet.name for facet in facets.filters())}
        pairs = [(key, item) for key, items in params.lists() if key in allowed for item in items]
        return urlencode(pairs)
