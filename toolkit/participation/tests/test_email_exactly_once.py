"""Each e-mail goes out once, however many workers and retry runs reach for it at the same
time: real threads, a real SMTP server, rows really committed."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.concurrency import at_once
from tests.mailserver import Collect, Slow
from toolkit.participation.models import Notification
from toolkit.participation.notifications import deliver, retry_due

pytestmark = pytest.mark.usefixtures("real_db")


@pytest.fixture
def outbox():
    """Thirty e-mails waiting to be sent (committed), removed after the test."""
    made = [
        Notification.objects.create(to=f"person{n}@example.org", subject=f"Mail {n}", body="Hi\n")
        for n in range(30)
    ]
    yield made
    Notification.objects.filter(id__in=[n.id for n in made]).delete()


def received(server):
    return sorted(envelope.rcpt_tos[0] for envelope in server.messages)


def test_two_workers_racing_over_the_same_outbox_send_each_email_once(smtp, outbox):
    server = smtp(Collect())
    ids = [n.id for n in outbox]

    def worker():
        for notification_id in ids:
            deliver.call(notification_id)

    outcomes = at_once(worker, worker, worker)
    assert [o.error for o in outcomes] == [None] * 3
    assert received(server) == sorted(n.to for n in outbox)
    assert set(Notification.objects.filter(id__in=ids).values_list("status", flat=True)) == {"sent"}


def test_a_retry_run_during_a_slow_attempt_does_not_send_it_again(smtp, outbox):
    server = smtp(Slow(seconds=1.5))
    first = outbox[0]
    # Due for a retry: the worker's deferred task and `send_emails` both reach for it.
    Notification.objects.filter(id=first.id).update(
        attempts=1, next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    Notification.objects.exclude(id=first.id).filter(id__in=[n.id for n in outbox]).delete()
    outcomes = at_once(lambda: deliver.call(first.id), retry_due, retry_due)
    assert [o.error for o in outcomes] == [None] * 3
    assert received(server) == [first.to]
    assert Notification.objects.get(id=first.id).status == "sent"


def test_an_email_left_by_a_worker_that_died_mid_send_goes_once_its_claim_expires(smtp, outbox):
    server = smtp(Collect())
    first = outbox[0]
    Notification.objects.exclude(id=first.id).filter(id__in=[n.id for n in outbox]).delete()
    held = timezone.now() + datetime.timedelta(minutes=3)
    Notification.objects.filter(id=first.id).update(status="sending", claimed_until=held)
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert server.messages == []  # still held: its sender may be working on it
    expired = timezone.now() - datetime.timedelta(seconds=1)
    Notification.objects.filter(id=first.id).update(claimed_until=expired)
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert received(server) == [first.to]
    assert Notification.objects.get(id=first.id).status == "sent"
