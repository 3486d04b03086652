"""Turning what a visitor types into safe search terms, and showing where they matched.

User text never reaches a search engine's query language as typed: it is cut into plain
words (letters and digits only), so quotes, operators and brackets are simply dropped."""

import re
import unicodedata
from collections.abc import Callable, Collection
from functools import lru_cache

from django.utils.html import escape

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip accents so that "Éducation" and "education" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def terms(query: str | None) -> list[str]:
    """The distinct words of a query, folded, at most MAX_TERMS of them."""
    seen: list[str] = []
    for word in WORD_RE.findall(fold(query or "").replace("_", " ")):
        word = word[:MAX_TERM_LENGTH]
        if word not in seen:
            seen.append(word)
        if len(seen) == MAX_TERMS:
            break
    return seen


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    return fold(word)


def prefix_matcher(query_terms: Collection[str]) -> Callable[[str], bool]:
    """A word matches a term when it starts with it: "refugee" marks "refugees"."""
    return lambda word: any(word.startswith(term) for term in query_terms)


def highlight(text: str, is_match: Callable[[str], bool], width: int = 30) -> str | None:
    """An escaped excerpt of `text` around the first matching word, matches in <mark>.

    `is_match(folded_word)` says which words to mark. Returns None when none matches.
    Words are examined lazily: only up to the window after the first match."""
    spans: list[tuple[int, int, str]]
    first_hit: int | None
    spans, first_hit = [], None
    for match in WORD_RE.finditer(text):
        word = fold_word(match.group())
        spans.append((match.start(), match.end(), word))
        if first_hit is None and is_match(word):
            first_hit = len(spans) - 1
        if first_hit is not None and len(spans) >= first_hit + width:
            break
    if first_hit is None:
        return None
    first = max(0, first_hit - width // 3)
    last = min(len(spans), first + width)
    start = 0 if first == 0 else spans[first][0]
    complete = last == len(spans) and not WORD_RE.search(text, spans[-1][1])
    end = len(text) if complete else spans[last - 1][1]
    pieces: list[str]
    pieces, cursor = [], start
    for s, e, word in spans[first:last]:
        if is_match(word):
            pieces += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
            cursor = e
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if first > 0 else ""
    suffix = "" if complete else " …"
    return prefix + "".join(pieces) + suffix
