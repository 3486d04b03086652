from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def moderation_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("delivery/", admin_views.delivery, name="delivery"),
        path("<int:submission_id>/", admin_views.detail, name="detail"),
    ]
    return [path("submissions/", include((urls, "participation_admin")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)

    def get_context(self, request):
        from .models import Submission

        context = super().get_context(request)
        waiting = Submission.objects.filter(status__in=["received", "needs_info"]).count()
        if waiting:
            context["label"] = f"{self.label} ({waiting})"
        return context


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Submissions"), reverse("participation_admin:queue"), icon_name="mail", order=220
    )
