from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from toolkit.core.menus import CountedMenuItem

from . import loader, review, translations
from .admin_views import import_view
from .models import PracticeIndexPage
from .presentation import practice_context
from .review_views import review_detail, review_list
from .sitesearch import search_practices
from .views import catalogue
from .vocabularies import VOCABULARIES

# What practices give the rest of the site (docs/architecture.md, "Extending an app").
hooks.register("toolkit_site_search", search_practices)
hooks.register("toolkit_content_sections", loader.ensure_index)
hooks.register("toolkit_after_content_load", loader.load_examples)
hooks.register("toolkit_after_content_load", translations.catch_up)
hooks.register("toolkit_bundled_translations", translations.load)
# What practices' own pages render with (models.py cannot import these: they import it).
hooks.register("toolkit_catalogue_view", catalogue)
hooks.register("toolkit_practice_presentation", practice_context)


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


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("practices/import/", import_view, name="practices_import"),
        path("practices/reviews/", review_list, name="practices_reviews"),
        path("practices/reviews/<int:page_id>/", review_detail, name="practices_review"),
    ]


class ImportMenuItem(MenuItem):
    """Shown only to people who may publish practices (an import publishes them)."""

    def is_shown(self, request):
        return any(
            index.permissions_for_user(request.user).can_publish_subpage()
            for index in PracticeIndexPage.objects.all()
        )


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import practices"), reverse("practices_import"), icon_name="upload", order=230
    )


class ReviewMenuItem(CountedMenuItem):
    """Shown to reviewers, with the number of practices waiting for their review."""

    permission = review.PERMISSION

    def count(self, request):
        return len(review.waiting_for(request.user))


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem(
        _("Practice reviews"), reverse("practices_reviews"), icon_name="tick-inverse", order=235
    )
