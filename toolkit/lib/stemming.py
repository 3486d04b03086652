"""Language-aware word stems, so that "refugees" finds "refugee" and "lingue" finds "lingua".

Snowball stemmers exist for every interface language but Ukrainian, which falls back to the
folded word (prefix matching still helps there). Stems are computed on the lower-cased word
and accents are stripped afterwards, so accented and plain spellings meet."""

import re
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


# Words that say nothing about a practice: a query's "for" / "di" / "في" would otherwise have
# to match (every word must) and weigh in the ranking. Kept short on purpose: only words that
# never carry the subject. Compared with the folded word, before stemming.
FUNCTION_WORDS = {
    "en": {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "their",
        "to",
        "with",
        "about",
        "how",
        "what",
        "who",
        "why",
    },
    "it": {
        "a",
        "ad",
        "al",
        "alla",
        "alle",
        "agli",
        "ai",
        "allo",
        "con",
        "da",
        "dal",
        "dalla",
        "dai",
        "dalle",
        "degli",
        "dei",
        "del",
        "della",
        "delle",
        "dello",
        "di",
        "e",
        "ed",
        "gli",
        "i",
        "il",
        "in",
        "l",
        "la",
        "le",
        "lo",
        "nel",
        "nella",
        "nelle",
        "nei",
        "negli",
        "o",
        "per",
        "su",
        "sul",
        "sulla",
        "tra",
        "fra",
        "un",
        "una",
        "uno",
        "che",
        "come",
    },
    "fr": {
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "pour",
        "par",
        "sur",
        "un",
        "une",
    },
    "es": {
        "a",
        "al",
        "con",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "los",
        "para",
        "por",
        "un",
        "una",
        "y",
        "o",
    },
    "de": {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "und",
        "oder",
        "mit",
        "für",
        "fur",
        "von",
        "zu",
        "im",
        "in",
    },
    "ar": {
        "في",
        "من",
        "على",
        "الى",
        "إلى",
        "عن",
        "مع",
        "و",
        "او",
        "أو",
        "ثم",
        "ان",
        "أن",
        "إن",
        "هذا",
        "هذه",
        "التي",
        "الذي",
        "بين",
        "عند",
    },
}

# Arabic written several ways: short vowels and shadda (often left out), the tatweel that
# stretches a word, hamza forms of alef, and taa marbuta written as haa. One form for the
# index and the query alike, before the stemmer sees the word.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه"})

_local = threading.local()


def normalise_arabic(word: str) -> str:
    return _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)


def _code(language: str | None) -> str:
    return (language or "").split("-")[0]


def content_words(words: list[str], language: str | None) -> list[str]:
    """`words` without the function words of `language`; all of them if nothing else is
    left (a search for "the who" still searches)."""
    ignored = FUNCTION_WORDS.get(_code(language), set())
    kept = [word for word in words if fold(word) not in ignored and word not in ignored]
    return kept or words


def _stemmer(language: str | None) -> Any:
    """One stemmer per thread and language: a Snowball stemmer keeps the word it works on in
    itself, so threads sharing one (gunicorn's threads) corrupt each other's words."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    code = _code(language)
    if code not in stemmers:
        algorithm = ALGORITHMS.get(code)
        stemmers[code] = snowballstemmer.stemmer(algorithm) if algorithm else None
    return stemmers[code]


@lru_cache(maxsize=100_000)
def stem(word: str, language: str | None) -> str:
    stemmer = _stemmer(language)
    word = word.casefold()
    if _code(language) == "ar":
        word = normalise_arabic(word)
    return fold(stemmer.stemWord(word) if stemmer else word)


def variants(word: str, language: str | None) -> set[str]:
    """The stems a query word may stand for. In Arabic, "لل" begins both "للنساء" (ل + النساء)
    and "للاجئين" (ل + اللاجئين, one lam written less): both readings are tried."""
    stems = {stem(word, language)}
    if _code(language) == "ar" and word.startswith("لل") and len(word) > 4:
        stems |= {stem("ال" + word[2:], language), stem("ال" + word[1:], language)}
    return stems


def analyse(text: str | None, language: str | None) -> list[str]:
    """The stems of every word of `text`, in order. Through the memo of `stem`: texts repeat
    their words, and the pure-Python stemmer is slow (indexing the English chapters took
    0.45-1.1 s without the memo, 0.07-0.13 s with it)."""
    words = WORD_RE.findall((text or "").casefold().replace("_", " "))
    return [stem(word, language) for word in words]
