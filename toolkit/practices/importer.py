"""Writing checked rows as practice pages: create new ones, update changed ones by their
slug (the stable key), leave identical ones alone. All or nothing (one transaction), and one
change for everyone else (core.changes): caches and indexes move once, after the commit."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from toolkit.core import changes

from . import facets
from .columns import TEXT_LIMITS, RowProblem, check, known_codes
from .models import PracticeIndexPage, PracticeLink, PracticePage
from .vocabularies import VOCABULARIES, Term

FACTS = ["country", "start_year", "status", "is_example"]


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False


def import_records(
    records: list[dict[str, Any]], index: PracticeIndexPage, dry_run: bool = False
) -> Outcome:
    checked = check(records, known_codes())
    outcome = Outcome(problems=checked.problems, dry_run=dry_run)
    if checked.problems:
        return outcome
    terms = _terms(index.locale)
    existing = {page.slug: page for page in PracticePage.objects.child_of(index)}
    # One change for everyone else: caches and indexes move once, after the commit.
    with changes.one_change() as change, transaction.atomic():
        for row in checked.rows:
            _write(index, existing.get(row["slug"]), row, terms, outcome)
        if outcome.created and not dry_run:
            for sync in LocaleSynchronization.objects.filter(sync_from=index.locale):
                synchronize_tree(index.locale, sync.locale)
        if dry_run:
            transaction.set_rollback(True)
            change.discard()
    return outcome


def _write(
    index: PracticeIndexPage,
    page: PracticePage | None,
    row: dict[str, Any],
    terms: dict[str, dict[str, Term]],
    outcome: Outcome,
) -> None:
    if page is not None and _same(page, row):
        outcome.unchanged.append(row["slug"])
        return
    is_new = page is None
    page = page or PracticePage(slug=row["slug"], locale=index.locale)
    _fill(page, row, terms)
    if is_new:
        index.add_child(instance=page)
        outcome.created.append(row["slug"])
    else:
        outcome.updated.append(row["slug"])
    page.save_revision().publish()


def _terms(locale: Locale) -> dict[str, dict[str, Term]]:
    """{facet: {code: term}} of the vocabularies in `locale`."""
    return {
        facet: {t.code: t for t in model.objects.filter(locale=locale)}
        for facet, model in VOCABULARIES.items()
    }


def _fill(page: PracticePage, row: dict[str, Any], terms: dict[str, dict[str, Term]]) -> None:
    """Set every field of `page` from a checked row."""
    for name in [*TEXT_LIMITS, *FACTS]:
        setattr(page, name, row.get(name) if row.get(name) is not None else "")
    for column, facet in facets.vocabulary_columns(multiple=False).items():
        setattr(page, column, terms[facet].get(row[column]) if row[column] else None)
    for column, facet in facets.vocabulary_columns(multiple=True).items():
        setattr(page, column, [terms[facet][code] for code in row[column]])
    page.links = [PracticeLink(title=link["title"], url=link["url"]) for link in row["links"]]


def _same(page: PracticePage, row: dict[str, Any]) -> bool:
    for name in [*TEXT_LIMITS, *FACTS]:
        current = getattr(page, name)
        current = current.code if name == "country" else current
        if (current if current is not None else "") != (
            row.get(name) if row.get(name) is not None else ""
        ):
            return False
    for column in facets.vocabulary_columns(multiple=False):
        term = getattr(page, column)
        if (term.code if term else None) != row[column]:
            return False
    for column in facets.vocabulary_columns(multiple=True):
        if sorted(t.code for t in getattr(page, column).all()) != sorted(row[column]):
            return False
    links = [{"title": link.title, "url": link.url} for link in page.links.all()]
    return links == row["links"]


def create_draft(
    record: dict[str, Any], index: PracticeIndexPage
) -> tuple[PracticePage | None, list[RowProblem]]:
    """A new, unpublished practice page from one record (a visitor's proposal, approved by a
    moderator), for an editor to finish and publish. Returns (page, problems)."""
    checked = check([record], known_codes())
    if checked.problems:
        return None, checked.problems
    row = checked.rows[0]
    terms = _terms(index.locale)
    page = PracticePage(slug=row["slug"], locale=index.locale, live=False)
    _fill(page, row, terms)
    with transaction.atomic():
        index.add_child(instance=page)
        page.save_revision()
    return page, []
