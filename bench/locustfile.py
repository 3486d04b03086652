"""What visitors do, as a locust scenario; run it through bench/load.py, which builds the site,
starts gunicorn and checks the submissions afterwards.

Each simulated visitor keeps one language (English, Italian or Arabic) and, between pauses,
reads chapters, campaign steps and practices, searches and filters the catalogue, searches the
site, works on a campaign plan, or sends a public form like a person would: open it, take a few
seconds, send it. Every reference a status page acknowledges is appended to the file named by
LOAD_REFERENCES, so that the driver can look for each one in the database."""

import json
import os
import random
import re
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import gevent
import requests
from locust import HttpUser, between, events, task
from urllib3.util.retry import Retry

LANGUAGES = ["en"] * 5 + ["it"] * 3 + ["ar"] * 2
SEARCHES = {
    "en": "refugees|language|teacher training|apprenticeship|women|rights|vocational|educ|"
    "stories|co-design|childcare|university",
    "it": "rifugiati|lingua|formazione professionale|donne|scuola|diritti|insegnanti|"
    "apprendistato|università|storie",
    "ar": "لاجئين|اللغة|التعليم|النساء|المدرسة|حقوق",
}
SITE_SEARCHES = {
    "en": "advocacy|coalition|messages|policy brief|decision-makers|manifesto",
    "it": "advocacy|coalizione|messaggi|obiettivi|manifesto|alleati",
    "ar": "المناصرة|التحالف|الرسائل|الأهداف",
}
FACETS = {
    "country": "AT BE DE ES FR GR IE IT NL PL PT SE",
    "sector": "adult-education language-learning vocational school higher-education "
    "non-formal informal",
    "target_group": "asylum-seekers refugees other-migrants unaccompanied-minors women "
    "young-people educators-and-staff host-community",
    "approach": "awareness-raising lobbying campaigning participatory-co-design "
    "research-and-evidence coalition-building storytelling",
    "participation": "informed consulted co-designed migrant-led",
    "evidence_strength": "anecdotal emerging moderate strong",
    "status": "ongoing ended",
}
FORM_PAUSE = 3.5  # the forms refuse a post sent less than 3 s after the form was shown
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
LOC = re.compile(r"<loc>([^<]+)</loc>")
REFERENCE = re.compile(r"<h1>[^<]*?\b([2-9A-HJ-NP-Z]{8})\b[^<]*</h1>")

PAGES = {}  # language -> {"chapter": [...], "campaign step": [...], "practice page": [...]}
COUNTS = Counter()  # page reads, those the page cache answered, GETs sent again
_references_lock = threading.Lock()


@events.test_start.add_listener
def discover_pages(environment, **_kwargs):
    """The site's own sitemaps say which pages exist in each language."""
    for language in set(LANGUAGES):
        xml = requests.get(f"{environment.host}/sitemap-{language}.xml", timeout=30).text
        PAGES[language] = grouped([urlsplit(url).path for url in LOC.findall(xml)])


def grouped(paths):
    groups = {"chapter": [], "campaign step": [], "practice page": []}
    for path in paths:
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[1] == "practices":
            groups["practice page"].append(path)
        elif len(parts) == 3 and parts[1] == "campaign":
            groups["campaign step"].append(path)
        elif parts[1:2] != ["practices"]:  # the catalogue itself is searched, not read
            groups["chapter"].append(path)
    return groups


@events.test_stop.add_listener
def tell_counts(**_kwargs):
    path = os.environ.get("LOAD_COUNTS")
    if path:
        Path(path).write_text(json.dumps(COUNTS))


class BrowserRetry(Retry):
    """A browser sends a GET again, once, when the keep-alive connection it reused was closed
    by the server at that very moment (gunicorn closes idle ones after 2 s); requests does not.
    Every such second try is counted and reported, never hidden."""

    def increment(self, *args, **kwargs):
        COUNTS["retried"] += 1
        return super().increment(*args, **kwargs)


def browser_retries(session):
    for adapter in session.adapters.values():
        adapter.max_retries = BrowserRetry(
            total=1, connect=1, read=1, status=0, other=0, allowed_methods={"GET", "HEAD"}
        )


def acknowledge(reference):
    path = os.environ.get("LOAD_REFERENCES")
    if path:
        with _references_lock, open(path, "a") as out:
            out.write(reference + "\n")


def outcome(response):
    """The status code, or what went wrong when no HTTP answer came at all."""
    return response.status_code or repr(response.error)


def form_page(client, url, name, *fields):
    """The page's CSRF token and the other hidden fields asked for, or None (an error)."""
    with client.get(url, name=name, catch_response=True) as response:
        found = [TOKEN.search(response.text), *(field.search(response.text) for field in fields)]
        if response.status_code != 200 or not all(found):
            response.failure(f"no form to fill ({outcome(response)})")
            return None
    return [match.group(1) for match in found]


def wait_range():
    low, high = os.environ.get("LOAD_WAIT", "1,3").split(",")
    return between(float(low), float(high))


