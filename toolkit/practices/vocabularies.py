"""The controlled vocabularies a practice is described with.

Each term is a translatable snippet: editors manage the list and translate its names, while
the `code` stays the same in every language, so URLs (`?sector=vocational`), the API and
import/export files never depend on the reader's language. Practices point at the terms of
the source language; names are shown in the reader's language through `names_for()`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class Term(TranslatableMixin, models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Stable identifier used in addresses, the API and files."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    override_translatable_fields = [SynchronizedField("code"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self):
        return self.name


class Sector(Term):
    class Meta(Term.Meta):
        verbose_name = _("education sector")
        verbose_name_plural = _("education sectors")


class TargetGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Approach(Term):
    class Meta(Term.Meta):
        verbose_name = _("advocacy approach")
        verbose_name_plural = _("advocacy approaches")


class Principle(Term):
    """A principle of the Manifesto; its number finds the principle's page in any language."""

    number = models.PositiveSmallIntegerField(_("number"), default=0)
    override_translatable_fields = [*Term.override_translatable_fields, SynchronizedField("number")]

    class Meta(Term.Meta):
        verbose_name = _("Manifesto principle")
        verbose_name_plural = _("Manifesto principles")


class ParticipationLevel(Term):
    class Meta(Term.Meta):
        verbose_name = _("migrants' participation level")
        verbose_name_plural = _("migrants' participation levels")


class EvidenceType(Term):
    class Meta(Term.Meta):
        verbose_name = _("evidence type")
        verbose_name_plural = _("evidence types")


class EvidenceStrength(Term):
    class Meta(Term.Meta):
        verbose_name = _("evidence strength")
        verbose_name_plural = _("evidence strengths")


class Language(Term):
    class Meta(Term.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


VOCABULARIES = {
    "sector": Sector,
    "target_group": TargetGroup,
    "approach": Approach,
    "principle": Principle,
    "participation": ParticipationLevel,
    "evidence_type": EvidenceType,
    "evidence_strength": EvidenceStrength,
    "language": Language,
}


def names_for(model, language_code):
    """{code: name} in the reader's language, falling back to the source name."""
    source = Locale.get_default()
    names = dict(model.objects.filter(locale=source).values_list("code", "name"))
    if language_code != source.language_code:
        translated = model.objects.filter(locale__language_code=language_code)
        names.update(translated.values_list("code", "name"))
    return names
