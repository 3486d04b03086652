"""Every question of the relevance set (queries.py) finds the practice a person expects: in
the catalogue's first five results, and in the site search's first ten (chapters share that
list with the practices, so ten is a page of results there)."""

import pytest

from .evaluate import CATALOGUE_DEPTH, SITE_DEPTH, catalogue_slugs, site_slugs
from .queries import CASES

pytestmark = pytest.mark.django_db


def label(case):
    return f"{case.language}: {case.text} {case.filters or ''}".strip()


def cases(search):
    """The cases asked of `search`; the known misses expected to fail (strictly)."""
    return [
        pytest.param(
            case,
            id=label(case),
            marks=[pytest.mark.xfail(strict=True, reason="known miss")]
            if search in case.misses
            else [],
        )
        for case in CASES
        if search == "catalogue" or case.site_search
    ]


@pytest.mark.parametrize("case", cases("catalogue"))
def test_the_catalogue_lists_the_expected_practice_among_the_first_five(case):
    assert case.expected in catalogue_slugs(case, depth=CATALOGUE_DEPTH)


@pytest.mark.parametrize("case", cases("site"))
def test_the_site_search_lists_the_expected_practice_among_the_first_ten(case):
    assert case.expected in site_slugs(case, depth=SITE_DEPTH)
