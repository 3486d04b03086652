"""Text of one direction inside text of the other.

An English sentence on an Arabic page, a URL or a year inside an Arabic phrase, an Arabic
name on an English page: without being isolated, the Unicode bidirectional algorithm lets
their neutral characters (full stops, brackets, slashes, digits) join the surrounding
direction, so punctuation jumps to the wrong end and a year lands before the word it
follows. In HTML, an element with `lang` also carries `dir` (`direction`), and a fragment
whose direction is not known (an editor's or a visitor's text) goes in `<bdi>`; in plain
text (PDF metadata, e-mail, files) the fragment goes between FIRST STRONG ISOLATE and POP
DIRECTIONAL ISOLATE, which do the same."""

from collections.abc import Iterable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info

FSI = "\u2068"  # FIRST STRONG ISOLATE: the fragment takes the direction of its first letter
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE: for what is always left to right (URLs, codes)
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends either

# How each language separates the items of a list written inline. Arabic (and Persian,
# Urdu) use the Arabic comma; the others the Latin one.
_LIST_SEPARATORS = {"ar": "، ", "fa": "، ", "ur": "، ", "ps": "، "}
_LATIN_SEPARATOR = ", "


def is_rtl(language: str | None) -> bool:
    """Whether `language` (a code such as "ar" or "en-gb") is written right to left."""
    if not language:
        return False
    try:
        return bool(get_language_info(language)["bidi"])
    except KeyError:
        return False  # a language Django does not know: our vocabularies' are left to right


def direction(language: str | None) -> str:
    """The `dir` attribute for text in `language`: "rtl" or "ltr"."""
    return "rtl" if is_rtl(language) else "ltr"


def isolate_text(text: object, language: str | None = None) -> str:
    """`text` isolated for a plain-text context: in the direction of `language` if given,
    otherwise in the direction of its first strong letter."""
    value = str(text)
    if not value:
        return value
    start = FSI if language is None else (RLI if is_rtl(language) else LRI)
    return f"{start}{value}{PDI}"


def isolate_html(text: object, language: str | None = None) -> SafeString:
    """`text` (escaped unless already safe) in a `<bdi>`, with `dir` when its language is
    known; `<bdi>` alone takes the direction of the first strong letter."""
    if text is None or str(text) == "":
        return mark_safe("")  # noqa: S308 - nothing to show
    if language is None:
        return format_html("<bdi>{}</bdi>", text)
    return format_html('<bdi dir="{}">{}</bdi>', direction(language), text)


def list_separator(language: str | None) -> str:
    """The separator between the items of an inline list in `language`."""
    base = (language or "").split("-")[0].lower()
    return _LIST_SEPARATORS.get(base, _LATIN_SEPARATOR)


def join_list(items: Iterable[object], language: str | None) -> str:
    """Items joined as `language` writes a list ("a، b" in Arabic, "a, b" in English)."""
    return list_separator(language).join(str(item) for item in items)


def join_list_html(items: Iterable[object], language: str | None) -> SafeString:
    """As `join_list`, each item escaped (unless already safe) and isolated in `<bdi>`, so an
    English name in an Arabic list keeps its own order and the separator stays in place."""
    separator = conditional_escape(list_separator(language))
    parts = [isolate_html(item) for item in items if item is not None and str(item) != ""]
    return mark_safe(separator.join(parts))  # noqa: S308 - every part is escaped above
