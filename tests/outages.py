"""Real outages for the tests: a disk that is really full (a small tmpfs filled to the last
byte) and a real Redis server that can be stopped and started again. Never mocks."""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.serving import free_port


class FullDisk:
    """A folder on its own small tmpfs; `fill()` takes every free byte, `empty()` frees them."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.filler = self.folder / ".filler"

    def fill(self):
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for size in (65536, 4096, 1):  # big blocks, then the last bytes of the last one
                with contextlib.suppress(OSError):
                    while os.write(descriptor, b"\0" * size):
                        pass
        finally:
            os.close(descriptor)

    def empty(self):
        self.filler.unlink(missing_ok=True)


@contextlib.contextmanager
def small_disk(kilobytes=1024):
    """Needs root (mount); the test is skipped, saying why, without it."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real full disk needs root to mount a small tmpfs")
    folder = Path(tempfile.mkdtemp(prefix="toolkit-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield FullDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


class RedisServer:
    """Debian's redis-server on a free loopback port, without persistence."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.skip("redis-server is not installed (Debian package redis-server)")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="toolkit-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", self.folder]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _attempt in range(200):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
