"""The toolkit as PDF: complete, in the reader's language, and always in step with the site."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from toolkit.chapters.models import ChapterPage, RecommendationPage
from toolkit.downloads.models import DownloadCount
from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


def pdf_text(data):
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True)
    return re.sub(r"\s+", " ", result.stdout.decode())


def pdf_info(data):
    result = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True)
    return result.stdout.decode()


@pytest.fixture(autouse=True)
def own_pdf_folder(settings, tmp_path):
    # Each test starts without PDFs made by another test (whose data was rolled back).
    settings.VAR_DIR = tmp_path


@pytest.fixture(scope="module")
def toolkit_pdf(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/en/download/toolkit.pdf")
        return response, b"".join(response.streaming_content)


@needs_poppler
def test_the_whole_toolkit_downloads_as_a_tagged_pdf_with_every_chapter_and_practice(toolkit_pdf):
    response, data = toolkit_pdf
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF-")
    info = pdf_info(data)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 60 <= pages <= 200
    assert re.search(r"Tagged:\s+yes", info)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"
    text = pdf_text(data)
    for page in ChapterPage.objects.filter(locale__language_code="en"):
        assert page.title in text
    for title in PracticePage.objects.filter(locale__language_code="en").values_list(
        "title", flat=True
    ):
        assert " ".join(title.split()[:4]) in text
    assert "Contents" in text and "About this edition" in text
    assert "How practices are reviewed" in text  # the review criteria are part of the toolkit


def test_the_pdf_has_bookmarks_for_the_chapters(toolkit_pdf):
    _response, data = toolkit_pdf
    outline = PdfReader(io.BytesIO(data)).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert "Building an advocacy campaign" in top and "Good practices" in top
    nested = [child.title for item in outline if isinstance(item, list) for child in item]
    assert "Step 1 Analyse the problem and the rights at stake" in nested


@needs_poppler
def test_a_published_change_shows_in_the_next_download(visitor):
    chapter = ChapterPage.objects.get(slug="innovation", locale__language_code="en")
    chapter.title = "Arguments for bold new learning"
    chapter.save_revision().publish()
    data = b"".join(visitor.get("/en/download/toolkit.pdf").streaming_content)
    assert "Arguments for bold new learning" in pdf_text(data)


@needs_poppler
def test_a_practice_has_a_one_page_sheet(visitor):
    practice = PracticePage.objects.filter(locale__language_code="en").first()
    response = visitor.get(f"/en/practices/{practice.slug}/sheet.pdf")
    data = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert re.search(r"Pages:\s+[12]\b", pdf_info(data))
    assert practice.organisation in pdf_text(data)
    assert visitor.get("/en/practices/no-such-practice/sheet.pdf").status_code == 404


@needs_poppler
def test_hostile_text_and_external_files_do_not_break_the_pdf(visitor):
    practice = PracticePage.objects.filter(locale__language_code="en").first()
    practice.title = "<script>alert(1)</script> & </article><h1>Injected"
    practice.description = (
        '<p>See <img src="https://tracker.example/x.png"> and '
        '<img src="file:///etc/passwd"> and <a href="file:///etc/shadow">this</a></p>'
    )
    practice.save_revision().publish()
    response = visitor.get(f"/en/practices/{practice.slug}/sheet.pdf")
    text = pdf_text(b"".join(response.streaming_content))
    assert response.status_code == 200
    assert "<script>alert(1)</script> & </article><h1>Injected" in text
    assert "root:" not in text


def test_downloads_are_counted_per_language_and_document_without_personal_data(visitor):
    practice = PracticePage.objects.filter(locale__language_code="it").first()
    for _ in range(2):
        visitor.get(f"/it/practices/{practice.slug}/sheet.pdf")
    count = DownloadCount.objects.get(language="it", document=f"practice-{practice.id}")
    assert count.count == 2
    assert {f.name for f in DownloadCount._meta.fields} == {
        "id",
        "document",
        "language",
        "day",
        "count",
    }


def test_a_failure_to_render_shows_a_clear_page_not_a_500(visitor, monkeypatch):
    from toolkit.downloads import building

    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(building, "render_pdf", broken)
    recommendation = RecommendationPage.objects.filter(locale__language_code="en").first()
    recommendation.save_revision().publish()  # a new edition, so nothing is cached
    response = visitor.get("/en/download/toolkit.pdf")
    assert response.status_code == 503
    assert (
        "could not be made" in response.content.decode()
        or "went wrong" in response.content.decode()
    )


def test_build_pdfs_renders_every_language_asked_for(tmp_path):
    out = io.StringIO()
    call_command("build_pdfs", "--language", "en", "--output", str(tmp_path), stdout=out)
    assert (tmp_path / "advocacy-toolkit-en.pdf").read_bytes().startswith(b"%PDF-")
    with pytest.raises(CommandError):
        call_command("build_pdfs", "--language", "xx", stdout=io.StringIO())


def test_counting_a_download_does_not_empty_the_page_cache(visitor):
    from toolkit.core import pagecache

    before = pagecache.generation()
    practice = PracticePage.objects.filter(locale__language_code="en").first()
    visitor.get(f"/en/practices/{practice.slug}/sheet.pdf")  # creates today's counter
    assert pagecache.generation() == before
