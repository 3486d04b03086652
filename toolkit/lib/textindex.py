"""A small in-memory full-text index with BM25 ranking, stemming and prefix matching.

For collections of hundreds of documents (the toolkit's chapters), where an index kept in
memory and rebuilt when the content changes is simpler and better than the database's
full-text search: it stems every language, matches the last word as a prefix, and never
parses the visitor's text as a query language."""

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from .stemming import analyse, variants

K1, B = 1.2, 0.75

_Doc = TypeVar("_Doc", bound=Hashable)  # what identifies a document (a page id)


class TextIndex(Generic[_Doc]):
    def __init__(self, language: str | None) -> None:
        self.language = language
        # stem -> {doc_id: weighted term frequency}
        self.postings: defaultdict[str, dict[_Doc, int]] = defaultdict(dict)
        self.lengths: dict[_Doc, int] = {}

    def add(self, doc_id: _Doc, fields: Iterable[tuple[str | None, int]]) -> None:
        """`fields`: a list of (text, weight); a title typically weighs more than the body."""
        frequencies: Counter[str]
        frequencies, length = Counter(), 0
        for text, weight in fields:
            stems = analyse(text, self.language)
            length += len(stems)
            for token in stems:
                frequencies[token] += weight
        self.lengths[doc_id] = max(length, 1)
        for token, frequency in frequencies.items():
            self.postings[token][doc_id] = frequency

    def expand(self, terms: Sequence[str]) -> list[set[str]]:
        """Query terms -> sets of index stems: each term by its stem, the last one also as a
        prefix of any indexed word (so results appear while a word is still being typed)."""
        groups = []
        for position, term in enumerate(terms):
            stems = variants(term, self.language)
            if position == len(terms) - 1 and len(term) >= 2:
                stems |= {token for token in self.postings if token.startswith(term)}
            groups.append({s for s in stems if s in self.postings})
        return groups

    def search(self, terms: Sequence[str], limit: int = 50) -> Sequence[tuple[_Doc, float]]:
        """[(doc_id, score)] best first; a document must match at least one term."""
        if not self.lengths:
            return []
        count = len(self.lengths)
        average = sum(self.lengths.values()) / count
        # typeshed types a Counter's counts as int; these scores are floats (which it adds fine)
        scores: Counter[_Doc] = Counter()
        for group in self.expand(terms):
            for token in group:
                docs = self.postings[token]
                idf = math.log(1 + (count - len(docs) + 0.5) / (len(docs) + 0.5))
                for doc_id, tf in docs.items():
                    norm = tf + K1 * (1 - B + B * self.lengths[doc_id] / average)
                    scores[doc_id] += idf * tf * (K1 + 1) / norm  # type: ignore[assignment]
        return scores.most_common(limit)
