"""Many people sending forms at the same moment, on SQLite behind gunicorn (2 processes with
threads): every acknowledged submission is stored, and none meets "database is locked"."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

# The site of these requests is the SQLite site of the browser journeys, whatever TEST_DB says.
pytestmark = pytest.mark.same_on_every_database

PEOPLE = 24


def one_person(site_url, number):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form_url = f"{site_url}/en/participate/contact/"
    page = opener.open(form_url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    time.sleep(3.5)  # a person takes a few seconds; the time trap refuses faster posts
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "started": started,
            "homepage": "",
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "subject": f"Question {number}",
            "message": "Does the planner work offline?",
        }
    ).encode()
    request = urllib.request.Request(form_url, data=data, headers={"Referer": form_url})
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        problem = re.search(r'(<div class="error-summary".*?</div>)', body, re.DOTALL)
        raise AssertionError(problem.group(1) if problem else body[:1500]) from None
    assert "/participate/status/" in response.url, response.read()[:2000]
    status_page = response.read().decode()
    return re.search(r"Submission ([2-9A-Z]{8})", status_page).group(1), response.url


def test_simultaneous_submissions_are_all_stored(site_url):
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(lambda n: one_person(site_url, n), range(PEOPLE)))
    references = {reference for reference, _url in results}
    assert len(references) == PEOPLE
    for reference, url in results:
        again = urllib.request.urlopen(url, timeout=30).read().decode()
        assert reference in again
