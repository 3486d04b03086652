"""Hostile input sent to every public form, query parameter and API endpoint.

Whatever arrives — markup, SQL, search syntax, paths, header breaks, huge or malformed values,
broken UTF-8, NUL bytes, deeply nested JSON — the answer is never a server error, never a
script reflected into a page, and a payload that is stored is shown as text. Nothing a person
sent is lost because of what someone else sent."""

import json
from urllib.parse import quote

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.models import Page

from toolkit.downloads import building
from toolkit.participation.models import Submission
from toolkit.participation.tests.helpers import CONTACT, PRACTICE, PROPOSAL, STORY, human
from toolkit.participation.views import FORMS
from toolkit.planner import steps
from toolkit.planner.models import Plan
from toolkit.planner.tests.helpers import form_data, inspire, start_plan
from toolkit.practices import facets, records, search
from toolkit.practices.models import PracticePage

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# What must never appear unescaped in an HTML answer.
RAW_MARKERS = (SCRIPT, "onerror=alert(1)>")
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

HOSTILE = {
    "script-tag": SCRIPT,
    "img-onerror": IMG,
    "javascript-url": "javascript:alert(1)",
    "sql-or": "' OR 1=1 --",
    "sql-drop": "x'; DROP TABLE wagtailcore_page; --",
    "fts-quote": '"',
    "fts-star": "*",
    "fts-near": "NEAR(",
    "fts-or": "a OR",
    "fts-minus": "-",
    "fts-colon": ":",
    "fts-caret": "^",
    "fts-unbalanced": "((a) \"b AND NOT 'c",
    "traversal": "../../etc/passwd",
    "encoded-traversal": "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "header-break": "x\r\nSet-Cookie: x=1",
    "nul": "a\x00b",
    "huge-number": str(10**30),
    "int64-overflow": str(2**63),
    "negative": "-1",
    "float-overflow": "1e400",
    "long": "x" * 20_000,
}
PAYLOADS = [pytest.param(value, id=name) for name, value in HOSTILE.items()]
# Raw query strings a form library never produces: broken UTF-8, NUL, PHP-style lists.
RAW_VALUES = ["%FF%FE", "%C0%AF", "%00", "\xff\xfe", "a%0D%0ASet-Cookie:%20x=1"]
MEGABYTE = "m" * 1_000_000
DEEP_ARRAYS = "[" * 100_000 + "]" * 100_000
DEEP_OBJECTS = '{"a":' * 100_000 + "1" + "}" * 100_000

# Every facet the catalogue has, so a new one is covered without editing this list.
FACETS = [facet.name for facet in facets.filters()]
CATALOGUE = ["q", "sources", "sort", "page", *FACETS]
# Every listing and every read endpoint, with the parameters it reads. `{…}` parts are
# filled in per test (a real practice, a real plan).
LISTINGS = {
    "catalogue": ("/en/practices/", CATALOGUE),
    "catalogue-it": ("/it/practices/", CATALOGUE),
    "site-search": ("/en/search/", ["q", "page"]),
    "stories": ("/en/stories/", ["page", "q"]),
    "recommendations": ("/en/recommendations/", ["audience"]),
    "chapter": ("/en/campaign/", ["page", "q"]),
    "home": ("/en/", ["q", "page"]),
    "practice-page": ("/en/practices/{practice_slug}/", ["page", "q"]),
    "build-my-toolkit": ("/en/download/", ["page", "practice", "view"]),
    "selection-pdf": ("/en/download/selection.pdf", ["page", "practice"]),
    "participation-hub": ("/en/participate/", ["page"]),
    "feedback-form": ("/en/participate/feedback/", ["page", "useful"]),
    "proposal-form": ("/en/participate/proposal/", ["page", "useful"]),
    "story-form": ("/en/participate/story/", ["page"]),
    "planner-start": ("/en/planner/", ["page"]),
    "planner-step": ("/en/planner/{plan_key}/goal/", ["rows"]),
    "api-practices": ("/api/v1/practices", ["per_page", "lang", *CATALOGUE]),
    "api-practice": ("/api/v1/practices/{practice_id}", ["lang"]),
    "api-vocabularies": ("/api/v1/vocabularies", ["lang"]),
    "api-csv": ("/api/v1/export/practices.csv", ["lang", *CATALOGUE]),
    "api-json": ("/api/v1/export/practices.json", ["lang", *CATALOGUE]),
    "api-jsonld": ("/api/v1/export/practices.jsonld", ["lang", *CATALOGUE]),
    "api-datapackage": ("/api/v1/datapackage.json", ["lang"]),
    "api-openapi": ("/api/v1/openapi.json", ["lang"]),
    "sitemap": ("/sitemap.xml", ["p", "page"]),
    "language-sitemap": ("/sitemap-en.xml", ["p", "page"]),
    "robots": ("/robots.txt", ["lang"]),
    "health": ("/healthz", ["check"]),
}
LISTING_IDS = list(LISTINGS)
# Search syntax matters only where a search runs; elsewhere it is one more string.
SEARCHING = {"catalogue", "catalogue-it", "site-search", "build-my-toolkit", "api-practices"}
SEARCHING |= {"api-csv", "api-json", "api-jsonld"}
LISTING_CASES = [
    pytest.param(target, value, id=f"{target}-{name}")
    for target in LISTINGS
    for name, value in HOSTILE.items()
    if target in SEARCHING or not name.startswith("fts-")
]


