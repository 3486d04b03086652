"""What `make run` does before it serves (manage.py serve): bring the database up to date,
load the bundled toolkit (which also points the site at BASE_URL), collect static files when
their sources changed, forget cached pages. In one process, so Django starts once, not five
times; on a restart every step finds its work done and returns in a moment."""

import hashlib
import pkgutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import RequestFactory
from wagtail.models import Locale

from toolkit.core import pagecache, schema

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


def start_checking():
    """Django's system checks in a second process: they take over a second on 2 cores, which
    `make run` would otherwise wait for at every start. Only problems are printed (stderr)."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, str(manage), "check"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def checks_passed(process, say):
    """Wait for the checks; say what they found. False when an error was found."""
    _output, problems = process.communicate()
    if process.returncode < 0:
        return True  # stopped with the server (Ctrl-C) before it finished: no verdict
    if problems.strip():
        say(problems.rstrip())
    # Read from what it printed as well: once gunicorn serves, its master reaps every child
    # process (waitpid(-1)), and the exit status Popen then reports is 0 whatever it was.
    failed = "SystemCheckError" in problems or "Traceback" in problems
    return process.returncode == 0 and not failed


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


def migration_files():
    """(app label, name) of every migration file of the installed apps, read from their
    folders as Django's loader reads them, without importing a single migration."""
    found = set()
    for app in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app.label)
        try:
            module = import_module(module_name) if module_name else None
        except ModuleNotFoundError:
            continue  # an app without migrations
        for _finder, name, is_package in pkgutil.iter_modules(getattr(module, "__path__", [])):
            if not is_package and name[0] not in "_~":
                found.add((app.label, name))
    return found


def migrations_pending():
    """Whether a migration on disk is not recorded as applied. `migrate` with nothing to do
    imports every migration to build its graph (over a second on 2 cores, at every start);
    this reads folder listings and one table. When in doubt it says yes and migrate runs."""
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    if not recorder.has_table():
        return True
    return bool(migration_files() - set(recorder.applied_migrations()))


def languages_missing():
    """The interface languages the database has no locale for yet."""
    present = set(Locale.objects.values_list("language_code", flat=True))
    return [code for code, _name in settings.LANGUAGES if code not in present]


def start_adding_languages():
    """A process adding the languages still missing, one whole language at a time, while the
    site is served: the first start serves the default language in a fraction of the time the
    eight languages take (decision 0014). Its progress lines go to this console."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.Popen([sys.executable, str(manage), "load_toolkit_content"])  # noqa: S603


def prepare(say, languages_later=False):
    """Everything before serving; `say(line)` reports progress. With `languages_later`, only
    the default language is loaded here (see start_adding_languages)."""
    fingerprint = static_fingerprint()
    collecting = start_collecting(fingerprint)
    if collecting is not None:
        say("Collecting static files (in a second process)…")
    if schema.create_from_prepared():
        say("Created the database from the prepared schema (toolkit/core/schema.py).")
    if migrations_pending():
        say("Bringing the database up to date…")
        call_command("migrate", interactive=False, verbosity=0)
    call_command("load_toolkit_content", no_languages=languages_later)
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
