"""A story can be told safely: without a name, with only the country, its consent kept as the
person read it, and a risk the sender flags keeps it unpublished until a moderator clears it."""

import pytest

from toolkit.participation.models import Story, Submission

from .helpers import STORY, send

pytestmark = pytest.mark.django_db


def decide(client, moderator, **data):
    client.force_login(moderator)
    submission = Submission.objects.get()
    return client.post(f"/admin/submissions/{submission.id}/", {"decision": "approve", **data})


def test_the_consent_is_kept_with_its_words_in_the_senders_language_and_its_date(visitor):
    send(visitor, "story", STORY, language="it")
    submission = Submission.objects.get()
    assert submission.consent_given_at is not None
    assert submission.consent_wording.startswith("Acconsento")  # the Italian words read


def test_a_story_flagged_as_risky_stays_unpublished_until_a_moderator_clears_it(
    visitor, client, moderator
):
    send(visitor, "story", {**STORY, "risks": ["residence"]})
    refused = decide(client, moderator)
    assert Story.objects.count() == 0
    assert Submission.objects.get().status == "received"
    assert refused.status_code == 200  # the page again, saying why
    text = refused.content.decode()
    assert "the sender flagged a risk" in text  # why the approval was not possible
    assert "The sender flagged a risk in publishing this story." in text
    assert "residence status or asylum claim could be at stake" in text
    assert 'name="risks_cleared"' in text
    decide(client, moderator, risks_cleared="on")
    assert Story.objects.count() == 1
    assert Submission.objects.get().status == "published"


def test_a_story_without_a_risk_needs_no_clearing(visitor, client, moderator):
    send(visitor, "story", STORY)
    client.force_login(moderator)
    text = client.get(f"/admin/submissions/{Submission.objects.get().id}/").content.decode()
    assert 'name="risks_cleared"' not in text
    decide(client, moderator)
    assert Story.objects.count() == 1


def test_a_story_can_be_published_with_the_country_only_and_without_a_name(
    visitor, client, moderator
):
    send(
        visitor,
        "story",
        {**STORY, "place": "Via Roma 3, Bari", "country_only": "on", "anonymous": "on"},
    )
    decide(client, moderator)
    story = Story.objects.get()
    assert (story.place, story.country, story.author) == ("", "IT", "")
    page = visitor.get("/en/stories/").content.decode()
    assert "Via Roma" not in page and "Amina" not in page


def test_a_made_up_risk_is_refused_beside_its_field(visitor):
    response = send(visitor, "story", {**STORY, "risks": ["<script>"]})
    assert response.status_code == 400
    assert "&lt;script&gt;" in response.content.decode()
    assert Submission.objects.count() == 0
