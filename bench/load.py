#!/usr/bin/env python3
"""Load: many visitors at once reading, searching, filtering, planning and sending forms.

For each database asked for, builds a throwaway site (migrate + bundled content +
collectstatic; for PostgreSQL a throwaway cluster too), serves it with gunicorn as `make run`
does (2 workers x 4 threads), warms both workers, runs the locust scenario of
bench/locustfile.py headless on loopback for a bounded time, then prints the machine, the load
average, requests per second, p50/p95/p99 and errors overall and per request group, the CPU
time the site and every other process used, and checks that every submission a status page
acknowledged is in the database. Results and how to read them: docs/performance.md, "Load".

Usage: .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--database sqlite|postgres|both]
       [--spawn-rate 10] [--wait 1,3] [--keep]
Exits non-zero when an acknowledged submission is missing."""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import machine  # noqa: E402 - after the path is set
from tests import postgres_cluster, serving  # noqa: E402

LOCUST = str(Path(sys.executable).parent / "locust")
SCENARIO = str(ROOT / "bench" / "locustfile.py")
# Every simulated visitor comes from 127.0.0.1, so the per-address limits on public forms and
# on searches (and the global one on forms) would refuse most of them within seconds; a real
# crowd comes from many addresses.
RATE_LIMITS = {
    "PARTICIPATION_RATE_PER_ADDRESS": "1000000",
    "PARTICIPATION_RATE_GLOBAL": "1000000",
    "SEARCH_RATE_PER_MINUTE": "1000000",
}
TARGET_P95_MS = 300
WARM_PATHS = [
    f"/{language}/{path}"
    for language in ("en", "it", "ar")
    for path in ("practices/?q=a", "search/?q=a")
]
COUNT_STORED = (
    "import os\n"
    "from toolkit.participation.models import Submission\n"
    "refs = open(os.environ['LOAD_REFERENCES']).read().split()\n"
    "found = set(Submission.objects.filter(reference__in=refs)"
    ".values_list('reference', flat=True))\n"
    "print('stored', len(found))\n"
    "print('missing', *sorted(set(refs) - found))\n"
)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def warm(base):
    """The first search in each worker and language builds that worker's in-memory indexes
    (catalogue, chapters): not what a visitor meets once a server has run for a minute. The
    page cache stays cold."""

    def fetch(path):
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            return f"warm-up: {error.code} on {path}"

    with ThreadPoolExecutor(max_workers=8) as pool:
        for problem in set(pool.map(fetch, WARM_PATHS * 8)) - {None}:
            print(problem)


