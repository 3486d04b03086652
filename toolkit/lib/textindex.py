"""A small in-memory full-text index with BM25 ranking, stemming and prefix matching.

For collections of hundreds of documents (the toolkit's chapters), where an index kept in
memory and rebuilt when the content changes is simpler and better than the database's
full-text search: it stems every language, matches the last word as a prefix, and never
parses the visitor's text as a query language."""

import math
from collections import Counter, defaultdict

from .stemming import analyse, stem

K1, B = 1.2, 0.75


class TextIndex:
    def __init__(self, language):
        self.language = language
        self.postings = defaultdict(dict)  # stem -> {doc_id: weighted term frequency}
        self.lengths = {}

    def add(self, doc_id, fields):
        """`fields`: a list of (text, weight); a title typically weighs more than the body."""
        frequencies, length = Counter(), 0
        for text, weight in fields:
            stems = analyse(text, self.language)
            length += len(stems)
            for token in stems:
                frequencies[token] += weight
        self.lengths[doc_id] = max(length, 1)
        for token, frequency in frequencies.items():
            self.postings[token][doc_id] = frequency

    def expand(self, terms):
        """Query terms -> sets of index stems: each term by its stem, the last one also as a
        prefix of any indexed word (so results appear while a word is still being typed)."""
        groups = []
        for position, term in enumerate(terms):
            stems = {stem(term, self.language)}
            if position == len(terms) - 1 and len(term) >= 2:
                stems |= {token for token in self.postings if token.startswith(term)}
            groups.append({s for s in stems if s in self.postings})
        return groups

    def search(self, terms, limit=50):
        """[(doc_id, score)] best first; a document must match at least one term."""
        if not self.lengths:
            return []
        count = len(self.lengths)
        average = sum(self.lengths.values()) / count
        scores = Counter()
        for group in self.expand(terms):
            for token in group:
                docs = self.postings[token]
                idf = math.log(1 + (count - len(docs) + 0.5) / (len(docs) + 0.5))
                for doc_id, tf in docs.items():
                    norm = tf + K1 * (1 - B + B * self.lengths[doc_id] / average)
                    scores[doc_id] += idf * tf * (K1 + 1) / norm
        return scores.most_common(limit)
