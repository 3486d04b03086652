"""Plain text out of a StreamField, for search snippets and meta descriptions."""

from collections.abc import Iterator

from django.utils.html import strip_tags
from wagtail.blocks import ChoiceBlock, StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, RichText):
        yield strip_tags(value.source.replace("</p>", "</p> ").replace("</li>", "</li> "))
    elif isinstance(value, str):
        yield value
    elif isinstance(value, StructValue):
        for name, block in value.block.child_blocks.items():
            if not isinstance(block, ChoiceBlock):  # a choice is a setting, not prose
                yield from _texts(value.get(name))
    elif isinstance(value, (ListValue, list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _texts(child.value)


def stream_text(stream: StreamValue) -> str:
    """All the words a reader sees in a stream, in order, separated by single spaces."""
    return " ".join(" ".join(_texts(stream)).split())
