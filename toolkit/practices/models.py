"""Good practices from the field: the catalogue page and one page per practice."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from toolkit.core.extensions import panels_for
from toolkit.core.pagecache import mark_cacheable

from . import facets
from .vocabularies import (  # noqa: F401 - models Django must see in this module
    Approach,
    EvidenceStrength,
    EvidenceType,
    Language,
    ParticipationLevel,
    Principle,
    Sector,
    TargetGroup,
)

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class PracticeIndexPage(Page):
    """The catalogue: `/<lang>/practices/`. Its listing lives in views.catalogue()."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    parent_page_types = ["chapters.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("practice catalogue")

    def serve(self, request, *args, **kwargs):
        # The view lives above the models (it imports them): it comes through a hook.
        catalogue = hooks.get_hooks("toolkit_catalogue_view")[-1]
        if not request.GET:
            mark_cacheable(request)
        return catalogue(request, self)


class PracticePage(Page):
    STATUS_CHOICES = facets.STATUS_CHOICES

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("Plain language, at most 300 characters.")
    )
    description = RichTextField(_("description"), features=TEXT_FEATURES)
    country = CountryField(_("country"))
    place = models.CharField(_("city or region"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    website = models.URLField(_("organisation's website"), blank=True, max_length=500)
    start_year = models.PositiveSmallIntegerField(_("start year"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES)
    sectors = ParentalManyToManyField(Sector, verbose_name=_("education sectors"))
    target_groups = ParentalManyToManyField(TargetGroup, verbose_name=_("target groups"))
    approaches = ParentalManyToManyField(Approach, verbose_name=_("advocacy approaches"))
    principles = ParentalManyToManyField(
        Principle, verbose_name=_("Manifesto principles"), blank=True
    )
    participation = models.ForeignKey(
        ParticipationLevel, on_delete=models.PROTECT, verbose_name=_("migrants' participation")
    )
    beneficiaries = models.TextField(_("who else benefits"), max_length=1000, blank=True)
    results = RichTextField(_("results and evidence"), features=TEXT_FEATURES, blank=True)
    evidence_type = models.ForeignKey(
        EvidenceType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("evidence type"),
    )
    evidence_strength = models.ForeignKey(
        EvidenceStrength,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("evidence strength"),
    )
    resources_needed = models.TextField(_("resources needed"), max_length=1000, blank=True)
    transferability = models.TextField(_("transferability"), max_length=1000, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("A role or a contact page; never a private address."),
    )
    languages = ParentalManyToManyField(Language, verbose_name=_("available in"), blank=True)
    is_example = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("An invented example, not a documented project: shown with a badge."),
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    template = "practices/practice_page.html"

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("country"),
    ]
    # Vocabulary links and facts are the same in every language; only prose is translated.
    override_translatable_fields = [
        SynchronizedField(name) for name in (*facets.page_fields(), "website", "is_example")
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("organisation"), FieldPanel("website")]),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("status")]),
            ],
            heading=_("Where, who, when"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sectors"),
                FieldPanel("target_groups"),
                FieldPanel("approaches"),
                FieldPanel("principles"),
                FieldPanel("participation"),
                FieldPanel("languages"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("beneficiaries"),
        MultiFieldPanel(
            [
                FieldPanel("results"),
                FieldRowPanel([FieldPanel("evidence_type"), FieldPanel("evidence_strength")]),
            ],
            heading=_("Results and evidence"),
        ),
        FieldPanel("resources_needed"),
        FieldPanel("transferability"),
        FieldPanel("contact"),
        InlinePanel("links", label=_("Links")),
        FieldPanel("is_example"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def serve(self, request, *args, **kwargs):
        mark_cacheable(request)
        return super().serve(request, *args, **kwargs)

    def meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        # The presentation imports the models; it comes through a hook (docs/architecture.md).
        practice_context = hooks.get_hooks("toolkit_practice_presentation")[-1]
        context = super().get_context(request, *args, **kwargs)
        context.update(practice_context(self, request))
        context["page_panels"] = panels_for(self, self.locale.language_code)
        return context


class PracticeLink(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]


class PracticeStanding(models.Model):
    """What is known of a practice beyond its page, the same in every language (by its
    translation key): where it was adapted, counted by participation, which owns the stories,
    and whether it was reviewed against the published criteria (review.py). A row apart from
    the page, so that publishing a revision never overwrites it. Written only by standing.py."""

    translation_key = models.UUIDField(unique=True)
    adapted_places = models.PositiveIntegerField(default=0)
    adapted_countries = models.PositiveIntegerField(default=0)
    reviewed_on = models.DateField(null=True, blank=True)
    criteria_met = models.JSONField(default=list, blank=True)  # codes of review.CRITERIA

    def __str__(self):
        return str(self.translation_key)


class PracticeReview(models.Model):
    """One reviewer's judgement of a practice against the published criteria: for each
    criterion, met or not, with a short justification. Never changed once given: a second
    review by the same person is a new row, and the latest one counts (review.py)."""

    translation_key = models.UUIDField(db_index=True)
    practice_title = models.CharField(max_length=255)  # as it was when reviewed
    revision_id = models.PositiveBigIntegerField(null=True)  # the revision the reviewer read
    reviewer = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=255)  # kept if the account is deleted
    judgements = models.JSONField(default=dict)  # {criterion: {"met": bool, "why": str}}
    note = models.TextField(blank=True)
    submitted_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        permissions = [("review_practice", "Can review practices against the criteria")]

    def __str__(self):
        return f"{self.practice_title} ({self.reviewer_name})"


class ReviewEvent(models.Model):
    """The history of a practice's review: who asked whom, who reviewed, when the mark was
    given or changed. Written only by review.py."""

    ACTIONS = [
        ("requested", _("Review requested")),
        ("reviewed", _("Reviewed")),
        ("marked", _("Mark given or updated")),
    ]
    translation_key = models.UUIDField(db_index=True)
    action = models.CharField(max_length=20, choices=ACTIONS)
    actor = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    recipient = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.action} {self.translation_key}"
