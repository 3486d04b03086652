"""Building the catalogue's in-memory index from the database (see search.py)."""

from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.utils.html import strip_tags
from wagtail.models import Locale

from toolkit.lib.searchtext import WORD_RE, fold
from toolkit.lib.stemming import stem, variants

from . import facets
from .models import PracticePage, PracticeStanding
from .vocabularies import VOCABULARIES

K1, B = 1.2, 0.75
MAX_PREFIX_EXPANSION = 64
# (field, weight): a word in the title says more about a practice than one in its results.
TEXT_FIELDS = [
    ("title", 5),
    ("summary", 3),
    ("organisation", 2),
    ("place", 2),
    ("description", 1),
    ("beneficiaries", 1),
    ("results", 1),
    ("transferability", 1),
]
# The names of a practice's facet values (sector, target group, approach, country …) are
# words about it too: "refugees" finds a practice for refugees that its prose never calls so.
# As much as its organisation or place; the English names weigh less in other languages (so
# English words find a page not yet translated, without outranking the reader's language).
LABEL_WEIGHT, SOURCE_LABEL_WEIGHT = 2, 1


def single_facets():
    """Facets read from the practice's own row: facet -> the column the ORM reads (a code)."""
    return {
        facet.name: f"{facet.field}__code" if facet.vocabulary else facet.field
        for facet in facets.filters()
        if not facet.multiple and not facet.standing
    }


def multi_facets():
    """Facets with several values: facet -> (many-to-many field, the term's field in its
    table)."""
    return {
        facet.name: (facet.field, getattr(PracticePage, facet.field).rel.model._meta.model_name)
        for facet in facets.filters()
        if facet.multiple
    }


@dataclass
class FacetColumn:
    values: list  # value codes, in display order
    position: dict  # code -> value id
    docs: np.ndarray  # int32 document numbers
    value_ids: np.ndarray  # int32, parallel to docs


class TextPostings:
    """Stems -> (documents, BM25 weights), stored as one sorted CSR structure."""

    def __init__(self, language, vocabulary, offsets, docs, weights):
        self.language = language
        self.vocabulary = vocabulary  # stem -> term id
        self.sorted_terms = sorted(vocabulary)
        self.offsets, self.docs, self.weights = offsets, docs, weights

    def score(self, term_id):
        start, end = self.offsets[term_id], self.offsets[term_id + 1]
        return self.docs[start:end], self.weights[start:end]

    def expand(self, words, prefix_last=True):
        """Each word -> term ids: its stem; the last word also every term it begins."""
        groups = []
        for position, word in enumerate(words):
            ids = {
                self.vocabulary[s] for s in variants(word, self.language) if s in self.vocabulary
            }
            if prefix_last and position == len(words) - 1 and len(word) >= 2:
                ids |= set(self._prefixed(word))
            groups.append(ids)
        return groups

    def _prefixed(self, prefix):
        start = bisect_left(self.sorted_terms, prefix)
        for term in self.sorted_terms[start : start + MAX_PREFIX_EXPANSION]:
            if not term.startswith(prefix):
                break
            yield self.vocabulary[term]


@dataclass
class Index:
    language: str
    size: int
    page_ids: np.ndarray
    text: TextPostings
    facets: dict
    title_rank: np.ndarray
    newest_key: np.ndarray
    adapted_key: np.ndarray  # most places adapted first, then by title
    titles: list
    translation_keys: list  # shared by a page, its translations and its aliases
    source_positions: tuple | None = None  # (source index, its docs here): see search.py