@pytest.fixture
def published():
    """Practices a test publishes. Its transaction is rolled back (and SQLite may give the
    next test the same ids), so nothing kept in memory or on disk about them may outlive it:
    the index, the records, the PDFs."""
    pages = []
    yield pages
    search.indexes.forget()
    records._memo.clear()
    for page in pages:
        for stale in building.folder().glob(f"practice-{page.id}-*"):
            stale.unlink()


@pytest.fixture
def places(visitor):
    practice = PracticePage.objects.live().filter(locale__language_code="en").first()
    return {
        "practice_slug": practice.slug,
        "practice_id": practice.id,
        "plan_key": start_plan(visitor),
    }


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_harmless(response, allowed=(200, 301, 302, 400, 404, 405, 422, 429)):
    """Not a server error, no header broken open, and no script reflected into HTML."""
    body = body_of(response)
    assert response.status_code in allowed, (response.status_code, body[:2000])
    for name, value in response.items():
        assert "\r" not in value and "\n" not in value, (name, value)
    assert "x" not in response.cookies
    if "html" in response.get("Content-Type", ""):
        text = body.decode("utf-8", "replace")
        for marker in RAW_MARKERS:
            assert marker not in text
    return body


# ------------------------------------------------------------------ query parameters


@pytest.mark.parametrize("target", LISTING_IDS)
def test_every_target_of_the_corpus_is_a_real_page(visitor, places, target):
    path, _names = LISTINGS[target]
    expected = 400 if target == "selection-pdf" else 200  # nothing chosen yet
    assert visitor.get(path.format(**places)).status_code == expected


@pytest.mark.parametrize(("target", "payload"), LISTING_CASES)
def test_no_query_parameter_value_breaks_a_listing(visitor, places, target, payload):
    path, names = LISTINGS[target]
    response = visitor.get(path.format(**places), dict.fromkeys(names, payload))
    assert_harmless(response)


@pytest.mark.parametrize("target", LISTING_IDS)
def test_repeated_parameters_and_lists_break_no_listing(visitor, places, target):
    path, names = LISTINGS[target]
    every_payload = list(HOSTILE.values())
    response = visitor.get(path.format(**places), dict.fromkeys(names, every_payload))
    assert_harmless(response)
    pairs = [f"{name}[]=a&{name}[0]=b&{name}=1&{name}=2" for name in names]
    assert_harmless(visitor.get(path.format(**places) + "?" + "&".join(pairs)))


@pytest.mark.parametrize("raw", RAW_VALUES)
@pytest.mark.parametrize("target", LISTING_IDS)
def test_broken_utf8_and_nul_bytes_in_a_query_string_break_no_listing(visitor, places, target, raw):
    path, names = LISTINGS[target]
    query = "&".join([f"{name}={raw}" for name in names] + [f"{raw}={raw}"])
    assert_harmless(visitor.get(path.format(**places) + "?" + query))


