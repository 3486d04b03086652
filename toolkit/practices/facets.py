"""Every facet of a practice, described once.

A facet is what the catalogue filters and counts practices by. Each row of FACETS says all
that the rest of the code needs to know about one: its name in addresses, the index, the API
and the practice proposal form (`?sector=…`); the model field it is read from, which is also
its column in files and records (`sectors`); its label; the vocabulary its codes come from
(None: values of its own, such as country codes or years); whether a practice has one value
or several; the type of its values; whether it is a filter and whether it is exported.
Indexing, records, the import and export columns, the catalogue form, the API's filters and
the proposal form read this table, in this order, which is the order the catalogue shows the
facets in.

Adding a facet: the model field and its migration, then one row here (CONTRIBUTING.md)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from toolkit.lib import generation

from .vocabularies import VOCABULARIES, names_for

# The change token of everything derived from practices and their vocabularies: the index,
# the records, the names below (lib.generation; moved by signals.py after each commit).
GENERATION = "practices"
STATUS_CHOICES = [("ongoing", _("Ongoing")), ("ended", _("Ended"))]


@dataclass(frozen=True)
class Facet:
    name: str  # in addresses, the index, the API and forms: ?sector=vocational
    field: str  # the PracticePage field it is read from, and its column in files and records
    label: Promise
    vocabulary: str | None = None  # a key of VOCABULARIES; None: values of its own
    multiple: bool = False  # several values per practice (a many-to-many field)
    value_type: type = str  # what a value is in the index (a year is a number)
    filterable: bool = True  # indexed, counted and offered as a filter (catalogue, API)
    exported: bool = True  # a column of the files and a field of the records
    relates: bool = False  # practices sharing its values are "related" (search.related)
    standing: bool = False  # read from the practice's standing (standing.py), not its page

    def parse(self, text):
        """A value as it comes in a query string -> the value the index holds."""
        return self.value_type(text)


FACETS = (
    Facet("country", "country", _("Country")),
    Facet(
        "participation",
        "participation",
        _("Migrants' participation"),
        "participation",
        relates=True,
    ),
    Facet("evidence_type", "evidence_type", _("Evidence type"), "evidence_type"),
    Facet("evidence_strength", "evidence_strength", _("Evidence strength"), "evidence_strength"),
    Facet("status", "status", _("Status")),
    Facet("start_year", "start_year", _("Start year"), value_type=int),
    Facet("sector", "sectors", _("Education sector"), "sector", multiple=True, relates=True),
    Facet(
        "target_group",
        "target_groups",
        _("Target group"),
        "target_group",
        multiple=True,
        relates=True,
    ),
    Facet(
        "approach", "approaches", _("Advocacy approach"), "approach", multiple=True, relates=True
    ),
    Facet(
        "principle",
        "principles",
        _("Manifesto principle"),
        "principle",
        multiple=True,
        relates=True,
    ),
    Facet("language", "languages", _("Available in"), "language", multiple=True),
    # One value each ("yes"): what others found of the practice, not what its page says.
    Facet("adapted", "adapted", _("Adapted elsewhere"), exported=False, standing=True),
    Facet("reviewed", "reviewed", _("Reviewed"), exported=False, standing=True),
)
STANDING_NAMES = {
    "adapted": _("Adapted in at least one other place"),
    "reviewed": _("Reviewed against the published criteria"),
}
# Everything below reads FACETS when it is called, so that a row added is seen everywhere.


def get(name):
    return {facet.name: facet for facet in FACETS}[name]


def page_fields():
    """The PracticePage fields facets are read from (not the standing ones)."""
    return [facet.field for facet in FACETS if not facet.standing]


def labels():
    """{facet name: label}, in the order of the table."""
    return {facet.name: facet.label for facet in FACETS}


def filters():
    """The facets the catalogue indexes, counts and filters by."""
    return [facet for facet in FACETS if facet.filterable]


def vocabulary_columns(multiple):
    """{field: facet name} of the exported facets whose codes come from a vocabulary, with
    one value (`multiple=False`) or several: the codes of records and files."""
    return {facet.field: facet.name for facet in exported(multiple=multiple, vocabulary=True)}


def exported(multiple=None, vocabulary=None):
    """The facets in files and records (all, or only single or multiple ones, or only those
    whose codes come from a vocabulary)."""
    return [
        facet
        for facet in FACETS
        if facet.exported
        and (multiple is None or facet.multiple == multiple)
        and (vocabulary is None or bool(facet.vocabulary) == vocabulary)
    ]


_names = {}


def value_names(facet, language_code):
    """{code: display name} for one facet's values, in the reader's language. Vocabulary
    names are remembered until the vocabularies or practices change."""
    key = (facet, language_code)
    current = generation.current(GENERATION)
    cached = _names.get(key)
    if cached and cached[0] == current:
        return cached[1]
    names = _load_names(facet, language_code)
    _names[key] = (current, names)
    return names


def _load_names(facet, language_code):
    if facet == "country":
        with translation.override(language_code):
            return {code: str(name) for code, name in countries}
    if facet == "status":
        with translation.override(language_code):
            return {code: str(name) for code, name in STATUS_CHOICES}
    if facet in STANDING_NAMES:
        with translation.override(language_code):
            return {"yes": str(STANDING_NAMES[facet])}
    if facet not in VOCABULARIES:  # start_year: a year is its own name
        return {}
    return names_for(VOCABULARIES[facet], language_code)
