"""The bundled Italian and Arabic translations are real translations, not copies of English."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation

pytestmark = pytest.mark.django_db


def test_an_italian_page_is_a_translation_with_italian_text(visitor):
    page = Page.objects.get(slug="campaign", locale__language_code="it")
    assert page.alias_of_id is None
    assert page.title == "Costruire una campagna di advocacy"
    assert Translation.objects.filter(
        target_locale__language_code="it", source__object_id=page.translation_key
    ).exists()
    html = visitor.get("/it/campaign/").content.decode()
    assert "Costruire una campagna di advocacy" in html
    assert "fallback-note" not in html


def test_the_arabic_home_page_is_arabic_and_right_to_left(visitor):
    html = visitor.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مجموعة أدوات المناصرة" in html


def test_a_language_without_bundled_translations_keeps_english_with_a_note(visitor):
    page = Page.objects.get(slug="campaign", locale__language_code="de")
    assert page.alias_of_id is not None
    html = visitor.get("/de/campaign/").content.decode()
    assert 'lang="en"' in html


def test_links_inside_a_translated_page_stay_in_its_language(visitor):
    html = visitor.get("/it/campaign/").content.decode()
    main = html.split("<main", 1)[1]
    assert 'href="/it/campaign/analyse-the-problem/"' in main
    assert 'href="/en/' not in main


def test_a_link_without_a_language_follows_the_page_it_came_from(visitor):
    response = visitor.get("/planner/", HTTP_REFERER="http://testserver/ar/campaign/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/planner/"


def test_translated_vocabularies_name_the_catalogues_filters(visitor):
    html = visitor.get("/it/practices/").content.decode()
    assert "Educazione degli adulti" in html or "Apprendimento" in html


def test_italian_search_finds_an_italian_practice_by_its_stem(visitor):
    html = visitor.get("/it/practices/?q=mentore").content.decode()
    assert "/it/practices/it-peer-mentors-leaving-reception-palermo/" in html


def test_every_language_version_is_announced_with_an_x_default(visitor, settings):
    html = visitor.get("/it/campaign/").content.decode()
    base = settings.BASE_URL
    assert f'<link rel="alternate" hreflang="ar" href="{base}/ar/campaign/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{base}/en/campaign/">' in html


def test_each_language_has_its_own_sitemap(visitor):
    italian = visitor.get("/sitemap-it.xml").content.decode()
    assert "/it/campaign/" in italian and "/en/" not in italian
    assert "/ar/practices/" in visitor.get("/sitemap-ar.xml").content.decode()
    assert visitor.get("/sitemap-zz.xml").status_code == 404
    robots = visitor.get("/robots.txt").content.decode()
    assert "/sitemap-uk.xml" in robots


def test_a_translation_goes_out_as_a_po_file_and_comes_back(visitor):
    source = Page.objects.get(slug="campaign", locale__language_code="en")
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale__language_code="it"
    )
    po = translation.export_po()
    title = next(entry for entry in po if entry.msgctxt == "title")
    assert title.msgid == "Building an advocacy campaign"
    assert title.msgstr == "Costruire una campagna di advocacy"
    title.msgstr = "Costruire insieme una campagna di advocacy"
    assert translation.import_po(po) == []
    translation.save_target(publish=True)
    assert (
        "Costruire insieme una campagna di advocacy"
        in visitor.get("/it/campaign/").content.decode()
    )
    again = next(entry for entry in translation.export_po() if entry.msgctxt == "title")
    assert again.msgstr == "Costruire insieme una campagna di advocacy"


def test_checklists_and_pitfalls_are_translated_item_by_item(visitor):
    italian = visitor.get("/it/campaign/analyse-the-problem/").content.decode()
    assert "Abbiamo scritto una breve descrizione del problema" in italian
    assert "We wrote a short problem statement" not in italian
    arabic = visitor.get("/ar/campaign/analyse-the-problem/").content.decode()
    assert "We wrote a short problem statement" not in arabic


def test_a_fallback_page_marks_only_its_own_text_as_english(visitor):
    import re

    html = visitor.get("/de/practices/it-italian-classes-with-creche-bologna/").content.decode()
    assert re.search(r'<h1 lang="en" dir="ltr">', html)
    assert '<article class="page practice">' in html  # the German interface is not marked
    assert re.search(r'<h2 id="facts-title">[^<]+</h2>', html)
    chapter = visitor.get("/de/advocacy/").content.decode()
    assert '<header class="page-header" lang="en" dir="ltr">' in chapter
    assert '<div class="page-text" lang="en" dir="ltr">' in chapter