@pytest.mark.parametrize(
    "path",
    ["/en/practices/", "/en/search/", "/api/v1/practices", "/api/v1/export/practices.csv"],
)
def test_a_megabyte_of_search_text_is_refused_or_ignored_not_a_crash(visitor, path):
    assert_harmless(visitor.get(path, {"q": MEGABYTE}))


@pytest.mark.parametrize(
    "query",
    ["page=-1", f"page={10**12}", f"page={10**30}", "page=0", "per_page=-1", f"per_page={10**30}"],
)
@pytest.mark.parametrize("path", ["/en/practices/", "/en/search/", "/api/v1/practices"])
def test_impossible_page_numbers_are_errors_not_crashes(visitor, path, query):
    assert_harmless(visitor.get(f"{path}?{query}"))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices/{big}",
        "/api/v1/practices/-1",
        "/api/v1/practices/0",
        "/api/v1/practices/abc",
        "/api/v1/practices/1%00",
        "/api/v1/practices/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/export/practices.xml",
        "/api/v1/export/..%2F..%2Fsettings.py",
        "/api/v1/%FF%FE",
        "/en/practices/..%2F..%2Fetc%2Fpasswd/",
        "/en/practices/%2e%2e/%2e%2e/etc/passwd/sheet.pdf",
        "/en/practices/no-such-practice/sheet.pdf",
        "/en/download/recommendations/..%2Fsecret.pdf",
        "/en/%FF%FE/",
        "/en/participate/%00/",
        "/sitemap-%FF%FE.xml",
        "/sitemap-..%2F..%2Fetc%2Fpasswd.xml",
        "/static/..%2F..%2Ftoolkit%2Fsettings.py",
        "/documents/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_bogus_paths_are_not_found_not_a_crash(visitor, path):
    response = visitor.get(path.format(big=10**30))
    assert_harmless(response, allowed=(301, 302, 400, 404, 405, 422))


def test_odd_paths_are_not_found_with_the_database_cache_either(visitor, settings):
    # The page cache looks up every anonymous GET by its path; PostgreSQL refuses a NUL byte
    # in a query and the cache table's key column holds 255 characters.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hostile_input_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    for path in ("/en/%00/", "/en/participate/status/a%00b/", "/en/" + "a" * 300 + "/"):
        assert_harmless(visitor.get(path), allowed=(404,))


@pytest.mark.parametrize("payload", [SCRIPT, "../../etc/passwd", str(10**30)])
def test_a_practice_sheet_pdf_ignores_hostile_parameters(visitor, places, payload):
    path = f"/en/practices/{places['practice_slug']}/sheet.pdf"
    response = visitor.get(path, {"page": payload, "lang": payload})
    assert assert_harmless(response, allowed=(200,)).startswith(b"%PDF")


def test_a_selection_pdf_with_a_hostile_catalogue_view_is_built_from_the_valid_part(
    visitor, places
):
    view = f"q={quote(SCRIPT)}zzzz&country=ZZ&page={10**30}"
    response = visitor.get(
        "/en/download/selection.pdf", {"practice": places["practice_slug"], "view": view}
    )
    assert assert_harmless(response, allowed=(200,)).startswith(b"%PDF")


# ------------------------------------------------------------------ header injection

REDIRECTING = [
    "/",
    "/practices/",
    "/en/practices",
    "/en/participate/feedback",
    "/admin/",
    "/admin/login/",
]


@pytest.mark.parametrize("path", REDIRECTING)
def test_a_line_break_in_a_redirect_parameter_never_becomes_a_header(visitor, path):
    query = "next=%0D%0ASet-Cookie:%20x=1&next=/%0D%0ALocation:%20http://evil.example/"
    response = visitor.get(f"{path}?{query}")
    assert_harmless(response)
    assert "evil.example" not in response.get("Location", "").split("?")[0]


