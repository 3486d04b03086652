"""A throwaway PostgreSQL cluster for the test suite (started by tests/plugin.py when
TEST_DB=postgres): a fresh cluster in a temporary folder, stopped and removed when the run
ends. PostgreSQL refuses to run as root, so there the cluster belongs to the `postgres` user.
`python -m tests.postgres_cluster --available` exits 0 when the server binaries exist."""

import atexit
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def find_binary(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available():
    return bool(find_binary("initdb") and find_binary("pg_ctl"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_owner(command):
    # PostgreSQL refuses to run as root: run it as the postgres user in that case.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start(create_database=False):
    folder = tempfile.mkdtemp(prefix="toolkit-pg-")
    data = os.path.join(folder, "data")
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    port = free_port()
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        as_owner(
            [
                find_binary("initdb"),
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        **run,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        as_owner(
            [
                find_binary("pg_ctl"),
                "-D",
                data,
                "-o",
                options,
                "-w",
                "-l",
                os.path.join(folder, "log"),
                "start",
            ]
        ),
        **run,
    )

    def stop():
        subprocess.run(
            as_owner([find_binary("pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    if create_database:  # the test runner makes its own; a benchmark needs the real one
        subprocess.run(
            [
                find_binary("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "toolkit",
            ],
            **run,
        )
    return f"postgres://postgres@127.0.0.1:{port}/toolkit"


if __name__ == "__main__" and "--available" in sys.argv:
    sys.exit(0 if available() else 1)
