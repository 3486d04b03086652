"""Practices from the catalogue that match a plan's context and a step.

It asks the catalogue's own `search()` — no query of its own — first with everything the plan
says (country, sectors, target groups) plus the step's filters, then with fewer conditions,
so that a plan from a country with few practices still gets useful examples, and a plan from
a country with many gets examples from home."""

from toolkit.practices import search

from .stepforms import TACTIC_APPROACH

WANTED = 3
ENOUGH = 2


def step_filters(step, answers):
    if step.slug == "tactics":
        chosen = answers.get("tactics", {}).get("tactics") or []
        approaches = sorted({TACTIC_APPROACH[c] for c in chosen if c in TACTIC_APPROACH})
        if approaches:
            return {"approach": approaches}
    return dict(step.suggest)


def attempts(step, answers):
    context = answers.get("context", {})
    country = {"country": [context["country"]]} if context.get("country") else {}
    sectors = {"sector": context["sectors"]} if context.get("sectors") else {}
    groups = {"target_group": context["target_groups"]} if context.get("target_groups") else {}
    own = step_filters(step, answers)
    candidates = [
        {**country, **sectors, **groups, **own},
        {**country, **groups, **own},
        {**country, **own},
        {**country, **groups},
        country,
        {**sectors, **groups, **own},
        own,
        {},
    ]
    unique = []
    for filters in candidates:
        if filters not in unique:
            unique.append(filters)
    return unique


def suggest(step, answers, language):
    """Up to three practice records for this step, the best-matching first."""
    for filters in attempts(step, answers):
        query = search.Query(filters=filters, per_page=WANTED, sort="newest")
        result = search.search(query, language)
        if result.total >= ENOUGH or not filters:
            return search.practice_cards(language, page_ids=result.page_ids)
    return []