@pytest.mark.parametrize("path", ["/", "/en/practices/", "/practices/", "/api/v1/practices"])
def test_hostile_request_headers_are_harmless(visitor, path):
    response = visitor.get(
        path,
        HTTP_ACCEPT_LANGUAGE="xx;q=1e400, ../../etc, \x00, " + "en;q=0.5," * 500,
        HTTP_REFERER="http://testserver/%FF%FE/../../it/\r\nSet-Cookie: x=1",
        HTTP_X_FORWARDED_FOR="' OR 1=1 --, \x00",
        HTTP_HX_REQUEST=SCRIPT,
    )
    assert_harmless(response)


# ------------------------------------------------------------------ public forms

VALID = {
    "feedback": {"useful": "yes", "comment": "Clear and short."},
    "proposal": PROPOSAL,
    "story": STORY,
    "practice": PRACTICE,
    "contact": CONTACT,
}
KINDS = list(VALID)


def valid_answers(kind):
    data = dict(VALID[kind])
    if kind == "feedback":
        data["page"] = PracticePage.objects.live().filter(locale__language_code="en").first().id
    return human(data)


def is_free_text(field):
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field, forms.EmailField | forms.URLField)
        and not field.widget.is_hidden
    )


def hostile_answers(kind, value, text_only):
    """A person's valid answers with the free-text fields (or every field) set to `value`."""
    data = valid_answers(kind)
    for name, field in FORMS[kind](language="en").fields.items():
        if name in ("started", "homepage"):
            continue
        if is_free_text(field) or not text_only:
            data[name] = value
    return data


def post_form(client, kind, data, **extra):
    return client.post(f"/en/participate/{kind}/", data, **extra)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_in_a_public_form_is_stored_as_text_or_refused(visitor, kind, payload):
    response = post_form(visitor, kind, hostile_answers(kind, payload, text_only=True))
    assert_harmless(response, allowed=(302, 400))
    if response.status_code == 302:
        assert_harmless(visitor.get(response["Location"]), allowed=(200,))
    else:
        assert "error-summary" in response.content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_value_in_every_field_is_refused_with_an_error_summary(visitor, kind, payload):
    response = post_form(visitor, kind, hostile_answers(kind, payload, text_only=False))
    assert_harmless(response, allowed=(400,))
    assert "error-summary" in response.content.decode()
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("kind", KINDS)
def test_the_similar_practices_action_and_lists_survive_hostile_values(visitor, kind):
    data = {**hostile_answers(kind, list(HOSTILE.values()), text_only=False), "action": "similar"}
    assert_harmless(post_form(visitor, kind, data), allowed=(200, 400))
    data["action"] = [SCRIPT, "similar"]
    assert_harmless(post_form(visitor, kind, data), allowed=(200, 400))


@pytest.mark.parametrize("kind", KINDS)
def test_broken_utf8_and_nul_bytes_in_a_form_body_are_refused_not_a_crash(visitor, kind):
    for raw in (b"%FF%FE", b"\xff\xfe", b"%00", b"%C0%AF"):
        fields = ["title", "what", "change", "message", "subject", "comment", "page", "useful"]
        body = b"&".join(name.encode() + b"=" + raw for name in fields)
        response = visitor.post(
            f"/en/participate/{kind}/", body, content_type="application/x-www-form-urlencoded"
        )
        assert_harmless(response, allowed=(400,))


@pytest.mark.parametrize("kind", KINDS)
def test_a_json_body_or_a_megabyte_field_is_refused_not_a_crash(visitor, kind):
    for body in (DEEP_ARRAYS, DEEP_OBJECTS, '{"title": 1e400, "what": [null]}'):
        response = visitor.post(f"/en/participate/{kind}/", body, content_type="application/json")
        assert_harmless(response, allowed=(400,))
    longest = {"feedback": "comment", "proposal": "change", "story": "what"}
    data = {longest.get(kind, "description" if kind == "practice" else "message"): MEGABYTE}
    response = post_form(visitor, kind, {**valid_answers(kind), **data})
    assert_harmless(response, allowed=(400,))
    assert "error-summary" in response.content.decode()


def test_a_body_beyond_the_upload_limit_is_refused_not_a_crash(visitor):
    response = post_form(
        visitor, "contact", {**valid_answers("contact"), "message": "m" * 3_000_000}
    )
    assert_harmless(response, allowed=(400, 413))


