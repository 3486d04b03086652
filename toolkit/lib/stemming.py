"""Language-aware word stems, so that "refugees" finds "refugee" and "lingue" finds "lingua".

Snowball stemmers exist for every interface language but Ukrainian, which falls back to the
folded word (prefix matching still helps there). Stems are computed on the lower-cased word
and accents are stripped afterwards, so accented and plain spellings meet."""

import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

from .searchtext import WORD_RE, fold

ALGORITHMS = {
    "en": "english",
    "it": "italian",
    "de": "german",
    "es": "spanish",
    "el": "greek",
    "fr": "french",
    "ar": "arabic",
}


_local = threading.local()


def _stemmer(language: str | None) -> Any:
    """One stemmer per thread and language: a Snowball stemmer keeps the word it works on in
    itself, so threads sharing one (gunicorn's threads) corrupt each other's words."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    code = (language or "").split("-")[0]
    if code not in stemmers:
        algorithm = ALGORITHMS.get(code)
        stemmers[code] = snowballstemmer.stemmer(algorithm) if algorithm else None
    return stemmers[code]


@lru_cache(maxsize=100_000)
def stem(word: str, language: str | None) -> str:
    stemmer = _stemmer(language)
    word = word.casefold()
    return fold(stemmer.stemWord(word) if stemmer else word)


def analyse(text: str | None, language: str | None) -> list[str]:
    """The stems of every word of `text`, in order. Through the memo of `stem`: texts repeat
    their words, and the pure-Python stemmer is slow (indexing the English chapters took
    0.45-1.1 s without the memo, 0.07-0.13 s with it)."""
    words = WORD_RE.findall((text or "").casefold().replace("_", " "))
    return [stem(word, language) for word in words]
