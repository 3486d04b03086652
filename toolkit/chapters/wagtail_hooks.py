from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Resource


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
