#!/usr/bin/env python3
"""Faults: what the toolkit does when the server is killed, the mail server is down, or the
database becomes read-only or its disk fills up. Real faults on a real served site, not mocks.

Builds a throwaway site (as `make run` does) once per database, copies it for each scenario,
serves it with gunicorn (2 workers x 4 threads) on loopback, and checks:

- sigkill:  a burst of form submissions; SIGKILL of the gunicorn master and workers (and, on
            PostgreSQL, of the database server too) in the middle of it; restart on the same
            data. Every acknowledged submission must be stored; SQLite must pass
            `PRAGMA integrity_check`, PostgreSQL amcheck. On PostgreSQL, gunicorn is first
            started while the database is still down: it must serve cached pages and 503s,
            and recover by itself when the database is back.
- smtp:     the SMTP server is down (a closed port): submissions are acknowledged and stored,
            e-mails stay pending with a retry time. Then a real SMTP server (aiosmtpd) starts,
            the script waits until the retry is due (about a minute, no clock faked) and runs
            `manage.py send_emails` twice: every e-mail must arrive exactly once.
- readonly: SQLite: the database file and its -wal/-shm made immutable (`chattr +i`: as root
            a chmod would not stop writes). PostgreSQL: `default_transaction_read_only` switched
            on for the server. Reads must answer 200, a submission the 503 page quickly,
            /healthz "degraded"; after the fault is removed, everything works without restart.
- diskfull: SQLite only: the site's whole var/ folder (database, cache, media) on a small
            tmpfs filled to the last byte (a real ENOSPC), then emptied again. Same checks.
- redis:    Redis (cache and shared state) stopped under a steady load, then started again.
- races:    e-mail workers and moderators reaching for the same rows at the same instant,
            from separate processes (see bench/faults_state.py).

readonly and diskfull need root (chattr, mount); without it they are reported as skipped.
Prints a table and exits 1 if any check failed. See docs/reliability.md for the results.

Usage: .venv/bin/python bench/faults.py [--database sqlite|postgres|both] [scenario ...]"""

import argparse
import contextlib
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import faults_state  # noqa: E402
from bench.faultkit import (  # noqa: E402 - the scenarios' shared helpers
    Report,
    Site,
    Sites,
    children,
    fetch,
    kill_all,
    manage,
    open_forms,
    post_form,
    psql,
    sql,
    start,
    start_while_database_down,
    stop,
    stored,
    submit,
    submit_key,
    unavailable_messages,
    visitor,
)
from bench.pages import machine  # noqa: E402 - after the path is set
from tests import postgres_cluster, serving  # noqa: E402
from tests.mailserver import Collect, smtp_settings  # noqa: E402

SCENARIOS = ("sigkill", "smtp", "readonly", "diskfull", "redis", "races")
BURST, CONCURRENCY, ROUNDS = 150, 24, 3
RECOVERY = "not properly shut down; automatic recovery in progress"
MAILS, SILENT_MAILS = 12, 3
CACHED_PAGE = "/en/advocacy/"
UNCACHED_PAGES = ("/en/innovation/", "/en/practices/?country=IT")
FAULT_PEOPLE = 40  # PostgreSQL fills free room in its pages before it needs a new one
NOT_A_HANG_SECONDS = 25  # SQLite waits up to 20 s for a lock; a fault must answer sooner


# --- sigkill --------------------------------------------------------------------------------


def scenario_sigkill(sites, database, report):
    where = (database, "sigkill")
    site = sites.new(database, "sigkill")
    start(site)
    acked = []
    for round_number in range(1, ROUNDS + 1):
        acked += kill_round(site, report, (database, f"sigkill {round_number}/{ROUNDS}"))
    found = stored(site, acked)
    report.check(
        where,
        "every acknowledged submission is stored",
        len(found) == len(acked),
        f"{len(found)} of {len(acked)}; rows in all {count_submissions(site)} "
        "(a post cut off after its commit is stored without an acknowledgement)",
    )
    check_status_pages(site, acked, report, where)
    if database == "postgres":
        check_postgres_integrity(site, report, where)
    outcome, _seconds = submit(site.base, open_forms(site.base, 1)[0])
    report.check(where, "a new submission after the restarts", outcome[0] == "ack", outcome)
    stop(site)


