"""The only writers of a submission's state: receiving it, and every moderation decision.

Every decision records who, when and why (an Event); side effects of approval (a draft
practice, a published story, a task on a page) happen in the same transaction."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Comment, Page

from toolkit.practices.importer import create_draft
from toolkit.practices.models import PracticeIndexPage, PracticePage

from . import notifications, presentation, transfers
from .models import CLOSED_STATUSES, Event, Story, Submission, hash_key, new_key, new_reference
from .pages import live_pages

if TYPE_CHECKING:
    from .forms import PublicForm


class NotAllowed(Exception):
    """The decision does not fit the submission's current status."""


class AlreadyDecided(NotAllowed):
    """Someone else changed the submission while this decision was being taken."""


def receive_submission(
    form: "PublicForm", language: str, page: Page | None = None
) -> tuple[Submission, str]:
    """Store a valid public form before anything else; returns (submission, status key)."""
    key: str = new_key()
    answers = form.answers()
    consent = bool(form.cleaned_data.get("consent_publish"))
    with transaction.atomic():
        submission = Submission.objects.create(
            kind=form.kind,
            reference=_unique_reference(),
            key_hash=hash_key(key),
            language=language,
            page=page,
            answers=answers,
            search_text=_search_text(answers),
            name=form.cleaned_data.get("name", ""),
            email=form.cleaned_data.get("email", "") or "",
            consent_publish=consent,
            consent_wording=str(form.fields["consent_publish"].label) if consent else "",
            consent_given_at=timezone.now() if consent else None,
        )
        Event.objects.create(submission=submission, action="received")
        _announce(submission, key)
    return submission, key


def _unique_reference() -> str:
    while True:
        reference: str = new_reference()
        if not Submission.objects.filter(reference=reference).exists():
            return reference


def _search_text(answers: dict[str, Any]) -> str:
    return " ".join(str(v) for v in answers.values() if isinstance(v, str))[:50_000]


def _announce(submission: Submission, key: str) -> None:
    context = {"submission": submission, "status_url": status_url(submission, key)}
    _tell(submission, "received", context)
    admin = {
        "admin_url": notifications.admin_url(
            reverse("participation_admin:detail", args=[submission.id])
        ),
        "answers": presentation.answers(submission),
    }
    for moderator in notifications.moderators("each"):
        notifications.notify(
            moderator.email, "arrived", {**context, **admin}, settings.LANGUAGE_CODE, submission
        )


def _tell(submission: Submission, template: str, context: dict[str, Any]) -> None:
    """E-mail the submitter, in their language, if they left an address."""
    if submission.email:
        context = {"submission": submission, **context}
        notifications.notify(submission.email, template, context, submission.language, submission)


def status_url(submission: Submission, key: str) -> str:
    path = f"/{submission.language}/participate/status/{key}/"
    return f"{settings.BASE_URL}{path}"


def find_by_key(key: str | None) -> Submission | None:
    if not key or len(key) > 100:
        return None
    return Submission.objects.filter(key_hash=hash_key(key)).first()


def _record(
    submission: Submission,
    action: str,
    actor: User | None = None,
    message: str = "",
    public: bool = False,
    status: str | None = None,
) -> Event:
    if status:
        submission.status = status
        fields = ["status", "updated_at"]
        if status in CLOSED_STATUSES:
            submission.closed_at = timezone.now()
            fields.append("closed_at")
        submission.save(update_fields=fields)
    return Event.objects.create(
        submission=submission, action=action, actor=actor, message=message, public=public
    )


def _require(submission: Submission, *statuses: str) -> None:
    if submission.status not in statuses:
        raise NotAllowed(
            _("this decision does not fit a submission that is “%(status)s”.")
            % {"status": submission.get_status_display()}
        )


@contextmanager
def _deciding(submission: Submission, *statuses: str) -> Iterator[None]:
    """One decision at a time per submission. The row is locked until the decision is recorded
    (`select_for_update` on PostgreSQL; on SQLite the transaction takes the write lock as it
    begins) and its status is read again under the lock: of two decisions taken at the same
    moment, the second finds the first one's status and is refused with a clear message."""
    with transaction.atomic():
        status = (
            Submission.objects.select_for_update()
            .filter(pk=submission.pk)
            .values_list("status", flat=True)
            .get()
        )
        if status != submission.status:
            submission.status = status
            raise AlreadyDecided(
                _("someone else changed this submission a moment ago; it is now “%(status)s”.")
                % {"status": submission.get_status_display()}
            )
        _require(submission, *statuses)
        yield


def take_into_review(submission: Submission, moderator: User) -> None:
    with _deciding(submission, "received", "needs_info"):
        _record(submission, "review", moderator, status="in_review")


def ask_for_information(submission: Submission, moderator: User, question: str) -> None:
    with _deciding(submission, "received", "in_review", "needs_info"):
        _record(submission, "ask", moderator, question, public=True, status="needs_info")
        _tell(submission, "question", {"question": question})


