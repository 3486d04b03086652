from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "toolkit.participation"
    label = "participation"
    verbose_name = _("Participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from toolkit.core.extensions import page_panels

        from . import panels

        page_panels.extend([panels.stories_panel, panels.feedback_panel])

        from toolkit.chapters import loader

        # Chapters link to the forms as `page:contact-form` and so on; they are views, not pages.
        for kind in ("contact", "story", "practice", "proposal"):
            loader.extra_targets[f"{kind}-form"] = f"/participate/{kind}/"
        loader.extra_targets["stories"] = "/stories/"
