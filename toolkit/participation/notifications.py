"""E-mail: stored first (Notification), then sent by a background task, retried with growing
pauses. A mail server that is down delays e-mail, never loses it, never blocks a submission."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from .models import ModeratorSettings, Notification

logger = logging.getLogger(__name__)
RETRY_MINUTES = [1, 5, 30, 120, 720, 1440]  # then it gives up and says so in the admin


def notify(to, template, context, language, submission=None):
    """Store an e-mail rendered from `participation/email/<template>.txt` and send it soon."""
    with translation.override(language):
        text = render_to_string(f"participation/email/{template}.txt", context).strip()
    subject, _blank, body = text.partition("\n")
    notification = Notification.objects.create(
        to=to, subject=subject.strip()[:200], body=body.strip() + "\n", submission=submission
    )
    transaction.on_commit(lambda: deliver.enqueue(notification.id))
    return notification


# Ahead of the queue: a person waits for this e-mail, not for search indexing (Wagtail's tasks).
@task(priority=50)
def deliver(notification_id):
    notification = Notification.objects.filter(id=notification_id, status="pending").first()
    if notification is None:
        return
    try:
        send_mail(notification.subject, notification.body, None, [notification.to])
    except Exception as error:
        _failed(notification, error)
    else:
        notification.status, notification.sent_at = "sent", timezone.now()
        notification.save(update_fields=["status", "sent_at"])


def _failed(notification, error):
    logger.warning("e-mail %s not sent: %s", notification.id, error)
    notification.attempts += 1
    notification.last_error = str(error)[:500]
    if notification.attempts > len(RETRY_MINUTES):
        notification.status, notification.next_attempt_at = "failed", None
    else:
        pause = datetime.timedelta(minutes=RETRY_MINUTES[notification.attempts - 1])
        notification.next_attempt_at = timezone.now() + pause
    notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    if notification.status == "pending" and default_task_backend.supports_defer:
        deliver.using(run_after=notification.next_attempt_at).enqueue(notification.id)


# A notification pending this long without a retry time lost its attempt (a worker killed
# while sending): `send_emails` tries it again.
STALLED = datetime.timedelta(minutes=15)


def retry_due(now=None):
    """Send again what is due, and what a dead worker left behind (`manage.py send_emails`)."""
    now = now or timezone.now()
    due = (
        Notification.objects.filter(status="pending")
        .filter(
            Q(next_attempt_at__lte=now)
            | Q(next_attempt_at__isnull=True, created_at__lte=now - STALLED)
        )
        .values_list("id", flat=True)
    )
    for notification_id in list(due):
        deliver.enqueue(notification_id)
    return len(due)


def moderators(delivery):
    """Moderators (and superusers) with an address who want e-mail this way."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(groups__name="Moderators") | users.filter(is_superuser=True)
    chosen = dict(ModeratorSettings.objects.values_list("user_id", "delivery"))
    return [u for u in users.distinct() if chosen.get(u.id, "each") == delivery]


def admin_url(path):
    return f"{settings.BASE_URL}{path}"


def send_digests(now=None):
    """One e-mail per moderator who chose the daily digest, listing what arrived since the
    last one; nothing new, no e-mail."""
    from django.urls import reverse

    from .models import Submission

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
