"""Faults of the shared state (bench/faults.py runs these scenarios too):

- redis: the site as several servers run it (CACHE_URL=redis://…: the page cache, rate limits,
         lockouts and generation tokens in Redis), under a steady load of readers, searches
         and forms; the real redis-server is stopped in the middle, then started again empty.
         No answer may be a 500; /healthz must say "degraded" and name the cache; once Redis
         is back, pages are cached again without a restart.
- races: real processes reaching for the same rows at the same moment. Three `send_emails`
         runs over one outbox of e-mails left by a dead worker, then two `db_worker`s with
         every e-mail queued twice: each e-mail must arrive exactly once. Then two moderators'
         decisions on the same submissions at the same instant, from two processes: exactly
         one decision per submission, the other told why."""

import shutil
import statistics
import subprocess
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller

from bench.faultkit import (
    ROOT,
    fetch,
    manage,
    open_forms,
    sql,
    start,
    stop,
    submit,
    visitor,
)
from tests import serving
from tests.mailserver import Collect, smtp_settings
from tests.outages import RedisServer

LOAD = ("/en/advocacy/", "/en/innovation/", "/en/practices/?q=refugees", "/api/v1/practices?q=work")
PHASE_SECONDS = 8
OUTBOX, DECISIONS = 120, 20


# --- redis ----------------------------------------------------------------------------------


