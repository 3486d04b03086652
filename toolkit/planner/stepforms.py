"""The planner's step forms, one per step of the campaign (steps.py puts them in order), with
the rows of their tables."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .formbase import (
    ROW_TEXT,
    SCALE,
    RowForm,
    StepForm,
    country_choices,
    date_field,
    long_text,
    short_text,
    vocabulary_choices,
)


class ContextForm(StepForm):
    needed = ("title", "role", "target_groups")
    title = short_text(
        _("Name of your plan"), _("For example: Italian classes for every adult"), 200
    )
    organisation = short_text(_("Your organisation or group"))
    role = long_text(
        _("Your organisation's role"),
        _("What you do, for whom, and why people would listen to you on this issue."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    place = short_text(_("City or region"), _("Leave empty for a national or European campaign."))
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        help_text=_("The people whose education or training you want to change."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def setup_choices(self, language):
        self.fields["country"].choices = country_choices(language)
        self.fields["sectors"].choices = vocabulary_choices("sector", language)
        self.fields["target_groups"].choices = vocabulary_choices("target_group", language)


class ProblemForm(StepForm):
    needed = ("problem", "rights", "affected")
    problem = long_text(
        _("The problem"),
        _("What is wrong, where, and since when. Describe the situation, not the solution."),
    )
    causes = long_text(_("Its causes"), _("Why it happens: rules, practices, money, attitudes."))
    rights = long_text(
        _("The rights at stake"),
        _("Which rights are denied or limited, for example the right to education."),
    )
    affected = long_text(
        _("Who is affected, and how"),
        _("Say which groups, how many people, and what it costs them."),
    )
    evidence = long_text(
        _("Evidence you have or need"),
        _("Figures, studies, testimonies (with consent), complaints, and what is still missing."),
    )


class ObjectiveRow(RowForm):
    main = "objective"
    needed = ("deadline",)
    objective = short_text(_("Objective"), limit=ROW_TEXT)
    measure = short_text(_("How you will know it is reached"), limit=ROW_TEXT)
    deadline = date_field(_("By when"))


class GoalForm(StepForm):
    needed = ("goal",)
    goal = long_text(_("Your goal"), _("The long-term change you want, in one or two sentences."))


class StakeholderRow(RowForm):
    KINDS = [("decision-maker", _("Decision-maker")), ("influencer", _("Influencer"))]
    POSITIONS = [
        ("unknown", _("Not known yet")),
        ("supportive", _("Supportive")),
        ("neutral", _("Neutral")),
        ("opposed", _("Opposed")),
    ]
    main = "name"
    needed = ("power", "interest")
    name = short_text(_("Person or body"), limit=300)
    kind = forms.ChoiceField(
        label=_("Role in the decision"), choices=KINDS, required=False, initial="decision-maker"
    )
    power = forms.TypedChoiceField(
        label=_("Power (1 low – 5 high)"),
        choices=[("", "—"), *SCALE],
        coerce=int,
        required=False,
        empty_value=None,
    )
    interest = forms.TypedChoiceField(
        label=_("Interest (1 low – 5 high)"),
        choices=[("", "—"), *SCALE],
        coerce=int,
        required=False,
        empty_value=None,
    )
    position = forms.ChoiceField(
        label=_("Position"), choices=POSITIONS, required=False, initial="unknown"
    )
    notes = short_text(_("What they can decide, what moves them"), limit=ROW_TEXT)


class DecisionMakersForm(StepForm):
    needed = ()
    key_decision = long_text(
        _("The decision you need"), _("Which decision, by whom, and through which procedure.")
    )


class AlliesForm(StepForm):
    needed = ("allies", "participation_level", "participation_roles")
    allies = long_text(_("Allies"), _("Who already agrees with you and could act with you."))
    opponents = long_text(_("Opponents"), _("Who may resist, and why."))
    coalition = long_text(
        _("Your coalition"), _("Who joins, who does what, how you decide together.")
    )
    participation_level = forms.ChoiceField(
        label=_("How migrants take part"),
        help_text=_("Never for me, without me: the people affected take part in the campaign."),
        required=False,
        widget=forms.RadioSelect,
    )
    participation_roles = long_text(
        _("Their concrete roles"),
        _("Who decides, speaks, organises; how you share leadership, pay and credit."),
    )

    def setup_choices(self, language):
        self.fields["participation_level"].choices = vocabulary_choices("participation", language)


class MessageRow(RowForm):
    main = "audience"
    needed = ("message", "messenger")
    audience = short_text(_("Audience"), limit=300)
    message = short_text(_("Core message"), limit=ROW_TEXT)
    messenger = short_text(_("Messenger"), limit=300)
    ask = short_text(_("What you ask them to do"), limit=ROW_TEXT)


class MessagesForm(StepForm):
    needed = ("shared_benefit",)
    shared_benefit = long_text(
        _("The shared benefit"),
        _("For you is also for me: how the change helps people who are not migrants too."),
    )


TACTICS = [
    ("meetings", _("Meetings with decision-makers"), "lobbying"),
    ("consultation", _("Responses to public consultations"), "lobbying"),
    ("policy-brief", _("A policy brief or position paper"), "research-and-evidence"),
    ("research", _("Research, a survey or data collection"), "research-and-evidence"),
    ("testimonies", _("Testimonies and stories told by migrants"), "storytelling"),
    ("media", _("Media work: press, radio, opinion pieces"), "awareness-raising"),
    ("public-event", _("A public event, exhibition or open day"), "awareness-raising"),
    ("social-media", _("A social media campaign"), "campaigning"),
    ("petition", _("A petition or open letter"), "campaigning"),
    ("coalition-statement", _("A joint statement of a coalition"), "coalition-building"),
    ("co-design", _("Co-design workshops with the people affected"), "participatory-co-design"),
    ("training", _("Training for professionals"), "training-of-professionals"),
    ("pilot", _("A pilot of a new service"), "service-innovation"),
    ("complaint", _("A complaint, the ombudsman or legal action"), "legal-action"),
]
TACTIC_APPROACH = {code: approach for code, _name, approach in TACTICS}


class WindowRow(RowForm):
    main = "event"
    needed = ("date",)
    event = short_text(_("Policy window or key date"), limit=300)
    date = date_field(_("Date"))


class TacticsForm(StepForm):
    needed = ("tactics",)
    tactics = forms.MultipleChoiceField(
        label=_("Tactics"),
        choices=[(code, name) for code, name, _approach in TACTICS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    timing = long_text(
        _("Timing"), _("The order of your actions, and why now: budgets, elections, school year.")
    )


class RiskRow(RowForm):
    # Separate words for each: "likelihood" and "impact" have different genders in many
    # languages, and so do their adjectives.
    LIKELIHOODS = [
        ("low", pgettext_lazy("likelihood", "Low")),
        ("medium", pgettext_lazy("likelihood", "Medium")),
        ("high", pgettext_lazy("likelihood", "High")),
    ]
    IMPACTS = [
        ("low", pgettext_lazy("impact", "Low")),
        ("medium", pgettext_lazy("impact", "Medium")),
        ("high", pgettext_lazy("impact", "High")),
    ]
    main = "risk"
    needed = ("mitigation",)
    risk = short_text(_("Risk"), limit=ROW_TEXT)
    likelihood = forms.ChoiceField(
        label=_("Likelihood"), choices=[("", "—"), *LIKELIHOODS], required=False
    )
    impact = forms.ChoiceField(label=_("Impact"), choices=[("", "—"), *IMPACTS], required=False)
    mitigation = short_text(_("What you will do about it"), limit=ROW_TEXT)


class ResourcesForm(StepForm):
    needed = ("resources", "legal_status", "exposure", "consent")
    resources = long_text(_("Resources"), _("People, time, money, skills and what you still need."))
    legal_status = long_text(
        _("Legal status"),
        _(
            "Could taking part put anyone's residence, asylum claim or job at risk? "
            "How you avoid it."
        ),
    )
    exposure = long_text(
        _("Exposure"),
        _("Names, faces, places and online visibility: who is shown, and how you protect them."),
    )
    consent = long_text(
        _("Consent"),
        _(
            "How people agree to take part and to be quoted, in a language they understand, and "
            "how they can withdraw."
        ),
    )


class ActivityRow(RowForm):
    STATUSES = [
        ("planned", _("Planned")),
        ("in-progress", _("In progress")),
        ("done", _("Done")),
        ("blocked", _("Blocked")),
    ]
    main = "activity"
    needed = ("owner", "due")
    activity = short_text(_("Activity"), limit=ROW_TEXT)
    owner = short_text(_("Owner"), limit=300)
    due = date_field(_("Due date"))
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUSES, required=False, initial="planned"
    )


class ActionForm(StepForm):
    needed = ()
    notes = long_text(_("Notes on the plan"), _("Dependencies, meetings, who to tell."))


class IndicatorRow(RowForm):
    main = "indicator"
    needed = ("target", "method")
    indicator = short_text(_("Indicator"), limit=ROW_TEXT)
    baseline = short_text(_("Baseline"), limit=ROW_TEXT)
    target = short_text(_("Target"), limit=ROW_TEXT)
    method = short_text(_("How it is measured"), limit=ROW_TEXT)
    when = short_text(_("When"), limit=300)


class LearningForm(StepForm):
    needed = ()
    learning = long_text(
        _("Learning"),
        _("When you will stop to reflect, with whom, and how you share what you learn."),
    )
