"""A new practice, proposed by a visitor: the same fields and vocabularies as the catalogue,
and the practices it resembles, found by the catalogue's own search while it is filled in."""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from toolkit.practices import facets, search
from toolkit.practices.facets import value_names

from .forms import PublicForm, line, text
from .pages import country_choices


class PracticeForm(PublicForm):
    kind = "practice"
    title = line(_("Name of the practice"), required=True, limit=255)
    summary = text(_("Summary"), _("Two or three sentences, plain language."), True, 300, 3)
    description = text(_("What it is and how it works"), required=True, limit=20_000, rows=8)
    country = forms.ChoiceField(label=_("Country"))
    place = line(_("City or region"), limit=120)
    organisation = line(_("Organisation"), required=True)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    start_year = forms.IntegerField(label=_("Start year"), min_value=1900, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("ongoing", _("Ongoing")), ("ended", _("Ended"))],
        widget=forms.RadioSelect,
    )
    sectors = forms.MultipleChoiceField(label=_("Sectors"), widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), widget=forms.CheckboxSelectMultiple
    )
    approaches = forms.MultipleChoiceField(
        label=_("Advocacy approaches"), widget=forms.CheckboxSelectMultiple
    )
    principles = forms.MultipleChoiceField(
        label=_("Manifesto principles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    participation = forms.ChoiceField(label=_("How migrants take part"), widget=forms.RadioSelect)
    beneficiaries = text(_("Who else benefits"), limit=1_000, rows=3)
    results = text(_("Results and evidence"), limit=20_000)
    evidence_type = forms.ChoiceField(label=_("Type of evidence"), required=False)
    evidence_strength = forms.ChoiceField(label=_("Strength of evidence"), required=False)
    resources_needed = text(_("Resources needed"), limit=1_000, rows=3)
    transferability = text(_("What it takes to do it elsewhere"), limit=1_000, rows=3)
    contact = line(_("Public contact for the practice"), limit=300)
    languages = forms.MultipleChoiceField(
        label=_("Languages it is available in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_publish = forms.BooleanField(
        label=_(
            "I agree that, once checked by the editors, this practice is published in the "
            "catalogue under an open licence, without my name or e-mail address."
        ),
    )

    def setup_choices(self, language):
        self.fields["country"].choices = country_choices(language)
        # One field per facet with a vocabulary, named as its column (practices/facets.py).
        for facet in facets.exported(vocabulary=True):
            field = self.fields[facet.field]
            choices = list(value_names(facet.name, language).items())
            if not facet.multiple and not field.required:
                choices = [("", "—"), *choices]
            field.choices = choices

    def answers(self):
        """A record in the catalogue's import format (docs/data-format.md)."""
        data = super().answers()
        data.pop("consent_publish", None)
        data["description"] = paragraphs(data.get("description", ""))
        data["results"] = paragraphs(data.get("results", ""))
        data["start_year"] = str(data.get("start_year") or "")
        data["links"] = []
        return data


def paragraphs(plain):
    """A visitor's plain text as safe HTML paragraphs for the page's rich text."""
    blocks = [" ".join(b.split()) for b in plain.replace("\r", "").split("\n\n")]
    return "".join(f"<p>{escape(b)}</p>" for b in blocks if b)


def similar_practices(data, language, limit=3):
    """Published practices like the one being described (by its name and summary)."""
    words = " ".join(str(data.get(name, ""))[:300] for name in ("title", "summary"))
    # The longest words say most about a practice; each is searched on its own (search is AND).
    terms = sorted(set(search.query_terms(words)), key=len, reverse=True)[:4]
    if not terms:
        return []
    seen = []
    for term in terms:
        result = search.search(search.Query(text=term, per_page=limit), language)
        seen += [i for i in result.page_ids if i not in seen]
    return search.practice_cards(language, page_ids=seen[:limit])
