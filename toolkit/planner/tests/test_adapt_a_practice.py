"""Adapting a practice from the catalogue to one's own place, over HTTP: from the practice
page to a plan pre-filled from it, its transfer checklist, and every file of the plan."""

import io
import json
import re

import pytest
from docx import Document
from wagtail.models import Page

from toolkit.planner.models import Plan

from .helpers import save, start_plan
from .test_exports import pdf_text

pytestmark = pytest.mark.django_db

BOLOGNA = "it-italian-classes-with-creche-bologna"
PALERMO = "it-peer-mentors-leaving-reception-palermo"


def adapt_new(client, slug=BOLOGNA, language="en"):
    response = client.post(f"/{language}/planner/adapt/{slug}/", {"action": "new"})
    assert response.status_code == 302, response.content[:500]
    key = re.match(rf"/{language}/planner/([\w-]+)/adapted/{slug}/$", response["Location"])
    assert key, response["Location"]
    return key.group(1)


def test_every_practice_page_offers_to_adapt_the_practice(visitor):
    page = visitor.get(f"/en/practices/{BOLOGNA}/").content.decode()
    assert f'href="/en/planner/adapt/{BOLOGNA}/"' in page
    assert "Adapt this practice to my context" in page
    chapter = visitor.get("/en/advocacy/").content.decode()
    assert "/planner/adapt/" not in chapter  # only practices can be adapted


def test_the_adapt_page_shows_everything_that_would_go_into_the_plan_before_anything_is_written(
    visitor,
):
    page = visitor.get(f"/en/planner/adapt/{BOLOGNA}/").content.decode()
    assert Plan.objects.count() == 0
    assert "Two part-time teachers, a trained crèche assistant" in page  # resources needed
    assert "Co-designed" in page  # the participation level, as a name
    assert "Co-design workshops with the people affected" in page  # a tactic of its approach
    assert "ready to change timetables and budget for childcare" in page  # the note, as a check
    assert "The planning meetings with interpreters are the step not to skip." in page
    assert "Who from the affected community will decide with you" in page  # a criterion


def test_a_new_plan_starts_from_the_practice_and_links_back_to_it(visitor):
    key = adapt_new(visitor)
    plan = Plan.objects.get()
    assert plan.answers["allies"]["participation_level"] == "co-designed"
    assert "co-design" in plan.answers["tactics"]["tactics"]
    assert plan.answers["resources"]["resources"].startswith("Two part-time teachers")
    assert plan.answers["context"]["target_groups"]
    assert "country" not in plan.answers["context"]  # the visitor's place is theirs to say
    [source] = plan.sources
    assert source["practice"] == BOLOGNA
    assert {"people", "setting", "participation", "safety", "fit", "resources"} <= {
        check["id"] for check in source["checks"]
    }
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert re.search(rf'<a href="[^"]*/en/practices/{BOLOGNA}/" dir="auto">Italian', summary)
    assert f'href="/en/planner/{key}/adapted/{BOLOGNA}/"' in summary


def test_adding_a_practice_to_an_open_plan_keeps_every_answer_the_visitor_gave(visitor):
    key = start_plan(visitor)
    response = save(
        visitor,
        key,
        "resources",
        {"resources": "Our own volunteers and a small grant"},
        action="draft",
    )
    assert response.status_code == 302
    link = f"http://testserver/en/planner/{key}/"
    response = visitor.post(f"/en/planner/adapt/{BOLOGNA}/", {"action": "add", "link": link})
    assert response.status_code == 302
    assert response["Location"] == f"/en/planner/{key}/adapted/{BOLOGNA}/"
    plan = Plan.objects.get()
    assert plan.answers["resources"]["resources"] == "Our own volunteers and a small grant"
    assert plan.answers["allies"]["participation_level"] == "co-designed"
    assert [s["practice"] for s in plan.sources] == [BOLOGNA]
    message = visitor.get(response["Location"]).content.decode()
    assert "answers added, yours kept" in message


def test_a_wrong_private_link_is_an_error_beside_its_field_and_nothing_is_written(visitor):
    for link, error in [
        ("not a link", "This is not the private link of a plan."),
        ("http://testserver/en/planner/" + "A" * 32 + "/", "No plan has this private link."),
        ("", "This field is required."),
    ]:
        response = visitor.post(f"/en/planner/adapt/{BOLOGNA}/", {"action": "add", "link": link})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'class="error-summary"' in page
        assert error in page
        assert f'value="{link}"' in page or not link  # the visitor's input is kept
    assert Plan.objects.count() == 0


def test_an_unknown_practice_cannot_be_adapted(visitor):
    assert visitor.get("/en/planner/adapt/no-such-practice/").status_code == 404
    assert visitor.post("/en/planner/adapt/no-such-practice/", {"action": "new"}).status_code == 404
    assert Plan.objects.count() == 0


def test_answers_to_the_checklist_are_kept_and_shown_in_the_plan(visitor):
    key = adapt_new(visitor)
    page = visitor.get(f"/en/planner/{key}/adapted/{BOLOGNA}/").content.decode()
    assert "Transfer checklist" in page and "Not sure yet" in page
    data = {"answer-people": "yes", "answer-safety": "change", "note-safety": "No photos"}
    response = visitor.post(f"/en/planner/{key}/adapted/{BOLOGNA}/", data)
    assert response.status_code == 302
    checks = {c["id"]: c for c in Plan.objects.get().sources[0]["checks"]}
    assert checks["people"]["answer"] == "yes"
    assert checks["safety"] == {**checks["safety"], "answer": "change", "note": "No photos"}
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert "2 of 8 questions answered" in summary
    assert "To change for our place" in summary and "No photos" in summary


