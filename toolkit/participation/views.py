"""The public side: the forms, the private status page, and the stories of use."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail import hooks
from wagtail.models import Page

from toolkit.lib import ratelimit
from toolkit.practices.records import records_for

from . import forms, moderation, presentation
from .forms import StoryForm
from .models import Story
from .practice_form import similar_practices

logger = logging.getLogger(__name__)

FORMS = presentation.FORMS
MAX_STORIES = 200  # a page of stories; the JSON twin lists the same
TRAP_MESSAGES = {
    "fast": _("That was very quick. Please check your answers and send the form again."),
    "stale": _("This form was open for a long time. Please check your answers and send again."),
    "invalid": _("Something went wrong with the form. Please check your answers and send again."),
    "honeypot": _(
        "Your browser filled in a field meant to stay empty. Please check and send again."
    ),
    "busy": _("Too many messages from here just now. Please try again in an hour."),
}


TEXTS = {
    "feedback": {
        "title": _("Was this page useful?"),
        "intro": _("Tell us, and say what would make it better. No name needed."),
    },
    "proposal": {
        "title": _("Propose an improvement"),
        "intro": _("Something missing, unclear or out of date? Tell the editors what to change."),
    },
    "story": {
        "title": _("Tell us how you used the toolkit"),
        "intro": _("Your story helps others try. A moderator reads it before it is published."),
    },
    "practice": {
        "title": _("Propose a good practice"),
        "intro": _(
            "A practice from your work or one you know well. Editors check it with you "
            "before it appears in the catalogue."
        ),
    },
    "contact": {
        "title": _("Contact the editors"),
        "intro": _(
            "Questions, corrections, partnerships: write to the people who run this toolkit."
        ),
    },
}


@require_GET
def hub(request):
    return render(request, "participation/hub.html", {})


@require_http_methods(["GET", "POST"])
def submit(request, kind):
    form_class = FORMS[kind]
    language = translation.get_language()
    if request.method == "GET":
        form = form_class(initial=_initial(request, kind), language=language)
        return _render_form(request, kind, form)
    if request.POST.get("action") == "similar":
        return _render_form(request, kind, _as_initial(form_class, request, language))
    if request.POST.get("action") == "prefill" and kind == "story":
        return _render_form(request, kind, _prefilled(request, language), prefilled=True)
    form = form_class(request.POST, language=language)
    if not form.is_valid():
        return _render_form(request, kind, form, status=400)
    problem = form.trap() or _rate_limited(request, kind)
    if problem:
        logger.info("participation: %s form refused (%s)", kind, problem)
        return _render_form(request, kind, _fresh(form_class, request, language), problem, 400)
    page = _live_page(form.cleaned_data.get("page"))
    submission, key = moderation.receive_submission(form, language, page)
    messages.success(
        request,
        _("Thank you. Your reference is %(reference)s. Keep this page's address to follow it.")
        % {"reference": submission.reference},
    )
    return redirect("participation:status", key=key)


def _initial(request, kind):
    initial = {}
    if kind in ("feedback", "proposal"):
        for name in ("page", "useful"):
            value = request.GET.get(name, "")
            if value and len(value) < 20:
                initial[name] = value
    return initial


def _as_initial(form_class, request, language):
    """The answers so far, shown again without errors (looking for similar practices)."""
    form = form_class(language=language)
    for name, field in form.fields.items():
        many = getattr(field, "allow_multiple_selected", False) or isinstance(
            field, forms.forms.MultipleChoiceField
        )
        form.initial[name] = request.POST.getlist(name) if many else request.POST.get(name, "")
    form.initial["started"] = request.POST.get("started", "")
    form.similar_query = request.POST
    return form


def _prefilled(request, language):
    """The story form with what the visitor chose to copy from their plan: the planner gives
    the values (hook `toolkit_story_prefill`), the visitor's ticks say which. Nothing is
    stored: the visitor reads, changes and sends it like any story."""
    form = StoryForm(language=language)
    key, chosen = request.POST.get("plan", "")[:100], set(request.POST.getlist("copy")[:30])
    for provider in hooks.get_hooks("toolkit_story_prefill"):
        values = provider(key, language) or {}
        form.prefill({name: value for name, value in values.items() if name in chosen})
    return form


def _fresh(form_class, request, language):
    """The visitor's answers again, with a new time stamp: refused, but nothing lost."""
    data = request.POST.copy()
    data["started"] = forms.antispam.issue()
    data["homepage"] = ""
    form = form_class(data, language=language)
    form.is_valid()
    return form