def answer_question(submission: Submission, answer: str) -> None:
    with _deciding(submission, "needs_info"):
        _record(submission, "answer", None, answer, public=True, status="in_review")


def decline_submission(submission: Submission, moderator: User, reason: str) -> None:
    with _deciding(submission, "received", "in_review", "needs_info"):
        _record(submission, "decline", moderator, reason, public=True, status="declined")
        _tell(submission, "declined", {"reason": reason})


def approve_submission(
    submission: Submission, moderator: User, note: str = "", risks_cleared: bool = False
) -> None:
    """Approve, with the kind's effect. A story is published: the status says "published" and
    the e-mail links to it. A practice becomes a draft page for editors, a proposal a comment
    (a task) on the page it concerns, feedback and messages are counted: "accepted", since
    nothing of these is public yet."""
    with _deciding(submission, "received", "in_review", "needs_info"):
        if submission.answers.get("risks") and not risks_cleared:
            raise NotAllowed(
                _("the sender flagged a risk: check it with them, then confirm it is cleared.")
            )
        effect = APPROVAL_EFFECTS.get(submission.kind)
        public_url = effect(submission, moderator) if effect else None
        status = "published" if public_url else "accepted"
        # On the status page with or without a note: the decision is the submitter's to know.
        _record(submission, "approve", moderator, note, public=True, status=status)
        context = {"note": note, "public_url": public_url}
        _tell(submission, "approved", {**context, "outcome": presentation.outcome(submission)})


def _publish_story(submission: Submission, moderator: User) -> str:
    """The story, public; returns its address."""
    if not submission.consent_publish:
        raise NotAllowed(_("the person did not agree to their story being published."))
    a = submission.answers
    story = Story.objects.create(
        submission=submission,
        language=submission.language,
        title=a.get("title", "")[:200],
        text=a.get("what", ""),
        change=a.get("change", ""),
        participation=a.get("participation", ""),
        country=a.get("country", ""),
        place="" if a.get("country_only") else a.get("place", ""),
        author="" if a.get("anonymous") else submission.name,
        sectors=list(a.get("sectors") or []),
        target_groups=list(a.get("target_groups") or []),
        adapted=a.get("adapted", ""),
        outcome=a.get("outcome", ""),
        outcome_why=a.get("outcome_why", ""),
        co_decided=a.get("co_decided", ""),
        published_at=timezone.now(),
    )
    story.pages.set(_named_pages(submission))
    transfers.recount(transfers.practice_keys(story))
    return presentation.story_url(story)


def _named_pages(submission: Submission) -> list[Page]:
    a = submission.answers
    practices = PracticePage.objects.filter(slug__in=a.get("practices", [])).values_list(
        "id", flat=True
    )
    return live_pages([*a.get("pages", []), *practices])


def _draft_practice(submission: Submission, moderator: User) -> None:
    """A page that is not live: for editors to finish; nothing public."""
    index = PracticeIndexPage.objects.filter(locale__language_code=submission.language).first()
    index = index or PracticeIndexPage.objects.first()
    record = {**submission.answers, "slug": f"{submission.answers.get('slug', '')}"}
    page, problems = create_draft(record, index)
    if problems:
        raise NotAllowed("; ".join(str(p) for p in problems))
    submission.result_page = page
    submission.save(update_fields=["result_page"])


def _task_on_page(submission: Submission, moderator: User) -> None:
    """A comment in the editor, seen only by editors."""
    page = submission.page or Page.objects.filter(depth=2).first()
    a = submission.answers
    text = f"[{submission.reference}] {a.get('change', '')}\n\n{a.get('reason', '')}".strip()
    Comment.objects.create(
        page=page.specific, user=moderator, text=escape(text)[:5000], contentpath="title"
    )


# Each effect returns the address of what it made public, or None when nothing is public.
APPROVAL_EFFECTS: dict[str, Callable[[Submission, User], str | None]] = {
    "story": _publish_story,
    "practice": _draft_practice,
    "proposal": _task_on_page,
}


def withdraw_submission(submission: Submission) -> None:
    """The submitter takes it back: closed at once, and their personal data erased."""
    statuses = ("received", "in_review", "needs_info", "accepted", "published", "declined")
    with _deciding(submission, *statuses):
        story = Story.objects.filter(submission=submission).first()
        if story is not None:
            keys = transfers.practice_keys(story)
            story.delete()
            transfers.recount(keys)
        _record(submission, "withdraw", status="withdrawn")
        erase_personal_data(submission)


def erase_personal_data(submission: Submission) -> None:
    submission.name, submission.email = "", ""
    submission.personal_data_erased_at = timezone.now()
    submission.save(update_fields=["name", "email", "personal_data_erased_at"])
    submission.notifications.filter(status="pending").update(status="cancelled")
    _record(submission, "erase")
