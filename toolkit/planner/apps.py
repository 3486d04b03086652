from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "toolkit.planner"
    label = "planner"
    verbose_name = _("Campaign planner")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from toolkit.chapters import loader

        # Chapters link to the planner as `page:planner`; it is not a page but a view. The link
        # has no language: it leads to the language of the page it is followed from.
        loader.extra_targets["planner"] = "/planner/"
