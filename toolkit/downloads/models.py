from django.db import models
from django.utils.translation import gettext_lazy as _


class DownloadCount(models.Model):
    """How often a document was downloaded, per language and day. No cookie, no address, no
    person: only these counters, for the project's impact reports."""

    document = models.CharField(_("document"), max_length=200)
    language = models.CharField(_("language"), max_length=12)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "day"], name="one_count_per_document_language_day"
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.language}, {self.day}): {self.count}"
