"""What went wrong in the first hour of real use of the planner, over HTTP."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from toolkit.planner import steps
from toolkit.planner.models import Plan

from .helpers import COMPLETE, complete_plan, save, start_plan
from .test_exports import pdf_text

pytestmark = pytest.mark.django_db

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def suggested_practices(page):
    return re.findall(r'name="inspire" value="([^"]+)"', page)


def test_the_summary_keeps_the_site_menu_and_every_link_on_it_has_an_address(visitor):
    key = complete_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/").content.decode()
    assert 'href=""' not in page
    menu = re.search(r'<nav class="wrap site-nav".*?</nav>', page, re.S).group(0)
    assert 'href="/en/planner/"' in menu
    assert "Your context" not in menu  # the plan's steps are not the site's sections
    for step in steps.STEPS:
        assert f'href="/en/planner/{key}/{step.slug}/"' in page


def test_add_as_inspiration_is_a_button_of_the_steps_own_form(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/allies/").content.decode()
    assert f'<form method="post" action="/en/planner/{key}/allies/"' in page
    assert 'id="plan-form"' in page
    button = re.search(r'<button [^>]*name="inspire"[^>]*>', page).group(0)
    assert 'form="plan-form"' in button
    assert "/inspire" not in page  # no second form that would post without the typed text


def test_add_as_inspiration_keeps_what_was_just_typed_in_the_step(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/allies/").content.decode()
    practice = suggested_practices(page)[0]
    # No autosave has run: the typed text reaches the server only with the button's request.
    fields = {"allies": "The teachers' union, typed a second ago"}
    data = {"step-allies": fields["allies"], "inspire": practice}
    response = visitor.post(f"/en/planner/{key}/allies/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/en/planner/{key}/allies/#inspirations"
    plan = Plan.objects.get()
    assert plan.answers["allies"]["allies"] == fields["allies"]
    assert plan.inspirations == [{"step": "allies", "practice": practice}]
    page = visitor.get(response["Location"]).content.decode()
    assert "typed a second ago" in page
    assert "Added to your inspirations" in page


def test_a_practice_can_be_added_even_while_the_step_has_a_mistake(visitor):
    key = start_plan(visitor)
    page = visitor.get(f"/en/planner/{key}/goal/").content.decode()
    practice = suggested_practices(page)[0]
    data = {
        "step-goal": "A place for everyone",
        "objectives-TOTAL_FORMS": "1",
        "objectives-INITIAL_FORMS": "0",
        "objectives-0-objective": "Two classes",
        "objectives-0-deadline": "2027-02-30",
        "inspire": practice,
    }
    response = visitor.post(f"/en/planner/{key}/goal/", data)
    assert response.status_code == 400
    assert "A place for everyone" in response.content.decode()
    assert Plan.objects.get().inspirations == [{"step": "goal", "practice": practice}]


def test_every_step_has_one_number_from_1_to_10(visitor):
    assert [step.number for step in steps.STEPS] == list(range(1, 11))
    start = visitor.get("/en/planner/").content.decode()
    assert '<li value="1">Your context</li>' in start
    assert '<li value="10">Monitoring, evaluation and learning</li>' in start
    assert 'start="0"' not in start


def test_the_headings_and_the_steps_menu_use_the_same_numbers(visitor):
    key = start_plan(visitor)
    context = visitor.get(f"/en/planner/{key}/context/").content.decode()
    assert "Step 1 of 10" in context
    goal = visitor.get(f"/en/planner/{key}/goal/").content.decode()
    assert "Step 3 of 10" in goal
    menu = re.search(r'<nav class="plan-steps".*?</nav>', goal, re.S).group(0)
    assert re.search(r'value="3">\s*<a href="/en/planner/[^"]+/goal/"', menu)


def test_the_summary_and_every_file_number_the_steps_1_to_10(visitor):
    key = complete_plan(visitor)
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    assert ">1. Your context</h2>" in summary
    assert ">10. Monitoring, evaluation and learning</h2>" in summary
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "## 1. Your context (complete)" in markdown
    assert "## 10. Monitoring, evaluation and learning (complete)" in markdown
    docx = Document(io.BytesIO(visitor.get(f"/en/planner/{key}/plan.docx").content))
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Your context"
    assert headings[-1] == "10. Monitoring, evaluation and learning"
    pdf = pdf_text(visitor.get(f"/en/planner/{key}/plan.pdf").content)
    assert "1. Your context" in pdf
    assert "0. Your context" not in pdf


def test_an_import_error_is_at_the_top_of_the_form_and_takes_the_focus(visitor):
    upload = SimpleUploadedFile("plan.json", b"not json", content_type="application/json")
    response = visitor.post("/en/planner/import", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    form = re.search(r'<form [^>]*action="/en/planner/import".*?</form>', page, re.S).group(0)
    opening = re.match(r"<form [^>]*>\s*(<div [^>]*>)", form)
    assert opening, form[:300]
    summary = opening.group(1)
    assert 'class="error-summary"' in summary
    assert "autofocus" in summary
    assert 'href="#id_file"' in form
    assert page.count("autofocus") == 1


def test_a_step_with_mistakes_puts_the_focus_on_its_error_summary(visitor):
    key = start_plan(visitor)
    response = save(visitor, key, "allies", {"allies": "The union"})
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary"[^>]*>', response.content.decode()).group(0)
    assert "autofocus" in summary


def test_reloading_the_import_address_leads_back_to_the_import_form(visitor):
    response = visitor.get("/en/planner/import")
    assert response.status_code == 302
    assert response["Location"] == "/en/planner/#import-title"
    assert visitor.get(response["Location"]).status_code == 200


def test_reloading_the_new_plan_address_leads_back_to_the_planner_without_a_new_plan(visitor):
    response = visitor.get("/ar/planner/new")
    assert response.status_code == 302
    assert response["Location"] == "/ar/planner/"
    assert Plan.objects.count() == 0


def test_every_date_of_a_plan_is_written_the_same_way_on_its_page_and_in_its_files(visitor):
    key = complete_plan(visitor)
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    # The deadline in the objectives table, on the timeline's end and in its list.
    assert summary.count("March 1, 2027") >= 3
    without_machine_dates = re.sub(r'datetime="[^"]*"', "", summary)
    assert "2027-03-01" not in without_machine_dates
    assert "03/01/2027" not in summary  # the short format
    markdown = visitor.get(f"/en/planner/{key}/plan.md").content.decode()
    assert "| Two more evening classes | Classes open | March 1, 2027 |" in markdown
    docx = Document(io.BytesIO(visitor.get(f"/en/planner/{key}/plan.docx").content))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "March 1, 2027" in cells
    assert "2027-03-01" in visitor.get(f"/en/planner/{key}/plan.json").content.decode()


def test_summary_tables_never_break_a_word_in_the_middle(visitor):
    css = SITE_CSS.read_text()
    table_rules = [line for line in css.splitlines() if ".plan-rows" in line]
    assert table_rules
    assert not [line for line in table_rules if "anywhere" in line or "break-all" in line]
    key = start_plan(visitor)
    fields, tables = COMPLETE["decision-makers"]
    save(visitor, key, "decision-makers", fields, tables)
    summary = visitor.get(f"/en/planner/{key}/").content.decode()
    # On a narrow screen each row is a card, each cell named by its column.
    assert '<td data-label="Position">' in summary


def test_the_grid_lays_its_labels_out_in_its_own_direction_in_arabic(visitor):
    key = start_plan(visitor, language="ar")
    fields, tables = COMPLETE["decision-makers"]
    save(visitor, key, "decision-makers", fields, tables, language="ar")
    for url in (f"/ar/planner/{key}/", f"/ar/planner/{key}/decision-makers/"):
        page = visitor.get(url).content.decode()
        assert 'dir="rtl"' in page
        svg = re.search(r'<svg viewBox="-48 [^>]*>', page).group(0)
        assert 'direction="ltr"' in svg
