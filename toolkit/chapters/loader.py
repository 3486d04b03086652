"""Loads the bundled toolkit (content/<language>/*.toml) into Wagtail pages.

Runs only on a database without a toolkit: once a home page exists, the content belongs to
the editors and nothing here touches it again. See content/README.md for the file format."""

import datetime
import functools
import re
import tomllib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail import hooks
from wagtail.models import Locale, Page

from toolkit.core.site import follow_base_url

from . import models
from .blocks import BodyBlock

CONTENT_DIR = Path(__file__).parent / "content"
PAGE_TYPES = {
    "home": models.HomePage,
    "chapter": models.ChapterPage,
    "manifesto": models.ManifestoPage,
    "campaign": models.CampaignPage,
    "recommendations": models.RecommendationsPage,
    "resources": models.ResourcesPage,
    "info": models.InfoPage,
}
CHILD_TYPES = {
    "manifesto": models.PrinciplePage,
    "campaign": models.CampaignStepPage,
    "recommendations": models.RecommendationPage,
}
PAGE_LINK_RE = re.compile(r'<a href="page:([a-z0-9-]+)">(.*?)</a>', re.DOTALL)


# Other apps add their sections and content without this app importing them, through
# Wagtail hooks (docs/architecture.md, "Extending an app"):
# - `toolkit_content_sections`: fn(home, locale) -> a section page created during the first
#   load, so `page:<slug>` links in chapters can point at it;
# - `toolkit_after_content_load`: fn(home) -> message or None, run by load_toolkit_content
#   every time (each must be idempotent: do nothing when its content is there);
# - `toolkit_link_targets`: fn() -> {name: address} for `page:<name>` links to views.


class ContentError(Exception):
    pass


def toolkit_exists():
    return models.HomePage.objects.exists()


def read_documents(language):
    folder = CONTENT_DIR / language
    documents = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            try:
                documents.append(tomllib.load(handle))
            except tomllib.TOMLDecodeError as error:
                raise ContentError(f"{path.name}: {error}") from error
    documents.sort(key=lambda doc: (doc["type"] != "home", doc.get("order", 0)))
    if not documents or documents[0]["type"] != "home":
        raise ContentError(f"{folder} has no home.toml")
    return documents


@transaction.atomic
def load(language=None):
    """Create the whole toolkit in the source language; return the number of pages made."""
    language = language or settings.LANGUAGE_CODE
    locale, _ = Locale.objects.get_or_create(language_code=language)
    documents = read_documents(language)
    remove_welcome_page()
    home = create_page(Page.get_first_root_node(), documents[0], locale, in_menu=False)
    placed = [(home, documents[0])]
    for document in documents[1:]:
        page = create_page(home, document, locale, in_menu=document["type"] != "info")
        placed.append((page, document))
        placed += create_children(page, document, locale)
    by_slug = {page.slug: page for page, _ in placed}
    for factory in hooks.get_hooks("toolkit_content_sections"):
        section = factory(home, locale)
        by_slug[section.slug] = section
    for page, document in placed:
        publish(page, document, by_slug)
    for document in documents:
        create_resources(document.get("resources", []), locale)
    follow_base_url(home)
    return len(placed)


def remove_welcome_page():
    # Wagtail's first migration leaves a placeholder "Welcome" page; the toolkit replaces it.
    for page in Page.objects.filter(depth=2):
        if page.specific_class is Page:
            page.delete()


def create_page(parent, document, locale, in_menu):
    page_class = PAGE_TYPES[document["type"]]
    page = page_class(
        title=document["title"],
        slug=document.get("slug") or "home",
        summary=document["summary"],
        locale=locale,
        show_in_menus=in_menu,
    )
    parent.add_child(instance=page)
    return page