def kill_round(site, report, where):
    """One burst, one SIGKILL in the middle of it, one restart; the acknowledged keys."""
    fetch(visitor(), site.base + CACHED_PAGE)  # a page read before the outage (per host:port)
    *people, spare = open_forms(site.base, BURST + 1)
    outcomes, killed = burst_with_kill(site, people)
    acked = [value for kind, value in outcomes if kind == "ack"]
    cut = Counter(value for kind, value in outcomes if kind == "none")
    others = [value for kind, value in outcomes if kind == "http"]
    report.check(
        where,
        f"burst of {BURST}, {CONCURRENCY} at a time, SIGKILL",
        bool(acked and cut) and not others,
        f"{len(acked)} acknowledged, then killed {killed}; cut off: {dict(cut)}; "
        f"other answers: {others}",
    )
    if site.database == "sqlite":
        check_sqlite_integrity(site, report, where)
    else:
        check_postgres_down_and_back(site, spare, report, where)
    stop(site)
    start(site)
    return acked


def burst_with_kill(site, people):
    """Post every form, CONCURRENCY at a time; SIGKILL the server once a third is in."""
    outcomes, killed = [], ""
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        futures = [pool.submit(submit, site.base, person) for person in people]
        for future in as_completed(futures):
            outcome, _seconds = future.result()
            outcomes.append(outcome)
            if not killed and sum(kind == "ack" for kind, _ in outcomes) >= len(people) // 3:
                killed = kill_server(site)
    return outcomes, killed


def kill_server(site):
    """SIGKILL the gunicorn master and its workers at once (and PostgreSQL with them)."""
    pids = [site.process.pid, *children(site.process.pid)]
    database = []
    if site.database == "postgres":
        postmaster = find_postmaster(site.database_url)
        database = [postmaster["pid"], *children(postmaster["pid"])]
        site.postmaster = postmaster
    kill_all(pids + database)
    site.process.wait()
    text = f"gunicorn master + {len(pids) - 1} workers"
    return text + (f", postgres + {len(database) - 1} processes" if database else "")


def check_sqlite_integrity(site, report, where):
    wal = site.sqlite_file.with_name("toolkit.sqlite3-wal")
    size = wal.stat().st_size if wal.exists() else 0
    rows = sql(site, "PRAGMA integrity_check")
    report.check(
        where,
        "PRAGMA integrity_check after the kill",
        rows == [("ok",)],
        f"{rows[:3]} (write-ahead log left by the kill: {size // 1024} KiB)",
    )


def count_submissions(site):
    return int(sql(site, "SELECT count(*) FROM participation_submission")[0][0])


def check_status_pages(site, keys, report, where):
    opener, missing = visitor(), []
    for key in keys:
        status, _headers, body = fetch(opener, f"{site.base}/en/participate/status/{key}/")
        if status != 200 or not re.search(r"Submission [2-9A-Z]{8}", body):
            missing.append((key[:6], status))
    report.check(
        where,
        "each acknowledged status page answers",
        not missing,
        f"{len(keys) - len(missing)} of {len(keys)}",
    )


# --- PostgreSQL server: find, restart, verify -----------------------------------------------


def find_postmaster(url):
    port = str(urllib.parse.urlsplit(url).port)
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            argv = cmdline.read_bytes().decode().split("\0")[:-1]
            if argv and Path(argv[0]).name == "postgres" and port in argv and "-D" in argv:
                data = argv[argv.index("-D") + 1]
                options = argv[argv.index("-D") + 2 :]
                return {"pid": int(cmdline.parent.name), "data": data, "options": options}
    raise RuntimeError(f"no PostgreSQL server on port {port}")


def start_postgres(postmaster):
    data = postmaster["data"]
    log = str(Path(data).parent / "log")
    command = [postgres_cluster.find_binary("pg_ctl"), "-D", data, "-w", "-l", log]
    command += ["-o", shlex.join(postmaster["options"]), "start"]
    subprocess.run(postgres_cluster.as_owner(command), check=True, capture_output=True)


