"""Every vocabulary term is translated in every interface language: a Ukrainian reader sees
Ukrainian participation levels next to Ukrainian country names, never English ones."""

import pytest
from django.conf import settings
from django.core.management import call_command

from toolkit.practices.vocabularies import VOCABULARIES

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Names that are rightly the same word as in English in that language.
SAME_WORD = {
    "de": {"storytelling", "so", "ur", "ti"},
    "es": {"ur"},
    "fr": {"so", "bn"},
    "it": {"lobbying", "ps", "ur"},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("vocabulary", list(VOCABULARIES))
def test_every_term_of_every_vocabulary_has_a_name_in_every_language(vocabulary, language):
    model = VOCABULARIES[vocabulary]
    english = dict(model.objects.filter(locale__language_code="en").values_list("code", "name"))
    translated = dict(
        model.objects.filter(locale__language_code=language).values_list("code", "name")
    )
    missing = sorted(set(english) - set(translated))
    assert not missing, f"{vocabulary} in {language}: no translation of {missing}"
    same = sorted(
        code
        for code, name in translated.items()
        if name == english[code] and code not in SAME_WORD.get(language, set())
    )
    assert not same, f"{vocabulary} in {language}: still English: {same}"


def test_a_ukrainian_practice_page_names_its_participation_level_in_ukrainian(visitor):
    html = visitor.get("/uk/practices/nl-co-designed-learning-routes-utrecht/").content.decode()
    facts = html.split('class="practice-facts"', 1)[1].split("</aside>", 1)[0]
    assert "Спільно спроєктовано" in facts or "Під проводом мігрантів" in facts
    for english in ("Co-designed", "Migrant-led", "Consulted", "Informed", "Adult education"):
        assert english not in facts


def test_a_site_whose_languages_came_before_the_translations_gets_them_at_the_next_start():
    model = VOCABULARIES["participation"]
    model.objects.filter(locale__language_code="uk").delete()
    call_command("load_toolkit_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    names = set(model.objects.filter(locale__language_code="uk").values_list("name", flat=True))
    assert "Поінформовані" in names and len(names) == 4


def test_a_term_an_editor_translated_differently_is_left_as_the_editor_wrote_it():
    model = VOCABULARIES["participation"]
    term = model.objects.get(locale__language_code="uk", code="informed")
    term.name = "Поінформовані (редактор)"
    term.save(update_fields=["name"])
    call_command("load_toolkit_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    term.refresh_from_db()
    assert term.name == "Поінформовані (редактор)"
