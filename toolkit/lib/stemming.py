"""Language-aware word stems, so that "refugees" finds "refugee" and "lingue" finds "lingua".

Snowball stemmers exist for every interface language but Ukrainian, which falls back to the
folded word (prefix matching still helps there). Stems are computed on the lower-cased word
and accents are stripped afterwards, so accented and plain spellings meet."""

from functools import lru_cache

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


@lru_cache(maxsize=16)
def _stemmer(language):
    algorithm = ALGORITHMS.get((language or "").split("-")[0])
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=100_000)
def stem(word, language):
    stemmer = _stemmer(language)
    word = word.casefold()
    return fold(stemmer.stemWord(word) if stemmer else word)


def analyse(text, language):
    """The stems of every word of `text`, in order."""
    stemmer = _stemmer(language)
    words = WORD_RE.findall((text or "").casefold().replace("_", " "))
    if stemmer:
        words = stemmer.stemWords(words)
    return [fold(word) for word in words]
