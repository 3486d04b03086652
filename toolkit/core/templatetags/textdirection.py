"""Filters for text of one direction shown inside the other (see toolkit/lib/bidi.py).

{% load textdirection %}
<p lang="{{ code }}" dir="{{ code|lang_dir }}">…</p>     the direction of a language
{{ organisation|isolate }}                              a fragment of unknown direction
{{ url|isolate:"en" }}                                  a fragment known to be English
{{ names|join_list }}                                   "a، b" in Arabic, "a, b" elsewhere
{{ names|join_list:"ar" }}                              in a language other than the page's
"""

from django import template
from django.utils.translation import get_language

from toolkit.lib import bidi

register = template.Library()


@register.filter
def lang_dir(language):
    """ "rtl" or "ltr" for a language code."""
    return bidi.direction(str(language) if language else None)


@register.filter
def isolate(text, language=None):
    """The fragment in `<bdi>` (with `dir` when its language is given)."""
    return bidi.isolate_html(text, str(language) if language else None)


@register.filter
def isolate_text(text, language=None):
    """The fragment between Unicode isolates, for text that is not HTML (a PDF's title)."""
    return bidi.isolate_text(text, str(language) if language else None)


@register.filter
def join_list(items, language=None):
    """The items as an inline list, each isolated, with the separator of `language` (by
    default the active one)."""
    return bidi.join_list_html(items or [], str(language) if language else get_language())


@register.simple_tag
def list_separator(language=None):
    """The separator between two items of an inline list in `language` (or the active one),
    for lists written out with a loop."""
    return bidi.list_separator(str(language) if language else get_language())


@register.filter
def join_list_text(items, language=None):
    """As `join_list`, isolating with Unicode characters instead of `<bdi>`: for the PDFs
    (WeasyPrint ignores `<bdi>` but honours the isolates) and other text that is not HTML."""
    code = str(language) if language else get_language()
    return bidi.join_list((bidi.isolate_text(item) for item in items or [] if item), code)
