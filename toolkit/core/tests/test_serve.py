"""`make run` (manage.py serve) as a newcomer meets it: a real process on a fresh database,
a port of their choosing, links that name that port, and a banner that tells the truth."""

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.models import Site

from tests import serving
from toolkit.core.site import follow_base_url
from toolkit.downloads import building

# The tests of `fresh_site` start their own SQLite site, whatever TEST_DB says: once is enough.
own_site = pytest.mark.same_on_every_database

ROOT = Path(__file__).resolve().parents[3]


def settings_value(name, **env):
    """A setting as a fresh process started with `env` reads it."""
    environment = {k: v for k, v in os.environ.items() if k not in ("BASE_URL", "PORT")}
    environment.update(env, DJANGO_SETTINGS_MODULE="toolkit.settings")
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [*serving.MANAGE[:1], "-c", "import django; django.setup(); " + code],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_sites_address_follows_the_port_it_is_served_on():
    assert settings_value("BASE_URL", PORT="8311") == "http://127.0.0.1:8311"
    assert settings_value("BASE_URL") == "http://127.0.0.1:8000"


def test_an_address_the_operator_sets_wins_over_the_port():
    url = settings_value("BASE_URL", PORT="8311", BASE_URL="https://toolkit.example.org/")
    assert url == "https://toolkit.example.org"


@pytest.mark.django_db
def test_the_sitemap_and_canonical_links_name_the_address_the_site_follows(visitor):
    Site.objects.filter(is_default_site=True).update(site_name="Our network's toolkit")
    with override_settings(BASE_URL="http://127.0.0.1:8311"):
        follow_base_url()
        sitemap = visitor.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8311").content.decode()
        page = visitor.get("/en/advocacy/", HTTP_HOST="127.0.0.1:8311").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(url.startswith("http://127.0.0.1:8311/") for url in locations)
    assert 'rel="canonical" href="http://127.0.0.1:8311/en/advocacy/"' in page
    # The editors' name for the site is theirs: following the address keeps it.
    assert Site.objects.get(is_default_site=True).site_name == "Our network's toolkit"


HEAD_PATHS = [
    "/en/",
    "/ar/practices/",
    "/en/practices/?country=IT",
    "/api/v1/practices",
    "/api/v1/datapackage.json",
    "/robots.txt",
    "/sitemap.xml",
    "/en/search/?q=refugees",
    "/en/planner/",
    "/en/participate/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", HEAD_PATHS)
def test_head_is_answered_as_get_without_a_body(visitor, path):
    got = visitor.get(path)
    head = visitor.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]


