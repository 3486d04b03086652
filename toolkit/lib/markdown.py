"""Writing other people's text into Markdown without it turning into markup."""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LINE_START = re.compile(r"^(\s*)(\d+)\.", re.MULTILINE)


def escape(text: object) -> str:
    """`text` shown literally by any CommonMark renderer: markup characters are backslash-
    escaped (HTML included, so a pasted <script> stays text), and so is a line that would
    start a numbered list."""
    text = _SPECIAL.sub(r"\\\1", str(text))
    text = _LINE_START.sub(r"\1\2\\.", text)
    return re.sub(r"^(\s*)-", r"\1\\-", text, flags=re.MULTILINE)
