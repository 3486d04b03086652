"""Text of one direction inside the other in the Arabic PDFs keeps its own order. The real
PDF is made and read back with poppler's `pdftotext -bbox`: every word with its place on
the page, so a full stop or a slash that jumped to the other end of a name or an address
shows as part of the wrong word."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils.translation import trans_real

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing"),
]

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
TRANSLATED = "/ar/practices/de-hamburg-bridge-to-apprenticeship/sheet.pdf"  # Arabic text
SELECTION = "/ar/download/selection.pdf?practice=nl-co-designed-learning-routes-utrecht"


def pdf_of(visitor, address):
    response = visitor.get(address)
    assert response.status_code == 200, address
    return b"".join(response.streaming_content)


def lines_of(data):
    """Each line of each page as its words from left to right (Arabic words come out with
    their letters in the order they stand on the page, so they are turned back here)."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True)
    lines = []
    for page in html.stdout.decode().split("<page ")[1:]:
        rows = []  # [middle of the line, [(x, word)]]; Latin and Arabic boxes differ a little
        for x, top, bottom, text in WORD.findall(page):
            middle = (float(top) + float(bottom)) / 2
            word = text[::-1] if re.search("[\u0600-\u06ff]", text) else text
            row = next((r for r in rows if abs(r[0] - middle) < 4), None)
            if row is None:
                rows.append(row := [middle, []])
            row[1].append((float(x), word.replace("&apos;", "'")))
        lines += [[w for _x, w in sorted(words)] for _y, words in sorted(rows)]
    return lines


def line_with(lines, word):
    return next(line for line in lines if word in line)


@pytest.fixture(autouse=True)
def own_pdf_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_an_arabic_practice_sheet_keeps_a_latin_name_and_the_year_in_their_places(visitor):
    meta = line_with(lines_of(pdf_of(visitor, TRANSLATED)), "Lernwerk")
    # Read from the right: ألمانيا، هامبورغ · Lernwerk Elbufer e.V. · منذ 2016
    assert meta[meta.index("Lernwerk") : meta.index("Lernwerk") + 3] == [
        "Lernwerk",
        "Elbufer",
        "e.V.",  # not ".Lernwerk … e.V": the full stop stays at the end of the name
    ]
    assert meta.index("2016") < meta.index("منذ") < meta.index("Lernwerk")
    assert meta[-1] == "ألمانيا،"  # the Arabic comma, at the start (right) of the line


def test_addresses_in_an_arabic_pdf_read_left_to_right_on_the_cover_and_under_a_practice(
    visitor,
):
    words = [w for line in lines_of(pdf_of(visitor, SELECTION)) for w in line]
    base = settings.BASE_URL
    assert f"{base}/ar/" in words  # the cover, not "/http://…/ar"
    assert f"{base}/ar/practices/nl-co-designed-learning-routes-utrecht/" in words
    assert not [w for w in words if w.startswith("/http") or w.endswith(f"{base}/ar")]


def test_the_product_name_on_an_arabic_cover_is_the_translators_word(visitor):
    # As after the translators' pass: their Arabic name for the product is in the catalogue.
    catalogue = trans_real.translation("ar")._catalog
    catalogue["Advocacy Toolkit"] = "عدة المناصرة"
    try:
        lines = lines_of(pdf_of(visitor, SELECTION))
    finally:
        catalogue._catalogs[0].pop("Advocacy Toolkit", None)
    cover = " ".join(" ".join(line) for line in lines[:4])
    assert "المناصرة" in cover and "TOOLKIT" not in cover.upper()
