from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Resource
from .navigation import site_navigation
from .sitesearch import search_chapters
from .translation_status import STATES, counts, overview

# What chapters give the rest of the site (docs/architecture.md, "Extending an app").
hooks.register("toolkit_site_search", search_chapters)
hooks.register("toolkit_site_navigation", site_navigation)


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link"
    menu_label = _("Resources")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "kind", "language", "display_year"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "description"]


register_snippet(ResourceViewSet)


@hooks.register("register_admin_urls")
def translation_status_urls():
    return [path("translation-status/", translation_status_view, name="translation_status")]


def translation_status_view(request):
    languages, rows = overview()
    context = {
        "languages": languages,
        "rows": rows,
        "totals": [
            (code, [by_state[state] for state in STATES])
            for code, by_state in counts(rows, languages).items()
        ],
        "states": STATES,
    }
    return TemplateResponse(request, "chapters/admin/translation_status.html", context)


@hooks.register("register_admin_menu_item")
def translation_status_menu_item():
    return MenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=240
    )
