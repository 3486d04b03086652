"""Building links that change one thing in the current query string and keep the rest, so
every view of a listing is a shareable URL and works without JavaScript."""

from urllib.parse import urlencode


def _pairs(params):
    return [(key, value) for key, values in params.lists() for value in values]


def encode(pairs):
    return "?" + urlencode(pairs) if pairs else "?"


def toggled(params, key, value, reset=("page",)):
    """The query string with `key=value` added, or removed if it was there."""
    pairs = [(k, v) for k, v in _pairs(params) if k not in reset]
    if (key, value) in pairs:
        pairs.remove((key, value))
    else:
        pairs.append((key, value))
    return encode(pairs)


def replaced(params, key, value, reset=("page",)):
    """The query string with every `key` replaced by one `key=value` (or dropped if empty)."""
    pairs = [(k, v) for k, v in _pairs(params) if k != key and k not in reset]
    if value not in (None, ""):
        pairs.append((key, str(value)))
    return encode(pairs)


def without(params, keys):
    return encode([(k, v) for k, v in _pairs(params) if k not in keys])
