"""E-mail: stored first (Notification), then sent by a background task, retried with growing
pauses. A mail server that is down delays e-mail, never loses it, never blocks a submission."""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend, task
from wagtail.users.models import UserProfile

from .models import ModeratorSettings, Notification, Submission

logger = logging.getLogger(__name__)
RETRY_MINUTES = [1, 5, 30, 120, 720, 1440]  # then it gives up and says so in the admin


def notify(
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    submission: Submission | None = None,
) -> Notification:
    """Store an e-mail rendered from `participation/email/<template>.txt` and send it soon."""
    with translation.override(language):
        text = render_to_string(f"participation/email/{template}.txt", context).strip()
    subject, _blank, body = text.partition("\n")
    notification = Notification.objects.create(
        to=to, subject=subject.strip()[:200], body=body.strip() + "\n", submission=submission
    )
    transaction.on_commit(lambda: deliver.enqueue(notification.id))
    return notification


# How long a delivery holds its e-mail: far longer than a send can take (every step of the
# SMTP conversation is bounded by EMAIL_TIMEOUT), so nobody else sends it meanwhile; a worker
# that dies while sending leaves the claim to expire, and `send_emails` tries again after it.
def claim_seconds() -> int:
    return max(120, settings.EMAIL_TIMEOUT * 12)


# Ahead of the queue: a person waits for this e-mail, not for search indexing (Wagtail's tasks).
@task(priority=50)
def deliver(notification_id: int) -> None:
    """Send one e-mail, if nobody else holds it and it is due: the claim is one conditional
    UPDATE, so of two workers (or a retry and a slow first attempt) only one sends."""
    if not _claim(notification_id):
        return
    notification = Notification.objects.get(id=notification_id)
    try:
        send_mail(notification.subject, notification.body, None, [notification.to])
    except Exception as error:
        _failed(notification, error)
    else:
        Notification.objects.filter(id=notification_id, status="sending").update(
            status="sent", sent_at=timezone.now(), claimed_until=None
        )


def _claim(notification_id: int) -> bool:
    now = timezone.now()
    due = Q(status="pending") & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    abandoned = Q(status="sending", claimed_until__lt=now)  # its worker died while sending
    claimed = Notification.objects.filter(due | abandoned, id=notification_id).update(
        status="sending",
        claimed_until=now + datetime.timedelta(seconds=claim_seconds()),
        attempts=F("attempts") + 1,
    )
    return claimed == 1


def _failed(notification: Notification, error: Exception) -> None:
    logger.warning("e-mail %s not sent: %s", notification.id, error)
    attempts = notification.attempts  # this attempt included (counted by the claim)
    if attempts > len(RETRY_MINUTES):
        status, next_attempt_at = "failed", None
    else:
        status = "pending"
        next_attempt_at = timezone.now() + datetime.timedelta(minutes=RETRY_MINUTES[attempts - 1])
    Notification.objects.filter(id=notification.id, status="sending").update(
        status=status,
        next_attempt_at=next_attempt_at,
        last_error=str(error)[:500],
        claimed_until=None,
    )
    if status == "pending" and default_task_backend.supports_defer:
        deliver.using(run_after=next_attempt_at).enqueue(notification.id)


# A notification pending this long without a retry time lost its attempt (the task was never
# run: a worker killed before it started): `send_emails` tries it again.
STALLED = datetime.timedelta(minutes=15)


def retry_due(now: datetime.datetime | None = None) -> int:
    """Send again what is due, what a dead worker left behind, and what nobody holds any more
    (`manage.py send_emails`). Each delivery claims its row, so a retry never doubles a send
    that is still under way."""
    now = now or timezone.now()
    due: QuerySet[Notification, int] | list[int] = (
        Notification.objects.filter(
            Q(status="pending", next_attempt_at__lte=now)
            | Q(status="pending", next_attempt_at__isnull=True, created_at__lte=now - STALLED)
            | Q(status="sending", claimed_until__lt=now)
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    due = list(due)
    for notification_id in due:
        deliver.enqueue(notification_id)
    return len(due)


def moderators(delivery: str) -> list[User]:
    """Moderators (and superusers) with an address who want e-mail this way."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(groups__name="Moderators") | users.filter(is_superuser=True)
    chosen = dict(ModeratorSettings.objects.values_list("user_id", "delivery"))
    return [u for u in users.distinct() if chosen.get(u.id, "each") == delivery]


def admin_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def review_requested(practice: Any, by: User, reviewer: User, message: str) -> Notification:
    """E-mail a reviewer that someone asks them to review a practice (practices/review.py
    asks through the hook "toolkit_review_requested"), in their admin language."""
    language = UserProfile.get_for_user(reviewer).preferred_language or settings.LANGUAGE_CODE
    context = {
        "title": practice.title,
        "requester": by.get_full_name() or by.get_username(),
        "message": message,
        "review_url": admin_url(reverse("practices_review", args=[practice.id])),
    }
    return notify(reviewer.email, "review_requested", context, language)


def send_digests(now: datetime.datetime | None = None) -> int:
    """One e-mail per moderator who chose the daily digest, listing what arrived since the
    last one; nothing new, no e-mail."""
    now = now or timezone.now()
    sent = 0
    for moderator in moderators("daily"):
        settings_row, _created = ModeratorSettings.objects.get_or_create(user=moderator)
        since = settings_row.last_digest_at or now - datetime.timedelta(days=1)
        new = list(Submission.objects.filter(created_at__gt=since, created_at__lte=now))
        if new:
            context = {
                "submissions": new,
                "count": len(new),
                "queue_url": admin_url(reverse("participation_admin:queue")),
            }
            notify(moderator.email, "digest", context, settings.LANGUAGE_CODE)
            sent += 1
        settings_row.last_digest_at = now
        settings_row.save(update_fields=["last_digest_at"])
    return sent
