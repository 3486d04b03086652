"""What visitors send, what moderators decide, and what gets published.

A submission keeps the visitor's answers as a JSON document (`answers`, the cleaned data of
its form) and personal data in separate columns, so that withdrawal and the retention purge can
erase the person and keep (or drop) the rest. Its status changes only through moderation.py."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

KINDS = [
    ("feedback", _("Feedback on a page")),
    ("proposal", _("Proposal to improve the toolkit")),
    ("story", _("Story of use")),
    ("practice", _("New practice")),
    ("contact", _("Message")),
]
STATUSES = [
    ("received", pgettext_lazy("submission status", "Received")),
    ("in_review", _("In review")),
    ("needs_info", _("Needs information")),
    # Approved, and passed on to the editors (a task on a page, a draft practice) or counted:
    # nothing of it is public. Only what visitors can now read is "published".
    ("accepted", pgettext_lazy("submission status", "Accepted")),
    ("published", _("Published")),
    ("declined", _("Declined")),
    ("withdrawn", _("Withdrawn")),
]
OPEN_STATUSES = ("received", "in_review", "needs_info")
CLOSED_STATUSES = ("accepted", "published", "declined", "withdrawn")
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read aloud


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def new_key():
    return secrets.token_urlsafe(24)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class Submission(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, db_index=True)
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=STATUSES, default="received", db_index=True
    )
    language = models.CharField(_("language"), max_length=10)
    page = models.ForeignKey(
        Page,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answers = models.JSONField(_("answers"), default=dict)
    search_text = models.TextField(blank=True, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_publish = models.BooleanField(_("consent to publish"), default=False)
    # The consent as the person read it, in their language, and when they gave it.
    consent_wording = models.TextField(_("consent as worded"), blank=True)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)
    result_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The draft practice made from this submission."),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        permissions = [("moderate_submission", _("Can moderate submissions"))]

    def __str__(self):
        return f"{self.reference} · {self.get_kind_display()}"

    @property
    def summary_line(self):
        for key in ("title", "subject", "change", "comment", "useful"):
            if self.answers.get(key):
                return str(self.answers[key])
        return ""

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class Event(models.Model):
    """One step in a submission's life: who did what, when and why. Never edited."""

    ACTIONS = [
        ("received", pgettext_lazy("event", "Received")),
        ("review", _("Taken into review")),
        ("ask", _("Asked for information")),
        ("answer", _("Answered")),
        ("approve", _("Approved")),
        ("decline", _("Declined")),
        ("withdraw", _("Withdrawn")),
        ("erase", _("Personal data erased")),
    ]
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=ACTIONS)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(blank=True)
    public = models.BooleanField(default=False, help_text="Shown on the status page.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.submission_id} {self.action}"


class Story(models.Model):
    """A story of use a moderator has published, with the pages and practices it names."""

    submission = models.OneToOneField(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="story"
    )
    language = models.CharField(max_length=10)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what they did"))
    change = models.TextField(_("what changed"), blank=True)
    participation = models.TextField(_("how migrants took part"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    author = models.CharField(_("told by"), max_length=200, blank=True)
    pages = models.ManyToManyField(Page, blank=True, related_name="+")
    # The transfer record: where a practice went, what had to change, and how it went.
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    adapted = models.TextField(_("what was adapted"), blank=True)
    outcome = models.CharField(_("where it stands"), max_length=10, blank=True)
    outcome_why = models.TextField(_("why"), blank=True)
    co_decided = models.TextField(_("who from the affected community decided"), blank=True)
    published_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("story of use")
        verbose_name_plural = _("stories of use")
        ordering = ["-published_at"]

    def __str__(self):
        return self.title


class Notification(models.Model):
    """An e-mail to send. Stored first, sent by a task, retried until it goes or gives up:
    an unreachable mail server delays e-mail but never loses it or blocks a submission."""

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # pending -> sending (claimed by one delivery) -> sent; or back to pending for a retry,
    # failed after the last one, cancelled when the person's data is erased.
    status = models.CharField(max_length=10, default="pending", db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.to}: {self.subject}"


class ModeratorSettings(models.Model):
    DELIVERY = [
        ("each", _("An e-mail for each submission")),
        ("daily", _("One daily digest")),
        ("none", _("No e-mail")),
    ]
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    delivery = models.CharField(_("e-mail me"), max_length=10, choices=DELIVERY, default="each")
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.delivery}"