def check_postgres_down_and_back(site, person, report, where):
    """gunicorn started while the database is still down: no crash loop, cached pages, 503s;
    then the database comes back and the same workers recover by themselves."""
    alive = start_while_database_down(site)
    report.check(where, "gunicorn starts while PostgreSQL is down", alive)
    if alive:
        opener = visitor()
        health = fetch(opener, site.base + "/healthz")[0]
        cached = fetch(opener, site.base + CACHED_PAGE)
        uncached = fetch(opener, site.base + UNCACHED_PAGES[0])[0]
        sent = post_form(site.base, person)[0]
        report.check(
            where,
            "database down: /healthz, cached page, uncached page, submission",
            (health, cached[0], uncached, sent) == (503, 200, 503, 503),
            f"{health}, {cached[0]} ({cached[1].get('X-Page-Cache', 'not cached')}), "
            f"{uncached}, {sent}; {'; '.join(unavailable_messages(site))[:120]}",
        )
    log = Path(site.postmaster["data"]).parent / "log"
    before = log.read_text(errors="replace").count(RECOVERY) if log.exists() else 0
    start_postgres(site.postmaster)
    recovered = log.read_text(errors="replace").count(RECOVERY) > before
    report.check(where, "PostgreSQL restarts with crash recovery", recovered, f"log: {RECOVERY}")
    if alive:
        health = fetch(visitor(), site.base + "/healthz")[0]
        report.check(where, "the same gunicorn recovers by itself", health == 200, health)


def check_postgres_integrity(site, report, where):
    psql(site.database_url, "CREATE EXTENSION IF NOT EXISTS amcheck")
    heap = psql(
        site.database_url,
        """
        SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
        LATERAL verify_heapam(c.oid) WHERE n.nspname = 'public' AND c.relkind = 'r'""",
    )
    indexes = psql(
        site.database_url,
        """
        SELECT count(bt_index_check(c.oid, true)) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.amname = 'btree' AND n.nspname = 'public'""",
    )
    report.check(
        where,
        "amcheck: tables and indexes intact",
        heap == [("0",)],
        f"{heap[0][0]} corrupt tuples; {indexes[0][0]} b-tree indexes checked",
    )


# --- smtp -----------------------------------------------------------------------------------


@dataclass
class Mail:
    """A site whose mail server is down, and the mail server that comes back for it."""

    backend: str
    site: Site
    port: int
    people: list = field(default_factory=list)
    worker: subprocess.Popen = None
    server: Collect = field(default_factory=Collect)
    controller: object = None


def mail_site(sites, database, backend):
    port = serving.free_port()  # nothing listens there: the mail server is down
    mail = {name: str(value) for name, value in smtp_settings(port).items()}
    site = sites.new(database, f"smtp_{backend}", TASKS_BACKEND=backend, **mail)
    start(site)
    mail = Mail(backend, site, port)
    if backend == "database":  # production: a worker sends and retries (docs/deploying.md)
        command = ["db_worker", "--interval", "1", "--no-startup-delay"]
        mail.worker = subprocess.Popen(
            serving.MANAGE + command,
            env=site.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=site.log.open("ab"),
        )
    return mail


def scenario_smtp(sites, database, report):
    """Both ways e-mail leaves: during the request, retried by `send_emails`
    (TASKS_BACKEND=immediate), and through the queue and `db_worker` (database)."""
    from aiosmtpd.controller import Controller

    mails = [mail_site(sites, database, backend) for backend in ("immediate", "database")]
    try:
        for mail in mails:
            submit_while_mail_is_down(mail, report, (database, f"smtp ({mail.backend})"))
        last_failure = time.time()  # every e-mail has failed once by now
        for mail in mails:
            mail.controller = Controller(mail.server, hostname="127.0.0.1", port=mail.port)
            mail.controller.start()
        early = manage(mails[0].site, "send_emails").strip()
        report.check(
            (database, "smtp"),
            "server back: nothing sent before the retry is due",
            "Retried 0" in early and not mails[0].server.messages + mails[1].server.messages,
            f"send_emails: {early}; the worker sent {len(mails[1].server.messages)}",
        )
        time.sleep(max(0.0, last_failure + 61 - time.time()))  # RETRY_MINUTES[0] is 1
        due = time.monotonic()
        runs = [manage(mails[0].site, "send_emails").strip() for _run in range(2)]
        check_delivered(mails[0], report, (database, "smtp (immediate)"), "; then ".join(runs))
        wait_for(lambda: len(mails[1].server.messages) >= MAILS, seconds=60)
        late = time.monotonic() - due
        time.sleep(3)  # time for a duplicate, if the worker were to send one
        check_delivered(
            mails[1], report, (database, "smtp (database)"), f"all sent by {late:.0f} s after due"
        )
    finally:
        for mail in mails:
            if mail.controller:
                mail.controller.stop()
            if mail.worker:
                mail.worker.terminate()
                mail.worker.wait()


