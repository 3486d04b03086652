"""Reviewing practices in the editors' interface: the list of practices with where each one's
review stands, and one practice's review page (the criteria, the reviews given so far, the
history, and the form to review it or to ask someone else)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import review
from .models import PracticePage, PracticeReview, PracticeStanding, ReviewEvent

SHOW = [
    ("", gettext_lazy("All practices")),
    ("mine", gettext_lazy("Waiting for my review")),
    ("open", gettext_lazy("Not reviewed yet")),
    ("reviewed", gettext_lazy("Reviewed")),
]


class ReviewFilter(forms.Form):
    show = forms.ChoiceField(label=gettext_lazy("Show"), choices=SHOW, required=False)
    q = forms.CharField(label=gettext_lazy("Title contains"), required=False, max_length=200)


class ReviewForm(forms.Form):
    """One choice and one justification per criterion, in the published order."""

    note = forms.CharField(
        label=gettext_lazy("Note for the other reviewers (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_reviewer = forms.ModelChoiceField(
        label=gettext_lazy("Ask for the next review"),
        help_text=gettext_lazy("They get an e-mail with a link to this page."),
        queryset=review.reviewers(),
        required=False,
        empty_label=gettext_lazy("Nobody for now"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_reviewer"].queryset = review.reviewers().exclude(pk=user.pk)
        for criterion in review.CRITERIA:
            self.fields[f"{criterion.code}_met"] = forms.ChoiceField(
                label=criterion.name,
                help_text=criterion.question,
                choices=[("yes", _("Met")), ("no", _("Not met"))],
                widget=forms.RadioSelect,
            )
            self.fields[f"{criterion.code}_why"] = forms.CharField(
                label=_("Why? (%(criterion)s)") % {"criterion": criterion.name},
                max_length=review.WHY_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([*self.criterion_fields(), "note", "next_reviewer"])

    def criterion_fields(self):
        return [f"{c.code}_{part}" for c in review.CRITERIA for part in ("met", "why")]

    def judgements(self):
        data = self.cleaned_data
        return {
            c.code: {"met": data[f"{c.code}_met"] == "yes", "why": data[f"{c.code}_why"]}
            for c in review.CRITERIA
        }


class RequestForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=gettext_lazy("Reviewer"), queryset=review.reviewers(), required=True
    )
    message = forms.CharField(
        label=gettext_lazy("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _require(request):
    if not request.user.has_perm(review.PERMISSION):
        raise PermissionDenied


def _practices(show, q, user):
    """One row per practice (by translation key): its default-language page, or the page of
    a practice that exists only in another language."""
    default = PracticePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    pages = PracticePage.objects.filter(
        Q(locale__language_code=settings.LANGUAGE_CODE)
        | ~Q(translation_key__in=default.values("translation_key"))
    )
    reviewed = PracticeStanding.objects.filter(reviewed_on__isnull=False)
    if show == "mine":
        pages = pages.filter(translation_key__in=review.waiting_for(user))
    elif show == "open":
        pages = pages.exclude(translation_key__in=reviewed.values("translation_key"))
    elif show == "reviewed":
        pages = pages.filter(translation_key__in=reviewed.values("translation_key"))
    if q:
        pages = pages.filter(title__icontains=q)
    return pages.order_by("title", "id")


def _rows(pages, user):
    keys = [page.translation_key for page in pages]
    marks = {
        s.translation_key: s for s in PracticeStanding.objects.filter(translation_key__in=keys)
    }
    people: dict = {}
    for key, reviewer_id, name in PracticeReview.objects.filter(
        translation_key__in=keys
    ).values_list("translation_key", "reviewer_id", "reviewer_name"):
        people.setdefault(key, set()).add(reviewer_id or f"name:{name}")
    waiting = review.waiting_for(user)
    return [
        {
            "page": page,
            "standing": marks.get(page.translation_key),
            "reviewers": len(people.get(page.translation_key, ())),
            "waiting": page.translation_key in waiting,
        }
        for page in pages
    ]


def review_list(request):
    _require(request)
    form = ReviewFilter(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    pages = _practices(filters.get("show", ""), filters.get("q", ""), request.user)
    page_obj = Paginator(pages, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": _rows(page_obj.object_list, request.user),
        "needed": review.REVIEWERS_NEEDED,
        "total": len(review.CRITERIA),
    }
    return TemplateResponse(request, "practices/admin/reviews.html", context)


def review_detail(request, page_id):
    _require(request)
    practice = get_object_or_404(PracticePage, id=page_id)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ReviewForm(request.POST if action == "review" else None, user=request.user)
    ask = RequestForm(request.POST if action == "request" else None)
    done = (action == "review" and form.is_valid() and _record(request, practice, form)) or (
        action == "request" and ask.is_valid() and _ask(request, practice, ask.cleaned_data)
    )
    if done:
        return redirect("practices_review", page_id=practice.id)
    return TemplateResponse(
        request, "practices/admin/review.html", _detail(request, practice, form, ask)
    )


def _record(request, practice, form):
    data = form.cleaned_data
    try:
        review.submit_review(
            practice, request.user, form.judgements(), data["note"], data["next_reviewer"]
        )
    except review.NotAllowed as reason:
        form.add_error(None, str(reason))
        return False
    messages.success(request, _("Your review is recorded."))
    return True


def _ask(request, practice, data):
    try:
        review.request_review(practice, request.user, data["reviewer"], data["message"])
    except review.NotAllowed as reason:
        messages.error(request, str(reason))
        return False
    messages.success(request, _("The review is requested."))
    return True


def _detail(request, practice, form, ask):
    key = practice.translation_key
    standing = PracticeStanding.objects.filter(translation_key=key).first()
    reviews = PracticeReview.objects.filter(translation_key=key).select_related("reviewer")
    return {
        "practice": practice,
        "standing": standing,
        "criteria_met": review.names(standing.criteria_met) if standing else [],
        "counted": len(review.latest_reviews(key)),
        "needed": review.REVIEWERS_NEEDED,
        "criteria": review.CRITERIA,
        "reviews": [(r, _judged(r)) for r in reviews],
        "events": ReviewEvent.objects.filter(translation_key=key).select_related(
            "actor", "recipient"
        ),
        "waiting": key in review.waiting_for(request.user),
        "form": form,
        "ask": ask,
    }


def _judged(given):
    return [(c, given.judgements.get(c.code, {})) for c in review.CRITERIA]