def run_locust(base, args, work):
    references = work / "references.txt"
    references.touch()
    command = [
        LOCUST, "-f", SCENARIO, "--headless", "--host", base,
        "-u", str(args.users), "-r", str(args.spawn_rate),
        "--run-time", f"{args.seconds}s", "--stop-timeout", "15",
        "--csv", str(work / "locust"), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {
        **os.environ,
        "LOAD_REFERENCES": str(references),
        "LOAD_COUNTS": str(work / "counts.json"),
        "LOAD_WAIT": args.wait,
    }
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(work / "locust.log", "w") as log:
        subprocess.run(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    return references.read_text().split(), cpu


def read_stats(work):
    with open(work / "locust_stats.csv", newline="") as source:
        rows = list(csv.DictReader(source))
    return [row for row in rows if row["Name"] != "Aggregated"], next(
        row for row in rows if row["Name"] == "Aggregated"
    )


def print_stats(groups, total):
    header = f"{'request group':<22} {'requests':>8} {'errors':>6} {'req/s':>7} "
    print(header + f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for row in [*sorted(groups, key=lambda r: r["Name"]), total]:
        print(
            f"{row['Name']:<22} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7} {float(row['Max Response Time']):>7.0f}"
        )


def print_failures(work):
    path = work / "locust_failures.csv"
    if not path.exists():
        return
    with open(path, newline="") as source:
        for row in csv.DictReader(source):
            print(f"  error x{row['Occurrences']}: {row['Method']} {row['Name']}: {row['Error']}")


def check_stored(env, references, work):
    """How many acknowledged references the database holds, and which are missing."""
    listing = work / "acknowledged.txt"
    listing.write_text("\n".join(references))
    out = subprocess.run(
        [*serving.MANAGE, "shell", "--no-imports", "-c", COUNT_STORED],
        env={**env, "LOAD_REFERENCES": str(listing)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    answers = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    return int(answers["stored"][0]), answers["missing"]


def site_env(database, var_dir):
    extra = dict(RATE_LIMITS)
    if database == "postgres":
        extra["DATABASE_URL"] = postgres_cluster.start(create_database=True)
    return serving.site_environment(var_dir, **extra)


def cpu_seconds(pid):
    """CPU time (user + system) of a process, of its children that ended, and of those still
    running: gunicorn with its workers, PostgreSQL with its backends."""
    if pid is None:
        return 0.0

    def stat(one):
        return [
            int(x) for x in Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()[11:15]
        ]

    utime, stime, cutime, cstime = stat(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = utime + stime + cutime + cstime + sum(sum(stat(child)[:2]) for child in children)
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time all processes of the machine have used since boot (every core counted)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(
        int, Path("/proc/stat").read_text().split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def database_server(env):
    """The throwaway PostgreSQL's main process (found by its port), or None for SQLite."""
    url = env.get("DATABASE_URL")
    if not url:
        return None
    wanted = f"\0-p\0{urlsplit(url).port}\0".encode()
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            command = (folder / "cmdline").read_bytes()
        except OSError:
            continue
        if wanted in command and b"postgres" in command.split(b"\0")[0]:
            return int(folder.name)
    return None


def cpu_snapshot(server, database):
    return {
        "gunicorn": cpu_seconds(server),
        "database": cpu_seconds(database),
        "machine": machine_busy_seconds(),
        "clock": time.monotonic(),
    }


def serve_and_load(env, args, work):
    """Serve the site, warm it, run the visitors; what was measured around them."""
    with open(work / "gunicorn.log", "w") as log:
        server, base = serving.start_gunicorn(env, workers=2, log=log)
        try:
            warm(base)
            database, before = database_server(env), load_average()
            start = cpu_snapshot(server.pid, database)
            references, locust_cpu = run_locust(base, args, work)
            end = cpu_snapshot(server.pid, database)
            after = load_average()
        finally:
            serving.stop(server)
    used = {name: end[name] - start[name] for name in start}
    used["locust"] = locust_cpu
    used["others"] = used["machine"] - used["gunicorn"] - used["database"] - locust_cpu
    return {"references": references, "before": before, "after": after, "used": used}


def print_cpu(used, requests):
    wall = used["clock"]
    database = f", PostgreSQL {used['database']:.1f} s" if used["database"] else ""
    print(
        f"CPU during the {wall:.0f} s run (2 cores = {2 * wall:.0f} core-seconds): gunicorn "
        f"{used['gunicorn']:.1f} s ({used['gunicorn'] * 1000 / requests:.1f} ms per request)"
        f"{database}, locust {used['locust']:.1f} s, every other process {used['others']:.1f} s"
    )


def report(measured, env, work):
    """Print the figures; True when every acknowledged submission is stored."""
    groups, total = read_stats(work)
    print(f"load average (1, 5, 15 min) before the run: {measured['before']}; "
          f"at its end: {measured['after']}")  # fmt: skip
    print_stats(groups, total)
    print_failures(work)
    requests = int(total["Request Count"]) or 1
    counts_file = work / "counts.json"
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    print(
        f"page reads served by the page cache: {counts.get('cached', 0)} of "
        f"{counts.get('reads', 0)}; GETs sent a second time after the server closed the reused "
        f"keep-alive connection (as browsers do): {counts.get('retried', 0)}"
    )
    print_cpu(measured["used"], requests)
    references = measured["references"]
    stored, missing = check_stored(env, references, work)
    print(f"{len(references)} acknowledged, {stored} stored")
    if missing:
        print(f"MISSING: {' '.join(missing)}")
    p95, errors = float(total["95%"]), int(total["Failure Count"])
    met = errors == 0 and p95 <= TARGET_P95_MS
    print(
        f"target (0 errors, p95 <= {TARGET_P95_MS} ms): {'met' if met else 'NOT met'} "
        f"({errors} errors, p95 {p95:.0f} ms)"
    )
    return not missing


def run_once(database, args):
    """One database: build, serve, load, report. True when no acknowledged submission is lost."""
    print(f"\n== {database} ==")
    work = Path(tempfile.mkdtemp(prefix=f"toolkit-load-{database}-"))
    env = site_env(database, work / "var")
    serving.prepare(env)
    intact = report(serve_and_load(env, args, work), env, work)
    if args.keep:
        print(f"kept: {work} (locust.log, gunicorn.log, locust_*.csv)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return intact


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--spawn-rate", type=float, default=10, help="new users per second")
    parser.add_argument("--wait", default="1,3", help="seconds each visitor pauses: low,high")
    parser.add_argument("--keep", action="store_true", help="keep the logs and CSV files")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if "postgres" in databases and not postgres_cluster.available():
        sys.exit("PostgreSQL server binaries (initdb, pg_ctl) not found")
    print(machine())
    print(
        f"{args.users} users (spawned {args.spawn_rate:g}/s), {args.seconds} s, pauses of "
        f"{args.wait.replace(',', '–')} s between actions; gunicorn 2 workers x 4 threads, as "
        "`make run`; loopback only"
    )
    print(
        "rate limits on public forms and searches raised for this run (all traffic comes from "
        "127.0.0.1): " + ", ".join(f"{name}={value}" for name, value in RATE_LIMITS.items())
    )
    intact = [run_once(database, args) for database in databases]
    sys.exit(0 if all(intact) else 1)


if __name__ == "__main__":
    main()
