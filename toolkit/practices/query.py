"""The query function other apps call: a catalogue view's parameters (a query string, as the
catalogue page, the API, the exports and the downloads receive it) -> the checked form, the
search Query and its Result. The same function for all of them, so they never disagree."""

from django.http import QueryDict

from . import search
from .forms import CatalogueForm


def run_query(
    params: QueryDict, language: str, per_page: int = search.PER_PAGE
) -> tuple[CatalogueForm, search.Query, search.Result]:
    """Form -> Query -> Result."""
    index = search.index_for(language)
    form = CatalogueForm(params, index)
    query: search.Query = form.to_query(per_page=per_page)
    return form, query, search.search(query, language)
