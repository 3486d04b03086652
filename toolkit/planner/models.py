"""A campaign plan: one JSON document per plan, reached only through its private link.

The link's key is never stored: only its SHA-256, so a copy of the database does not hand out
working links. The steps' answers live in `answers` keyed by step slug (see steps.py), so the
JSON export is the stored document and an import restores it exactly."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_BYTES = 24  # 192 bits: unguessable, and 32 URL-safe characters


def new_key():
    return secrets.token_urlsafe(KEY_BYTES)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class Plan(models.Model):
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    inspirations = models.JSONField(_("inspirations"), default=list, blank=True)
    # The practices this plan adapts, each with its transfer checklist (planner/adapt.py).
    sources = models.JSONField(_("adapted practices"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title or str(_("Untitled plan"))

    def step_answers(self, slug):
        return self.answers.get(slug, {})
