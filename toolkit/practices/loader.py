"""Loads the practice catalogue page and the bundled example practices (content/en/*.toml)
when they are missing. Registered with the chapters loader (see apps.py)."""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from . import vocabularies
from .models import PracticeIndexPage, PracticeLink, PracticePage
from .vocabulary_data import PRINCIPLES

PRINCIPLE_CODES = [code for code, _name in PRINCIPLES]  # principle n is PRINCIPLE_CODES[n - 1]

CONTENT_DIR = Path(__file__).parent / "content"
INDEX_TITLE = gettext_noop("Good practices")
INDEX_INTRO = gettext_noop(
    "Examples from the field to learn from: search and filter them by country, sector, "
    "target group, approach and how migrants took part."
)


class PracticeDataError(Exception):
    pass


def ensure_index(home, locale=None):
    existing = PracticeIndexPage.objects.filter(locale=home.locale).first()
    if existing:
        return existing
    index = PracticeIndexPage(
        title=INDEX_TITLE,
        slug="practices",
        intro=INDEX_INTRO,
        locale=locale or home.locale,
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def read_practices(language="en"):
    records = []
    for path in sorted((CONTENT_DIR / language).glob("*.toml")):
        with path.open("rb") as handle:
            try:
                records += tomllib.load(handle).get("practice", [])
            except tomllib.TOMLDecodeError as error:
                raise PracticeDataError(f"{path.name}: {error}") from error
    return records


@transaction.atomic
def load_examples(home):
    """Create the catalogue and the bundled examples if no practice exists yet."""
    if home is None or PracticePage.objects.exists():
        return None
    index = ensure_index(home)
    terms = term_lookup(home.locale)
    records = read_practices()
    for record in records:
        create_practice(index, record, terms)
    for sync in LocaleSynchronization.objects.filter(sync_from=home.locale):
        synchronize_tree(home.locale, sync.locale)
    return f"Loaded {len(records)} example practices."


def term_lookup(locale):
    return {
        name: {t.code: t for t in model.objects.filter(locale=locale)}
        for name, model in vocabularies.VOCABULARIES.items()
    }


def pick(terms, facet, codes, record):
    try:
        return [terms[facet][code] for code in codes]
    except KeyError as error:
        raise PracticeDataError(f"{record['slug']}: unknown {facet} {error}") from error


def create_practice(index, record, terms):
    page = PracticePage(
        title=record["title"],
        slug=record["slug"],
        summary=record["summary"],
        description=_html(record["description"]),
        country=record["country"],
        place=record.get("place", ""),
        organisation=record["organisation"],
        website=record.get("website", ""),
        start_year=record["start_year"],
        status=record["status"],
        beneficiaries=record.get("beneficiaries", ""),
        results=_html(record.get("results", "")),
        resources_needed=record.get("resources_needed", ""),
        transferability=record.get("transferability", ""),
        contact=record.get("contact", ""),
        is_example=bool(record.get("example", True)),
        locale=index.locale,
        participation=pick(terms, "participation", [record["participation"]], record)[0],
        evidence_type=pick(terms, "evidence_type", [record["evidence_type"]], record)[0],
        evidence_strength=pick(terms, "evidence_strength", [record["evidence_strength"]], record)[
            0
        ],
    )
    page.sectors = pick(terms, "sector", record["sectors"], record)
    page.target_groups = pick(terms, "target_group", record["target_groups"], record)
    page.approaches = pick(terms, "approach", record["approaches"], record)
    page.principles = pick(
        terms, "principle", [PRINCIPLE_CODES[n - 1] for n in record.get("principles", [])], record
    )
    page.languages = pick(terms, "language", record.get("languages", []), record)
    page.links = [
        PracticeLink(title=link["title"], url=link["url"]) for link in record.get("links", [])
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _html(text):
    return " ".join((text or "").split()).replace("> <", "><")
