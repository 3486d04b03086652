"""The planner's pages. A plan is reached only through its private link: every view that
shows or changes one takes the key from the URL, and every response about a plan is marked
private, not indexed, and sent without a Referer to other pages."""

import functools
import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail import hooks

from toolkit.lib import ratelimit
from toolkit.practices.search import practice_cards

from . import adapt, exports, plans, presentation, steps, story, suggestions
from .explanations import explanation
from .forms import AdaptForm, ChecklistForm, EmailForm, ImportForm, InspirationForm, RowsForm

logger = logging.getLogger(__name__)


def private(view):
    """For every page of a plan: the key is in the URL, so keep the URL to ourselves."""

    @functools.wraps(view)
    def wrapper(request, key, *args, **kwargs):
        plan = plans.find_plan(key)
        if plan is None:
            raise Http404
        response = view(request, plan, key, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        # Only our origin, never the path that holds the key. ("no-referrer" would make
        # browsers send `Origin: null` with the forms, which CSRF protection rightly refuses.)
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapper


def plan_url(key, slug=None):
    if slug:
        return reverse("planner:step", args=[key, slug])
    return reverse("planner:summary", args=[key])


@require_GET
def start(request):
    return render(
        request,
        "planner/start.html",
        {"steps": steps.STEPS, "import_form": ImportForm(), "in_planner": True},
    )


@require_http_methods(["GET", "POST"])
def new(request):
    if request.method == "GET":
        # A reload or a bookmark of the form's address: back to the page of the form.
        return redirect("planner:start")
    plan, key = plans.create_plan(translation.get_language())
    messages.success(request, _("Your plan is ready. Keep its private link: it is the only key."))
    return redirect(plan_url(key, steps.STEPS[0].slug))


@require_http_methods(["GET", "POST"])
def import_plan(request):
    if request.method == "GET":
        return redirect(reverse("planner:start") + "#import-title")
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            language, answers, inspirations, sources = exports.read_document(
                form.cleaned_data["file"].read()
            )
        except exports.ImportProblem as problem:
            for message in problem.problems:
                form.add_error("file", message)
        else:
            plan, key = plans.create_plan(language, answers, inspirations, sources)
            messages.success(request, _("The plan was imported. This is its new private link."))
            return redirect(plan_url(key))
    context = {"steps": steps.STEPS, "import_form": form, "in_planner": True}
    return render(request, "planner/start.html", context, status=400)


@private
@require_http_methods(["GET", "POST"])
def step_page(request, plan, key, slug):
    step = steps.get(slug)
    if step is None:
        raise Http404
    language = translation.get_language()
    if request.method == "POST":
        return _save_step(request, plan, key, step, language)
    rows = RowsForm(request.GET)
    extra = rows.cleaned_data["rows"] if rows.is_valid() and rows.cleaned_data["rows"] else 0
    form, tables = steps.unbound(step, plan.step_answers(slug), language, extra_rows=extra)
    return _render_step(request, plan, key, step, form, tables)


def _save_step(request, plan, key, step, language):
    action = request.POST.get("action", "save")
    inspiration = InspirationForm(request.POST).choice()
    if inspiration:
        # "Add as inspiration" is a button of this form: keep what was typed as a draft.
        action = "inspire"
        _inspire(request, plan, step, *inspiration)
    autosave = action == "autosave"
    form, tables = steps.bind(step, request.POST, language, strict=action == "save")
    if steps.is_valid(form, tables):
        try:
            plans.save_step(plan, step.slug, steps.answers_of(form, tables))
        except plans.PlanTooLarge:
            form.add_error(None, _("This plan is too large to be saved. Please shorten it."))
        else:
            return _after_save(request, key, step, action)
    if autosave:
        return JsonResponse({"saved": False, "message": _("Not saved yet: see the problems.")})
    return _render_step(request, plan, key, step, form, tables, status=400)


def _after_save(request, key, step, action):
    if action == "autosave":
        return JsonResponse({"saved": True, "message": _("All changes saved.")})
    if action == "more":
        return redirect(f"{plan_url(key, step.slug)}?rows=3#{next(iter(step.tables), 'main')}")
    if action == "inspire":
        return redirect(f"{plan_url(key, step.slug)}#inspirations")
    messages.success(request, _("“%(step)s” is saved.") % {"step": step.title})
    _previous, following = steps.neighbours(step)
    if action == "save" and following:
        return redirect(plan_url(key, following.slug))
    if action == "save":
        return redirect(plan_url(key))
    return redirect(plan_url(key, step.slug))


def _render_step(request, plan, key, step, form, tables, status=200):
    language = translation.get_language()
    previous, following = steps.neighbours(step)
    context = {
        "plan": plan,
        "key": key,
        "step": step,
        "total_steps": steps.TOTAL,
        "previous": previous,
        "following": following,
        "form": form,
        "tables": [
            {"name": name, "label": step.tables[name][1], "formset": formset}
            for name, formset in tables.items()
        ],
        "error_items": error_items(form, tables),
        "progress": presentation.progress(plan, language),
        "explanation": explanation(step, language),
        "suggestions": suggestions.suggest(step, plan.answers, language),
        "inspirations": _inspirations(plan, language, step.slug),
        "inspired": {i["practice"] for i in plan.inspirations if i["step"] == step.slug},
        "steps": steps.STEPS,
        "in_planner": True,
        **(presentation.pictures(plan) if step.slug == "decision-makers" else {}),
    }
    return render(request, "planner/step.html", context, status=status)


def error_items(form, tables):
    """Every problem on the page, each linking to its field, for the error summary."""
    items = [{"anchor": "", "text": error} for error in form.non_field_errors()]
    items += [
        {"anchor": anchor(form[name]), "text": f"{form[name].label}: {error}"}
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]
    for name, formset in tables.items():
        for error in formset.non_form_errors():
            items.append({"anchor": f"{name}-table", "text": error})
        for index, row in enumerate(formset.forms, start=1):
            for field, errors in row.errors.items():
                if field in row.fields:
                    label = _("Row %(row)s, %(field)s") % {"row": index, "field": row[field].label}
                    items += [
                        {"anchor": anchor(row[field]), "text": f"{label}: {e}"} for e in errors
                    ]
    return items


def anchor(bound_field):
    # A list of radios or checkboxes has no single id: point at its first choice.
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


def _inspirations(plan, language, step_slug=None):
    chosen = [i for i in plan.inspirations if step_slug in (None, i["step"])]
    cards = {c["slug"]: c for c in practice_cards(language, slugs=[i["practice"] for i in chosen])}
    return [{**item, "card": cards.get(item["practice"])} for item in chosen]


@private
@require_GET
def summary(request, plan, key):
    context = _plan_context(plan, key, translation.get_language())
    return render(request, "planner/summary.html", {**context, "email_form": EmailForm()})


def _plan_context(plan, key, language):
    """What the summary page and the PDF show: the same template partial renders both."""
    done = steps.completeness(plan.answers, language)
    return {
        "plan": plan,
        "key": key,
        "language": language,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "private_link": settings.BASE_URL + plan_url(key),
        # Each step's completeness is checked once, for both the sections and the progress.
        # Not "sections": that name is the site menu's, which base.html draws from it.
        "plan_sections": presentation.sections(plan, language, done),
        "progress": presentation.progress(plan, language, done),
        "inspirations": _inspirations(plan, language),
        "adapted": presentation.adapted(plan, language),
        "retention_days": settings.PLANNER_RETENTION_DAYS,
        "in_planner": True,
        **presentation.pictures(plan),
    }


def _inspire(request, plan, step, what, practice):
    if what == "remove":
        plans.remove_inspiration(plan, step.slug, practice)
        messages.success(request, _("The practice was removed from your inspirations."))
    elif practice_exists(practice):
        plans.add_inspiration(plan, step.slug, practice)
        messages.success(request, _("The practice was added to your inspirations."))


def practice_exists(slug):
    return bool(practice_cards(translation.get_language(), slugs=[slug]))


@private
@require_POST
def email_link(request, plan, key):
    form = EmailForm(request.POST)
    if form.is_valid():
        who = ratelimit.client_address(request)
        if not ratelimit.allow("planner-email", who, limit=5, seconds=3600):
            form.add_error("email", _("Too many e-mails from here. Please try again in an hour."))
        elif _send_link(plan, key, form.cleaned_data["email"]):
            messages.success(request, _("The link is on its way. Check your inbox."))
            return redirect(plan_url(key))
        else:
            form.add_error("email", _("The e-mail could not be sent. Please copy the link."))
    context = _plan_context(plan, key, translation.get_language())
    return render(request, "planner/summary.html", {**context, "email_form": form}, status=400)


def _send_link(plan, key, address):
    with translation.override(plan.language):
        subject = _("Your campaign plan: %(title)s") % {"title": plan.title or _("Untitled plan")}
        body = _(
            "Here is the private link to your campaign plan:\n\n%(link)s\n\n"
            "Anyone with this link can read and change the plan. Keep it safe, and share it "
            "only with your team.\n"
        ) % {"link": settings.BASE_URL + plan_url(key)}
    try:
        # A title may hold any line break (\r, U+2028): none may reach a mail header.
        send_mail(" ".join(subject.split())[:200], body, None, [address])
    except Exception:
        logger.exception("planner: the link e-mail could not be sent")
        return False
    return True


@private
@require_http_methods(["GET", "POST"])
def forget(request, plan, key):
    if request.method == "POST":
        plans.forget_plan(plan)
        messages.success(request, _("Your plan has been deleted. Nothing of it is kept."))
        return redirect("planner:start")
    return render(request, "planner/forget.html", {"plan": plan, "key": key, "in_planner": True})


@private
@require_GET
def export(request, plan, key, kind):
    name = slugify(plan.title)[:60] or "plan"
    if kind == "json":
        body, content_type = exports.as_json(plan), "application/json; charset=utf-8"
    elif kind == "md":
        body, content_type = exports.as_markdown(plan), "text/markdown; charset=utf-8"
    elif kind == "docx":
        body = exports.as_docx(plan)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        with translation.override(plan.language):
            context = _plan_context(plan, key, plan.language)
        body, content_type = exports.as_pdf(plan, context), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _practice_or_404(slug, language):
    cards = practice_cards(language, slugs=[slug])
    if not cards:
        raise Http404
    return cards[0]


@require_http_methods(["GET", "POST"])
def adapt_practice(request, slug):
    """What of a practice would go into a plan, shown first; then a new plan from it, or the
    visitor's own plan (by its private link) with it added."""
    language = translation.get_language()
    record = _practice_or_404(slug, language)
    proposed = adapt.proposed_answers(record)
    form = AdaptForm(request.POST if "link" in request.POST else None)
    if request.method == "POST" and request.POST.get("action") == "new":
        plan, key = plans.create_plan(language)
        return _adapted(request, plan, key, record, proposed, new=True)
    if form.is_bound and form.is_valid():
        plan = plans.find_plan(form.cleaned_data["link"])
        if plan is not None:
            return _adapted(request, plan, form.cleaned_data["link"], record, proposed)
        form.add_error("link", _("No plan has this private link. It may have been deleted."))
    context = {
        "practice": record,
        "proposed": adapt.shown(proposed, language),
        "checks": adapt.checklist(record),
        "form": form,
        "in_planner": True,
    }
    return render(request, "planner/adapt.html", context, status=400 if form.errors else 200)


def _adapted(request, plan, key, record, proposed, new=False):
    answers, changed = adapt.merge(plan.answers, proposed)
    source = {"practice": record["slug"], "title": record["title"]}
    try:
        plans.adapt_practice(plan, answers, source, adapt.checklist(record))
    except plans.PlanTooLarge:
        messages.error(request, _("This plan is too large to be saved. Please shorten it."))
        return redirect(plan_url(key))
    if new:
        messages.success(
            request, _("Your plan is ready. Keep its private link: it is the only key.")
        )
    else:
        messages.success(
            request,
            _("The practice is in your plan: %(count)s answers added, yours kept.")
            % {"count": len(changed)},
        )
    return redirect(reverse("planner:checklist", args=[key, record["slug"]]))


@private
@require_http_methods(["GET", "POST"])
def checklist(request, plan, key, slug):
    source = next((s for s in plan.sources if s["practice"] == slug), None)
    if source is None:
        raise Http404
    form = ChecklistForm(request.POST or None, checks=source["checks"])
    if form.is_valid():
        plans.answer_checks(plan, slug, form.given())
        messages.success(request, _("Your answers to the checklist are saved."))
        return redirect(plan_url(key) + "#adapted")
    context = {
        "plan": plan,
        "key": key,
        "source": source,
        "card": next(iter(practice_cards(translation.get_language(), slugs=[slug])), None),
        "form": form,
        "steps": steps.STEPS,
        "progress": presentation.progress(plan, translation.get_language()),
        "in_planner": True,
    }
    return render(request, "planner/checklist.html", context, status=400 if form.errors else 200)


@private
@require_GET
def report_back(request, plan, key):
    """What of the plan can start a story of use, each with a tick box; the form goes to the
    story form, which shows the ticked values for the visitor to change and send."""
    context = {
        "plan": plan,
        "key": key,
        "lines": story.shown(plan, translation.get_language()),
        "story_form": _story_form_address(),
        "steps": steps.STEPS,
        "progress": presentation.progress(plan, translation.get_language()),
        "in_planner": True,
    }
    return render(request, "planner/report_back.html", context)


def _story_form_address():
    """The story form's address, from the app that has it (hook `toolkit_link_targets`)."""
    for provider in hooks.get_hooks("toolkit_link_targets"):
        target = provider().get("story-form")
        if target:
            return f"/{translation.get_language()}{target}"
    raise Http404
