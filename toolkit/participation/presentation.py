"""A submission as people read it. For the moderator: each answer under its question (the
form's own label), chosen values by their names, yes or no for a tick, text as it was typed
(the moderator's page escapes it once, the plain-text e-mail shows it as is). For the sender:
one sentence saying what really happened, and where to read it when something is public."""

import html
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from toolkit.lib import bidi
from toolkit.practices.facets import value_names

from .forms import STORY_OUTCOMES, ContactForm, FeedbackForm, ProposalForm, PublicForm, StoryForm
from .models import Story, Submission
from .practice_form import PracticeForm

FORMS: dict[str, type[PublicForm]] = {
    "feedback": FeedbackForm,
    "proposal": ProposalForm,
    "story": StoryForm,
    "practice": PracticeForm,
    "contact": ContactForm,
}
# A proposed practice's texts are kept as paragraphs of escaped HTML (for the draft's rich
# text): shown to the moderator as the plain text the person typed, so escaped only once.
PARAGRAPH_FIELDS = ("description", "results")
# Shown elsewhere on the page (the page it is about, the consent) or never typed.
NOT_ANSWERS = ("page", "consent_publish", "links")
YES, NO = pgettext_lazy("answer to a tick box", "Yes"), pgettext_lazy("answer to a tick box", "No")

Label = str | Promise


def answers(submission: Submission) -> list[tuple[Label, Label]]:
    """(question, answer) for every answer given, in the form's order. Labels stay lazy so
    that an e-mail rendered in another language gets them in that language."""
    form = FORMS[submission.kind](language=submission.language)
    rows: list[tuple[Label, Label]] = []
    for name, value in submission.answers.items():
        if name in NOT_ANSWERS or value is None or value in ("", []):
            continue
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else name.replace("_", " ")
        rows.append((label, _readable(field, name, value, submission.language)))
    return rows


def _readable(field: Any, name: str, value: Any, language: str) -> Label:
    if isinstance(value, bool):
        return YES if value else NO
    if name in PARAGRAPH_FIELDS:
        return plain_text(str(value))
    names = _choice_names(field)
    if isinstance(value, list):
        return bidi.join_list((names.get(str(v), str(v)) for v in value), language)
    return names.get(str(value), str(value))


def _choice_names(field: Any) -> dict[str, Label]:
    """{value: name} of a field's choices, groups (chapters, practices) flattened."""
    names: dict[str, Label] = {}
    for value, name in getattr(field, "choices", None) or []:
        if isinstance(name, list | tuple):
            names.update({str(v): n for v, n in name})
        else:
            names[str(value)] = name
    return names


def plain_text(paragraphs: str) -> str:
    """Paragraphs of escaped HTML back to the text that was typed, blank lines between."""
    text = paragraphs.replace("</p>", "\n\n")
    return html.unescape(strip_tags(text)).strip()


def story_url(story: Story) -> str:
    """The absolute address of a published story, on the stories page of its language."""
    with translation.override(story.language):
        path = reverse("participation:stories")
    return f"{settings.BASE_URL}{path}#story-{story.id}"


def public_url(submission: Submission) -> str | None:
    """Where visitors can read what came of the submission, if anything of it is public."""
    story = Story.objects.filter(submission=submission).first()
    return story_url(story) if story is not None and submission.status == "published" else None


ACCEPTED = {
    "proposal": _(
        "A moderator accepted your proposal and passed it to the editors as a task on the "
        "page it concerns. It is not public: the editors change the page if they agree."
    ),
    "practice": _(
        "A moderator accepted your practice: it is now a draft for the editors to check and "
        "complete. It is not public yet; it appears in the catalogue once an editor "
        "publishes it."
    ),
    "story": _("A moderator accepted your story. It is not public yet."),
    "feedback": _("A moderator read your feedback and passed it on to the editors."),
    "contact": _("A moderator read your message and passed it on to the editors."),
}
OUTCOMES = {
    "received": _("A moderator will read it. Nothing is published before a moderator approves it."),
    "in_review": _("A moderator is reading it."),
    "needs_info": _("A moderator has a question for you: please answer it below."),
    "published": _("A moderator approved your story: it is published on the stories page."),
    "declined": _("A moderator closed your submission without publishing it."),
    "withdrawn": _("You withdrew your submission; your name and e-mail address are erased."),
}


def outcome(submission: Submission) -> Label:
    """One sentence: what happened to the submission, true to what visitors can see."""
    if submission.status == "accepted":
        return ACCEPTED.get(submission.kind, ACCEPTED["contact"])
    return OUTCOMES.get(submission.status, "")


def story_place(story: Story, language: str) -> SafeString:
    """ "City, Country" of a story as HTML (each part escaped and isolated, the country named in
    `language`), without a separator when a part is missing."""
    country = value_names("country", language).get(story.country, story.country)
    parts = [part for part in (story.place.strip(), country) if part]
    return bidi.join_list_html(parts, language)


def transfer_record(story: Story, language: str) -> list[tuple[Label, str]]:
    """What a story says of a transfer, as (label, words) in the reader's language: where it
    stands, the setting, for whom, what was adapted and who from the community decided."""
    outcomes = dict(STORY_OUTCOMES)
    sectors, groups = value_names("sector", language), value_names("target_group", language)
    status = str(outcomes.get(story.outcome, "")) if story.outcome else ""
    if status and story.outcome_why:
        status = _("%(status)s: %(why)s") % {"status": status, "why": story.outcome_why}
    rows: list[tuple[Label, str]] = [
        (_("Where it stands now"), status),
        (
            _("In which sectors"),
            bidi.join_list([sectors.get(c, c) for c in story.sectors], language),
        ),
        (_("For whom"), bidi.join_list([groups.get(c, c) for c in story.target_groups], language)),
        (_("What was adapted"), story.adapted),
        (_("Who from the affected community decided"), story.co_decided),
    ]
    return [(label, value) for label, value in rows if value]


def story_data(story: Story, language: str, practices: dict[int, dict[str, str]]) -> dict:
    """A published story as a transfer record in data (docs/data-format.md): codes, not
    names, except where a reader needs the name; `practices` maps page ids to their slug,
    title and address."""
    return {
        "id": story.id,
        "url": story_url(story),
        "language": story.language,
        "title": story.title,
        "published_at": story.published_at.isoformat(),
        "what": story.text,
        "change": story.change,
        "participation": story.participation,
        "country": story.country,
        "country_name": value_names("country", language).get(story.country, story.country),
        "place": story.place,
        "told_by": story.author,
        "practices": [practices[p.id] for p in story.pages.all() if p.id in practices],
        "sectors": list(story.sectors),
        "target_groups": list(story.target_groups),
        "adapted": story.adapted,
        "outcome": story.outcome,
        "outcome_why": story.outcome_why,
        "co_decided": story.co_decided,
    }
