"""Where a page stands in the toolkit: breadcrumbs, previous/next, sections, languages."""

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

from toolkit.core import pagecache

# Page types read in sequence (previous/next); information pages stand outside it. Named by
# their content type, so that navigation needs no model class (the models use navigation).
READING_ORDER_TYPES = (
    "chapterpage",
    "manifestopage",
    "principlepage",
    "campaignpage",
    "campaignsteppage",
    "recommendationspage",
    "recommendationpage",
    "resourcespage",
)


def _of_type(pages, *model_names):
    return pages.filter(content_type__app_label="chapters", content_type__model__in=model_names)


def reading_order(home):
    """Every chapter-like page under `home`, depth first, in one query."""
    return list(
        _of_type(Page.objects.descendant_of(home).live(), *READING_ORDER_TYPES)
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "locale_id")
    )


def previous_next(page, home):
    pages = reading_order(home)
    ids = [p.id for p in pages]
    if page.id not in ids:
        return None, None
    position = ids.index(page.id)
    before = pages[position - 1] if position > 0 else None
    after = pages[position + 1] if position + 1 < len(pages) else None
    return before, after


def language_links(page):
    """One link per interface language: the same page in it, or that language's home page."""
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    # A language still being added on a first start (decision 0016) has no locale yet.
    present = set(Locale.objects.values_list("language_code", flat=True))
    links = []
    for code, name in settings.LANGUAGES:
        if code not in present:
            continue
        target = translations.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "bidi": get_language_info(code)["bidi"],
                "url": target.url if target else f"/{code}/",
                "exists": target is not None,
                "current": code == page.locale.language_code,
            }
        )
    return links


def content_language(page):
    """The language the text is really in: an untranslated page (an alias) shows its source."""
    if page.alias_of_id:
        source = Page.objects.select_related("locale").get(id=page.alias_of_id)
        if source.locale_id != page.locale_id:
            return source.locale.language_code
    return page.locale.language_code


_remembered = {}


def remembered_navigation(page):
    """page_navigation() kept in memory until the next publish: for pages rendered on every
    request (the catalogue with a query string), where the page cache cannot help."""
    current = pagecache.generation()
    cached = _remembered.get(page.id)
    if cached is None or cached[0] != current:
        context = page_navigation(page)
        for key in ("sections", "footer_pages", "breadcrumbs", "children"):
            context[key] = list(context[key])
        cached = _remembered[page.id] = (current, context)
    return dict(cached[1])


def content_lang_attributes(page, text_language):
    """` lang=… dir=…` for the elements that hold a page's own text when it is shown in
    another language (a fallback); the interface around it keeps the visitor's language."""
    if text_language == page.locale.language_code:
        return ""
    direction = "rtl" if get_language_info(text_language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', text_language, direction)


def page_navigation(page):
    home = page if page.depth <= 2 else page.get_ancestors().filter(depth=2).first()
    before, after = previous_next(page, home) if home else (None, None)
    sections = home.get_children().live().in_menu().specific() if home else []
    footer = _of_type(home.get_children().live().not_in_menu(), "infopage") if home else []
    text_language = content_language(page)
    return {
        "home_page": home,
        "breadcrumbs": page.get_ancestors().filter(depth__gte=2) if page.depth > 2 else [],
        "previous_page": before,
        "next_page": after,
        "sections": sections,
        "footer_pages": footer,
        "language_links": language_links(page),
        "text_language": text_language,
        "text_language_bidi": get_language_info(text_language)["bidi"],
        "is_fallback": text_language != page.locale.language_code,
        "content_lang": content_lang_attributes(page, text_language),
        "children": page.get_children().live().specific(),
    }


def site_navigation(request):
    """Sections and footer links for pages that are not Wagtail pages (search, planner...)."""
    homes = _of_type(Page.objects.live(), "homepage").specific()
    home = homes.filter(locale__language_code=translation.get_language()).first()
    if home is None:
        return {}
    return {
        "home_page": home,
        "sections": home.get_children().live().in_menu().specific(),
        "footer_pages": _of_type(home.get_children().live().not_in_menu(), "infopage"),
    }
