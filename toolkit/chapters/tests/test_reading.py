"""A visitor reads the toolkit: every chapter reachable, in order, in any language."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href.split("#")[0])


def links_of(html):
    parser = LinkCollector()
    parser.feed(html)
    return parser.links


def test_every_chapter_is_reachable_by_following_links_from_the_home_page(visitor):
    seen, queue = set(), ["/en/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = visitor.get(path)
        assert response.status_code == 200, path
        for link in links_of(response.content.decode()):
            if (
                link.startswith("/en/")
                and "?" not in link
                and "/search/" not in link
                and not link.endswith(".pdf")
            ):
                queue.append(link)
    expected = {
        "/en/advocacy/",
        "/en/innovation/",
        "/en/manifesto/",
        "/en/campaign/",
        "/en/recommendations/",
        "/en/resources/",
        "/en/about/",
        "/en/contact/",
        "/en/accessibility/",
        "/en/privacy/",
    }
    assert expected <= seen
    assert len([p for p in seen if p.startswith("/en/manifesto/")]) == 11
    assert len([p for p in seen if p.startswith("/en/campaign/")]) == 10


def test_the_home_page_lists_every_section_with_its_one_line_summary(visitor):
    html = visitor.get("/en/").content.decode()
    for title in ("Building an advocacy campaign", "Resources", "The Manifesto for Inclusive"):
        assert title in html


def test_a_campaign_step_has_a_table_of_contents_tips_checklist_pitfalls_and_neighbours(visitor):
    html = visitor.get("/en/campaign/set-goals-and-objectives/").content.decode()
    assert 'class="toc"' in html
    toc_targets = re.findall(r'<a href="#([^"]+)"', html)
    assert toc_targets and all(f'id="{anchor}"' in html for anchor in toc_targets)
    assert "callout--tip" in html and 'class="checklist"' in html and 'class="pitfalls"' in html
    assert 'href="/en/campaign/analyse-the-problem/" rel="prev"' in html
    assert 'href="/en/campaign/map-decision-makers/" rel="next"' in html
    assert "Step 2" in html


def test_the_nine_steps_and_ten_principles_are_numbered_in_order(visitor):
    campaign = visitor.get("/en/campaign/").content.decode()
    steps = re.findall(
        r'href="/en/campaign/([a-z-]+)/"[^>]*><span class="card__number">(\d+)', campaign
    )
    assert [int(number) for _, number in steps] == list(range(1, 10))
    manifesto = visitor.get("/en/manifesto/").content.decode()
    principles = re.findall(r'<span class="card__number">(\d+)</span>', manifesto)
    assert [int(n) for n in principles] == list(range(1, 11))


def test_each_principle_has_its_own_address(visitor):
    response = visitor.get("/en/manifesto/curiosity-and-respect/")
    assert response.status_code == 200
    assert "Principle 10" in response.content.decode()


def test_recommendations_can_be_filtered_by_audience(visitor):
    everyone = visitor.get("/en/recommendations/").content.decode()
    local = visitor.get("/en/recommendations/?audience=local").content.decode()
    count = lambda html: len(re.findall(r'<li class="card" id=', html))  # noqa: E731
    assert count(everyone) == 12
    assert 0 < count(local) < 12
    assert "Local and regional policy makers" in local


def test_an_unknown_audience_shows_the_form_error_and_every_recommendation(visitor):
    response = visitor.get("/en/recommendations/?audience=%3Cscript%3E")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in html
    assert "Select a valid choice" in html


def test_the_resources_page_presents_the_epale_special_issue_as_likely(visitor):
    html = visitor.get("/en/resources/").content.decode()
    assert "EPALE" in html
    assert "6/2019" in html and "ikely" in html


@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("it", "ltr"), ("ar", "rtl"), ("uk", "ltr")]
)
def test_every_language_sets_lang_and_direction_on_the_html_element(visitor, language, direction):
    html = visitor.get(f"/{language}/campaign/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_an_untranslated_page_says_so_and_marks_its_text_as_english(visitor):
    html = visitor.get("/de/advocacy/").content.decode()
    assert "fallback-note" in html
    assert '<header class="page-header" lang="en" dir="ltr">' in html
    assert '<div class="page-text" lang="en" dir="ltr">' in html
    assert '<article class="page page--chapterpage">' in html  # the German interface around it


def test_the_language_switcher_names_each_language_in_itself_and_stays_on_the_page(visitor):
    html = visitor.get("/en/manifesto/solidarity/").content.decode()
    for code, name in [
        ("it", "Italiano"),
        ("ar", "العربية"),
        ("el", "Ελληνικά"),
        ("uk", "Українська"),
        ("de", "Deutsch"),
    ]:
        assert f'href="/{code}/manifesto/solidarity/" lang="{code}" hreflang="{code}"' in html
        assert f">{name}</a>" in html


def test_pages_have_a_title_meta_description_and_open_graph(visitor):
    html = visitor.get("/en/advocacy/").content.decode()
    assert re.search(r"<title>What advocacy is[^<]* · Advocacy Toolkit</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert '<meta property="og:title"' in html and '<link rel="canonical"' in html


def test_the_privacy_notice_and_contact_page_show_no_bare_email_address(visitor):
    for path in ("/en/contact/", "/en/privacy/", "/en/about/"):
        html = visitor.get(path).content.decode()
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", html), path


@pytest.mark.django_db
def test_a_language_still_being_added_is_not_offered_in_the_switcher(visitor, settings):
    # On a first start the other languages are added while the site is served (decision
    # 0016): a language of the settings without its locale yet is not linked to a 404.
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt", "Português")]
    page = visitor.get("/en/advocacy/").content.decode()
    assert 'hreflang="it"' in page
    assert 'hreflang="pt"' not in page
