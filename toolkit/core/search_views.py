from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from . import sitesearch
from .forms import SiteSearchForm

RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    form = SiteSearchForm(request.GET or None)
    query, words, page, searched = "", [], None, False
    if form.is_valid():
        query = form.cleaned_data["q"]
        words, results = sitesearch.search(query, translation.get_language())
        page = Paginator(results, RESULTS_PER_PAGE).get_page(form.cleaned_data["page"] or 1)
        searched = bool(form.data.get("q", "").strip())
    response = render(
        request,
        "core/search.html",
        {
            "form": form,
            "query": query,
            "site_query": query,
            "terms": words,
            "page_obj": page,
            "searched": searched,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
