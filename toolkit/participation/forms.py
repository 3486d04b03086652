"""The public forms. Each one: size limits on every field, the consent wording of its purpose,
and two spam traps (a hidden field and a time stamp) that never ask anything of people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.lib import antispam

from .pages import country_choices, page_choices, practice_choices, vocabulary_choices

TEXT = 5_000


def text(label, help_text="", required=False, limit=TEXT, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def line(label, help_text="", required=False, limit=200):
    return forms.CharField(label=label, help_text=help_text, required=required, max_length=limit)


class PublicForm(forms.Form):
    """Spam traps and the contact fields every form shares."""

    kind = ""
    personal = ("name", "email")
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    name = line(_("Your name"), _("Optional."))
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Optional: we use it only to confirm receipt and to ask about this."),
        required=False,
        max_length=254,
    )

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        if not self.is_bound:
            self.initial["started"] = antispam.issue()
        self.setup_choices(language)

    def setup_choices(self, language):
        pass

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def trap(self):
        """Why the spam traps caught this post, or None."""
        return antispam.check(self.data.get("started"), self.data.get(antispam.HONEYPOT))

    def answers(self):
        skip = {"homepage", "started", *self.personal}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class FeedbackForm(PublicForm):
    kind = "feedback"
    personal = ()
    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    useful = forms.ChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    comment = text(_("What could be better? (optional)"), rows=4, limit=2_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["name"], self.fields["email"]


class ProposalForm(PublicForm):
    kind = "proposal"
    page = forms.TypedChoiceField(
        label=_("Which part of the toolkit"), coerce=int, required=False, empty_value=None
    )
    change = text(_("What should change?"), required=True)
    reason = text(_("Why?"), _("What you have seen in your work, or who would benefit."))

    def setup_choices(self, language):
        self.fields["page"].choices = [("", _("The toolkit in general")), *page_choices(language)]


STORY_OUTCOMES = [
    ("started", _("Started")),
    ("running", _("Running")),
    ("achieved", _("Achieved a change")),
    ("stopped", _("Stopped")),
]


STORY_RISKS = [
    ("identifiable", _("Someone could be identified from it")),
    ("residence", _("Someone's residence status or asylum claim could be at stake")),
]


class StoryForm(PublicForm):
    kind = "story"
    title = line(_("A title for your story"), required=True)
    what = text(_("What did you do?"), required=True)
    country = forms.ChoiceField(label=_("Country"), required=False)
    place = line(_("City or region"))
    with_whom = text(_("With whom?"), _("Organisations, groups, partners."), rows=3)
    pages = forms.TypedMultipleChoiceField(
        label=_("Which chapters or recommendations helped"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    practices = forms.MultipleChoiceField(
        label=_("Which practices inspired you"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.MultipleChoiceField(
        label=_("In which sectors"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("For whom"), required=False, widget=forms.CheckboxSelectMultiple
    )
    adapted = text(
        _("What did you adapt?"),
        _("What you changed from the practices that inspired you, so that it fits your place."),
        rows=3,
    )
    change = text(_("What changed?"), required=True)
    outcome = forms.ChoiceField(
        label=_("Where it stands now"),
        choices=STORY_OUTCOMES,
        required=False,
        widget=forms.RadioSelect,
    )
    outcome_why = text(_("Why, in a few words"), rows=2, limit=1_000)
    migrants_took_part = forms.ChoiceField(
        label=_("Did migrants take part?"),
        choices=[("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    participation = text(_("How did they take part?"), rows=3)
    co_decided = text(
        _("Who from the affected community decided with you?"),
        _("Roles, not names: for example, two mothers who attend the classes."),
        rows=2,
        limit=1_000,
    )
    anonymous = forms.BooleanField(label=_("Publish my story without my name"), required=False)
    country_only = forms.BooleanField(
        label=_("Publish only the country, not the city or region"), required=False
    )
    risks = forms.MultipleChoiceField(
        label=_("Could publishing this story put someone at risk?"),
        help_text=_("If so, a moderator checks it with you before anything is published."),
        choices=STORY_RISKS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_publish = forms.BooleanField(
        label=_(
            "I agree that this story is published on this site, with my name unless I "
            "chose otherwise, and never with my e-mail address."
        ),
        required=True,
    )

    def setup_choices(self, language):
        self.fields["country"].choices = country_choices(language)
        self.fields["pages"].choices = page_choices(language, practices=False)
        self.fields["practices"].choices = practice_choices(language)
        self.fields["sectors"].choices = vocabulary_choices("sector", language)
        self.fields["target_groups"].choices = vocabulary_choices("target_group", language)

    def prefill(self, values):
        """Show `values` (from a plan, chosen by the visitor) as the form's first answers:
        only fields of this form, only values its choices allow, nothing checked yet."""
        for name, value in values.items():
            field = self.fields.get(name)
            if field is None or name in ("consent_publish", "anonymous", "risks", *self.personal):
                continue
            if isinstance(field, forms.MultipleChoiceField):
                allowed = {str(code) for code, _label in field.choices}
                value = [v for v in value if str(v) in allowed] if isinstance(value, list) else []
            elif not isinstance(value, str):
                continue
            self.initial[name] = value


class ContactForm(PublicForm):
    kind = "contact"
    subject = line(_("Subject"), required=True)
    message = text(_("Your message"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("We use it only to answer you.")


class AnswerForm(forms.Form):
    answer = text(_("Your answer"), required=True)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw my submission and erase my name and e-mail address"),
        required=True,
    )


class StoriesForm(forms.Form):
    """The stories page's query string (and its JSON twin's): only the stories that drew on
    one practice, by its address name (`?practice=bologna-italian-classes`)."""

    practice = forms.SlugField(max_length=255, required=False)
