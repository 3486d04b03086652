"""Browser journeys: a real server (gunicorn, as `make run` starts it) on a throwaway
database, driven by Playwright in Debian's Chromium, with axe-core checking every page.

Where Chromium or axe-core is missing the journeys are skipped with a message, except in CI
(CI=true), where a missing browser is a failure."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import serving

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site():
    """The one throwaway site of the browser journeys: its address and its environment (for
    `manage.py` commands run against the same database, e.g. to add an account)."""
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-browser-"))
    # Every request comes from 127.0.0.1 here: lift the per-address limits (tested over HTTP).
    # The admin is signed in to with a password: the second factor is tested in accounts/tests.
    env = serving.site_environment(
        var_dir,
        PARTICIPATION_RATE_PER_ADDRESS="10000",
        SEARCH_RATE_PER_MINUTE="10000",
        PDF_RATE_PER_MINUTE="10000",
        TWO_FACTOR_REQUIRED="false",
    )
    serving.prepare(env)
    process, url = serving.start_gunicorn(env, workers=2)
    try:
        yield SimpleNamespace(url=url, env=env)
    finally:
        serving.stop(process)
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def site_url(site):
    return site.url


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if not chromium:
        missing("Chromium is not installed (apt-get install chromium)")
    if not AXE.exists():
        missing("axe-core is not installed (npm install)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    # Bypassing our CSP is only for injecting axe; the pages themselves are unchanged.
    context = browser.new_context(
        base_url=site_url, bypass_csp=True, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    external = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(site_url) else external.append(request.url),
    )
    yield page
    context.close()
    assert not external, f"requests to other hosts: {external}"


def assert_accessible(page):
    """axe-core finds no violation (WCAG 2.x A/AA and best practices) on the current page."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in violations
    ]
    assert not violations, f"{page.url}: {json.dumps(summary, ensure_ascii=False, indent=1)}"


def press_tab_until(page, predicate_js, limit=80):
    """Move keyboard focus with Tab until the focused element satisfies `predicate_js`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


ACCOUNT = """
from django.contrib.auth.models import Group, User
if not User.objects.filter(username={username!r}).exists():
    user = User.objects.create_user({username!r}, {username!r} + "@example.org", {password!r})
    user.groups.add(Group.objects.get(name={group!r}))
"""
PASSWORD = "a long test password"


def add_account(site, username, group):
    """An account in `group` on the shared site (it signs in with PASSWORD there)."""
    script = ACCOUNT.format(username=username, group=group, password=PASSWORD)
    command = [*serving.MANAGE, "shell", "-c", script]
    subprocess.run(command, env=site.env, check=True, cwd=serving.ROOT, capture_output=True)


def a_page(browser, url, width, height=844):
    """A page in its own context (its own cookies: one person), `width` pixels wide."""
    context = browser.new_context(
        base_url=url, bypass_csp=True, viewport={"width": width, "height": height}
    )
    return context, context.new_page()


def sign_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("button[type=submit]").first.click()
