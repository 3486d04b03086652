#!/usr/bin/env python3
"""Page speed and weight, measured the way a visitor meets them.

Builds a throwaway site (migrate + bundled content + collectstatic) in a temporary folder,
serves it with gunicorn (2 workers, as `make run`), then for each page prints:
requests per second with 20 concurrent connections (wrk, bounded in time, loopback only),
single-request p50/p95, the p50 of a full render that bypasses the page cache, the bytes a
browser transfers (HTML + CSS + JS + images, compressed), and whether anything would be
fetched from another host. Unless --no-lighthouse, it also runs Lighthouse (mobile) on two
pages (installed on first use into bench/.tools from npm).

Usage: .venv/bin/python bench/pages.py [--seconds 10] [--no-lighthouse]"""

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import serving  # noqa: E402 - after the path is set

PAGES = {
    "home": "/en/",
    "chapter": "/en/advocacy/",
    "campaign step": "/en/campaign/analyse-the-problem/",
    "resources": "/en/resources/",
    "catalogue": "/en/practices/",
    "practice": "/en/practices/it-italian-classes-with-creche-bologna/",
}
LIGHTHOUSE_PAGES = ["/en/", "/en/campaign/analyse-the-problem/", "/en/practices/"]
LIGHTHOUSE_VERSION = "13.5.0"


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.node()}: {os.cpu_count()} cores, {cpu}, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )


def start_site(var_dir):
    env = serving.site_environment(var_dir)
    serving.prepare(env)
    server, base = serving.start_gunicorn(env, workers=2)
    return server, int(base.rsplit(":", 1)[1])


def get(port, path, gzip_ok=True):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def latency(port, path, count=200):
    get(port, path)  # warm the page cache, as any visitor after the first would find it
    times = []
    for _ in range(count):
        start = time.perf_counter()
        get(port, path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def uncached(port, path, count=30):
    """p50 of a full render: a query string makes the page cache step aside."""
    times = []
    for n in range(count):
        start = time.perf_counter()
        get(port, f"{path}?uncached={n}")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def throughput(port, path, seconds):
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c20",
            f"-d{seconds}s",
            "-H",
            "Accept-Encoding: gzip",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(match.group(1)) if match else None, int(errors.group(1)) if errors else 0


def transfer(port, path):
    """Bytes over the wire for the page and every asset it asks for, and foreign hosts."""
    response, body = get(port, path)
    html = (
        gzip.decompress(body).decode() if response.getheader("Content-Encoding") else body.decode()
    )
    total = len(body)
    # What a browser fetches to show the page: stylesheets, icons, scripts, images (not the
    # alternate and canonical links, which it does not follow).
    assets = set(re.findall(r'<link rel="(?:stylesheet|icon)"[^>]* href="([^"]+)"', html))
    assets |= set(re.findall(r'<(?:script|img)[^>]+src="([^"]+)"', html))
    foreign = sorted(
        a for a in assets if a.startswith(("http://", "https://", "//")) and "127.0.0.1" not in a
    )
    for asset in assets:
        if asset.startswith("/") and not asset.startswith("//"):
            total += len(get(port, asset)[1])
    return total, foreign


def lighthouse(port):
    if not shutil.which("npm") or not shutil.which("chromium"):
        return {"skipped": "npm or chromium not found"}
    prefix = ROOT / "bench" / ".tools"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(prefix),
                "--no-audit",
                "--no-fund",
                "--silent",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    results = {}
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync"
    )
    for path in LIGHTHOUSE_PAGES:
        out = subprocess.run(
            [
                str(binary),
                f"http://127.0.0.1:{port}{path}",
                "--output=json",
                "--quiet",
                "--form-factor=mobile",
                f"--chrome-flags={flags}",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": shutil.which("chromium")},
        )
        try:
            report = json.loads(out.stdout)
            results[path] = {
                name: round(category["score"] * 100)
                for name, category in report["categories"].items()
            }
        except (json.JSONDecodeError, KeyError, TypeError):
            results[path] = {"error": out.stderr.strip()[-300:]}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    print(machine())
    var_dir = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    server, port = start_site(var_dir)
    try:
        print(
            f"{'page':<15} {'req/s (20 conn)':>16} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'render ms':>10} {'bytes':>8}  foreign"
        )
        for name, path in PAGES.items():
            p50, p95 = latency(port, path)
            render = uncached(port, path)
            rate = throughput(port, path, args.seconds)
            size, foreign = transfer(port, path)
            rate_text = (
                f"{rate[0]:.0f}" + (f" ({rate[1]} err)" if rate[1] else "") if rate else "no wrk"
            )
            print(
                f"{name:<15} {rate_text:>16} {p50:>8.1f} {p95:>8.1f} {render:>10.1f} "
                f"{size:>8}  {foreign or 'none'}"
            )
        if not args.no_lighthouse:
            for path, scores in lighthouse(port).items():
                print(f"lighthouse {path}: {scores}")
    finally:
        serving.stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