def submit_while_mail_is_down(mail, report, where):
    """Forms sent while the mail server refuses connections, then while it accepts them
    and never answers (a hung server, or a firewall that drops): each e-mail fails once."""
    submit_phase(mail, "refuses connections", MAILS, report, where)
    with silent_server(mail.port):
        submit_phase(mail, "never answers", SILENT_MAILS, report, where)
    rows = sql(mail.site, "SELECT last_error FROM participation_notification ORDER BY id")
    report.check(
        where,
        "e-mails pending, one attempt, a retry time",
        len(pending_with_retry(mail.site)) == len(mail.people),
        f"{len(pending_with_retry(mail.site))} of {len(rows)}; errors: "
        + "; ".join(sorted({row[0][:40] for row in rows})),
    )


def submit_phase(mail, how, count, report, where):
    people = open_forms(mail.site.base, count)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda p: submit(mail.site.base, p), people))
    acked = [value for (kind, value), _seconds in results if kind == "ack"]
    slowest = max(seconds for _outcome, seconds in results)
    report.check(
        where,
        f"mail server {how}: every submission acknowledged and stored",
        len(acked) == count and len(stored(mail.site, acked)) == count,
        f"{len(acked)} of {count}, slowest {slowest:.2f} s",
    )
    mail.people += people
    total = len(mail.people)  # the worker may still be trying: wait for its first failure
    wait_for(lambda: len(pending_with_retry(mail.site)) == total, seconds=60)


@contextlib.contextmanager
def silent_server(port):
    """A socket that takes connections (the kernel completes them) and never says a word."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        yield


def pending_with_retry(site):
    rows = sql(site, "SELECT status, attempts, next_attempt_at FROM participation_notification")
    return [r for r in rows if r[0] == "pending" and r[1] == "1" and r[2] not in ("", "None")]


def wait_for(condition, seconds):
    """Seconds waited until `condition()` held (or the limit passed)."""
    began = time.monotonic()
    while not condition() and time.monotonic() - began < seconds:
        time.sleep(0.5)
    return time.monotonic() - began


def check_delivered(mail, report, where, runs):
    received = sorted(envelope.rcpt_tos[0] for envelope in mail.server.messages)
    expected = sorted(f"person{p.number}@example.org" for p in mail.people)
    report.check(
        where,
        "after the retry, every e-mail delivered exactly once",
        received == expected,
        f"{len(received)} received for {len(expected)}; {runs}",
    )
    rows = sql(mail.site, "SELECT status, count(*) FROM participation_notification GROUP BY status")
    sent = [("sent", str(len(expected)))]
    report.check(where, "every notification marked sent", rows == sent, rows)


# --- readonly and diskfull ------------------------------------------------------------------


@contextlib.contextmanager
def immutable(paths):
    """As root, chmod does not stop a write; the immutable flag stops even root, and even
    through a file descriptor opened before (ext4 checks it on every write). Not on -shm:
    SQLite writes that one through a memory map, and an immutable map kills the writing
    process with SIGBUS (measured; see docs/reliability.md)."""
    paths = [path for path in paths if path.exists()]
    subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
    try:
        yield "chattr +i on " + ", ".join(path.name for path in paths)
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


@contextlib.contextmanager
def postgres_read_only(site):
    cluster = site.database_url.rsplit("/", 1)[0] + "/postgres"
    psql(cluster, "ALTER SYSTEM SET default_transaction_read_only = on")
    psql(cluster, "SELECT pg_reload_conf()")
    time.sleep(1)  # every backend reads the reloaded setting before its next command
    try:
        yield "ALTER SYSTEM SET default_transaction_read_only = on; pg_reload_conf()"
    finally:
        psql(cluster, "ALTER SYSTEM RESET default_transaction_read_only")
        psql(cluster, "SELECT pg_reload_conf()")
        time.sleep(1)


@contextlib.contextmanager
def tmpfs(folder, megabytes):
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], check=True
    )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


@contextlib.contextmanager
def disk_filled(folder):
    """Fill the file system to its last byte (a real ENOSPC), then give the space back."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        for chunk in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * chunk)
    free = os.statvfs(folder).f_bavail
    try:
        yield f"tmpfs filled by a {filler.stat().st_size >> 20} MiB file, {free} blocks free"
    finally:
        filler.unlink()


