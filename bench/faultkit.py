"""What every fault scenario needs (bench/faults.py, bench/faults_state.py): the report, sites
prepared once and copied, SQL straight to the database, and visitors who send the contact form
as people do. Not a scenario itself."""

import contextlib
import hashlib
import http.client
import http.cookiejar
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import postgres_cluster, serving  # noqa: E402 - after the path is set

# Everything comes from 127.0.0.1: lift the per-address and global limits of the forms.
LIMITS = {"PARTICIPATION_RATE_PER_ADDRESS": "1000000", "PARTICIPATION_RATE_GLOBAL": "1000000"}
FORM = "/en/participate/contact/"


# --- the report -----------------------------------------------------------------------------


@dataclass
class Report:
    rows: list = field(default_factory=list)

    def check(self, where, name, ok, detail=""):
        result = {True: "ok", False: "FAIL", None: "skipped"}[ok]
        self.rows.append((*where, name, result, str(detail)))
        print(f"  {result:7} {' / '.join(where)}: {name} {detail}", flush=True)
        return ok

    def failed(self):
        return any(row[3] == "FAIL" for row in self.rows)

    def table(self):
        header = ("database", "scenario", "check", "result", "detail")
        widths = [max(len(str(row[i])) for row in [header, *self.rows]) for i in range(5)]
        lines = [" | ".join(str(v).ljust(w) for v, w in zip(header, widths, strict=True))]
        lines.append("-|-".join("-" * w for w in widths))
        for row in self.rows:
            lines.append(" | ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
        return "\n".join(lines)


# --- sites ----------------------------------------------------------------------------------


@dataclass
class Site:
    database: str
    name: str
    var_dir: Path
    env: dict
    log: Path
    sqlite_file: Path = None
    database_url: str = ""
    process: subprocess.Popen = None
    base: str = ""
    postmaster: dict = None


class Sites:
    """One prepared site per database (migrated, content loaded, static collected), copied for
    each scenario: preparing takes minutes, copying a moment."""

    def __init__(self, work):
        self.work = work
        self.templates = {}
        self.cluster_url = None
        self.started = []

    def new(self, database, name, var_parent=None, database_folder=None, tablespace=None, **extra):
        """A copy of the prepared site; its SQLite file in `database_folder`, its PostgreSQL
        database in a tablespace in the folder `tablespace`, if given."""
        template = self.template(database)
        var_dir = Path(var_parent or self.work / f"{database}-{name}") / "var"
        shutil.rmtree(var_dir, ignore_errors=True)  # left by an earlier run with --work
        shutil.copytree(template, var_dir)
        site = Site(database, name, var_dir, {}, self.work / f"{database}-{name}.log")
        site.sqlite_file = var_dir / "toolkit.sqlite3"
        site.log.write_bytes(b"")
        if database_folder:
            site.sqlite_file = Path(shutil.move(site.sqlite_file, database_folder))
            extra["DATABASE_URL"] = f"sqlite:///{site.sqlite_file}"
        if database == "postgres":
            site.database_url = self._postgres_copy(name, tablespace)
            extra["DATABASE_URL"] = site.database_url
        site.env = serving.site_environment(var_dir, **LIMITS, **extra)
        self.started.append(site)
        return site

    def _postgres_copy(self, name, tablespace=None):
        cluster = self.cluster_url.rsplit("/", 1)[0]
        create = f"CREATE DATABASE toolkit_{name} TEMPLATE toolkit"
        if tablespace:
            folder = tablespace / "tablespace"
            folder.mkdir()
            if os.geteuid() == 0:  # the cluster belongs to the postgres user, who must get in
                shutil.chown(folder, user="postgres")
                self.work.chmod(self.work.stat().st_mode | 0o011)
            psql(f"{cluster}/postgres", f"CREATE TABLESPACE {name} LOCATION '{folder}'")
            create += f" TABLESPACE {name}"
        psql(f"{cluster}/postgres", create)
        return f"{cluster}/toolkit_{name}"

    def stop_all(self):
        for site in self.started:
            stop(site)

    def template(self, database):
        if database not in self.templates:
            started = time.monotonic()
            var_dir = self.work / f"{database}-template"
            extra = {}
            if database == "postgres":
                self.cluster_url = postgres_cluster.start(create_database=True)
                extra["DATABASE_URL"] = self.cluster_url
            # A SQLite site prepared by an earlier run with --work is reused as it is.
            if database == "postgres" or not (var_dir / "prepared").exists():
                serving.prepare(serving.site_environment(var_dir, **extra))
                (var_dir / "prepared").touch()
            self.templates[database] = var_dir
            print(f"  prepared a {database} site in {time.monotonic() - started:.0f} s")
        return self.templates[database]


def start(site):
    log = site.log.open("ab")
    site.process, site.base = serving.start_gunicorn(site.env, workers=2, log=log)


def start_while_database_down(site):
    """gunicorn as serving.start_gunicorn runs it, but satisfied by any answer of /healthz;
    on the port of the killed server, as a restart would (cached pages are kept per host)."""
    port = int(site.base.rsplit(":", 1)[1])
    command = [serving.GUNICORN, "toolkit.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "4", "--timeout", "600"]
    site.process = subprocess.Popen(
        command,
        env=site.env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=site.log.open("ab"),
    )
    site.base = f"http://127.0.0.1:{port}"
    for _attempt in range(400):
        if site.process.poll() is not None:
            return False
        with contextlib.suppress(OSError):
            fetch(visitor(), site.base + "/healthz", timeout=5)
            return True
        time.sleep(0.3)
    return False


def stop(site):
    if site.process and site.process.poll() is None:
        serving.stop(site.process)


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def kill_all(pids):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def unavailable_messages(site):
    """What the 503 middleware logged: the real error messages behind the fault."""
    text = site.log.read_text(errors="replace") if site.log.exists() else ""
    found = re.findall(r"service unavailable: \S+ \S+: (\w+: [^\n]{0,90})", text)
    return sorted(set(found))


# --- SQL, straight to the database (never through the app under test) ----------------------


def psql(url, query):
    command = [postgres_cluster.find_binary("psql"), url, "-XAt", "-F", "\t", "-c", query]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"psql: {result.stderr.strip()[:300]}")
    return [tuple(line.split("\t")) for line in result.stdout.splitlines() if line]


def sql(site, query):
    if site.database == "postgres":
        return psql(site.database_url, query)
    with contextlib.closing(sqlite3.connect(site.sqlite_file, timeout=30)) as connection:
        return [tuple(str(v) for v in row) for row in connection.execute(query).fetchall()]


def manage(site, *command):
    result = subprocess.run(
        serving.MANAGE + list(command),
        env=site.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


# --- visitors -------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 after a submission is the acknowledgement: keep it


def visitor():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def fetch(opener, url, data=None, timeout=60):
    """(status, headers, body) for any HTTP answer; OSError when there is none."""
    headers = {"Referer": url} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@dataclass
class Person:
    number: int
    opener: object
    token: str
    started: str


def open_form(base, number):
    opener = visitor()
    _status, _headers, page = fetch(opener, base + FORM)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    return Person(number, opener, token, started)


def open_forms(base, count):
    """People who opened the form; after 3.5 s the time trap lets their posts through."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        people = list(pool.map(lambda n: open_form(base, n), range(count)))
    time.sleep(3.5)
    return people


def post_form(base, person):
    """(status, headers, body, seconds); status None and the error's name for no answer."""
    data = {
        "csrfmiddlewaretoken": person.token,
        "started": person.started,
        "homepage": "",
        "name": f"Person {person.number}",
        "email": f"person{person.number}@example.org",
        "subject": f"Question {person.number}",
        "message": "Does the planner work offline?",
    }
    began = time.monotonic()
    try:
        status, headers, body = fetch(
            person.opener, base + FORM, urllib.parse.urlencode(data).encode()
        )
    except (OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)  # urllib wraps a refused connection
        return None, {}, type(reason).__name__, time.monotonic() - began
    return status, headers, body, time.monotonic() - began


def submit(base, person):
    """("ack", status key) | ("http", status code) | ("none", error), and the seconds taken."""
    answer = post_form(base, person)
    status, _headers, body, seconds = answer
    if status is None:
        return ("none", body), seconds
    key = submit_key(answer)
    return (("ack", key) if key else ("http", status)), seconds


def submit_key(answer):
    """The status key a 302 after a submission leads to; None for any other answer."""
    status, headers, _body, _seconds = answer
    location = headers.get("Location", "") if status == 302 else ""
    found = re.search(r"/participate/status/([A-Za-z0-9_-]+)/", location)
    return found.group(1) if found else None


def stored(site, keys):
    """Which of these status keys have a submission in the database."""
    hashes = {hashlib.sha256(key.encode()).hexdigest(): key for key in keys}
    rows = sql(site, "SELECT key_hash FROM participation_submission")
    return {hashes[row[0]] for row in rows if row[0] in hashes}
