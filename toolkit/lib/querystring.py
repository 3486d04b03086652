"""Building links that change one thing in the current query string and keep the rest, so
every view of a listing is a shareable URL and works without JavaScript."""

from collections.abc import Container, Sequence
from urllib.parse import urlencode

from django.utils.datastructures import MultiValueDict


def _pairs(params: MultiValueDict[str, str]) -> list[tuple[str, str]]:
    return [(key, value) for key, values in params.lists() for value in values]


def encode(pairs: Sequence[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


def toggled(
    params: MultiValueDict[str, str], key: str, value: str, reset: Container[str] = ("page",)
) -> str:
    """The query string with `key=value` added, or removed if it was there."""
    pairs = [(k, v) for k, v in _pairs(params) if k not in reset]
    if (key, value) in pairs:
        pairs.remove((key, value))
    else:
        pairs.append((key, value))
    return encode(pairs)


def replaced(
    params: MultiValueDict[str, str], key: str, value: object, reset: Container[str] = ("page",)
) -> str:
    """The query string with every `key` replaced by one `key=value` (or dropped if empty)."""
    pairs = [(k, v) for k, v in _pairs(params) if k != key and k not in reset]
    if value not in (None, ""):
        pairs.append((key, str(value)))
    return encode(pairs)


def without(params: MultiValueDict[str, str], keys: Container[str]) -> str:
    return encode([(k, v) for k, v in _pairs(params) if k not in keys])
