#!/usr/bin/env python3
"""From a fresh clone to the first page, and from a restart to the first page, as a newcomer
meets them: `git clone` of this repository into a temporary folder, then `make run` on a free
port, timed until the home page answers 200; then stopped and started again. Every line
`make run` prints is shown with the second it appeared, so the time of each step is visible.

The clone makes its own .venv (uv's download cache is shared, as on any machine that has
installed the project once). Prints the machine and its load, since both move the figures.

Usage: .venv/bin/python bench/startup.py [--restarts 3] [--keep]"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import machine  # noqa: E402 - after the path is set
from tests import serving  # noqa: E402


def first_page(url, started, process):
    while process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError("make run stopped before the first page")


def echo(process, started, languages_added):
    for line in process.stdout:
        if "GET /" not in line:  # the access log
            print(f"    {time.monotonic() - started:6.1f} s  {line.rstrip()}")
        if line.startswith("Added languages:"):
            languages_added.append(time.monotonic() - started)


def start(clone, port):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "BASE_URL")}
    env.update(PORT=str(port), TOOLKIT_IGNORE_ENV_FILE="1")
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        text=True,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    process.languages_added = []
    arguments = (process, started, process.languages_added)
    threading.Thread(target=echo, args=arguments, daemon=True).start()
    seconds = first_page(f"http://127.0.0.1:{port}/en/", started, process)
    return process, seconds


def wait_for_languages(process, timeout=900):
    """The first start adds the other languages while it serves (decision 0016): the restarts
    are timed once they are all there, as a person's next start would find them."""
    deadline = time.monotonic() + timeout
    while not process.languages_added and time.monotonic() < deadline:
        time.sleep(0.5)
    return process.languages_added[0] if process.languages_added else None


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the clone (prints its path)")
    args = parser.parse_args()
    print(machine())
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = Path(tempfile.mkdtemp(prefix="toolkit-startup-"))
    clone = folder / "toolkit"
    try:
        started = time.monotonic()
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        cloned = time.monotonic() - started
        port = serving.free_port()
        print(f"fresh clone ({cloned:.1f} s to clone), make run:")
        process, seconds = start(clone, port)
        print(f"  fresh clone to first page: {seconds + cloned:.1f} s")
        every_language = wait_for_languages(process)
        stop(process)
        if every_language is not None:
            print(f"  fresh clone to every language: {every_language + cloned:.1f} s")
        for number in range(1, args.restarts + 1):
            print(f"restart {number}:")
            process, seconds = start(clone, port)
            stop(process)
            print(f"  restart to first page: {seconds:.1f} s")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            print(f"kept: {clone}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
