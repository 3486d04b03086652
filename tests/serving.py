"""Serving a throwaway copy of the site the way `make run` does (`manage.py serve`: migrate,
load the bundled toolkit, collectstatic, then gunicorn), for the browser journeys and the
benchmarks. Each copy has its own port, and its BASE_URL follows it as `make run`'s does."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(var_dir, **extra):
    """The current environment, minus anything that would point at another database."""
    dropped = (
        "DATABASE_URL",
        "STATICFILES_STORAGE",
        "CACHE_URL",
        "STATE_URL",
        "INDEX_BUILDS",
        "DEBUG",
        "BASE_URL",  # derived from PORT, as for `make run`
        "PORT",
        "WORKERS",
    )
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        VAR_DIR=str(var_dir),
        CACHE_URL=f"file://{var_dir}/cache",
        PYTHONPATH=str(ROOT),
        TOOLKIT_IGNORE_ENV_FILE="1",
        PORT=str(free_port()),
    )
    env.update(extra)  # a scenario's own cache (Redis) or database wins
    return env


def prepare(env):
    subprocess.run(
        [*MANAGE, "serve", "--prepare-only"], env=env, check=True, cwd=ROOT, capture_output=True
    )


def start_gunicorn(env, workers=2, log=subprocess.DEVNULL):
    """Start gunicorn on the environment's port (or a free one); return (process, base URL) once
    /healthz answers."""
    port = env.get("PORT") or free_port()
    process = subprocess.Popen(
        [
            GUNICORN,
            "toolkit.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--timeout",
            "600",
            "--keep-alive",  # as documented for production (docs/deploying.md)
            "75",
            "--no-control-socket",  # one per user by default: parallel sites would share it
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"no answer from {base}/healthz")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