def scenario_readonly(sites, database, report):
    where = (database, "readonly")
    site = sites.new(database, "readonly")
    if database == "sqlite":
        fault = immutable(
            [site.sqlite_file, site.sqlite_file.with_name(site.sqlite_file.name + "-wal")]
        )
    else:
        fault = postgres_read_only(site)
    check_fault(site, fault, report, where)


def scenario_diskfull(sites, database, report):
    template = sites.template(database)
    if database == "postgres":
        scenario_postgres_diskfull(sites, report)
        return
    used = sum(f.stat().st_size for f in template.rglob("*") if f.is_file()) >> 20
    # The whole var/ folder on the full disk (one disk for everything, the usual server) ...
    with tmpfs(sites.work / "full-disk", used + 48) as mount:
        site = sites.new(database, "diskfull", var_parent=mount)
        check_fault(site, disk_filled(mount), report, (database, "diskfull (var/)"))
    # ... and only the database on it, so that SQLite itself meets the full disk first.
    size = (template / "toolkit.sqlite3").stat().st_size >> 20
    with tmpfs(sites.work / "full-database-disk", size + 16) as mount:
        site = sites.new(database, "diskfull-db", database_folder=mount)
        check_fault(site, disk_filled(mount), report, (database, "diskfull (db only)"))


def scenario_postgres_diskfull(sites, report):
    """The database's tables (not the server's write-ahead log) on a small file system that
    fills up, as a tablespace on a separate disk would."""
    cluster = sites.cluster_url.rsplit("/", 1)[0] + "/postgres"
    size = int(psql(cluster, "SELECT pg_database_size('toolkit')")[0][0]) >> 20
    with tmpfs(sites.work / "full-tablespace", size + 16) as mount:
        site = sites.new("postgres", "diskfull", tablespace=mount)
        where = ("postgres", "diskfull (tables)")
        try:
            check_fault(site, disk_filled(mount), report, where, healthz_sees=False)
        finally:
            stop(site)
            psql(cluster, "DROP DATABASE toolkit_diskfull WITH (FORCE)")
            psql(cluster, "DROP TABLESPACE diskfull")


def check_fault(site, fault, report, where, healthz_sees=True):
    start(site)
    opener = visitor()
    fetch(opener, site.base + CACHED_PAGE)
    *people, last = open_forms(site.base, FAULT_PEOPLE)
    workers = sorted(children(site.process.pid))
    try:
        with fault as how:
            report.check(where, "fault", True, how)
            check_reads(site, opener, healthz_sees, report, where)
            accepted = check_refusals(site, people, report, where)
        messages = unavailable_messages(site)
        report.check(where, "logged", bool(messages), "; ".join(messages)[:200])
        check_after_fault(site, opener, last, accepted, workers, report, where)
    finally:
        stop(site)


def check_reads(site, opener, healthz_sees, report, where):
    cached = fetch(opener, site.base + CACHED_PAGE)[0]
    uncached = [fetch(opener, site.base + path)[0] for path in UNCACHED_PAGES]
    report.check(
        where,
        "reads: cached and uncached pages answer 200",
        [cached, *uncached] == [200] * 3,
        f"{cached}, {uncached}",
    )
    status, _headers, body = fetch(opener, site.base + "/healthz")
    degraded = status == 200 and "degraded" in body
    if healthz_sees:
        report.check(where, "/healthz says degraded", degraded, f"{status} {body}")
    else:
        report.check(where, "/healthz cannot see this fault", None, f"{status} {body}")


