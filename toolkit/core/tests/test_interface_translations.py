"""Every interface string is translated into every language, and the translations are live."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "toolkit" / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ENTRY = re.compile(r"\n\n(?=(?:#[^\n]*\n)*msgid )")


def entries(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    return ENTRY.split(text)[1:]  # the first block is the file's header


def untranslated(block):
    strings = re.findall(r'^msgstr(?:\[\d\])? ((?:"[^\n]*"\n?)+)', block + "\n", re.MULTILINE)
    return any(not "".join(re.findall(r'"(.*)"', s)) for s in strings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated_and_checked(language):
    blocks = entries(language)
    assert len(blocks) > 500
    missing = [b.split("msgid ", 1)[1][:70] for b in blocks if untranslated(b)]
    fuzzy = [b.split("msgid ", 1)[1][:70] for b in blocks if "#, fuzzy" in b]
    assert not missing, f"{language}: untranslated: {missing[:5]}"
    assert not fuzzy, f"{language}: to check (fuzzy): {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_translations_are_used(language):
    with translation.override(language):
        assert translation.gettext("Campaign planner") != "Campaign planner"
        assert translation.gettext("Take part") != "Take part"
