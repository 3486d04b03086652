"""Filling the planner as a browser would: a step's fields and its tables as form data."""

import re

from toolkit.planner import steps

COMPLETE = {
    "context": (
        {
            "title": "Italian classes for every adult",
            "role": "Adult education network",
            "country": "IT",
            "sectors": ["language-learning"],
            "target_groups": ["refugees"],
        },
        {},
    ),
    "problem": (
        {
            "problem": "Courses are full by October.",
            "rights": "The right to education.",
            "affected": "About 300 adults a year in Palermo.",
        },
        {},
    ),
    "goal": (
        {"goal": "Every adult who asks gets a place within a month."},
        {
            "objectives": [
                {
                    "objective": "Two more evening classes",
                    "measure": "Classes open",
                    "deadline": "2027-03-01",
                }
            ]
        },
    ),
    "decision-makers": (
        {},
        {
            "stakeholders": [
                {
                    "name": "Regional education office",
                    "kind": "decision-maker",
                    "power": "5",
                    "interest": "2",
                    "position": "neutral",
                },
                {
                    "name": "Mayor",
                    "kind": "influencer",
                    "power": "4",
                    "interest": "4",
                    "position": "supportive",
                },
            ]
        },
    ),
    "allies": (
        {
            "allies": "Teachers' union",
            "participation_level": "co-designed",
            "participation_roles": "Learners choose the questions and speak at the hearing.",
        },
        {},
    ),
    "messages": (
        {"shared_benefit": "Evening classes serve Italian adults too."},
        {
            "messages": [
                {
                    "audience": "Councillors",
                    "message": "Waiting lists cost jobs",
                    "messenger": "Learners",
                    "ask": "Fund two classes",
                }
            ]
        },
    ),
    "tactics": (
        {"tactics": ["meetings", "testimonies"], "timing": "Before the budget."},
        {"windows": [{"event": "Regional budget vote", "date": "2026-12-15"}]},
    ),
    "resources": (
        {
            "resources": "Two volunteers",
            "legal_status": "Nobody's permit depends on it.",
            "exposure": "First names only.",
            "consent": "Written, in their language.",
        },
        {
            "risks": [
                {
                    "risk": "Media exposure",
                    "likelihood": "low",
                    "impact": "high",
                    "mitigation": "Speakers choose what to share",
                }
            ]
        },
    ),
    "action": (
        {},
        {
            "activities": [
                {
                    "activity": "Meet the councillor",
                    "owner": "Anna",
                    "due": "2027-01-10",
                    "status": "planned",
                }
            ]
        },
    ),
    "learning": (
        {},
        {
            "indicators": [
                {
                    "indicator": "Places offered",
                    "baseline": "120",
                    "target": "160",
                    "method": "Enrolment records",
                    "when": "Every term",
                }
            ]
        },
    ),
}


def form_data(fields, tables, action="save"):
    data = {"action": action}
    for name, value in fields.items():
        data[f"step-{name}"] = value
    for table, rows in tables.items():
        data[f"{table}-TOTAL_FORMS"] = str(len(rows))
        data[f"{table}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{table}-{index}-{name}"] = value
    return data


def start_plan(client, language="en"):
    response = client.post(f"/{language}/planner/new")
    assert response.status_code == 302
    match = re.match(rf"/{language}/planner/([A-Za-z0-9_-]+)/context/", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def save(client, key, slug, fields, tables=None, action="save", language="en"):
    # A browser always sends every table's management form, even with no rows.
    tables = {name: [] for name in steps.get(slug).tables} | (tables or {})
    url = f"/{language}/planner/{key}/{slug}/"
    return client.post(url, form_data(fields, tables, action))


def inspire(client, key, slug, practice, fields=None, tables=None, remove=False, language="en"):
    """Press "Add as inspiration" (or "Remove") on a step page: a button of the step's own
    form, so the browser sends the step's fields with it (`fields`, `tables`)."""
    tables = {name: [] for name in steps.get(slug).tables} | (tables or {})
    data = form_data(fields or {}, tables, action="draft")
    data["uninspire" if remove else "inspire"] = practice
    return client.post(f"/{language}/planner/{key}/{slug}/", data)


def complete_plan(client, language="en"):
    key = start_plan(client, language)
    for slug, (fields, tables) in COMPLETE.items():
        response = save(client, key, slug, fields, tables, language=language)
        assert response.status_code == 302, (slug, response.content[:3000])
    return key