def _rate_limited(request, kind):
    who = ratelimit.client_address(request)
    per_address = settings.PARTICIPATION_RATE_PER_ADDRESS
    if not ratelimit.allow("participation", who, per_address, 3600):
        return "busy"
    if not ratelimit.allow("participation-all", "", settings.PARTICIPATION_RATE_GLOBAL, 3600):
        return "busy"
    return None


def _live_page(page_id):
    """The published page a form is about, or None (also for a value that is not an id)."""
    try:
        return Page.objects.live().filter(id=int(page_id)).first() if page_id else None
    except (TypeError, ValueError):
        return None


def _render_form(request, kind, form, trap=None, status=200, prefilled=False):
    context = {
        "form": form,
        "kind": kind,
        "trap_message": TRAP_MESSAGES.get(trap),
        "prefilled": prefilled,
    }
    if kind == "feedback":
        chosen = getattr(form, "cleaned_data", {}) if form.is_bound else form.initial
        context["page"] = _live_page(chosen.get("page"))
    if kind == "practice":
        source = getattr(form, "similar_query", None) or (form.data if form.is_bound else {})
        context["similar"] = similar_practices(source, translation.get_language())
    context.update(TEXTS[kind])
    return render(request, "participation/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def status(request, key):
    submission = moderation.find_by_key(key)
    if submission is None:
        raise Http404
    answer_form, withdraw_form = forms.AnswerForm(), forms.WithdrawForm()
    if request.method == "POST":
        result = _status_action(request, submission)
        if result is None:
            return redirect("participation:status", key=key)
        answer_form, withdraw_form = result
    # Every decision is the submitter's to know, with its message when it was meant for them.
    events = submission.events.filter(public=True) | submission.events.filter(
        action__in=["received", "review", "approve", "decline", "withdraw"]
    )
    context = {
        "submission": submission,
        "outcome": presentation.outcome(submission),
        "public_url": presentation.public_url(submission),
        "events": events.order_by("created_at", "id"),
        "answer_form": answer_form,
        "withdraw_form": withdraw_form,
    }
    response = render(request, "participation/status.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "strict-origin"
    return response


def _status_action(request, submission):
    """None when done; otherwise the bound forms to show again with their errors."""
    if request.POST.get("action") == "answer":
        form = forms.AnswerForm(request.POST)
        if form.is_valid() and submission.status == "needs_info":
            moderation.answer_question(submission, form.cleaned_data["answer"])
            messages.success(request, _("Thank you: your answer is with the moderators."))
            return None
        return form, forms.WithdrawForm()
    form = forms.WithdrawForm(request.POST)
    if form.is_valid() and submission.status != "withdrawn":
        moderation.withdraw_submission(submission)
        messages.success(request, _("Withdrawn. Your name and e-mail address are erased."))
        return None
    return forms.AnswerForm(), form


@require_GET
def stories(request, as_data=False):
    """The published stories, newest first (all, or those that drew on `?practice=`); the
    same list as transfer records in JSON at stories.json (docs/data-format.md)."""
    language = translation.get_language()
    form = forms.StoriesForm(request.GET)
    items = Story.objects.all()
    if not form.is_valid():  # no practice has such a name: no story drew on it
        items = items.none()
    elif form.cleaned_data["practice"]:
        items = items.filter(pages__slug=form.cleaned_data["practice"]).distinct()
    stories = list(items.prefetch_related("pages").order_by("-published_at")[:MAX_STORIES])
    if as_data:
        return _stories_data(stories, language)
    for story in stories:
        story.where = presentation.story_place(story, language)
        story.record = presentation.transfer_record(story, language)
    practice = form.data.get("practice", "")
    context = {"stories": stories, "query": urlencode({"practice": practice}) if practice else ""}
    return render(request, "participation/stories.html", context)


def _stories_data(stories, language):
    ids = {page.id for story in stories for page in story.pages.all()}
    practices = {
        r["id"]: {"slug": r["slug"], "title": r["title"], "url": r["url"]}
        for r in records_for(sorted(ids), language)
    }
    data = [presentation.story_data(story, language, practices) for story in stories]
    response = JsonResponse({"stories": data}, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
