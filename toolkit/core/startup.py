"""What `make run` does before it serves (manage.py serve): bring the database up to date,
load the bundled toolkit (which also points the site at BASE_URL), collect static files when
their sources changed, forget cached pages. In one process, so Django starts once, not five
times; on a restart every step finds its work done and returns in a moment."""

import hashlib
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory

from toolkit.core import pagecache

FINGERPRINT = ".sources-fingerprint"


def static_fingerprint():
    """A digest of every static source file's path, size and time, and of the storage used:
    when it is unchanged, the collected files in STATIC_ROOT are still right."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collected(fingerprint):
    marker = Path(settings.STATIC_ROOT) / FINGERPRINT
    return marker.is_file() and marker.read_text().strip() == fingerprint


def start_collecting(fingerprint):
    """A process collecting the static files (it needs no database, so it runs while the
    toolkit loads), or None when they are already collected."""
    if _collected(fingerprint):
        return None
    manage = Path(settings.BASE_DIR) / "manage.py"
    command = [sys.executable, str(manage), "collectstatic", "--noinput", "-v", "0"]
    return subprocess.Popen(command)  # noqa: S603 - our own manage.py


def finish_collecting(process, fingerprint):
    if process is None:
        return
    if process.wait() != 0:
        raise RuntimeError("collectstatic failed (its error is printed above)")
    (Path(settings.STATIC_ROOT) / FINGERPRINT).write_text(fingerprint)
    # This process read the old manifest (or none) when it started; read the new one.
    if hasattr(staticfiles_storage, "load_manifest"):
        manifest = staticfiles_storage.load_manifest()
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = manifest


def prepare(say):
    """Everything before serving; `say(line)` reports progress."""
    fingerprint = static_fingerprint()
    collecting = start_collecting(fingerprint)
    if collecting is not None:
        say("Collecting static files (in a second process)…")
    say("Bringing the database up to date…")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_toolkit_content")
    finish_collecting(collecting, fingerprint)
    pagecache.invalidate()


def warm(application):
    """Answer one request for the home page inside this process before the workers are
    forked: templates, URL patterns and translations are then loaded once, in the parent,
    and every worker's first visitor is answered as fast as the next ones."""
    base = urlsplit(settings.BASE_URL)
    environ = (
        RequestFactory()
        .get(f"/{settings.LANGUAGE_CODE}/", HTTP_HOST=base.netloc, SERVER_NAME=base.hostname)
        .environ
    )
    chunks = application(environ, lambda status, headers, exc_info=None: None)
    for _chunk in chunks:
        pass
    if hasattr(chunks, "close"):
        chunks.close()


def banner():
    """What the person who typed `make run` needs to know, true for this database."""
    lines = [
        f"  The toolkit is at {settings.BASE_URL}/  (editors: {settings.BASE_URL}/admin/)",
    ]
    editors = get_user_model().objects.filter(is_active=True, is_staff=True)
    if editors.exists():
        count = editors.count()
        lines.append(f"  {count} editor account{'s' if count != 1 else ''} can sign in there.")
    else:
        lines.append("  No editor account exists yet. Create one with:  make superuser")
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        lines.append(
            "  E-mails (sign-in codes, notices to moderators and senders) are printed here,"
        )
        lines.append("  in this console, not sent. Set EMAIL_BACKEND and EMAIL_HOST in .env.")
    return "\n".join(["", *lines, ""])
