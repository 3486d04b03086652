#!/usr/bin/env python3
"""PDF speed and memory: the full toolkit (with its 50 practices) and one practice sheet,
cold (rendered) and cached (served from var/pdf), through HTTP against gunicorn, plus the
peak memory of the worker that rendered them. Loopback only.

Usage: .venv/bin/python bench/pdf.py [--repeat 20]"""

import argparse
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

from bench.pages import machine  # noqa: E402
from tests import serving  # noqa: E402


def fetch(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - loopback only
        body = response.read()
    return (time.perf_counter() - start) * 1000, body


def peak_mb(server):
    workers = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in workers:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(machine())
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-bench-pdf-"))
    env = serving.site_environment(var_dir)
    serving.prepare(env)
    server, base = serving.start_gunicorn(env, workers=1)
    try:
        slug = "it-italian-classes-with-creche-bologna"
        for name, path in (
            ("full toolkit", "/en/download/toolkit.pdf"),
            ("practice sheet", f"/en/practices/{slug}/sheet.pdf"),
        ):
            cold, body = fetch(base + path)
            cached = sorted(fetch(base + path)[0] for _ in range(args.repeat))
            p50, p95 = statistics.median(cached), cached[int(len(cached) * 0.95) - 1]
            print(
                f"{name:<15} cold {cold / 1000:6.2f} s  cached p50 {p50:6.1f} ms  "
                f"p95 {p95:6.1f} ms  {len(body) // 1024} KB"
            )
        print(f"peak memory of the rendering worker: {peak_mb(server):.0f} MB")
    finally:
        serving.stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
