"""The moderator reads a submission as the sender wrote it: questions as labels, choices by
their names, yes or no, the text escaped once with its paragraphs — on the page and in the
e-mail that announces it."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from wagtail.models import Page

from toolkit.participation.models import Submission

from .helpers import PRACTICE, STORY, send

pytestmark = pytest.mark.django_db

HOSTILE = "First <b>bold</b> & &lt;i&gt; <script>alert(1)</script>\n\nSecond paragraph."


def a_moderator_with_e_mail():
    person = User.objects.create_user("mona", "mona@example.org", "a long test password")
    person.groups.add(Group.objects.get(name="Moderators"))
    return person


def test_a_practice_shows_labels_and_vocabulary_names_not_keys(visitor, client):
    send(visitor, "practice", {**PRACTICE, "description": HOSTILE})
    client.force_login(a_moderator_with_e_mail())
    page = client.get(f"/admin/submissions/{Submission.objects.get().id}/").content.decode()
    assert "Sectors" in page and "Language learning" in page
    answers = page.split('<dl class="submission-answers">')[1].split("</dl>")[0]
    assert "language-learning" not in answers and "['" not in answers
    assert "What it is and how it works" in page
    assert "<p>First &lt;b&gt;bold&lt;/b&gt; &amp; &amp;lt;i&amp;gt; &lt;script&gt;" in page
    assert "<p>Second paragraph.</p>" in page
    assert "&amp;lt;b&amp;gt;" not in page and "<script>alert" not in page


def test_a_story_shows_page_titles_and_yes_or_no(visitor, client):
    campaign = Page.objects.live().get(slug="campaign", locale__language_code="en")
    send(visitor, "story", {**STORY, "pages": [campaign.id], "anonymous": "on"})
    client.force_login(a_moderator_with_e_mail())
    page = client.get(f"/admin/submissions/{Submission.objects.get().id}/").content.decode()
    assert "Which chapters or recommendations helped" in page
    assert f"<p>{campaign.title}</p>" in page
    assert "Publish my story without my name" in page and "<p>Yes</p>" in page
    answers = page.split('<dl class="submission-answers">')[1].split("</dl>")[0]
    assert "consent_publish" not in answers and "True" not in answers and "[" not in answers


def test_the_moderators_e_mail_summarises_what_was_sent_as_plain_text(visitor, committed):
    a_moderator_with_e_mail()
    with committed():
        send(visitor, "story", {**STORY, "what": HOSTILE})
    letter = next(m for m in mail.outbox if m.to == ["mona@example.org"])
    assert "What did you do?:\n" + HOSTILE in letter.body.replace("\r", "")
    assert "Country:\nItaly" in letter.body
    assert "&amp;" not in letter.body and "consent_publish" not in letter.body
    assert "/admin/submissions/" in letter.body
