"""Reviewing practices against the published criteria (docs/moderation.md, "Reviewing
practices"); the criteria themselves are stated to the public on the chapter "How practices
are reviewed" (slug `criteria`).

The only writer of reviews and of their history. A practice is *reviewed* once at least
REVIEWERS_NEEDED different people have reviewed it. Its mark carries the date of the latest
review that counts and the criteria that every one of those reviewers judged met. Each
person's latest review counts, so a reviewer who changes their mind is heard, and one person
reviewing twice is still one reviewer."""

import datetime
import uuid
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import standing
from .models import PracticePage, PracticeReview, ReviewEvent

PERMISSION = "practices.review_practice"
REVIEWERS_NEEDED = 2
WHY_MAX = 500  # "a short justification": a few sentences, not a report


@dataclass(frozen=True)
class Criterion:
    code: str  # in records, the API and files: criteria_met = ["relevance", ...]
    name: Promise
    question: Promise  # what the reviewer answers, shown beside the choice


CRITERIA = (
    Criterion(
        "relevance",
        _("Relevance to the Manifesto's principles"),
        _(
            "Does it put at least one principle of the Manifesto into practice, in a way a "
            "reader can see?"
        ),
    ),
    Criterion(
        "participation",
        _("Participation of migrants"),
        _(
            "Do migrants or asylum seekers take part in deciding, running or judging it, not "
            "only in attending?"
        ),
    ),
    Criterion(
        "evidence",
        _("Evidence of results"),
        _(
            "Is there evidence of what it achieved (figures, an evaluation, testimonies), and"
            " is it stated honestly?"
        ),
    ),
    Criterion(
        "transferability",
        _("Transferability"),
        _(
            "Could people elsewhere do it, and does the page say what they would need and "
            "what they would have to change?"
        ),
    ),
    Criterion(
        "sustainability",
        _("Sustainability"),
        _(
            "Has it lasted, or could it last, beyond one project's funding and one person's "
            "commitment?"
        ),
    ),
    Criterion(
        "ethics",
        _("Ethics and safety"),
        _(
            "Does it protect the people involved: consent, privacy, no exposure of residence "
            "status, no harm from taking part?"
        ),
    ),
)
CODES = [criterion.code for criterion in CRITERIA]


class NotAllowed(Exception):
    """A review or request that the rules refuse; the message says why, to the editor."""


def names(codes: list[str]) -> list[Promise]:
    """The criteria's names, in the published order."""
    return [c.name for c in CRITERIA if c.code in codes]


def reviewers() -> QuerySet[User]:
    """Everyone who may review: active, with the permission (through a group, such as
    "Reviewers", or their own) or a superuser."""
    app_label, codename = PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("username")
    )


def request_review(practice: PracticePage, by: User, reviewer: User, message: str = "") -> None:
    """Ask `reviewer` to review the practice: recorded in its history, and e-mailed to them
    (through the site's e-mail outbox, after commit) when they have an address."""
    if not reviewer.is_active or not reviewer.has_perm(PERMISSION):
        raise NotAllowed(_("%(name)s may not review practices.") % {"name": reviewer})
    ReviewEvent.objects.create(
        translation_key=practice.translation_key,
        action="requested",
        actor=by,
        recipient=reviewer,
        message=message,
        created_at=timezone.now(),
    )
    if reviewer.email:
        # The outbox belongs to participation, which sits above practices: it listens here.
        for send in hooks.get_hooks("toolkit_review_requested"):
            send(practice=practice, by=by, reviewer=reviewer, message=message)


def submit_review(
    practice: PracticePage,
    reviewer: User,
    judgements: dict[str, dict],
    note: str = "",
    next_reviewer: User | None = None,
) -> PracticeReview:
    """Record one reviewer's judgement, weigh the practice's mark again, and ask the next
    reviewer if one is named. All of it or nothing."""
    if not reviewer.has_perm(PERMISSION):
        raise NotAllowed(_("You may not review practices."))
    if next_reviewer is not None and next_reviewer.pk == reviewer.pk:
        raise NotAllowed(_("Ask someone else: the next review must come from another reviewer."))
    judgements = _checked(judgements)
    key = practice.translation_key
    with transaction.atomic():
        review = PracticeReview.objects.create(
            translation_key=key,
            practice_title=practice.title[:255],
            revision_id=practice.latest_revision_id,
            reviewer=reviewer,
            reviewer_name=(reviewer.get_full_name() or reviewer.get_username())[:255],
            judgements=judgements,
            note=note,
            submitted_at=timezone.now(),
        )
        _event(key, "reviewed", reviewer, note)
        before, after = standing.record_review(key, partial(mark, key))
        if after[0] and before != after:  # reviews are never taken back: nor is the mark
            _event(key, "marked", reviewer)
        if next_reviewer is not None:
            request_review(practice, reviewer, next_reviewer)
    return review


def _checked(judgements: dict[str, dict]) -> dict[str, dict]:
    """Every criterion judged, met or not, with a justification of at most WHY_MAX."""
    checked = {}
    for code in CODES:
        given = judgements.get(code) or {}
        why = str(given.get("why", "")).strip()
        if not isinstance(given.get("met"), bool) or not why or len(why) > WHY_MAX:
            raise NotAllowed(_("Every criterion needs a judgement and a short justification."))
        checked[code] = {"met": given["met"], "why": why}
    return checked


def _event(key: uuid.UUID, action: str, actor: User, message: str = "") -> None:
    ReviewEvent.objects.create(
        translation_key=key, action=action, actor=actor, message=message, created_at=timezone.now()
    )


def latest_reviews(translation_key: uuid.UUID) -> list[PracticeReview]:
    """Each reviewer's latest review of the practice, newest first."""
    latest: dict[object, PracticeReview] = {}
    for review in PracticeReview.objects.filter(translation_key=translation_key):
        latest.setdefault(review.reviewer_id or f"name:{review.reviewer_name}", review)
    return list(latest.values())


def mark(translation_key: uuid.UUID) -> standing.Mark:
    """(date, criteria met) once enough people reviewed the practice; (None, []) before."""
    counted = latest_reviews(translation_key)
    if len(counted) < REVIEWERS_NEEDED:
        return None, []
    day: datetime.date = timezone.localdate(max(r.submitted_at for r in counted))
    met = [c for c in CODES if all(r.judgements.get(c, {}).get("met") is True for r in counted)]
    return day, met


def waiting_for(user: User) -> set[uuid.UUID]:
    """The practices someone asked `user` to review and that they have not reviewed since."""
    asked = dict(
        ReviewEvent.objects.filter(action="requested", recipient=user)
        .order_by("created_at")
        .values_list("translation_key", "created_at")
    )  # the latest request of each practice wins
    done = dict(
        PracticeReview.objects.filter(reviewer=user, translation_key__in=asked)
        .order_by("submitted_at")
        .values_list("translation_key", "submitted_at")
    )
    return {key for key, when in asked.items() if key not in done or done[key] < when}
