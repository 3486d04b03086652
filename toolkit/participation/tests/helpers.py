"""Sending the public forms as a person would: after a few seconds, with the traps untouched."""

import re
import time

from django.core import signing

from toolkit.lib import antispam

STORY = {
    "title": "Evening classes in Bari",
    "what": "We used the campaign steps to ask the region for evening classes.",
    "country": "IT",
    "place": "Bari",
    "change": "Two new classes opened.",
    "migrants_took_part": "yes",
    "participation": "Learners spoke at the hearing.",
    "name": "Amina",
    "email": "amina@example.org",
    "consent_publish": "on",
}
CONTACT = {
    "subject": "A question",
    "message": "How do I translate a page?",
    "email": "lea@example.org",
    "name": "Lea",
}
PROPOSAL = {"change": "Add a tip about school calendars.", "reason": "Deadlines matter."}
PRACTICE = {
    "title": "Language cafe in the library",
    "summary": "Volunteers and newcomers meet weekly to practise the language.",
    "description": "Every Tuesday evening the library opens its cafe.\n\nTea is free.",
    "country": "SE",
    "organisation": "Town library",
    "start_year": "2021",
    "status": "ongoing",
    "sectors": ["language-learning"],
    "target_groups": ["refugees"],
    "approaches": ["awareness-raising"],
    "participation": "co-designed",
    "consent_publish": "on",
}


def human(data, seconds_ago=10):
    token = signing.dumps(int(time.time()) - seconds_ago, salt=antispam.SALT)
    return {**data, "started": token, "homepage": ""}


def send(client, kind, data, language="en", **trap):
    return client.post(f"/{language}/participate/{kind}/", {**human(data), **trap})


def status_key(response):
    match = re.match(r"/[a-z]{2}/participate/status/([A-Za-z0-9_-]+)/", response["Location"])
    assert match, response["Location"]
    return match.group(1)
