"""E-mail through a real SMTP server the test starts, and through one that refuses."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.mailserver import Collect, Refuse
from toolkit.participation.models import Notification, Submission

from .conftest import free_port
from .helpers import STORY, send

pytestmark = pytest.mark.django_db


def send_committed(capture, *args):
    with capture(execute=True):
        return send(*args)


def test_the_acknowledgement_goes_through_a_real_smtp_server(
    visitor, smtp, django_capture_on_commit_callbacks
):
    server = smtp(Collect())
    send_committed(django_capture_on_commit_callbacks, visitor, "story", STORY)
    assert len(server.messages) == 1
    assert server.messages[0].rcpt_tos == ["amina@example.org"]
    assert Submission.objects.get().reference.encode() in server.messages[0].content
    assert Notification.objects.get().status == "sent"


def test_a_refusing_server_keeps_the_submission_and_schedules_a_retry(
    visitor, smtp, django_capture_on_commit_callbacks
):
    smtp(Refuse())
    response = send_committed(django_capture_on_commit_callbacks, visitor, "story", STORY)
    assert response.status_code == 302
    assert Submission.objects.count() == 1
    notification = Notification.objects.get()
    assert notification.status == "pending"
    assert notification.attempts == 1
    assert notification.next_attempt_at > timezone.now()
    assert "550" in notification.last_error


def test_a_retry_that_is_due_is_sent_when_the_server_is_back(
    visitor, smtp, django_capture_on_commit_callbacks
):
    smtp(Refuse())
    send_committed(django_capture_on_commit_callbacks, visitor, "story", STORY)
    Notification.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    server = smtp(Collect())
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(server.messages) == 1
    assert Notification.objects.get().status == "sent"


def test_an_unreachable_server_is_a_delay_not_an_error(
    visitor, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    response = send_committed(django_capture_on_commit_callbacks, visitor, "story", STORY)
    assert response.status_code == 302
    assert Notification.objects.get().attempts == 1


def test_an_email_whose_attempt_was_cut_off_is_sent_by_the_next_retry_run(
    visitor, smtp, django_capture_on_commit_callbacks
):
    # A worker killed while sending leaves the e-mail pending with no retry time.
    with django_capture_on_commit_callbacks(execute=False):
        send(visitor, "story", STORY)
    server = smtp(Collect())
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert server.messages == []  # too recent: its own attempt may still be under way
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=20))
    call_command("send_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(server.messages) == 1
    assert Notification.objects.get().status == "sent"
