"""A cache or shared state that fails (Redis stopped, the disk under the file cache full) costs
readers the cache, never the page: pages render uncached, limits let people through, an editor
can sign in, a form is stored, and /healthz names what is wrong. Real outages: a real
redis-server stopped under the site, a real tmpfs filled to the last byte."""

import time

import pytest

from tests.outages import RedisServer, small_disk
from toolkit.participation.models import Submission
from toolkit.participation.tests.helpers import CONTACT, send

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"


@pytest.fixture
def redis_site(settings):
    """The site configured as docs/deploying.md says for Redis (cache and shared state)."""
    server = RedisServer().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.lib.cachebackends.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
    settings.STATE_URL = server.url
    yield server
    server.close()


def healthz(visitor):
    response = visitor.get("/healthz")
    assert response.status_code == 200
    return response.json()


def wait_until_healthy(visitor, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if healthz(visitor)["status"] == "ok":
            return True
        time.sleep(0.2)
    return False


def test_with_redis_stopped_every_page_still_renders_and_healthz_names_the_cache(
    visitor, redis_site
):
    visitor.get("/en/advocacy/")
    assert visitor.get("/en/advocacy/")["X-Page-Cache"] == "hit"
    redis_site.stop()
    for path in ("/en/advocacy/", "/en/innovation/", "/en/practices/", "/it/"):
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert "X-Page-Cache" not in response
    assert visitor.get("/en/practices/?q=refugees").status_code == 200  # its limit lets it by
    assert visitor.get("/api/v1/practices?q=refugees").status_code == 200
    report = healthz(visitor)
    assert report["status"] == "degraded" and report["database"] == "ok"
    assert report["cache"] != "ok" and report["state"] != "ok"


def test_with_redis_stopped_forms_are_stored_and_editors_can_sign_in(
    client, visitor, editor, redis_site
):
    redis_site.stop()
    assert send(visitor, "contact", CONTACT).status_code == 302
    assert Submission.objects.count() == 1
    signed_in = client.post("/admin/login/", {"username": "edith", "password": PASSWORD})
    assert signed_in.status_code == 302


def test_once_redis_is_back_pages_are_cached_again_without_a_restart(visitor, redis_site):
    redis_site.stop()
    assert visitor.get("/en/advocacy/").status_code == 200
    redis_site.start()  # an empty Redis, as after a restart without persistence
    assert wait_until_healthy(visitor)
    visitor.get("/en/advocacy/")
    assert visitor.get("/en/advocacy/")["X-Page-Cache"] == "hit"


def file_cache(settings, folder):
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.lib.cachebackends.FileCache",
            "LOCATION": str(folder / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


def test_with_the_file_cache_on_a_full_disk_pages_searches_and_forms_still_work(visitor, settings):
    with small_disk() as disk:
        file_cache(settings, disk.folder)
        visitor.get("/en/")  # the site ran before the disk filled up: its cache is warm
        disk.fill()
        assert visitor.get("/en/innovation/").status_code == 200  # rendered, just not cached
        assert visitor.get("/en/search/?q=refugees").status_code == 200
        assert send(visitor, "contact", CONTACT).status_code == 302  # the database has room
        assert Submission.objects.count() == 1
        report = healthz(visitor)
        assert report["status"] == "degraded" and "No space left" in report["cache"]
        disk.empty()
        assert wait_until_healthy(visitor)


def test_with_a_cold_file_cache_on_a_full_disk_pages_still_render(visitor, settings):
    # Wagtail keeps its site lookup in the cache; with nowhere to write it, Django's own file
    # cache made every page fail. A miss now: the lookup is made again, the page served.
    with small_disk() as disk:
        file_cache(settings, disk.folder)
        disk.fill()
        assert visitor.get("/en/innovation/").status_code == 200
        assert visitor.get("/it/").status_code == 200


def test_a_pdf_that_cannot_be_written_to_a_full_disk_is_a_clear_503(visitor, settings):
    with small_disk() as disk:
        settings.VAR_DIR = disk.folder  # var/pdf/ on the full disk; nothing built before
        disk.fill()
        response = visitor.get("/en/download/toolkit.pdf")
        assert response.status_code == 503  # the downloads' own page, which says what to do
        assert "The PDF is not ready" in response.content.decode()


def test_limits_let_people_through_when_the_shared_state_disk_is_full(visitor, settings):
    settings.SEARCH_RATE_PER_MINUTE = 2
    with small_disk() as disk:
        settings.STATE_URL = f"sqlite:///{disk.folder}/state.sqlite3"
        visitor.get("/en/practices/?q=one")  # the file exists before the disk fills
        disk.fill()
        statuses = [visitor.get(f"/en/practices/?q=word{n}").status_code for n in range(5)]
        assert statuses == [200] * 5
        assert healthz(visitor)["state"] != "ok"
