#!/usr/bin/env python3
"""Catalogue speed at scale: N synthetic practices (default 100,000) in a throwaway database,
a fixed query set through the search function and through HTTP (API and HTML page, gunicorn
with 2 workers), p50/p95 per query, queries per second, index build time, peak memory and
the machine. Loopback only; bounded in time.

Usage: .venv/bin/python bench/catalogue.py [--count 100000] [--postgres] [--repeat 30]"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = {
    "no query": "",
    "broad word": "q=education",
    "rare word": "q=zymurgical",
    "2 words + 2 facets": "q=language+support&country=IT&sector=vocational",
    "prefix": "q=commun",
}


def rss_mb(pid="self", field="VmHWM"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def prepare(args, var_dir):
    os.environ.update(
        VAR_DIR=str(var_dir),
        LANGUAGES="en",
        CACHE_URL=f"file://{var_dir}/cache",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="toolkit.settings",
        TOOLKIT_IGNORE_ENV_FILE="1",
    )
    os.environ.pop("DATABASE_URL", None)
    if args.postgres:
        from tests import postgres_cluster

        os.environ["DATABASE_URL"] = postgres_cluster.start(create_database=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_toolkit_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("collectstatic", interactive=False, verbosity=0)
    from bench import synthetic

    started = time.perf_counter()
    synthetic.insert(args.count)
    print(f"inserted {args.count} synthetic practices in {time.perf_counter() - started:.1f} s")


def in_process(args):
    from django.http import QueryDict

    from toolkit.practices import search
    from toolkit.practices.query import run_query

    before = rss_mb(field="VmRSS")
    started = time.perf_counter()
    index = search.index_for("en")
    print(
        f"index: {index.size} practices, built in {time.perf_counter() - started:.1f} s, "
        f"+{rss_mb(field='VmRSS') - before:.0f} MB resident"
    )
    rows = {}
    for name, query in QUERIES.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            _form, _query, result = run_query(QueryDict(query), "en")
            times.append((time.perf_counter() - start) * 1000)
        rows[name] = (result.total, *percentiles(times), 1000 / statistics.mean(times))
    return rows


def fetch(url):
    with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - loopback only
        return response.read()


def over_http(args):
    from tests import serving

    log_path = Path(os.environ["VAR_DIR"]) / "gunicorn.log"
    with log_path.open("w") as log:
        server, base = serving.start_gunicorn(os.environ.copy(), workers=2, log=log)
    try:
        started = time.perf_counter()
        warm = [
            subprocess.Popen(["curl", "-s", "-o", "/dev/null", f"{base}/api/v1/practices"])
            for _ in range(8)
        ]
        for process in warm:
            process.wait()
        print(f"gunicorn workers warmed (index built) in {time.perf_counter() - started:.1f} s")
        rows = {name: _timed(base, query, args.repeat) for name, query in QUERIES.items()}
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        return rows, max((rss_mb(pid) for pid in workers), default=0)
    except OSError:
        print(log_path.read_text()[-3000:])
        raise
    finally:
        serving.stop(server)


def _timed(base, query, repeat):
    api, page = [], []
    for url in (f"{base}/api/v1/practices?{query}", f"{base}/en/practices/?{query}&x=1"):
        fetch(url)  # steady state: every worker thread has its database connection
    for _ in range(repeat):
        for url, times in (
            (f"{base}/api/v1/practices?{query}", api),
            (f"{base}/en/practices/?{query}&x=1", page),
        ):
            start = time.perf_counter()
            fetch(url)
            times.append((time.perf_counter() - start) * 1000)
    return (*percentiles(api), *percentiles(page))


def machine():
    from bench.pages import machine as describe

    return describe()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    print(machine())
    print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; practices: {args.count} + 50")
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-bench-catalogue-"))
    try:
        prepare(args, var_dir)
        local = in_process(args)
        remote, memory = over_http(args)
        print(
            f"{'query':<20} {'hits':>7} | {'function p50/p95 ms':>20} {'q/s':>6} | "
            f"{'API p50/p95 ms':>16} | {'HTML p50/p95 ms':>16}"
        )
        for name in QUERIES:
            hits, p50, p95, qps = local[name]
            a50, a95, h50, h95 = remote[name]
            print(
                f"{name:<20} {hits:>7} | {p50:>9.1f} / {p95:>8.1f} {qps:>6.0f} | "
                f"{a50:>7.1f} / {a95:>6.1f} | {h50:>7.1f} / {h95:>6.1f}"
            )
        print(
            f"peak memory: benchmark process {rss_mb():.0f} MB, largest gunicorn worker "
            f"{memory:.0f} MB"
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
