from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from toolkit.chapters.models import HomePage
from toolkit.chapters.navigation import reading_order
from toolkit.practices.models import PracticePage
from toolkit.practices.query import run_query

MAX_FROM_VIEW = 200


def chapter_choices(language):
    """[(page id, title, level)] in reading order: the pages one can pick."""
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        return []
    return [(p.id, p.title, 1 if p.depth <= home.depth + 1 else 2) for p in reading_order(home)]


class SelectionForm(forms.Form):
    """What goes into "my toolkit": chapters (with everything under them), single pages such
    as one recommendation, and practices, picked one by one or as a catalogue view."""

    page = forms.TypedMultipleChoiceField(
        label=_("Chapters and recommendations"), coerce=int, required=False
    )
    practice = forms.MultipleChoiceField(label=_("Good practices"), required=False)
    view = forms.CharField(
        label=_("Practices of a catalogue view"),
        required=False,
        max_length=1000,
        widget=forms.HiddenInput,
    )

    def __init__(self, data, language, **kwargs):
        super().__init__(data, **kwargs)
        self.language = language
        self.chapters = chapter_choices(language)
        self.fields["page"].choices = [(pid, title) for pid, title, _level in self.chapters]
        slugs = (
            PracticePage.objects.live()
            .filter(locale__language_code=language)
            .order_by("title")
            .values_list("slug", "title")
        )
        self.fields["practice"].choices = list(slugs)

    def clean(self):
        data = super().clean()
        if not data.get("page") and not data.get("practice") and not data.get("view"):
            raise forms.ValidationError(_("Choose at least one chapter or practice."))
        return data

    def selected_pages(self):
        """Chosen page ids, each chapter with the pages under it (its principles, steps...)."""
        chosen = set(self.cleaned_data.get("page") or [])
        if not chosen:
            return set()
        paths = Page.objects.filter(id__in=chosen).values_list("path", flat=True)
        ids = set(chosen)
        for path in paths:
            ids |= set(Page.objects.filter(path__startswith=path).values_list("id", flat=True))
        return ids

    def selected_practices(self):
        slugs = list(self.cleaned_data.get("practice") or [])
        ids = list(
            PracticePage.objects.live()
            .filter(slug__in=slugs, locale__language_code=self.language)
            .order_by("title")
            .values_list("id", flat=True)
        )
        if self.cleaned_data.get("view"):
            _form, _query, result = run_query(
                QueryDict(self.cleaned_data["view"]), self.language, per_page=MAX_FROM_VIEW
            )
            ids += [i for i in result.page_ids if i not in ids]
        return ids

    def view_slugs_from(self, params):
        """Slugs of the practices of a catalogue view (`?view=<its query string>`)."""
        view = params.get("view", "")[:1000]
        if not view:
            return []
        _form, _query, result = run_query(QueryDict(view), self.language, per_page=MAX_FROM_VIEW)
        return list(
            PracticePage.objects.filter(id__in=result.page_ids).values_list("slug", flat=True)
        )