def test_a_refused_form_keeps_every_answer_and_says_what_is_wrong(visitor):
    data = {**hostile_answers("story", SCRIPT, text_only=True), "country": IMG}
    response = post_form(visitor, "story", data)
    page = assert_harmless(response, allowed=(400,)).decode()
    assert "error-summary" in page
    assert page.count(ESCAPED_SCRIPT) >= 4  # title, what, change, participation …
    assert Submission.objects.count() == 0


def test_a_valid_submission_next_to_hostile_ones_is_stored_as_sent(visitor):
    for payload in (SCRIPT, "a\x00b", MEGABYTE, "' OR 1=1 --"):
        post_form(visitor, "contact", hostile_answers("contact", payload, text_only=False))
        post_form(visitor, "story", hostile_answers("story", payload, text_only=True))
    response = post_form(visitor, "proposal", valid_answers("proposal"), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
    stored = Submission.objects.get(kind="proposal")
    assert stored.answers["change"] == PROPOSAL["change"]
    stories = Submission.objects.filter(kind="story")
    assert sorted(s.answers["title"] for s in stories) == ["' OR 1=1 --", SCRIPT]


@pytest.mark.parametrize("payload", [SCRIPT, "A" * 30, "a\x00b", "../../etc/passwd", "x\r\ny"])
def test_a_bogus_submission_key_is_not_found(visitor, payload):
    path = f"/en/participate/status/{quote(payload, safe='')}/"
    assert_harmless(visitor.get(path), allowed=(404,))
    response = visitor.post(path, {"action": "answer", "answer": SCRIPT, "confirm": "on"})
    assert_harmless(response, allowed=(404,))


# ------------------------------------------------------------------ stored payloads


def approve(client, moderator, submission, message=""):
    client.force_login(moderator)
    response = client.post(
        f"/admin/submissions/{submission.id}/", {"decision": "approve", "message": message}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def hostile_story():
    return {
        **STORY,
        "title": SCRIPT,
        "what": IMG,
        "change": SCRIPT,
        "participation": IMG,
        "place": SCRIPT,
        "with_whom": "javascript:alert(1)",
        "name": SCRIPT,
        "pages": [Page.objects.live().get(slug="campaign", locale__language_code="en").id],
    }


def test_an_approved_story_with_markup_is_shown_as_text_everywhere(client, visitor, moderator):
    sent = post_form(visitor, "story", human(hostile_story()))
    assert sent.status_code == 302
    status_page = sent["Location"]
    submission = Submission.objects.get()
    approve(client, moderator, submission, message=IMG)
    stories = assert_harmless(visitor.get("/en/stories/"), allowed=(200,)).decode()
    assert ESCAPED_SCRIPT in stories
    for path in ["/admin/submissions/?status=all", f"/admin/submissions/{submission.id}/"]:
        admin_page = assert_harmless(client.get(path), allowed=(200,)).decode()
        assert ESCAPED_SCRIPT in admin_page
    assert_harmless(visitor.get(status_page), allowed=(200,))
    named = assert_harmless(visitor.get("/en/campaign/"), allowed=(200,)).decode()
    assert ESCAPED_SCRIPT in named  # the page the story names shows it too


def test_a_question_from_a_moderator_with_markup_is_shown_as_text(client, visitor, moderator):
    sent = post_form(visitor, "contact", valid_answers("contact"))
    submission = Submission.objects.get()
    client.force_login(moderator)
    client.post(
        f"/admin/submissions/{submission.id}/", {"decision": "ask", "message": SCRIPT + IMG}
    )
    page = assert_harmless(visitor.get(sent["Location"]), allowed=(200,)).decode()
    assert ESCAPED_SCRIPT in page
    answered = visitor.post(sent["Location"], {"action": "answer", "answer": IMG + SCRIPT})
    assert answered.status_code == 302
    assert_harmless(client.get(f"/admin/submissions/{submission.id}/"), allowed=(200,))


def publish_hostile_practice(client, visitor, moderator, published):
    """A practice sent with markup in every text, approved, then published by an editor."""
    data = {
        **PRACTICE,
        "title": f"Markup {SCRIPT}",
        "summary": IMG,
        "description": f"{SCRIPT}\n\n{IMG}",
        "organisation": SCRIPT,
        "place": IMG,
        "results": SCRIPT,
        "beneficiaries": IMG,
        "resources_needed": SCRIPT,
        "transferability": IMG,
        "contact": "javascript:alert(1)",
    }
    assert post_form(visitor, "practice", human(data)).status_code == 302
    submission = Submission.objects.get()
    approve(client, moderator, submission)
    submission.refresh_from_db()
    page = submission.result_page.specific
    page.get_latest_revision().publish()  # what an editor does after checking it
    published.append(page)
    return page, submission


def test_an_approved_and_published_practice_with_markup_is_shown_as_text(
    client, visitor, moderator, published
):
    page, submission = publish_hostile_practice(client, visitor, moderator, published)
    shown = assert_harmless(visitor.get(page.url), allowed=(200,)).decode()
    assert ESCAPED_SCRIPT in shown
    assert 'href="javascript:' not in shown
    for path in ["/en/practices/?q=markup", "/en/search/?q=markup", "/en/download/"]:
        listed = assert_harmless(visitor.get(path), allowed=(200,)).decode()
        assert ESCAPED_SCRIPT in listed, path
    records = visitor.get("/api/v1/practices?q=markup").json()["results"]
    assert records[0]["title"] == f"Markup {SCRIPT}"  # JSON carries the text as sent
    admin_page = client.get(f"/admin/submissions/{submission.id}/")
    assert ESCAPED_SCRIPT in assert_harmless(admin_page, allowed=(200,)).decode()


def test_a_published_practice_with_markup_is_text_in_the_planner_forms_and_pdf(
    client, visitor, moderator, published
):
    page, _submission = publish_hostile_practice(client, visitor, moderator, published)
    key = start_plan(visitor)
    inspired = inspire(visitor, key, "goal", page.slug)
    assert inspired.status_code == 302 and Plan.objects.get().inspirations
    for path in [f"/en/planner/{key}/goal/", f"/en/planner/{key}/"]:
        assert ESCAPED_SCRIPT in assert_harmless(visitor.get(path), allowed=(200,)).decode()
    assert_harmless(visitor.get(f"/en/planner/{key}/plan.md"), allowed=(200,))
    similar = {**valid_answers("practice"), "title": "Markup", "summary": "Markup"}
    similar["action"] = "similar"
    shown = assert_harmless(post_form(visitor, "practice", similar), allowed=(200,)).decode()
    assert ESCAPED_SCRIPT in shown
    sheet = visitor.get(f"/en/practices/{page.slug}/sheet.pdf")
    assert assert_harmless(sheet, allowed=(200,)).startswith(b"%PDF")


def test_a_javascript_website_is_refused(visitor):
    data = human({**PRACTICE, "website": "javascript:alert(1)"})
    response = post_form(visitor, "practice", data)
    assert_harmless(response, allowed=(400,))
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "query", ["q=" + quote(SCRIPT), "kind=%FF&status=%00&page=-1", f"page={10**30}&q=%27%20OR"]
)
def test_the_moderation_queue_survives_hostile_filters(client, moderator, query):
    client.force_login(moderator)
    assert_harmless(client.get(f"/admin/submissions/?{query}"), allowed=(200,))


def test_a_hostile_moderation_decision_is_refused_not_a_crash(client, visitor, moderator):
    post_form(visitor, "contact", valid_answers("contact"))
    submission = Submission.objects.get()
    client.force_login(moderator)
    for decision in (SCRIPT, [SCRIPT, "approve"], "decline"):
        response = client.post(
            f"/admin/submissions/{submission.id}/", {"decision": decision, "message": ""}
        )
        assert_harmless(response, allowed=(200, 302, 400))
    assert_harmless(client.get(f"/admin/submissions/{10**30}/"), allowed=(404,))


# ------------------------------------------------------------------ the planner


def every_step_answer(step, value):
    """A step's form and one row of each of its tables, every field set to `value`."""
    fields = dict.fromkeys(step.form.base_fields, value)
    tables = {
        name: [dict.fromkeys(row.base_fields, value)]
        for name, (row, _label, _minimum) in step.tables.items()
    }
    return form_data(fields, tables, action="draft")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_planner_step_stores_or_refuses_hostile_answers(visitor, payload):
    key = start_plan(visitor)
    for step in steps.STEPS:
        response = visitor.post(f"/en/planner/{key}/{step.slug}/", every_step_answer(step, payload))
        assert_harmless(response, allowed=(302, 400))
    for path in ["", "plan.json", "plan.md", "plan.docx"]:
        assert_harmless(visitor.get(f"/en/planner/{key}/{path}"), allowed=(200,))


def test_a_plan_with_markup_in_every_answer_makes_a_pdf(visitor):
    key = start_plan(visitor)
    for step in steps.STEPS:
        text_only = {
            name: (IMG if name not in ("country", "sectors", "target_groups") else "")
            for name in step.form.base_fields
        }
        visitor.post(f"/en/planner/{key}/{step.slug}/", form_data(text_only, {}, action="draft"))
    response = visitor.get(f"/en/planner/{key}/plan.pdf")
    assert_harmless(response, allowed=(200,))


@pytest.mark.parametrize("payload", [SCRIPT, "x\r\nBcc: a@example.org", "a\x00@example.org"])
def test_a_hostile_address_for_the_plan_link_is_refused(visitor, payload):
    key = start_plan(visitor)
    response = visitor.post(f"/en/planner/{key}/email", {"email": payload})
    assert_harmless(response, allowed=(400,))


def test_a_plan_title_with_a_line_break_still_gets_its_link_by_email(visitor, mailoutbox):
    key = start_plan(visitor)
    data = form_data({"title": "Line\rbreak\u2028title"}, {}, action="draft")
    assert visitor.post(f"/en/planner/{key}/context/", data).status_code == 302
    response = visitor.post(f"/en/planner/{key}/email", {"email": "ana@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "\r" not in mailoutbox[0].subject


@pytest.mark.parametrize(
    "data",
    [
        {"inspire": SCRIPT},
        {"inspire": "../../etc/passwd", "action": "draft"},
        {"inspire": ["a", "b"], "uninspire": [SCRIPT], "action": [SCRIPT]},
        {"inspire": "x" * 100_000},
    ],
)
def test_hostile_inspirations_are_refused(visitor, data):
    # "Add as inspiration" is a button of the step's own form (name "inspire").
    key = start_plan(visitor)
    response = visitor.post(f"/en/planner/{key}/goal/", data)
    assert_harmless(response, allowed=(200, 302, 400, 404))
    assert Plan.objects.get().inspirations == []


@pytest.mark.parametrize("action", [SCRIPT, "autosave", "more", ["save", "autosave"], ""])
def test_any_planner_action_value_is_handled(visitor, action):
    key = start_plan(visitor)
    data = {**every_step_answer(steps.get("goal"), "An objective"), "action": action}
    assert_harmless(visitor.post(f"/en/planner/{key}/goal/", data), allowed=(200, 302, 400))


@pytest.mark.parametrize(
    "key", ["A" * 20, "A" * 64, "A" * 65, quote(SCRIPT, safe=""), "..%2F..%2Fetc", "%FF" * 10]
)
@pytest.mark.parametrize(
    "suffix", ["", "goal/", "plan.json", "plan.md", "plan.docx", "plan.pdf", "plan.exe"]
)
def test_a_bogus_plan_key_is_not_found(visitor, key, suffix):
    assert_harmless(visitor.get(f"/en/planner/{key}/{suffix}"), allowed=(404,))


@pytest.mark.parametrize("path", ["email", "forget", "goal/"])
def test_posting_to_a_bogus_plan_key_is_not_found(visitor, path):
    response = visitor.post(f"/en/planner/{'B' * 30}/{path}", {"email": "a@example.org"})
    assert_harmless(response, allowed=(404,))


def plan_file(document):
    raw = document if isinstance(document, bytes) else document.encode()
    return SimpleUploadedFile("plan.json", raw, content_type="application/json")


def plan_document(**changes):
    return json.dumps({"format": "advocacy-toolkit-plan", "version": 1, "answers": {}} | changes)


IMPORTS = {
    "deep-arrays": DEEP_ARRAYS,
    "deep-objects": DEEP_OBJECTS,
    "not-json": "<script>alert(1)</script>",
    "broken-utf8": b'{"format": "\xff\xfe"}',
    "nul": '{"format": "\\u0000"}',
    "huge-number": '{"format": 1e400, "version": ' + "9" * 5000 + "}",
    "a-list": "[1, 2, 3]",
    "language-list": plan_document(language=["en"]),
    "language-object": plan_document(language={"en": 1}),
    "answers-list": plan_document(answers=[1]),
    "answers-wrong-types": plan_document(
        answers={
            "context": {"title": ["a"], "sectors": "x", "country": {"a": 1}},
            "goal": {"goal": None, "objectives": [{"deadline": "2026-99-99"}, 5, None]},
            "problem": [SCRIPT],
        }
    ),
    "inspirations-wrong-types": plan_document(
        inspirations=[
            {"step": ["problem"], "practice": "x"},
            {"step": {"a": 1}, "practice": "x"},
            {"step": "problem", "practice": ["x"]},
            "x",
            None,
        ]
    ),
    "inspiration-with-nul": plan_document(inspirations=[{"step": "problem", "practice": "a\x00b"}]),
    "inspirations-object": plan_document(inspirations={"step": "problem"}),
}


@pytest.mark.parametrize("document", list(IMPORTS.values()), ids=list(IMPORTS))
def test_a_hostile_plan_file_is_refused_or_read_safely(visitor, document):
    response = visitor.post("/en/planner/import", {"file": plan_file(document)})
    assert_harmless(response, allowed=(302, 400))
    for plan in Plan.objects.all():
        assert all("\x00" not in item["practice"] for item in plan.inspirations)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"file": "not a file"},
        {"file": [SCRIPT, SCRIPT]},
    ],
)
def test_an_import_without_a_file_is_refused(visitor, data):
    assert_harmless(visitor.post("/en/planner/import", data), allowed=(400,))