def build(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = PracticePage.objects.live().public()
    pages = pages.filter(locale=locale) if locale else pages.none()
    columns = [
        "id",
        *[name for name, _ in TEXT_FIELDS],
        *single_facets().values(),
        "translation_key",
    ]
    rows = list(pages.order_by("id").values_list(*columns))
    position = {row[0]: number for number, row in enumerate(rows)}
    pairs = _single_pairs(rows, len(TEXT_FIELDS) + 1) | _multi_pairs(pages, position)
    text = _build_text(rows, language_code, _labels(pairs, len(rows), language_code))
    standing, places = _standing_pairs([row[-1] for row in rows])
    pairs |= standing
    facet_columns = {name: _column(found, _vocabulary_codes(name)) for name, found in pairs.items()}
    years = np.array([row[columns.index("start_year")] or 0 for row in rows], dtype=np.int64)
    title_rank = _title_ranks([row[1] for row in rows])
    return Index(
        language=language_code,
        size=len(rows),
        page_ids=np.array([row[0] for row in rows], dtype=np.int64),
        text=text,
        facets=facet_columns,
        title_rank=title_rank,
        newest_key=(10_000 - years) * (len(rows) + 1) + title_rank,
        adapted_key=-places * (len(rows) + 1) + title_rank,
        titles=[row[1] for row in rows],
        translation_keys=[row[-1] for row in rows],
    )


def _title_ranks(titles):
    order = sorted(range(len(titles)), key=lambda i: fold(titles[i] or ""))
    ranks = np.empty(len(titles), dtype=np.int64)
    ranks[order] = np.arange(len(titles))
    return ranks


def _labels(pairs, size, language):
    """For each document, [(the names of its facet values, weight)]: in this language and,
    in another language than the source, in the source language too."""
    source = settings.LANGUAGE_CODE
    weights = {language: LABEL_WEIGHT}
    if language != source:
        weights[source] = SOURCE_LABEL_WEIGHT
    labels = [[] for _ in range(size)]
    for name, found in pairs.items():
        for code, weight in weights.items():
            names = facets.value_names(name, code)
            for doc, value in found:
                if value in names:
                    labels[doc].append((names[value], weight))
    return labels


def _build_text(rows, language, labels):
    stems, vocabulary = {}, {}
    term_ids, doc_ids, freqs, lengths = array("i"), array("i"), array("f"), []
    for number, row in enumerate(rows):
        counts, length = Counter(), 0
        fields = [(weight, value) for (_, weight), value in zip(TEXT_FIELDS, row[1:], strict=False)]
        for weight, value in fields + [(weight, name) for name, weight in labels[number]]:
            for word in WORD_RE.findall(strip_tags(value or "").casefold()):
                token = stems.get(word)
                if token is None:
                    token = stems[word] = stem(word, language)
                counts[token] += weight
                length += 1
        lengths.append(max(length, 1))
        for token, frequency in counts.items():
            term_ids.append(vocabulary.setdefault(token, len(vocabulary)))
            doc_ids.append(number)
            freqs.append(frequency)
    return _postings(language, vocabulary, term_ids, doc_ids, freqs, lengths)


def _postings(language, vocabulary, term_ids, doc_ids, freqs, lengths):
    terms = np.frombuffer(term_ids, dtype=np.int32) if term_ids else np.zeros(0, np.int32)
    docs = np.frombuffer(doc_ids, dtype=np.int32) if doc_ids else np.zeros(0, np.int32)
    tf = np.frombuffer(freqs, dtype=np.float32) if freqs else np.zeros(0, np.float32)
    order = np.argsort(terms, kind="stable")
    terms, docs, tf = terms[order], docs[order], tf[order]
    offsets = np.searchsorted(terms, np.arange(len(vocabulary) + 1)).astype(np.int64)
    doc_len = np.array(lengths, dtype=np.float32)
    count = max(len(lengths), 1)
    document_frequency = np.diff(offsets).astype(np.float32)
    idf = np.log(1 + (count - document_frequency + 0.5) / (document_frequency + 0.5))
    norm = K1 * (1 - B + B * doc_len[docs] / (doc_len.mean() if len(doc_len) else 1.0))
    weights = (idf[terms] * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
    return TextPostings(language, vocabulary, offsets, docs.copy(), weights)


def _column(pairs, vocabulary=()):
    """(document, code) pairs -> FacetColumn. Every vocabulary term is a value even with no
    practice (shown disabled, never hidden); other values are sorted."""
    found = {code for _, code in pairs if code not in (None, "")}
    values = list(vocabulary) + sorted(found - set(vocabulary), key=_sort_key)
    position = {code: number for number, code in enumerate(values)}
    kept = [(doc, position[code]) for doc, code in pairs if code in position]
    docs = np.array([doc for doc, _ in kept], dtype=np.int32)
    value_ids = np.array([value for _, value in kept], dtype=np.int32)
    return FacetColumn(values=values, position=position, docs=docs, value_ids=value_ids)


def _sort_key(code):
    return (0, -code, "") if isinstance(code, int) else (1, 0, str(code))


def _vocabulary_codes(name):
    if facets.get(name).standing:
        return ["yes"]
    if name == "status":
        return [code for code, _ in facets.STATUS_CHOICES]
    model = VOCABULARIES.get(facets.get(name).vocabulary)
    if model is None:
        return []
    return list(model.objects.filter(locale=Locale.get_default()).values_list("code", flat=True))


def _single_pairs(rows, first_column):
    """{facet: [(document, code)]} of the facets with one value, read from the rows."""
    return {
        name: [(number, row[first_column + offset]) for number, row in enumerate(rows)]
        for offset, name in enumerate(single_facets())
    }


def _standing_pairs(translation_keys):
    """({facet: [(document, "yes")]} of the standing facets, the places each document was
    adapted in), read from the standing rows of these translation keys."""
    rows = {
        key: (places, reviewed)
        for key, places, reviewed in PracticeStanding.objects.filter(
            translation_key__in=set(translation_keys)
        ).values_list("translation_key", "adapted_places", "reviewed_on")
    }
    found = [rows.get(key, (0, None)) for key in translation_keys]
    places = np.array([count for count, _ in found], dtype=np.int64)
    adapted = [(doc, "yes") for doc in np.flatnonzero(places).tolist()]
    reviewed = [(doc, "yes") for doc, (_, day) in enumerate(found) if day]
    return {"adapted": adapted, "reviewed": reviewed}, places


def _multi_pairs(pages, position):
    """{facet: [(document, code)]} of the facets with several values."""
    found = {}
    for name, (field, target) in multi_facets().items():
        through = getattr(PracticePage, field).through
        links = through.objects.filter(practicepage__in=pages).values_list(
            "practicepage_id", f"{target}__code"
        )
        found[name] = [(position[page], code) for page, code in links if page in position]
    return found
