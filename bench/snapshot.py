#!/usr/bin/env python3
"""Every public answer of a prepared site, written to a folder, so that a refactoring can be
checked to change nothing: run it before and after on the same prepared site and compare the
folders (`diff -r`). Pages of the sitemap in three languages (one a right-to-left one), the
catalogue under many query strings, the site search, the API and its OpenAPI document, the
exports and the data package, the forms' empty pages. What differs by design between two
requests (CSRF tokens, the forms' signed time stamps) is replaced by a placeholder.

Usage:
  .venv/bin/python bench/snapshot.py prepare SITE          # a site as `make run` makes it
  .venv/bin/python bench/snapshot.py take SITE OUTPUT      # every answer into OUTPUT/
  diff -r before/ after/"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGUAGES = ("en", "it", "ar")
CATALOGUE_QUERIES = [
    "",
    "?q=refugees",
    "?q=language+courses",
    "?q=zzzznothing",
    "?country=IT",
    "?country=IT&country=GR&sector=vocational",
    "?sector=language-learning&target_group=refugees&sort=newest",
    "?sort=title&page=2",
    "?q=commun&participation=co-designed",
    "?q=lingua&sources=1",
    "?start_year=2019&status=ongoing",
    "?evidence_strength=strong&approach=lobbying",
    "?page=999",
    "?country=XX&sort=nonsense",
]
SEARCHES = ["refugees", "advocacy campaign", "principi", "تعليم", "a", "%22AND+NEAR%28"]
API = [
    "/api/v1/practices",
    "/api/v1/practices?q=refugees&per_page=5",
    "/api/v1/practices?country=IT&lang=it",
    "/api/v1/practices?lang=ar&sort=newest&page=2",
    "/api/v1/vocabularies",
    "/api/v1/vocabularies?lang=ar",
    "/api/v1/openapi.json",
    "/api/v1/export/practices.csv",
    "/api/v1/export/practices.csv?country=IT&lang=it",
    "/api/v1/export/practices.json",
    "/api/v1/export/practices.jsonld?lang=ar",
    "/api/v1/datapackage.json",
    "/robots.txt",
    "/sitemap.xml",
]
FORMS = [
    "participate/contact/",
    "participate/story/",
    "participate/practice/",
    "participate/proposal/",
    "planner/",
    "download/",
    "stories/",
    "search/",
]
VARYING = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value="…"',
    ),
    (re.compile(r'name="started" value="[^"]+"'), 'name="started" value="…"'),
]


def environment(site):
    return {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")},
        "VAR_DIR": str(site),
        "CACHE_URL": "locmem://",
        "STATE_URL": f"sqlite:///{site}/snapshot-state.sqlite3",
        "TOOLKIT_IGNORE_ENV_FILE": "1",
        "INDEX_BUILDS": "inline",
        "SEARCH_RATE_PER_MINUTE": "100000000",
        "PDF_RATE_PER_MINUTE": "100000000",
        "DJANGO_SETTINGS_MODULE": "toolkit.settings",
    }


def prepare(site):
    from tests import serving

    shutil.rmtree(site, ignore_errors=True)
    serving.prepare(serving.site_environment(site))


def paths(client):
    robots = client.get("/robots.txt").content.decode()
    found = []
    for language in LANGUAGES:
        if f"/sitemap-{language}.xml" not in robots:
            continue
        text = client.get(f"/sitemap-{language}.xml").content.decode()
        urls = re.findall(r"<loc>([^<]+)", text)
        found += [re.sub(r"^https?://[^/]+", "", url) for url in urls]
        found += [f"/{language}/practices/{query}" for query in CATALOGUE_QUERIES]
        found += [f"/{language}/search/?q={words}" for words in SEARCHES]
        found += [f"/{language}/{form}" for form in FORMS]
    return sorted(set(found)) + API


def take(site, output):
    os.environ.update(environment(site))
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    for path in paths(client):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        for pattern, placeholder in VARYING:
            text = pattern.sub(placeholder, text)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", path).strip("_")[:120]
        name += "-" + hashlib.sha256(path.encode()).hexdigest()[:8]
        (output / name).write_text(
            f"{path}\n{response.status_code}\n{response['Content-Type']}\n\n{text}"
        )
    print(f"{len(list(output.iterdir()))} answers written to {output}")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("prepare", "take"):
        print(__doc__)
        sys.exit(2)
    site = Path(sys.argv[2]).resolve()
    if sys.argv[1] == "prepare":
        prepare(site)
    else:
        # A copy of the prepared site per run: the run writes to its database (sessions of
        # nobody, search statistics) and must not change what the next run starts from.
        work = site.with_name(site.name + "-run")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(site, work)
        command = [sys.executable, __file__, "_take", str(work), str(Path(sys.argv[3]).resolve())]
        subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "_take":
        take(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
