"""An operator backs up and restores a running site (through the management commands)."""

import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# These tests run their own SQLite site in a subprocess, whatever TEST_DB says: once is enough.
pytestmark = pytest.mark.same_on_every_database


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A real SQLite site in its own folder, as an operator would have it."""
    from tests import serving

    var_dir = tmp_path_factory.mktemp("site")
    env = serving.site_environment(var_dir, DJANGO_SUPERUSER_PASSWORD="a long test password")

    def manage(*args, check=True, stdin=None):
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=check,
            input=stdin,
        )

    manage("migrate", "--noinput", "-v", "0")
    (var_dir / "media" / "images").mkdir(parents=True)
    return var_dir, manage


def users(manage):
    code = (
        "from django.contrib.auth.models import User; "
        "print(sorted(User.objects.values_list('username', flat=True)))"
    )
    return manage("shell", "-c", code).stdout.strip().splitlines()[-1]


def test_a_restore_brings_back_the_data_and_the_media_as_they_were(site, tmp_path):
    var_dir, manage = site
    manage("createsuperuser", "--noinput", "--username", "editor1", "--email", "e@example.org")
    photo = var_dir / "media" / "images" / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a photo")
    archive = tmp_path / "backup.tar.gz"
    assert "Backup written" in manage("backup", str(archive)).stdout

    manage(
        "shell", "-c", "from django.contrib.auth.models import User; User.objects.all().delete()"
    )
    photo.unlink()
    (var_dir / "media" / "images" / "later.jpg").write_bytes(b"added after the backup")
    assert users(manage) == "[]"

    assert "Restored" in manage("restore", str(archive), "--yes").stdout
    assert users(manage) == "['editor1']"
    assert photo.read_bytes() == b"\xff\xd8 not really a photo"
    assert not (var_dir / "media" / "images" / "later.jpg").exists()


def test_restore_asks_before_replacing_everything(site, tmp_path):
    _var_dir, manage = site
    archive = tmp_path / "backup.tar.gz"
    manage("backup", str(archive))
    result = manage("restore", str(archive), check=False, stdin="no\n")
    assert result.returncode != 0 and "Nothing restored" in result.stderr


HOSTILE = {
    "traversal": ("../../escape.txt", b"x"),
    "no manifest": ("database.sqlite3", b"x"),
    "a manifest that is not an object": ("manifest.json", b"[]"),
}


@pytest.mark.parametrize("kind", [*HOSTILE, "not an archive"])
def test_a_broken_or_hostile_archive_is_refused_and_nothing_changes(site, tmp_path, kind):
    _var_dir, manage = site
    before = users(manage)
    archive = tmp_path / "bad.tar.gz"
    if kind == "not an archive":
        archive.write_bytes(b"hello")
    else:
        with tarfile.open(archive, "w:gz") as tar:
            name, data = HOSTILE[kind]
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    result = manage("restore", str(archive), "--yes", check=False)
    assert result.returncode != 0 and "Nothing restored" in result.stderr
    assert users(manage) == before
    assert not (tmp_path.parent / "escape.txt").exists()
