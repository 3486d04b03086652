import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(visitor):
    response = visitor.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "state": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_the_root_sends_a_visitor_to_the_language_their_browser_asks_for(visitor):
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="it-IT,it;q=0.9")["Location"] == "/it/"
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == "/ar/"


def test_the_root_falls_back_to_english_for_a_language_we_do_not_speak(visitor):
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="ja")["Location"] == "/en/"
    assert visitor.get("/")["Location"] == "/en/"


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(visitor):
    text = visitor.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_sitemap_lists_every_chapter(visitor):
    xml = visitor.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    paths = {re.sub(r"^https?://[^/]+", "", url) for url in locations}
    assert {
        "/en/",
        "/en/advocacy/",
        "/en/manifesto/solidarity/",
        "/en/campaign/analyse-the-problem/",
        "/en/privacy/",
    } <= paths


def test_every_page_carries_the_security_headers(visitor):
    response = visitor.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_only_over_https(visitor):
    assert "Strict-Transport-Security" not in visitor.get("/en/")
    secure = visitor.get("/en/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_page_asks_the_browser_for_anything_from_another_host(visitor):
    html = visitor.get("/en/advocacy/").content.decode()
    assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets
    external = [url for url in assets if url.startswith(("http:", "https:", "//"))]
    # Canonical and alternate links name our own base URL; nothing else may leave the site.
    assert all(url.startswith("http://127.0.0.1:8000/") for url in external)
    assert "<script" not in html.replace('type="application/ld+json"', "")
    assert ' style="' not in html


def test_an_unknown_page_is_a_friendly_404_in_the_visitors_language(visitor):
    response = visitor.get("/it/no-such-page/")
    assert response.status_code == 404
    assert 'lang="it"' in response.content.decode()