class Load:
    """Readers fetching LOAD without pause; every answer as (phase, path, status, ms)."""

    def __init__(self, base, threads=6):
        self.base, self.threads = base, threads
        self.phase = "before"
        self.answers = []
        self.stop = threading.Event()

    def read(self, number):
        opener = visitor()
        n = number
        while not self.stop.is_set():
            path = LOAD[n % len(LOAD)]
            n += 1
            began = time.monotonic()
            try:
                status, _headers, _body = fetch(opener, self.base + path, timeout=30)
            except OSError as error:
                status = type(error).__name__
            self.answers.append((self.phase, path, status, (time.monotonic() - began) * 1000))

    def __enter__(self):
        self.workers = [threading.Thread(target=self.read, args=(n,)) for n in range(self.threads)]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *_exc):
        self.stop.set()
        for worker in self.workers:
            worker.join()

    def statuses(self, phase):
        return Counter(status for p, _path, status, _ms in self.answers if p == phase)

    def latency(self, phase):
        times = sorted(ms for p, _path, _status, ms in self.answers if p == phase)
        if not times:
            return "no answers"
        p95 = times[max(0, -(-len(times) * 95 // 100) - 1)]
        return f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms"


def healthz(site):
    status, _headers, body = fetch(visitor(), site.base + "/healthz", timeout=10)
    return status, body


def scenario_redis(sites, database, report):
    where = (database, "redis")
    if not shutil.which("redis-server"):
        report.check(where, "not run", None, "redis-server is not installed")
        return
    server = RedisServer().start()
    try:
        # Every reader comes from 127.0.0.1: lift the search limit, or it would answer 429s.
        site = sites.new(database, "redis", CACHE_URL=server.url, SEARCH_RATE_PER_MINUTE="10000000")
        start(site)
        run_redis_outage(site, server, report, where)
    finally:
        server.close()


def run_redis_outage(site, server, report, where):
    opener = visitor()
    fetch(opener, site.base + "/en/advocacy/")
    _status, headers, _body = fetch(opener, site.base + "/en/advocacy/")
    report.check(
        where, "with Redis: pages come from the cache", headers.get("X-Page-Cache") == "hit"
    )
    with Load(site.base) as load:
        time.sleep(PHASE_SECONDS)
        load.phase = "Redis stopped"
        stopped = time.monotonic()
        server.stop()
        people = open_forms(site.base, 6)
        outcomes = [submit(site.base, person)[0] for person in people]
        status, body = healthz(site)
        time.sleep(max(0.0, PHASE_SECONDS - (time.monotonic() - stopped)))
        load.phase = "Redis back"
        server.start()
        back = wait_until_ok(site)
        time.sleep(PHASE_SECONDS)
    report_outage(site, report, where, load, outcomes, (status, body), back)


def wait_until_ok(site, seconds=30):
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if '"status": "ok"' in healthz(site)[1]:
            return time.monotonic() - began
        time.sleep(0.2)
    return None


def report_outage(site, report, where, load, outcomes, health, back):
    for phase in ("before", "Redis stopped", "Redis back"):
        statuses = load.statuses(phase)
        report.check(
            where,
            f"{phase}: every answer 200",
            set(statuses) == {200},
            f"{dict(statuses)}; {load.latency(phase)}",
        )
    acked = sum(kind == "ack" for kind, _value in outcomes)
    report.check(where, "Redis stopped: forms acknowledged", acked == len(outcomes), acked)
    status, body = health
    report.check(
        where,
        "Redis stopped: /healthz 200 degraded, naming the cache",
        status == 200 and '"degraded"' in body and '"cache": "ok"' not in body,
        body[:160],
    )
    report.check(where, "Redis back: /healthz ok again", back is not None, f"after {back} s")
    opener = visitor()
    fetch(opener, site.base + "/en/innovation/")
    _status, headers, _body = fetch(opener, site.base + "/en/innovation/")
    report.check(where, "Redis back: pages cached again", headers.get("X-Page-Cache") == "hit")


# --- races ----------------------------------------------------------------------------------


MAKE_OUTBOX = """
import datetime
from django.utils import timezone
from toolkit.participation.models import Notification
Notification.objects.all().delete()
old = timezone.now() - datetime.timedelta(minutes=20)
for n in range({count}):
    Notification.objects.create(to=f"person{{n}}@example.org", subject=f"Mail {{n}}", body="Hi")
Notification.objects.update(created_at=old)
"""


def mail_site(sites, database, backend):
    port = serving.free_port()
    mail = {name: str(value) for name, value in smtp_settings(port).items()}
    site = sites.new(database, f"races_{backend}", TASKS_BACKEND=backend, **mail)
    server = Collect()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    return site, server, controller


def processes(site, commands):
    running = [
        subprocess.Popen(
            serving.MANAGE + command,
            env=site.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in commands
    ]
    return running


def check_once(report, where, server, site, detail):
    received = Counter(envelope.rcpt_tos[0] for envelope in server.messages)
    doubled = sum(1 for count in received.values() if count > 1)
    rows = sql(site, "SELECT status, count(*) FROM participation_notification GROUP BY status")
    report.check(
        where,
        f"every one of {OUTBOX} e-mails delivered exactly once",
        len(received) == OUTBOX and doubled == 0,
        f"{len(server.messages)} received, {len(received)} addresses, {doubled} doubled; "
        f"{detail}; rows {rows}",
    )


def race_send_emails(sites, database, report):
    """A dead worker left the whole outbox behind; three retry runs start at once."""
    site, server, controller = mail_site(sites, database, "immediate")
    where = (database, "races: three send_emails")
    try:
        manage(site, "shell", "-c", MAKE_OUTBOX.format(count=OUTBOX))
        began = time.monotonic()
        runs = processes(site, [["send_emails"]] * 3)
        said = [run.communicate(timeout=600)[0].strip().splitlines()[-1] for run in runs]
        check_once(report, where, server, site, f"{time.monotonic() - began:.1f} s; {said}")
    finally:
        controller.stop()


def race_db_workers(sites, database, report):
    """Every e-mail queued twice (a deferred retry and `send_emails`), two workers taking."""
    site, server, controller = mail_site(sites, database, "database")
    where = (database, "races: two db_workers")
    workers = []
    try:
        manage(site, "shell", "-c", MAKE_OUTBOX.format(count=OUTBOX))
        for _twice in range(2):
            manage(site, "send_emails")  # enqueues each e-mail once more
        command = ["db_worker", "--interval", "0.2", "--no-startup-delay"]
        began = time.monotonic()
        workers = processes(site, [command, command])
        deadline = time.monotonic() + 300
        while len(server.messages) < OUTBOX and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(5)  # time for a duplicate, if a worker were to send one
        check_once(report, where, server, site, f"all sent {time.monotonic() - began - 5:.1f} s")
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait()
        controller.stop()


DECIDE = """
import time
from django.contrib.auth.models import User
from toolkit.participation import moderation
from toolkit.participation.models import Submission
person, _ = User.objects.get_or_create(username="{who}", defaults={{"is_superuser": True}})
ids = list(Submission.objects.filter(status="received").order_by("id").values_list("id", flat=True))
seen = {{i: Submission.objects.get(id=i) for i in ids}}
refused = 0
for n, i in enumerate(ids):
    time.sleep(max(0.0, {at} + n * 0.3 - time.time()))
    try:
        {call}
    except moderation.NotAllowed as reason:
        refused += 1
print("decided", len(ids) - refused, "refused", refused)
"""


def race_moderation(sites, database, report):
    site = sites.new(database, "races_moderation")
    where = (database, "races: two moderators")
    start(site)
    try:
        people = open_forms(site.base, DECISIONS)
        acked = [submit(site.base, person)[0][0] for person in people].count("ack")
        at = time.time() + 12  # both processes set up Django and load every submission first
        calls = {
            "mara": 'moderation.approve_submission(seen[i], person, "")',
            "nils": 'moderation.decline_submission(seen[i], person, "Out of scope.")',
        }
        codes = [DECIDE.format(who=who, at=at, call=call) for who, call in calls.items()]
        runs = processes(site, [["shell", "-c", code] for code in codes])
        said = [run.communicate(timeout=600)[0].strip().splitlines()[-1] for run in runs]
    finally:
        stop(site)
    events = sql(
        site,
        "SELECT submission_id, count(*) FROM participation_event "
        "WHERE action IN ('approve', 'decline') GROUP BY submission_id",
    )
    report.check(
        where,
        "exactly one decision per submission",
        acked == DECISIONS and len(events) == DECISIONS and all(c == "1" for _s, c in events),
        f"{acked} submitted; {len(events)} decided; {said}",
    )
    refused = sum(int(line.split()[-1]) for line in said if line.startswith("decided"))
    report.check(where, "the other moderator told, every time", refused == DECISIONS, refused)


def scenario_races(sites, database, report):
    race_send_emails(sites, database, report)
    race_db_workers(sites, database, report)
    race_moderation(sites, database, report)


SCENARIOS = {"redis": scenario_redis, "races": scenario_races}
