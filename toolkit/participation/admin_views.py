"""Moderation in the editors' interface: the queue (counts, filters, full text) and one
submission with its history and the decisions a moderator can take."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import moderation, presentation
from .models import KINDS, STATUSES, ModeratorSettings, Submission

PERMISSION = "participation.moderate_submission"


class QueueFilter(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *KINDS],
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Open")), ("all", gettext_lazy("All")), *STATUSES],
        required=False,
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("review", gettext_lazy("Take into review")),
            ("approve", gettext_lazy("Approve")),
            ("ask", gettext_lazy("Ask for information")),
            ("decline", gettext_lazy("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=gettext_lazy("Reason, question or note"),
        help_text=gettext_lazy("Needed to decline or ask; the submitter sees it."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    risks_cleared = forms.BooleanField(
        label=gettext_lazy("The risks the sender flagged are checked with them and cleared"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("ask", "decline") and not data.get("message"):
            self.add_error("message", _("Say why, or what you need to know."))
        return data


class DeliveryForm(forms.ModelForm):
    class Meta:
        model = ModeratorSettings
        fields = ["delivery"]


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def queue(request):
    _require(request)
    form = QueueFilter(request.GET)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    items = Submission.objects.all()
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    status = filters.get("status")
    if status != "all":
        items = (
            items.filter(status=status)
            if status
            else items.filter(status__in=["received", "in_review", "needs_info"])
        )
    if filters.get("q"):
        items = items.filter(Q(search_text__icontains=filters["q"]) | Q(reference=filters["q"]))
    page = Paginator(items.select_related("page"), 50).get_page(request.GET.get("page"))
    delivery, _created = ModeratorSettings.objects.get_or_create(user=request.user)
    context = {
        "form": form,
        "page_obj": page,
        "counts": _counts(),
        "delivery_form": DeliveryForm(instance=delivery),
    }
    return TemplateResponse(request, "participation/admin/queue.html", context)


def _counts():
    """A table kind × status, from one grouped query."""
    rows = Submission.objects.values("kind", "status").annotate(n=Count("id"))
    table = {(r["kind"], r["status"]): r["n"] for r in rows}
    return [
        {"kind": label, "cells": [table.get((kind, status), 0) for status, _l in STATUSES]}
        for kind, label in KINDS
    ], [label for _s, label in STATUSES]


def delivery(request):
    _require(request)
    settings_row, _created = ModeratorSettings.objects.get_or_create(user=request.user)
    form = DeliveryForm(request.POST, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail preference is saved."))
    return redirect("participation_admin:queue")


def detail(request, submission_id):
    _require(request)
    submission = get_object_or_404(Submission, id=submission_id)
    form = DecisionForm(request.POST or None)
    if not submission.answers.get("risks"):
        del form.fields["risks_cleared"]
    if request.method == "POST" and form.is_valid():
        try:
            _decide(submission, request.user, form.cleaned_data)
        except moderation.NotAllowed as reason:
            messages.error(request, _("Not possible: %(reason)s") % {"reason": reason})
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("participation_admin:detail", submission_id=submission.id)
    context = {
        "submission": submission,
        "form": form,
        "answers": presentation.answers(submission),
        "events": submission.events.select_related("actor"),
    }
    return TemplateResponse(request, "participation/admin/detail.html", context)


def _decide(submission, moderator, data):
    decision, message = data["decision"], data["message"]
    if decision == "review":
        moderation.take_into_review(submission, moderator)
    elif decision == "approve":
        cleared = data.get("risks_cleared", False)
        moderation.approve_submission(submission, moderator, message, cleared)
    elif decision == "ask":
        moderation.ask_for_information(submission, moderator, message)
    else:
        moderation.decline_submission(submission, moderator, message)
