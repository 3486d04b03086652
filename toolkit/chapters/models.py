"""The toolkit's pages: home, chapters, the Manifesto and its principles, the campaign and its
steps, recommendations, resources, and the information pages (about, contact, ...)."""

from django import forms
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from toolkit.core.extensions import panels_for
from toolkit.core.pagecache import mark_cacheable
from toolkit.lib.streamtext import stream_text

from .blocks import BodyBlock
from .forms import AudienceFilterForm
from .navigation import page_navigation


class BasePage(Page):
    summary = models.CharField(
        _("summary"),
        max_length=240,
        help_text=_("One sentence: shown in section lists, search results and link previews."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        mark_cacheable(request)
        return super().serve(request, *args, **kwargs)

    def search_text(self):
        return f"{self.summary} {stream_text(self.body)}"

    def meta_description(self):
        return self.search_description or self.summary

    def page_type(self):
        return type(self).__name__.lower()

    def table_of_contents(self):
        return [
            {"anchor": block.value.anchor(), "text": block.value["text"]}
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "2"
        ]

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context.update(page_navigation(self))
        context["page_panels"] = panels_for(self, self.locale.language_code)
        return context


class HomePage(BasePage):
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "chapters/home_page.html"

    class Meta:
        verbose_name = _("home page")


class ChapterPage(BasePage):
    parent_page_types = ["chapters.HomePage", "chapters.ChapterPage"]
    subpage_types = ["chapters.ChapterPage"]
    template = "chapters/chapter_page.html"

    class Meta:
        verbose_name = _("chapter")


class NumberedPage(BasePage):
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Its place in the list."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    class Meta:
        abstract = True
        ordering = ["number"]

    def kicker(self):
        return self.kicker_text % {"number": self.number}


class ManifestoPage(BasePage):
    parent_page_types = ["chapters.HomePage"]
    subpage_types = ["chapters.PrinciplePage"]
    max_count_per_parent = 1
    template = "chapters/list_page.html"

    class Meta:
        verbose_name = _("Manifesto page")


class PrinciplePage(NumberedPage):
    kicker_text = _("Principle %(number)s")
    parent_page_types = ["chapters.ManifestoPage"]
    subpage_types = []
    template = "chapters/chapter_page.html"

    class Meta:
        verbose_name = _("principle of the Manifesto")


class CampaignPage(BasePage):
    parent_page_types = ["chapters.HomePage"]
    subpage_types = ["chapters.CampaignStepPage"]
    max_count_per_parent = 1
    template = "chapters/list_page.html"

    class Meta:
        verbose_name = _("campaign chapter")


class CampaignStepPage(NumberedPage):
    kicker_text = _("Step %(number)s")
    parent_page_types = ["chapters.CampaignPage"]
    subpage_types = []
    template = "chapters/chapter_page.html"

    class Meta:
        verbose_name = _("campaign step")


class Audience(models.Model):
    """Who a recommendation speaks to. A fixed list: its names are translated with the interface."""

    CHOICES = [
        ("eu", _("EU policy makers")),
        ("national", _("National policy makers")),
        ("local", _("Local and regional policy makers")),
        ("providers", _("Education and training providers")),
        ("civil-society", _("Civil society organisations")),
    ]
    code = models.SlugField(_("code"), choices=CHOICES, unique=True)

    class Meta:
        verbose_name = _("audience")
        ordering = ["id"]

    def __str__(self):
        return str(self.get_code_display())


class RecommendationsPage(BasePage):
    parent_page_types = ["chapters.HomePage"]
    subpage_types = ["chapters.RecommendationPage"]
    max_count_per_parent = 1
    template = "chapters/recommendations_page.html"

    class Meta:
        verbose_name = _("recommendations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = AudienceFilterForm(request.GET or None, Audience.CHOICES)
        items = RecommendationPage.objects.child_of(self).live().order_by("number")
        audience = form.cleaned_data.get("audience") if form.is_valid() else ""
        if audience:
            items = items.filter(audiences__code=audience)
        context.update(
            filter_form=form, audience=audience, recommendations=items.prefetch_related("audiences")
        )
        return context


class RecommendationPage(NumberedPage):
    kicker_text = _("Recommendation %(number)s")
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), blank=False)

    parent_page_types = ["chapters.RecommendationsPage"]
    subpage_types = []
    template = "chapters/chapter_page.html"
    content_panels = [
        *NumberedPage.content_panels[:2],
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        *NumberedPage.content_panels[2:],
    ]

    class Meta:
        verbose_name = _("recommendation")


class Resource(TranslatableMixin, index.Indexed, models.Model):
    """A structured entry of further reading, a journal issue, a website or an event."""

    KINDS = [
        ("journal", _("Journal")),
        ("report", _("Report")),
        ("guide", _("Guide")),
        ("toolkit", _("Toolkit")),
        ("website", _("Website")),
        ("event", _("Event")),
        ("dataset", _("Data set")),
    ]
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    language = models.CharField(
        _("language"), max_length=12, help_text=_("Language code of the resource, e.g. en, it.")
    )
    url = models.URLField(_("web address"), blank=True, max_length=500)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    description = models.TextField(_("description"), max_length=1000)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Shown to readers, e.g. what is still to be confirmed."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("year")]),
        FieldPanel("url"),
        FieldPanel("publisher"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("note"), FieldPanel("sort_order")], heading=_("Display")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def display_year(self):
        return self.date.year if self.date else self.year

    def language_name(self):
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language


class ResourcesPage(BasePage):
    parent_page_types = ["chapters.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "chapters/resources_page.html"

    class Meta:
        verbose_name = _("resources page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for resource in resources_for_locale(self.locale_id):
            groups.setdefault(resource.kind, []).append(resource)
        labels = dict(Resource.KINDS)
        context["resource_groups"] = [
            {"kind": kind, "label": labels[kind], "items": groups[kind]}
            for kind, _label in Resource.KINDS
            if kind in groups
        ]
        return context


class InfoPage(BasePage):
    """About, contact, accessibility statement, privacy notice: outside the reading order."""

    parent_page_types = ["chapters.HomePage"]
    subpage_types = []
    template = "chapters/chapter_page.html"

    class Meta:
        verbose_name = _("information page")


def resources_for_locale(locale_id):
    """Resources in a language; entries not yet translated fall back to their source version."""
    translated = list(Resource.objects.filter(locale_id=locale_id).select_related("locale"))
    keys = {resource.translation_key for resource in translated}
    sources = (
        Resource.objects.exclude(locale_id=locale_id)
        .exclude(translation_key__in=keys)
        .select_related("locale")
    )
    fallback, seen = [], set(keys)
    for resource in sources.order_by("locale_id"):
        if resource.translation_key not in seen:
            seen.add(resource.translation_key)
            fallback.append(resource)
    return sorted(translated + fallback, key=lambda r: (r.sort_order, r.title))
