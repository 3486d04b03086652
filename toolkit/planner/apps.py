from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "toolkit.planner"
    label = "planner"
    verbose_name = _("Campaign planner")
    default_auto_field = "django.db.models.BigAutoField"
