"""The only writers of plans: every change to a plan goes through one of these functions."""

import datetime
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import steps
from .models import Plan, hash_key, new_key

MAX_PLAN_BYTES = 4_000_000  # a plan's answers as JSON; far above any real plan
MAX_INSPIRATIONS = 60
MAX_SOURCES = 10


class PlanTooLarge(Exception):
    pass


def find_plan(key: str | None) -> Plan | None:
    if not key or len(key) > 100:
        return None
    return Plan.objects.filter(key_hash=hash_key(key)).first()


def create_plan(
    language: str,
    answers: dict[str, Any] | None = None,
    inspirations: list[dict[str, str]] | None = None,
    sources: list[dict[str, Any]] | None = None,
) -> tuple[Plan, str]:
    """A new plan and its key: the key is shown once, in the private link, and never stored."""
    key: str = new_key()
    plan = Plan(
        key_hash=hash_key(key),
        language=language,
        answers=answers or {},
        inspirations=inspirations or [],
        sources=sources or [],
        updated_at=timezone.now(),
    )
    plan.title = _title_of(plan.answers)
    _check_size(plan)
    plan.save()
    return plan, key


def save_step(plan: Plan, slug: str, values: dict[str, Any]) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        plan.answers[slug] = values
        plan.title = _title_of(plan.answers)
        _check_size(plan)
        plan.updated_at = timezone.now()
        plan.save(update_fields=["answers", "title", "updated_at"])
    return plan


def add_inspiration(plan: Plan, step_slug: str, practice_slug: str) -> Plan:
    item = {"step": step_slug, "practice": practice_slug}
    if item in plan.inspirations or len(plan.inspirations) >= MAX_INSPIRATIONS:
        return plan
    plan.inspirations = [*plan.inspirations, item]
    return _save_inspirations(plan)


def remove_inspiration(plan: Plan, step_slug: str, practice_slug: str) -> Plan:
    item = {"step": step_slug, "practice": practice_slug}
    plan.inspirations = [i for i in plan.inspirations if i != item]
    return _save_inspirations(plan)


def _save_inspirations(plan: Plan) -> Plan:
    plan.updated_at = timezone.now()
    plan.save(update_fields=["inspirations", "updated_at"])
    return plan


def adapt_practice(
    plan: Plan, answers: dict[str, Any], practice: dict[str, str], checks: list[dict[str, str]]
) -> Plan:
    """The plan with a practice's proposal merged into its answers (adapt.merge) and the
    practice among its sources, with a fresh checklist. Adapting it again keeps the answers
    already given to its checklist."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        plan.answers = answers
        plan.title = _title_of(answers)
        plan.sources = _with_source(plan.sources, practice, checks)
        _check_size(plan)
        plan.updated_at = timezone.now()
        plan.save(update_fields=["answers", "title", "sources", "updated_at"])
    return plan


def _with_source(
    sources: list[dict[str, Any]], practice: dict[str, str], checks: list[dict[str, str]]
) -> list[dict[str, Any]]:
    known = next((s for s in sources if s["practice"] == practice["practice"]), None)
    if known is None:
        fresh = [{**check, "answer": "", "note": ""} for check in checks]
        return [*sources, {**practice, "checks": fresh}][-MAX_SOURCES:]
    given = {c["id"]: c for c in known["checks"]}
    merged = [{**c, "answer": "", "note": "", **_given(given.get(c["id"]))} for c in checks]
    return [{**known, **practice, "checks": merged} if s is known else s for s in sources]


def _given(check: dict[str, str] | None) -> dict[str, str]:
    return {"answer": check["answer"], "note": check["note"]} if check else {}


def answer_checks(plan: Plan, practice_slug: str, given: dict[str, dict[str, str]]) -> Plan:
    """Store the visitor's answers to one practice's transfer checklist ({check id: {answer,
    note}}); checks not named keep theirs."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        for source in plan.sources:
            if source["practice"] == practice_slug:
                source["checks"] = [{**c, **given.get(c["id"], {})} for c in source["checks"]]
        _check_size(plan)
        plan.updated_at = timezone.now()
        plan.save(update_fields=["sources", "updated_at"])
    return plan


def forget_plan(plan: Plan) -> None:
    plan.delete()


def purge_stale_plans(days: int, now: datetime.datetime | None = None) -> int:
    """Delete plans nobody has changed for `days` days; returns how many."""
    limit = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _detail = Plan.objects.filter(updated_at__lt=limit).delete()
    return deleted


def _title_of(answers: dict[str, Any]) -> str:
    return str(answers.get("context", {}).get("title") or "")[:300]


def _check_size(plan: Plan) -> None:
    size = len(json.dumps([plan.answers, plan.sources], ensure_ascii=False).encode())
    if size > MAX_PLAN_BYTES:
        raise PlanTooLarge(size)


def is_known_step(slug: str) -> bool:
    return steps.get(slug) is not None
