from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from toolkit.core.menus import CountedMenuItem

from . import admin_views, notifications, panels
from .models import Submission

# What participation adds to the rest of the site (docs/architecture.md, "Extending an app").
hooks.register("toolkit_page_panels", panels.stories_panel)
hooks.register("toolkit_page_panels", panels.feedback_panel)
hooks.register("toolkit_review_requested", notifications.review_requested)


@hooks.register("toolkit_link_targets")
def form_links():
    """Chapters link to the forms as `page:contact-form` and so on: views, not pages."""
    targets = {f"{kind}-form": f"/participate/{kind}/" for kind in FORM_KINDS}
    return {**targets, "stories": "/stories/"}


FORM_KINDS = ("contact", "story", "practice", "proposal")


@hooks.register("register_admin_urls")
def moderation_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("delivery/", admin_views.delivery, name="delivery"),
        path("<int:submission_id>/", admin_views.detail, name="detail"),
    ]
    return [path("submissions/", include((urls, "participation_admin")))]


class ModerationMenuItem(CountedMenuItem):
    permission = admin_views.PERMISSION

    def count(self, request):
        return Submission.objects.filter(status__in=["received", "needs_info"]).count()


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Submissions"), reverse("participation_admin:queue"), icon_name="mail", order=220
    )
