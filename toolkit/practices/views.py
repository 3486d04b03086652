"""The catalogue page: the query string is its whole state (see forms.CatalogueForm)."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from toolkit.chapters.navigation import remembered_navigation
from toolkit.lib import querystring

from .facets import labels, value_names
from .forms import SORT_CHOICES
from .listing import facet_groups, load_pages, zero_result_hints
from .query import run_query


def catalogue(request, index_page):
    language = translation.get_language()
    form, query, result = run_query(request.GET, language)
    context = remembered_navigation(index_page)
    context.update(
        page=index_page,
        self=index_page,
        form=form,
        query=query,
        result=result,
        practices=load_pages(result, language),
        back_query=back_query(request.GET),
        facets=facet_groups(result, request.GET, language),
        chips=active_chips(result, request.GET, language),
        clear_url=querystring.without(request.GET, ["page", "q", *result.facets]),
        hints=zero_result_hints(query, result, request.GET, language) if not result.total else [],
        api_url=data_url("/api/v1/practices", request.GET, language),
        build_url=f"/{language}/download/?" + urlencode({"view": view_query(request.GET)}),
        downloads=[
            (label, data_url(f"/api/v1/export/practices.{fmt}", request.GET, language))
            for fmt, label in (("csv", "CSV"), ("json", "JSON"), ("jsonld", "JSON-LD"))
        ],
        sort_links=sort_links(request.GET, query.sort),
        page_links=page_links(request.GET, result),
    )
    context.update(country_chart(result, context["facets"], translation.get_language_bidi()))
    # With htmx the same full page is fetched and only #catalogue-body is swapped in, so
    # one URL always has one response (and the page cache never holds a fragment).
    response = TemplateResponse(request, "practices/catalogue.html", context)
    if request.GET:
        response["X-Robots-Tag"] = "noindex"
    return response


def country_chart(result, facets, rtl=False, bar_width=150, bar_height=22, width=320):
    """Bars for the accessible SVG chart of the practices of this result per country (with a
    table twin). Drawn from the same search as the list, so the bars add up to its total."""
    counted = matching_countries(result, facets)
    top = max((option["count"] for option in counted), default=1)
    bars = []
    for position, option in enumerate(counted):
        length = round(option["count"] / top * bar_width)
        bar = {"name": option["name"], "count": option["count"], "y": position * bar_height}
        bar.update(_bar_geometry(max(2, length), length, rtl, width))
        bars.append(bar)
    return {
        "chart_bars": bars,
        "chart_height": max(bar_height, len(bars) * bar_height),
        "chart_width": width,
    }


def matching_countries(result, facets):
    """Countries with their number of practices in the result. A facet's counts ignore its
    own selection (so that alternatives keep their counts): with countries ticked, only
    those are in the result, and a practice has one country, so their counts are exact."""
    options = next((group["options"] for group in facets if group["name"] == "country"), [])
    selected = any(value.selected for value in result.facets.get("country", []))
    return [
        option for option in options if option["count"] and (option["selected"] or not selected)
    ]


def _bar_geometry(drawn, length, rtl, width):
    """Where the label, the bar and the number go: mirrored in a right-to-left language,
    where text-anchor "start" is the right end of a text (the SVG inherits `dir`)."""
    if not rtl:
        return {"label_x": 0, "bar_x": 130, "bar_width": drawn, "value_x": 136 + length}
    return {
        "label_x": width,
        "bar_x": width - 130 - drawn,
        "bar_width": drawn,
        "value_x": width - 136 - length,
    }


def back_query(params):
    """`back=<this view>` for the practice links, so a practice page can lead back to the
    same search and filters (checked again there: forms.BackLinkForm)."""
    view = params.urlencode()
    return urlencode({"back": view}) if view else ""


def view_query(params):
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


def data_url(path, params, language):
    """The same view as open data: the catalogue's filters plus the reader's language."""
    query = params.copy()
    query.pop("page", None)
    query["lang"] = language
    return f"{path}?{query.urlencode()}"


def active_chips(result, params, language):
    chips = []
    if params.get("q"):
        chips.append(
            {
                "label": _("Search"),
                "value": params.get("q"),
                "remove": querystring.without(params, ["q", "page"]),
            }
        )
    for facet, values in result.facets.items():
        names = value_names(facet, language)
        for value in values:
            if value.selected:
                chips.append(
                    {
                        "label": labels()[facet],
                        "value": names.get(value.value, str(value.value)),
                        "remove": querystring.toggled(params, facet, str(value.value)),
                    }
                )
    return chips


def sort_links(params, current):
    return [
        {
            "label": label,
            "url": querystring.replaced(params, "sort", code),
            "current": code == current,
        }
        for code, label in SORT_CHOICES
    ]


def page_links(params, result):
    links = {}
    if result.page > 1:
        links["previous"] = querystring.replaced(params, "page", result.page - 1, reset=())
    if result.page < result.pages:
        links["next"] = querystring.replaced(params, "page", result.page + 1, reset=())
    return links
