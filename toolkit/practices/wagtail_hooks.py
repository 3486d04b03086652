from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .vocabularies import VOCABULARIES


def viewset_for(model):
    return type(
        f"{model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model,
            "list_display": ["name", "code", "sort_order"],
            "search_fields": ["name", "code"],
            "ordering": ["sort_order", "name"],
        },
    )


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 220
    items = [viewset_for(model) for model in VOCABULARIES.values()]


register_snippet(VocabularyGroup)