class Visitor(HttpUser):
    wait_time = wait_range()

    def on_start(self):
        self.language = random.choice(LANGUAGES)
        browser_retries(self.client)

    def read(self, group):
        response = self.client.get(random.choice(PAGES[self.language][group]), name=group)
        COUNTS["reads"] += 1
        COUNTS["cached"] += response.headers.get("X-Page-Cache") == "hit"

    @task(10)
    def chapter(self):
        self.read("chapter")

    @task(8)
    def campaign_step(self):
        self.read("campaign step")

    @task(10)
    def practice(self):
        self.read("practice page")

    @task(6)
    def catalogue_search(self):
        params = {"q": random.choice(SEARCHES[self.language].split("|"))}
        if random.random() < 0.2:
            params["sort"] = random.choice(["newest", "title"])
        self.client.get(f"/{self.language}/practices/", params=params, name="catalogue search")

    @task(5)
    def catalogue_filter(self):
        params = {}
        for facet in random.sample(sorted(FACETS), random.choice([1, 1, 2, 3])):
            params[facet] = random.sample(FACETS[facet].split(), random.choice([1, 1, 2]))
        if random.random() < 0.3:
            params["q"] = random.choice(SEARCHES[self.language].split("|"))
        if random.random() < 0.1:
            params["page"] = 2
        self.client.get(f"/{self.language}/practices/", params=params, name="catalogue filter")

    @task(4)
    def site_search(self):
        params = {"q": random.choice(SITE_SEARCHES[self.language].split("|"))}
        self.client.get(f"/{self.language}/search/", params=params, name="site search")

    @task(2)
    def plan(self):
        Planner(self).work()

    @task(3)
    def send_form(self):
        kind = random.choice(["contact", "story", "proposal"])
        Submitter(self, kind).send()


class Planner:
    """Start a plan, fill in the first three steps (moving on after each), read the summary."""

    def __init__(self, user):
        self.client, self.language = user.client, user.language

    def work(self):
        form = form_page(self.client, f"/{self.language}/planner/", "planner: start")
        if not form:
            return
        with self.client.post(
            f"/{self.language}/planner/new",
            data={"csrfmiddlewaretoken": form[0]},
            name="planner: new plan",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"no plan ({outcome(response)})")
                return
        step_url = response.headers["Location"]
        for answers in (self.context(), self.problem(), self.goal()):
            step_url = self.save(step_url, answers)
            if not step_url:
                return
        summary = step_url.rsplit("/", 2)[0] + "/"
        self.client.get(summary, name="planner: summary")

    def save(self, step_url, answers):
        form = form_page(self.client, step_url, "planner: step page")
        if not form:
            return None
        gevent.sleep(random.uniform(1, 3))  # typing
        data = {"csrfmiddlewaretoken": form[0], "action": "save", **answers}
        with self.client.post(
            step_url,
            data=data,
            name="planner: save step",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"step not saved ({outcome(response)})")
                return None
        return response.headers["Location"]

    @staticmethod
    def context():
        return {
            "step-title": f"Evening classes for every adult {random.randint(1, 10**6)}",
            "step-organisation": "A neighbourhood association",
            "step-role": "We run a language café and know the families who are waiting.",
            "step-target_groups": random.sample(["refugees", "asylum-seekers", "women"], 2),
        }

    @staticmethod
    def problem():
        return {
            "step-problem": "Adults waiting for a decision cannot enrol in evening classes.",
            "step-causes": "The enrolment form asks for a residence permit.",
            "step-rights": "The right to education at any age.",
            "step-affected": "About 300 adults in the city, mostly women with children.",
        }

    @staticmethod
    def goal():
        return {
            "step-goal": "Every adult can enrol in evening classes from the day they arrive.",
            "objectives-TOTAL_FORMS": "1",
            "objectives-INITIAL_FORMS": "0",
            "objectives-MIN_NUM_FORMS": "0",
            "objectives-MAX_NUM_FORMS": "50",
            "objectives-0-objective": "The city council changes the enrolment rule",
            "objectives-0-measure": "The new form no longer asks for a permit",
            "objectives-0-deadline": "2027-09-01",
        }


class Submitter:
    """Open a public form, take a few seconds, send it, read the status page it leads to."""

    def __init__(self, user, kind):
        self.client, self.language, self.kind = user.client, user.language, kind

    def send(self):
        url = f"/{self.language}/participate/{self.kind}/"
        form = form_page(self.client, url, "form: open", STARTED)
        if not form:
            return
        gevent.sleep(FORM_PAUSE + random.uniform(0, 2))
        data = {
            "csrfmiddlewaretoken": form[0],
            "started": form[1],
            "homepage": "",
            **getattr(self, self.kind)(),
        }
        with self.client.post(
            url, data=data, name="form: send", allow_redirects=False, catch_response=True
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/participate/status/" not in location:
                response.failure(f"{self.kind} form not accepted ({outcome(response)})")
                return
        with self.client.get(location, name="submission status", catch_response=True) as status:
            found = REFERENCE.search(status.text)
            if not found:
                status.failure("no reference on the status page")
                return
        acknowledge(found.group(1))

    @staticmethod
    def contact():
        number = random.randint(1, 10**6)
        return {
            "name": f"Visitor {number}",
            "email": f"visitor{number}@example.org",
            "subject": "Translating the planner",
            "message": "Could the planner be offered in Tigrinya? We could help translate it.",
        }

    @staticmethod
    def story():
        return {
            "title": "Our language café met the council",
            "what": "We used the stakeholder map to prepare a meeting with the council.",
            "change": "The council agreed to review the enrolment form.",
            "migrants_took_part": random.choice(["yes", "partly"]),
            "participation": "Two learners presented the problem themselves.",
            "consent_publish": "on",
            "anonymous": "on",
        }

    @staticmethod
    def proposal():
        return {
            "change": "Add an example of a policy brief to the step on tactics.",
            "reason": "Our volunteers asked what one looks like.",
        }
