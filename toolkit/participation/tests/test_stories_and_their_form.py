"""A published story says where it happened, and its form is easy to fill in: tick boxes
beside their labels, several choices without Ctrl-click."""

import re

import pytest

from toolkit.participation.models import Submission

from .helpers import STORY, send

pytestmark = pytest.mark.django_db


def published(visitor, client, moderator, **answers):
    send(visitor, "story", {**STORY, **answers})
    client.force_login(moderator)
    client.post(f"/admin/submissions/{Submission.objects.get().id}/", {"decision": "approve"})
    client.logout()
    page = visitor.get("/en/stories/").content.decode()
    return re.search(r'<p class="card__meta">(.*?)</p>', page, re.S).group(1)


def test_a_story_shows_its_city_and_its_country(visitor, client, moderator):
    meta = published(visitor, client, moderator, place="Bologna")
    assert "<bdi>Bologna</bdi>, <bdi>Italy</bdi> · told by Amina" in meta


def test_the_country_is_named_in_the_readers_language(visitor, client, moderator):
    published(visitor, client, moderator, place="Bologna")
    page = visitor.get("/it/stories/").content.decode()
    assert "<bdi>Bologna</bdi>, <bdi>Italia</bdi>" in page


def test_a_story_without_a_place_or_a_name_leaves_no_dangling_separator(visitor, client, moderator):
    meta = published(visitor, client, moderator, place="", country="", anonymous="on")
    assert meta.lstrip().startswith("<time")
    assert ",  ·" not in meta and "· ·" not in meta


def test_the_consent_box_comes_before_its_label_on_the_same_line(visitor):
    page = visitor.get("/en/participate/story/").content.decode()
    assert re.search(
        r'<p class="choices-inline"><input type="checkbox" name="consent_publish"[^>]*> '
        r'<label for="id_consent_publish">',
        page,
    )


def test_several_chapters_and_practices_are_chosen_with_tick_boxes(visitor):
    page = visitor.get("/en/participate/story/").content.decode()
    assert 'type="checkbox" name="pages"' in page
    assert 'type="checkbox" name="practices"' in page
    assert "<select" not in page.split('name="practices"')[0].rsplit("<fieldset", 1)[-1]
    assert 'name="pages" multiple' not in page


def test_a_story_without_an_answer_keeps_what_was_typed_and_links_the_errors(visitor):
    response = send(visitor, "story", {**STORY, "what": "", "pages": []}, consent_publish="")
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_what"' in page and 'href="#id_consent_publish"' in page
    assert 'value="Evening classes in Bari"' in page
