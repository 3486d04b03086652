"""The plan as files: JSON (which the planner reads back), Markdown, Word and PDF.

JSON is the stored document itself: an import checks every step with the same forms as the
step pages, so a file edited by hand can never put into a plan what the forms would refuse."""

import io
import json

from django.conf import settings
from django.core.validators import slug_re
from django.utils import translation
from django.utils.translation import gettext as _

from toolkit.lib import pdf
from toolkit.lib.markdown import escape as md

from . import presentation, steps
from .forms import ANSWER_CHOICES

FORMAT = "advocacy-toolkit-plan"
VERSION = 1
MAX_IMPORT_BYTES = 5_000_000


class ImportProblem(Exception):
    """A file the planner cannot read; `problems` says why, in words for the visitor."""

    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def document(plan):
    answers = {s.slug: plan.answers[s.slug] for s in steps.STEPS if s.slug in plan.answers}
    return {
        "format": FORMAT,
        "version": VERSION,
        "language": plan.language,
        "answers": answers,
        "inspirations": plan.inspirations,
        "sources": plan.sources,
    }


def as_json(plan):
    return json.dumps(document(plan), ensure_ascii=False, indent=2) + "\n"


def read_document(raw):
    """(language, answers, inspirations, sources) from the bytes of a JSON export."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem([_("The file is too large to be a plan.")])
    try:
        data = json.loads(raw.decode("utf-8"))
    # ValueError also covers broken UTF-8 and integers too long to convert.
    except (ValueError, RecursionError):
        raise ImportProblem([_("This is not a plan file: it is not valid JSON.")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem([_("This is not a plan file exported by the planner.")])
    if data.get("version") != VERSION:
        raise ImportProblem([_("This plan file comes from a version the planner cannot read.")])
    language = data.get("language")
    if not isinstance(language, str) or language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    answers = _read_answers(data.get("answers"), language)
    return language, answers, _read_inspirations(data), _read_sources(data)


def _read_answers(answers, language):
    if not isinstance(answers, dict):
        raise ImportProblem([_("The plan file has no answers.")])
    clean, problems = {}, []
    for step in steps.STEPS:
        stored = answers.get(step.slug)
        if stored is None:
            continue
        if not isinstance(stored, dict):
            problems.append(_("“%(step)s” is not readable.") % {"step": step.title})
            continue
        values, form, tables = steps.check(step, stored, language, strict=False)
        if values is None:
            problems.append(
                _("“%(step)s” has answers the planner does not accept.") % {"step": step.title}
            )
        else:
            clean[step.slug] = values
    if problems:
        raise ImportProblem(problems)
    return clean


def _read_inspirations(data):
    items = data.get("inspirations") or []
    if not isinstance(items, list):
        return []
    return [
        {"step": item["step"], "practice": item["practice"]}
        for item in items[:60]
        if isinstance(item, dict)
        and isinstance(item.get("step"), str)
        and steps.get(item["step"]) is not None
        and isinstance(item.get("practice"), str)
        # A practice is named by its slug, as the inspiration form requires.
        and slug_re.match(item["practice"])
        and len(item["practice"]) <= 255
    ]


def _read_sources(data):
    """The adapted practices of a file, each check as the planner writes it; anything else
    (a file edited by hand) is left out rather than trusted."""
    items = data.get("sources") or []
    if not isinstance(items, list):
        return []
    sources = []
    for item in items[:10]:
        checks = item.get("checks") if isinstance(item, dict) else None
        if (
            isinstance(checks, list)
            and _text(item.get("practice"), 255)
            and slug_re.match(item["practice"])
            and _text(item.get("title"), 300)
        ):
            good = [_read_check(check) for check in checks[:30]]
            sources.append(
                {
                    "practice": item["practice"],
                    "title": item["title"],
                    "checks": [check for check in good if check],
                }
            )
    return sources


def _read_check(check):
    if not isinstance(check, dict):
        return None
    fields = {"id": 40, "kind": 20, "text": 1000, "lang": 10, "answer": 10, "note": 2000}
    values = {name: check.get(name, "") for name in fields}
    if not all(isinstance(v, str) and len(v) <= fields[n] for n, v in values.items()):
        return None
    if not values["id"] or not slug_re.match(values["id"]) or not values["text"]:
        return None
    if values["answer"] not in ("", *dict(ANSWER_CHOICES)):
        return None
    if values["lang"] and values["lang"] not in dict(settings.LANGUAGES):
        values["lang"] = ""
    return values


def _text(value, limit):
    return isinstance(value, str) and 0 < len(value) <= limit


def as_markdown(plan):
    with translation.override(plan.language):
        lines = [f"# {md(plan.title or _('Campaign plan'))}", ""]
        for section in presentation.sections(plan, plan.language):
            lines += _markdown_section(section)
        for source in presentation.adapted(plan, plan.language):
            lines += _markdown_source(source)
        return "\n".join(lines).rstrip() + "\n"


def _markdown_source(source):
    title = md(source["title"])
    heading = f"[{title}](<{source['url']}>)" if source["url"] else title
    lines = [f"## {_('Practice you adapt')}: {heading}", ""]
    if not source["published"]:
        lines += [md(_("This practice is no longer published.")), ""]
    headers = [_("Question"), _("Your answer"), _("What to change")]
    lines.append("| " + " | ".join(md(h) for h in headers) + " |")
    lines.append("|" + " --- |" * len(headers))
    for check in source["checks"]:
        cells = [check["text"], check["answer_name"] or "—", check["note"]]
        lines.append("| " + " | ".join(md(c).replace("\n", "<br>") for c in cells) + " |")
    return [*lines, ""]


def _markdown_section(section):
    status = _("complete") if section["complete"] else _("not complete yet")
    lines = [f"## {section['number']}. {md(section['title'])} ({status})", ""]
    for field in section["fields"]:
        if field["value"]:
            lines += [f"**{md(field['label'])}**", "", md(field["value"]), ""]
    for table in section["tables"]:
        if not table["rows"]:
            continue
        lines += [f"### {md(table['label'])}", ""]
        lines.append("| " + " | ".join(md(h) for h in table["headers"]) + " |")
        lines.append("|" + " --- |" * len(table["headers"]))
        for row in table["rows"]:
            cells = [md(cell).replace("\n", "<br>") for cell in row]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def as_docx(plan):
    from docx import Document

    with translation.override(plan.language):
        doc = Document()
        doc.core_properties.title = _xml_safe(plan.title or _("Campaign plan"))
        doc.core_properties.language = plan.language
        doc.add_heading(_xml_safe(plan.title or _("Campaign plan")), level=0)
        for section in presentation.sections(plan, plan.language):
            _docx_section(doc, section)
        for source in presentation.adapted(plan, plan.language):
            _docx_source(doc, source)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()


def _docx_section(doc, section):
    doc.add_heading(f"{section['number']}. {section['title']}", level=1)
    if not section["complete"]:
        doc.add_paragraph(_("This step is not complete yet."))
    for field in section["fields"]:
        if field["value"]:
            doc.add_heading(str(field["label"]), level=3)
            doc.add_paragraph(_xml_safe(field["value"]))
    for table in section["tables"]:
        if not table["rows"]:
            continue
        doc.add_heading(str(table["label"]), level=2)
        grid = doc.add_table(rows=1, cols=len(table["headers"]))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, table["headers"], strict=True):
            cell.text = str(header)
        for row in table["rows"]:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = _xml_safe(value)


def _docx_source(doc, source):
    doc.add_heading(f"{_('Practice you adapt')}: {_xml_safe(source['title'])}", level=1)
    if source["url"]:
        doc.add_paragraph(source["url"])
    else:
        doc.add_paragraph(_("This practice is no longer published."))
    grid = doc.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    headers = [_("Question"), _("Your answer"), _("What to change")]
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = header
    for check in source["checks"]:
        values = [check["text"], check["answer_name"] or "—", check["note"]]
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            cell.text = _xml_safe(value)


def _xml_safe(text):
    # Word files are XML: control characters other than tab and newline cannot be stored.
    return "".join(ch for ch in str(text) if ch in "\t\n" or ord(ch) >= 32)


def as_pdf(plan, context):
    return pdf.render_template("planner/plan_pdf.html", context, plan.language)
