"""The bundled translations cover every page the toolkit ships, the catalogue included: in
a bundled language no page of the toolkit is left an English alias, so its menu, breadcrumbs,
home cards and headings speak that language. (The example practices are the exception the
docs state: only some of them are translated.)"""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from toolkit.chapters.loader import CONTENT_DIR
from toolkit.practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

BUNDLED = sorted(p.name for p in CONTENT_DIR.iterdir() if p.is_dir() and p.name != "en")
# Titles that are rightly the same word in a language: (language, English title).
SAME_TITLE: set[tuple[str, str]] = set()


def shipped_pages():
    practices = PracticePage.objects.values_list("id", flat=True)
    return Page.objects.filter(locale__language_code="en", depth__gt=1).exclude(id__in=practices)


def test_the_toolkit_ships_translations_in_italian_and_arabic():
    assert {"it", "ar"} <= set(BUNDLED)


@pytest.mark.parametrize("language", BUNDLED)
def test_every_shipped_page_has_its_own_title_in_each_bundled_language(language):
    problems = []
    for english in shipped_pages():
        page = Page.objects.filter(
            translation_key=english.translation_key, locale__language_code=language
        ).first()
        if page is None or page.alias_of_id:
            problems.append(f"{english.url_path}: not translated")
        elif page.title == english.title and (language, english.title) not in SAME_TITLE:
            problems.append(f"{english.url_path}: still titled {english.title!r}")
    assert not problems, f"{language}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "title"), [("it", "Buone pratiche"), ("ar", "الممارسات الجيدة")]
)
def test_the_catalogue_is_named_in_the_bundled_language_in_the_menu_card_and_heading(
    visitor, language, title
):
    home = visitor.get(f"/{language}/").content.decode()
    menu = home.split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    cards = home.split('class="sections"', 1)[1]
    assert title in menu and title in cards
    assert "Good practices" not in home
    catalogue = visitor.get(f"/{language}/practices/").content.decode()
    assert f">{title}</a></li></ol></nav>" in catalogue  # the breadcrumb
    assert title in catalogue.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_a_site_loaded_before_the_catalogue_was_translated_gets_it_at_the_next_start():
    english = PracticeIndexPage.objects.get(locale__language_code="en")
    # As on a site made before catalogue.toml existed: the Italian catalogue is an alias.
    Page.objects.filter(translation_key=english.translation_key, locale__language_code="it").update(
        alias_of=english, title=english.title, draft_title=english.title
    )
    call_command("load_toolkit_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    italian = PracticeIndexPage.objects.get(locale__language_code="it")
    assert italian.title == "Buone pratiche" and italian.alias_of_id is None