def create_children(parent, document, locale):
    child_class = CHILD_TYPES.get(document["type"])
    made = []
    for child in document.get("children", []):
        if child_class is None:
            raise ContentError(f"{document['slug']}: a {document['type']} page has no children")
        page = child_class(
            title=child["title"],
            slug=child["slug"],
            summary=child["summary"],
            number=child["number"],
            locale=locale,
            show_in_menus=False,
        )
        parent.add_child(instance=page)
        if "audiences" in child:
            page.audiences.set(models.Audience.objects.filter(code__in=child["audiences"]))
        made.append((page, child))
    return made


def publish(page, document, by_slug):
    page.body = [stream_block(block, by_slug) for block in document.get("body", [])]
    page.save_revision().publish()


def stream_block(block, by_slug, language=None):
    kind = block["type"]
    value = {key: value for key, value in block.items() if key != "type"}
    if kind == "paragraph":
        return {"type": kind, "value": rich_text(block["html"], by_slug, language)}
    if "html" in value:
        value["text"] = rich_text(value.pop("html"), by_slug, language)
    if kind == "heading":
        value["level"] = str(value.get("level", 2))
    if kind == "recommendation":
        value = {"page": page_for(value["slug"], by_slug).id}
    return {"type": kind, "value": _with_empty_texts(kind, value)}


@functools.cache
def _body_blocks():
    return BodyBlock().child_blocks


def _with_empty_texts(kind, value):
    # Stored as the editor would store them, so that wagtail-localize sees every text: an
    # optional text left out of the file is "" (it cannot handle a missing string), and list
    # items carry ids (it does not offer items of the old plain-list format for translation).
    from wagtail import blocks as wagtail_blocks

    block = _body_blocks().get(kind)
    if isinstance(block, wagtail_blocks.StructBlock):
        for name, child in block.child_blocks.items():
            texts = (wagtail_blocks.CharBlock, wagtail_blocks.TextBlock)
            if name not in value and isinstance(child, texts):
                value[name] = ""
            if isinstance(child, wagtail_blocks.ListBlock) and name in value:
                value[name] = [_list_item(item) for item in value[name]]
    return value


def _list_item(item):
    if isinstance(item, dict) and "id" in item:
        return item
    return {"type": "item", "value": item, "id": str(uuid.uuid4())}


def page_for(slug, by_slug):
    if slug not in by_slug:
        raise ContentError(f"link to an unknown page: {slug}")
    return by_slug[slug]


def link_targets():
    """Targets that are not pages of this app, from the hook `toolkit_link_targets` (e.g. the
    planner's "/planner/": without a language, the visitor lands in the language of the page
    they were on, see core.middleware.LanguagePrefixMiddleware). `{language}` may stand for
    the page's language."""
    targets = {}
    for provider in hooks.get_hooks("toolkit_link_targets"):
        targets.update(provider())
    return targets


def rich_text(html, by_slug, language=None):
    """Rewrite `page:<slug>` links into Wagtail's page links, which follow renames."""
    language = language or next(
        (p.locale.language_code for p in by_slug.values()), settings.LANGUAGE_CODE
    )

    extra_targets = link_targets()

    def replace(match):
        slug, text = match.groups()
        if slug in extra_targets:
            return f'<a href="{extra_targets[slug].format(language=language)}">{text}</a>'
        if slug not in by_slug:
            # A part of the toolkit this installation does not have: keep the words only.
            return text
        return f'<a linktype="page" id="{by_slug[slug].id}">{text}</a>'

    return PAGE_LINK_RE.sub(replace, " ".join(html.split()).replace("> <", "><"))


def create_resources(entries, locale):
    for position, entry in enumerate(entries):
        models.Resource.objects.create(
            locale=locale,
            title=entry["title"],
            kind=entry["kind"],
            date=datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None,
            year=entry.get("year"),
            language=entry["language"],
            url=entry.get("url", ""),
            publisher=entry.get("publisher", ""),
            description=" ".join(entry["description"].split()),
            note=entry.get("note", ""),
            sort_order=position,
        )