def check_refusals(site, people, report, where):
    """Submissions until the fault refuses four; the status keys of those accepted before."""
    answers, refused = [], []
    for person in people:
        answers.append(post_form(site.base, person))
        refused = [answer for answer in answers if answer[0] != 302]
        if len(refused) == 4:
            break
    accepted = [submit_key(answer) for answer in answers if answer[0] == 302]
    retry = [answer[1].get("Retry-After") for answer in refused]
    slowest = max(answer[3] for answer in refused) if refused else 0
    report.check(
        where,
        "a submission gets the 503 page with Retry-After, quickly",
        [a[0] for a in refused] == [503] * 4 and all(retry) and slowest < NOT_A_HANG_SECONDS,
        f"{[a[0] for a in refused]}, Retry-After {retry[:1]}, slowest {slowest:.2f} s; "
        f"accepted before the first refusal: {len(accepted)}",
    )
    page = refused[0][2] if refused else ""
    title = re.search(r"<h1>(.*?)</h1>", page)
    report.check(
        where,
        "the 503 page tells the visitor",
        "has not been saved" in page,
        title.group(1) if title else page[:80],
    )
    return accepted


def check_after_fault(site, opener, person, accepted, workers, report, where):
    health = fetch(opener, site.base + "/healthz")
    report.check(where, "fault removed: /healthz ok", '"ok"' in health[2], health[2])
    outcome, _seconds = submit(site.base, person)
    saved = outcome[0] == "ack" and stored(site, [outcome[1]])
    report.check(where, "fault removed: a submission is stored, no restart", bool(saved), outcome)
    kept = stored(site, accepted)
    report.check(
        where,
        "every submission accepted during the fault is stored",
        len(kept) == len(accepted),
        f"{len(kept)} of {len(accepted)}",
    )
    same = sorted(children(site.process.pid)) == workers
    report.check(
        where, "same gunicorn workers throughout (no crash, no restart)", same, f"workers {workers}"
    )


# --- main -----------------------------------------------------------------------------------


def run(databases, scenarios, report, work=None):
    with tempfile.TemporaryDirectory(prefix="toolkit-faults-") as temporary:
        sites = Sites(Path(work or temporary))
        for database in databases:
            for name in scenarios:
                print(f"{database} / {name}", flush=True)
                needs_root = name == "diskfull" or (name == "readonly" and database == "sqlite")
                if needs_root and os.geteuid() != 0:
                    report.check((database, name), "not run", None, "needs root")
                    continue
                began = time.monotonic()
                try:
                    SCENARIO_FUNCTIONS[name](sites, database, report)
                except Exception as error:  # noqa: BLE001 - report it and go on
                    report.check((database, name), "ran to the end", False, repr(error)[:200])
                finally:
                    sites.stop_all()
                    print(f"  ({time.monotonic() - began:.0f} s)", flush=True)


SCENARIO_FUNCTIONS = {
    "sigkill": scenario_sigkill,
    "smtp": scenario_smtp,
    "readonly": scenario_readonly,
    "diskfull": scenario_diskfull,
    **faults_state.SCENARIOS,  # redis, races
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("scenarios", nargs="*", metavar="scenario", help=", ".join(SCENARIOS))
    parser.add_argument(
        "--work",
        type=Path,
        help="keep the prepared SQLite site in this folder and reuse it on the next run "
        "(saves minutes; delete the folder after changing migrations or bundled content)",
    )
    options = parser.parse_args()
    unknown = set(options.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario {', '.join(sorted(unknown))}; known: {SCENARIOS}")
    databases = ["sqlite", "postgres"] if options.database == "both" else [options.database]
    if "postgres" in databases and not postgres_cluster.available():
        parser.error("PostgreSQL's initdb and pg_ctl were not found")
    started = time.monotonic()
    print(machine(), time.strftime("%Y-%m-%d %H:%M %Z"), flush=True)
    report = Report()
    run(databases, options.scenarios or SCENARIOS, report, options.work)
    print(f"\n{report.table()}\n\n{time.monotonic() - started:.0f} s in all")
    sys.exit(1 if report.failed() else 0)


if __name__ == "__main__":
    main()