def test_a_new_plan_ignores_whatever_is_posted_with_it(visitor):
    for body in ({"language": SCRIPT, "answers": DEEP_ARRAYS}, {"x": "%FF"}):
        assert_harmless(visitor.post("/en/planner/new", body), allowed=(302,))
    response = visitor.post("/en/planner/new", DEEP_OBJECTS, content_type="application/json")
    assert_harmless(response, allowed=(302,))


# ------------------------------------------------------------------ the API


API_GETS = [
    "/api/v1/practices",
    "/api/v1/practices/{practice_id}",
    "/api/v1/vocabularies",
    "/api/v1/export/practices.json",
    "/api/v1/datapackage.json",
]


@pytest.mark.parametrize("path", API_GETS)
def test_the_api_answers_json_bodies_and_other_methods_with_a_client_error(visitor, places, path):
    url = path.format(**places)
    for body in (DEEP_ARRAYS, DEEP_OBJECTS, "{"):
        response = visitor.post(url, body, content_type="application/json")
        assert_harmless(response, allowed=(403, 404, 405))
    for method in (visitor.put, visitor.patch, visitor.delete):
        assert_harmless(
            method(url, DEEP_ARRAYS, content_type="application/json"), allowed=(403, 405)
        )


@pytest.mark.parametrize("path", ["/api/v1/practices", "/api/v1/export/practices.json"])
def test_api_answers_to_hostile_parameters_are_valid_json(visitor, path):
    for name, payload in HOSTILE.items():
        response = visitor.get(path, {"q": payload, "country": payload, "lang": payload})
        assert_harmless(response, allowed=(200, 422))
        assert isinstance(json.loads(body_of(response)), dict), name


def test_an_editor_import_of_deeply_nested_json_is_refused(client, moderator):
    client.force_login(moderator)
    for document in (DEEP_ARRAYS, DEEP_OBJECTS, "[" + "1," * 1000, "[" + "9" * 5000 + "]"):
        upload = SimpleUploadedFile("practices.json", document.encode())
        response = client.post("/admin/practices/import/", {"file": upload, "language": "en"})
        assert_harmless(response, allowed=(200,))
        assert "not valid JSON" in response.content.decode()
