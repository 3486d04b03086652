"""Asking the catalogue search and the site search the questions of queries.py, the way
visitors ask them (the catalogue's form and query function; the site search page's
function), and scoring the answers."""

import os
import platform
from pathlib import Path

from django.http import QueryDict
from django.utils import translation

from toolkit.core import sitesearch
from toolkit.practices.models import PracticePage
from toolkit.practices.query import run_query

from .queries import CASES

CATALOGUE_DEPTH, SITE_DEPTH = 5, 10


def catalogue_slugs(case, depth=20):
    """The slugs of the catalogue's first results, as the page and the API list them."""
    params = QueryDict(mutable=True)
    params.update({"q": case.text, **case.filters})
    _form, _query, result = run_query(params, case.language, per_page=depth)
    slugs = dict(PracticePage.objects.filter(id__in=result.page_ids).values_list("id", "slug"))
    return [slugs[page_id] for page_id in result.page_ids]


def site_slugs(case, depth=20):
    """The site search's first results (chapters and practices together), as slugs for the
    practices and addresses for the rest."""
    with translation.override(case.language):
        _words, results = sitesearch.search(case.site_text or case.text, case.language)
    return [result.url.rstrip("/").rsplit("/", 1)[-1] for result in results[:depth]]


def rank(slugs, expected):
    """1 for the first result, None when the expected practice is not listed."""
    return slugs.index(expected) + 1 if expected in slugs else None


def figures(ranks, depth):
    """(success@depth, mean reciprocal rank) of a list of ranks."""
    if not ranks:
        return 0.0, 0.0
    found = sum(1 for r in ranks if r is not None and r <= depth)
    return found / len(ranks), sum(1 / r for r in ranks if r is not None) / len(ranks)


def measure():
    """{"catalogue": [(case, rank)], "site": [(case, rank)]} over the whole set."""
    return {
        "catalogue": [(case, rank(catalogue_slugs(case), case.expected)) for case in CASES],
        "site": [
            (case, rank(site_slugs(case), case.expected)) for case in CASES if case.site_search
        ],
    }


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"
