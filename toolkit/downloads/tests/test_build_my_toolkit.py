"""Build my toolkit: exactly the chosen chapters and practices, shareable by its address."""

import re
import shutil
import subprocess

import pytest

from toolkit.chapters.models import CampaignPage, ManifestoPage, RecommendationPage
from toolkit.practices.models import PracticePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing"),
]


@pytest.fixture(autouse=True)
def own_pdf_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def text_of(response):
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True).stdout
    return re.sub(r"\s+", " ", out.decode())


def test_the_build_page_lists_chapters_and_practices_to_choose(visitor):
    html = visitor.get("/en/download/").content.decode()
    assert html.count('name="page"') > 20 and html.count('name="practice"') == 50


def test_a_catalogue_view_arrives_with_its_practices_ticked(visitor):
    html = visitor.get("/en/download/", {"view": "country=IT"}).content.decode()
    italian = PracticePage.objects.filter(locale__language_code="en", country="IT")
    assert len(re.findall(r'name="practice" value="[^"]+" checked', html)) == italian.count()


def test_the_pdf_holds_exactly_the_selection(visitor):
    campaign = CampaignPage.objects.get(locale__language_code="en")
    chosen = PracticePage.objects.filter(locale__language_code="en").order_by("title")[:2]
    left_out = PracticePage.objects.filter(locale__language_code="en").order_by("title")[5]
    response = visitor.get(
        "/en/download/selection.pdf", {"page": campaign.id, "practice": [p.slug for p in chosen]}
    )
    text = text_of(response)
    assert "Building an advocacy campaign" in text
    assert "Monitor, evaluate and learn" in text  # a chapter brings the pages under it
    assert ManifestoPage.objects.get(locale__language_code="en").title not in text
    for practice in chosen:
        assert " ".join(practice.title.split()[:4]) in text
    assert " ".join(left_out.title.split()[:5]) not in text


def test_practices_can_come_from_a_catalogue_view(visitor):
    response = visitor.get("/en/download/selection.pdf", {"view": "country=GR"})
    text = text_of(response)
    for practice in PracticePage.objects.filter(locale__language_code="en", country="GR"):
        assert " ".join(practice.title.split()[:4]) in text


def test_an_empty_or_invalid_choice_shows_the_form_again_with_what_was_chosen(visitor):
    response = visitor.get("/en/download/selection.pdf", {"page": "abc"})
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    practice = PracticePage.objects.filter(locale__language_code="en").first()
    again = visitor.get(
        "/en/download/selection.pdf", {"practice": [practice.slug, "no-such-practice"]}
    ).content.decode()
    assert f'value="{practice.slug}" checked' in again


def test_a_recommendation_has_a_one_page_sheet(visitor):
    recommendation = RecommendationPage.objects.filter(locale__language_code="en").first()
    response = visitor.get(f"/en/download/recommendations/{recommendation.slug}.pdf")
    assert recommendation.title in text_of(response)
    assert visitor.get("/en/download/recommendations/nope.pdf").status_code == 404


def test_the_toolkit_downloads_in_arabic_right_to_left(visitor):
    response = visitor.get("/ar/download/toolkit.pdf")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    from io import BytesIO

    from pypdf import PdfReader

    assert PdfReader(BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"
