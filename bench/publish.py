#!/usr/bin/env python3
"""From publishing one practice to finding it through the API, and what requests meet
meanwhile: N synthetic practices (as bench/catalogue.py makes them), gunicorn with 2 workers
x 4 threads as `make run` starts it, readers searching without pause through the API while one
practice is published from another process (as an editor's save in the admin is), after its
commit. Run with the catalogue index rebuilt in the background (the default) and, to compare,
in the request (INDEX_BUILDS=inline, how it was before).

Prints, per mode: the time from the commit until the first and until every later answer found
the practice, and the latency of requests before, during and after the rebuild (p50, p95 by
nearest rank, p99, max, count; nothing dropped).

Usage: .venv/bin/python bench/publish.py [--count 5000] [--postgres] [--mode both]
(--mode background, inline or both)"""

import argparse
import math
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.catalogue import prepare  # noqa: E402
from bench.pages import machine  # noqa: E402
from tests import serving  # noqa: E402

READERS = 6
BASELINE_SECONDS = 3
SETTLED = 40  # consecutive answers that found it: both workers have the new index
GIVE_UP_SECONDS = 900


def nearest_rank(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(times):
    if not times:
        return "no requests"
    return (
        f"p50 {nearest_rank(times, 0.5):7.1f}  p95 {nearest_rank(times, 0.95):7.1f}  "
        f"p99 {nearest_rank(times, 0.99):7.1f}  max {max(times):7.1f} ms  ({len(times)})"
    )


def fetch_total(url):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=GIVE_UP_SECONDS) as response:  # noqa: S310
        body = response.read()
    found = b'"total": 0' not in body and b'"total":0' not in body
    return started, time.monotonic(), found


class Readers:
    """Threads that search without pause; each answer is (began, ended, found the word)."""

    def __init__(self, base, word):
        self.urls = [
            f"{base}/api/v1/practices?q={word}",
            f"{base}/api/v1/practices?q=education&country=IT",
        ]
        self.answers = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def run(self, number):
        while not self.stop.is_set():
            url = self.urls[number % 2]
            began, ended, found = fetch_total(url)
            with self.lock:
                self.answers.append((began, ended, found if url == self.urls[0] else None))

    def start(self):
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(READERS)]
        for thread in self.threads:
            thread.start()

    def settled(self):
        with self.lock:
            word_answers = [found for _b, _e, found in self.answers if found is not None]
        return len(word_answers) >= SETTLED and all(word_answers[-SETTLED:])

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def publish_one(word):
    """An editor's publish: a new title with a word nobody has, committed; returns when."""
    from toolkit.practices.models import PracticePage

    practice = PracticePage.objects.live().filter(slug__startswith="synthetic-").first()
    practice.title = f"{practice.title} {word}"
    practice.save_revision().publish()
    return time.monotonic()


def measure(mode, base_env):
    env = {**base_env, "INDEX_BUILDS": mode}
    log = (Path(env["VAR_DIR"]) / f"gunicorn-{mode}.log").open("w")
    server, base = serving.start_gunicorn(env, workers=2, log=log)
    word = "marzipanic" + secrets.token_hex(3)
    try:
        url = f"{base}/api/v1/practices"
        warm = [threading.Thread(target=fetch_total, args=(url,)) for _ in range(8)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        readers = Readers(base, word)
        readers.start()
        time.sleep(BASELINE_SECONDS)
        committed = publish_one(word)
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while not readers.settled() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)
        readers.finish()
    finally:
        serving.stop(server)
    report(mode, readers.answers, committed)


def report(mode, answers, committed):
    word = [(b, e, f) for b, e, f in answers if f is not None]
    first = min((e for b, e, f in word if f and b >= committed), default=None)
    misses = [e for b, e, f in word if not f and e >= committed]
    settled = max([*misses, first or committed])  # from then on, every answer found it
    before = [(e - b) * 1000 for b, e, _f in answers if e < committed]
    during = [(e - b) * 1000 for b, e, _f in answers if e >= committed and b <= settled]
    after = [(e - b) * 1000 for b, e, _f in answers if b > settled]
    print(f"\nINDEX_BUILDS={mode}")
    if first is None:
        print("  never found")
    else:
        print(f"  publish committed -> first answer that found it: {first - committed:6.2f} s")
    print(f"  publish committed -> every answer finds it:       {settled - committed:6.2f} s")
    print(f"  requests before the publish: {summary(before)}")
    print(f"  requests during the rebuild: {summary(during)}")
    print(f"  requests after it:           {summary(after)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--mode", choices=["background", "inline", "both"], default="both")
    args = parser.parse_args()
    print(machine(), time.strftime("%Y-%m-%d %H:%M %Z"))
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"database: {database}; practices: {args.count} synthetic + 50 bundled; English")
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-bench-publish-"))
    try:
        prepare(args, var_dir)
        env = os.environ.copy()
        env.update(SEARCH_RATE_PER_MINUTE="100000000", PYTHONPATH=str(ROOT))
        modes = ["background", "inline"] if args.mode == "both" else [args.mode]
        for mode in modes:
            measure(mode, env)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
