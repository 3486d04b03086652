"""The building blocks of a chapter's body: what editors can put on a page."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingValue(blocks.StructValue):
    def anchor(self):
        return slugify(self.get("text", ""), allow_unicode=True) or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("2", _("Section (listed in the table of contents)")), ("3", _("Sub-section"))],
        default="2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "chapters/blocks/heading.html"
        value_class = HeadingValue


class TipBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Tip")
        template = "chapters/blocks/tip.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=400), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "chapters/blocks/checklist.html"


class PitfallsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Pitfall"), max_length=400), label=_("Items"))

    class Meta:
        icon = "warning"
        label = _("Pitfalls")
        template = "chapters/blocks/pitfalls.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said or wrote it"), max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "chapters/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("note", _("Note")),
            ("definition", _("Definition")),
            ("important", _("Important")),
        ],
        default="note",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "chapters/blocks/callout.html"


class RecommendationBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type="chapters.RecommendationPage", label=_("Recommendation")
    )

    class Meta:
        icon = "pick"
        label = _("Recommendation")
        template = "chapters/blocks/page_card.html"


class PageReferenceBlock(blocks.StructBlock):
    """A card pointing to any page: a good practice, a principle, a campaign step."""

    page = blocks.PageChooserBlock(label=_("Page (for example a good practice)"))
    note = blocks.CharBlock(label=_("Why it is relevant"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Reference to a practice or page")
        template = "chapters/blocks/page_card.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, template="chapters/blocks/paragraph.html"
    )
    tip = TipBlock()
    checklist = ChecklistBlock()
    pitfalls = PitfallsBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    recommendation = RecommendationBlock()
    page_reference = PageReferenceBlock()