@pytest.mark.django_db
def test_head_on_a_pdf_gives_its_length_without_sending_it(visitor, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    head = visitor.head("/en/download/toolkit.pdf")
    assert head.status_code == 200 and head["Content-Type"] == "application/pdf"
    assert int(head["Content-Length"]) > 10_000
    assert b"".join(head.streaming_content) == b""


@pytest.mark.django_db
def test_a_person_asking_for_a_pdf_still_being_made_is_told_and_gets_it_when_ready(
    visitor, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    accept = "text/html,application/xhtml+xml,*/*;q=0.8"  # what a browser sends for a link
    first = visitor.get("/en/download/toolkit.pdf", HTTP_ACCEPT=accept)
    assert first.status_code == 202
    assert first["Refresh"] == "3" and "no-store" in first["Cache-Control"]
    assert "Your PDF is being made" in first.content.decode()
    for _attempt in range(600):  # made in a thread of this process
        if building.ready("toolkit", "en"):
            break
        time.sleep(0.5)
    ready = visitor.get("/en/download/toolkit.pdf", HTTP_ACCEPT=accept)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_a_program_asking_for_a_pdf_waits_for_the_file_itself(visitor, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    response = visitor.get("/en/download/toolkit.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


# --- The real command, on a fresh database -----------------------------------------------


@pytest.fixture(scope="module")
def fresh_site():
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-serve-"))
    env = serving.site_environment(var_dir)
    prepared = subprocess.run(
        [*serving.MANAGE, "serve", "--prepare-only"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    yield env, prepared.stdout
    shutil.rmtree(var_dir, ignore_errors=True)


def serve(env):
    """`manage.py serve` started as `make run` starts it; returns (process, banner lines)."""
    process = subprocess.Popen(
        [*serving.MANAGE, "serve", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        if "Booting worker" in line:
            break
    return process, "".join(lines)


def fetch(url, method="GET"):
    request = urllib.request.Request(url, method=method)  # noqa: S310 - our own server
    for _attempt in range(600):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError:  # not listening yet
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


@own_site
def test_a_first_start_says_what_it_is_doing_while_it_loads(fresh_site):
    _env, output = fresh_site
    assert "Created the database from the prepared schema" in output
    assert "Collecting static files" in output
    assert re.search(r"Adding \S+ \(7 of 7\)", output)


@own_site
def test_the_served_site_names_its_own_port_and_the_banner_tells_the_truth(fresh_site):
    env, _output = fresh_site
    base = f"http://127.0.0.1:{env['PORT']}"
    process, banner = serve(env)
    try:
        assert f"The toolkit is at {base}/" in banner
        assert "No editor account exists yet" in banner
        assert "printed here" in banner  # where development e-mail goes
        assert "Collecting static files" not in banner  # collected once, at the first start
        status, sitemap = fetch(f"{base}/sitemap.xml")
        assert status == 200 and f"<loc>{base}/en/</loc>" in sitemap
        assert fetch(f"{base}/en/practices/", method="HEAD") == (200, "")
    finally:
        serving.stop(process)


@own_site
def test_once_an_editor_exists_the_banner_says_so(fresh_site):
    env, _output = fresh_site
    subprocess.run(
        [
            *serving.MANAGE,
            "createsuperuser",
            "--noinput",
            "--username",
            "editor",
            "--email",
            "editor@example.org",
        ],
        env={**env, "DJANGO_SUPERUSER_PASSWORD": "a long enough passphrase"},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    process, banner = serve(env)
    try:
        assert "1 editor account can sign in there" in banner
        assert "No editor account" not in banner
    finally:
        serving.stop(process)


@own_site
def test_a_restart_finds_the_database_up_to_date_without_running_migrate(fresh_site):
    env, _output = fresh_site
    process, banner = serve(env)
    serving.stop(process)
    assert "Bringing the database up to date" not in banner
    assert "The toolkit is at" in banner


@pytest.mark.django_db
def test_a_migration_not_recorded_as_applied_makes_the_start_migrate():
    from django.db.migrations.recorder import MigrationRecorder

    from toolkit.core import startup

    assert not startup.migrations_pending()
    recorded = MigrationRecorder.Migration.objects.filter(app="practices")
    recorded.filter(name="0005_reviewers_group").delete()
    assert startup.migrations_pending()


@own_site
def test_a_configuration_error_found_by_the_system_checks_stops_the_server(fresh_site):
    env, _output = fresh_site
    broken = {**env, "DJANGO_SETTINGS_MODULE": "tests.failing_check.settings"}
    process = subprocess.Popen(
        [*serving.MANAGE, "serve", "--workers", "1", "--no-prepare"],
        env=broken,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=300)
    finally:
        serving.stop(process)
    assert "A configuration error planted by the tests." in output
    assert "stopping the server" in output
    assert "Booting worker" in output  # the site was served meanwhile, not held back


@own_site
def test_preparing_only_fails_when_the_system_checks_find_an_error(fresh_site):
    env, _output = fresh_site
    broken = {**env, "DJANGO_SETTINGS_MODULE": "tests.failing_check.settings"}
    result = subprocess.run(
        [*serving.MANAGE, "serve", "--prepare-only"],
        env=broken,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "A configuration error planted by the tests." in result.stderr


def pages_per_language(var_dir):
    with sqlite3.connect(Path(var_dir) / "toolkit.sqlite3") as db:
        rows = db.execute(
            "SELECT l.language_code, count(*) FROM wagtailcore_page p"
            " JOIN wagtailcore_locale l ON p.locale_id = l.id WHERE p.depth > 1"
            " GROUP BY l.language_code"
        )
        return dict(rows.fetchall())


@own_site
def test_a_first_start_serves_english_at_once_then_adds_every_other_language_whole(tmp_path):
    env = serving.site_environment(tmp_path)
    base = f"http://127.0.0.1:{env['PORT']}"
    process, banner = serve(env)
    try:
        assert "Adding the other languages (7) while the site is served" in banner
        assert fetch(f"{base}/en/")[0] == 200  # before any other language is there
        for line in process.stdout:
            if line.startswith("Added languages:"):
                break
        counts = pages_per_language(tmp_path)
        assert len(counts) == 8 and len(set(counts.values())) == 1, counts
        status, page = fetch(f"{base}/it/campaign/")
        assert status == 200 and 'href="/it/campaign/analyse-the-problem/"' in page
    finally:
        serving.stop(process)


@own_site
def test_stopping_the_server_with_ctrl_c_says_nothing_of_the_checks_it_interrupted(fresh_site):
    env, _output = fresh_site
    process = subprocess.Popen(
        [*serving.MANAGE, "serve", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    for line in process.stdout:
        if "Booting worker" in line:
            break
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: to the server and its checks
    rest, _ = process.communicate(timeout=60)
    assert "found errors" not in rest