def test_adapting_the_same_practice_again_keeps_the_checklist_answers(visitor):
    key = adapt_new(visitor)
    visitor.post(f"/en/planner/{key}/adapted/{BOLOGNA}/", {"answer-fit": "unsure"})
    link = f"/en/planner/{key}/"
    visitor.post(f"/en/planner/adapt/{BOLOGNA}/", {"action": "add", "link": link})
    [source] = Plan.objects.get().sources
    assert {c["id"]: c["answer"] for c in source["checks"]}["fit"] == "unsure"


def test_a_practice_unpublished_after_it_was_adapted_stays_in_the_plan_as_no_longer_published(
    visitor,
):
    key = adapt_new(visitor)
    for page in Page.objects.filter(slug=BOLOGNA):
        page.specific.unpublish()
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert "Italian classes" in summary
    assert "This practice is no longer published." in summary
    assert visitor.get(f"/en/planner/{key}/adapted/{BOLOGNA}/").status_code == 200
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "This practice is no longer published." in markdown


def test_every_file_of_the_plan_names_the_adapted_practice_and_its_checklist(visitor):
    key = adapt_new(visitor)
    visitor.post(f"/en/planner/{key}/adapted/{BOLOGNA}/", {"note-fit": "Evening classes"})
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "## Practice you adapt: [Italian classes" in markdown
    assert "Evening classes" in markdown
    docx = Document(io.BytesIO(visitor.get(f"/en/planner/{key}/plan.docx").content))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "Evening classes" in cells
    assert any(p.text.startswith("Practice you adapt: Italian classes") for p in docx.paragraphs)
    text = " ".join(pdf_text(visitor.get(f"/en/planner/{key}/plan.pdf").content).split())
    assert "Practices you adapt" in text and "Evening classes" in text, text[-3000:]


def test_the_json_file_restores_the_adapted_practices_and_their_answers(visitor):
    key = adapt_new(visitor)
    visitor.post(f"/en/planner/{key}/adapted/{BOLOGNA}/", {"answer-people": "yes"})
    exported = visitor.get(f"/en/planner/{key}/plan.json").content
    response = visitor.post(
        "/en/planner/import", {"file": io.BytesIO(exported)}, format="multipart"
    )
    assert response.status_code == 302
    original, copy = Plan.objects.order_by("id")
    assert copy.sources == original.sources


def test_a_hand_edited_file_cannot_put_markup_or_foreign_links_into_the_adapted_practices(
    visitor,
):
    key = adapt_new(visitor)
    document = json.loads(visitor.get(f"/en/planner/{key}/plan.json").content)
    hostile = "<script>alert(1)</script>"
    document["sources"][0]["title"] = hostile
    document["sources"][0]["url"] = "javascript:alert(1)"
    document["sources"][0]["checks"][0]["note"] = hostile
    document["sources"][0]["checks"][1]["answer"] = "<b>"  # not an answer: the check is left out
    document["sources"].append({"practice": "../../etc", "title": "x", "checks": []})
    raw = json.dumps(document).encode()
    response = visitor.post("/en/planner/import", {"file": io.BytesIO(raw)})
    assert response.status_code == 302
    copy = Plan.objects.order_by("id").last()
    assert [s["practice"] for s in copy.sources] == [BOLOGNA]
    assert len(copy.sources[0]["checks"]) == len(document["sources"][0]["checks"]) - 1
    page = visitor.get(response["Location"]).content.decode()
    assert hostile not in page and "&lt;script&gt;" in page
    assert "javascript:" not in page


def test_an_arabic_visitor_adapts_a_practice_whose_text_is_english(visitor):
    page = visitor.get(f"/ar/planner/adapt/{PALERMO}/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert re.search(r'<li lang="en" dir="auto">Works wherever a few former', page)
    key = adapt_new(visitor, PALERMO, "ar")
    checklist = visitor.get(f"/ar/planner/{key}/adapted/{PALERMO}/").content.decode()
    assert '<span lang="en" dir="auto">Works wherever' in checklist


def test_hostile_or_huge_checklist_answers_are_refused_or_shown_as_text(visitor):
    key = adapt_new(visitor)
    url = f"/en/planner/{key}/adapted/{BOLOGNA}/"
    huge = visitor.post(url, {"note-fit": "x" * 2_001, "answer-fit": "yes"})
    assert huge.status_code == 400
    assert 'class="error-summary"' in huge.content.decode()
    assert visitor.post(url, {"answer-fit": "maybe"}).status_code == 400
    assert all(not c["answer"] for c in Plan.objects.get().sources[0]["checks"])  # nothing kept
    hostile = "<img src=x onerror=alert(1)> | **bold** [link](javascript:alert(1))"
    assert visitor.post(url, {"note-fit": hostile}).status_code == 302
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert "<img src=x" not in summary and "&lt;img src=x" in summary
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "\\<img src=x" in markdown and "\\*\\*bold\\*\\*" in markdown
    assert "](javascript:" not in markdown
