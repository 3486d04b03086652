"""`make run`: prepare the site (core.startup) and serve it with gunicorn, in one process.

Gunicorn is started from here (its documented custom-application API) with the app loaded
once before the workers are forked (preload): workers answer at once instead of each
importing Django, Wagtail and the templates on its first request."""

import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application
from django.db import connections
from gunicorn.app.base import BaseApplication

from toolkit.core import startup


class Server(BaseApplication):
    def __init__(self, application, options):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


class Command(BaseCommand):
    help = "Prepare the database, the bundled toolkit and static files, then serve the site."
    # The system checks run in a second process alongside (startup.start_checking), not before.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WORKERS") or 2),
            help="gunicorn worker processes (default: $WORKERS or 2)",
        )
        steps = parser.add_mutually_exclusive_group()
        steps.add_argument("--no-prepare", action="store_true", help="serve at once")
        steps.add_argument("--prepare-only", action="store_true", help="prepare, do not serve")

    def handle(self, *args, workers, no_prepare, prepare_only, **options):
        checking = startup.start_checking()
        if not no_prepare:
            try:
                startup.prepare(self.stdout.write, languages_later=not prepare_only)
            except RuntimeError as error:
                raise CommandError(str(error)) from error
        if prepare_only:
            if not startup.checks_passed(checking, self.stderr.write):
                raise CommandError("The system checks found errors (above).")
            return
        threading.Thread(target=self.stop_if_checks_fail, args=[checking], daemon=True).start()
        # The application (and WhiteNoise's list of static files) is made after preparing.
        application = get_wsgi_application()
        startup.warm(application)
        missing = startup.languages_missing()
        self.stdout.write(startup.banner())
        if missing:
            self.stdout.write(
                f"  Adding the other languages ({len(missing)}) while the site is served:"
                " each appears as it is added.\n"
            )
        self.stdout.flush()
        connections.close_all()  # never share a database connection with forked workers
        adding = startup.start_adding_languages() if missing else None
        try:
            Server(application, self.options(workers)).run()
        finally:
            if adding is not None and adding.poll() is None:
                # Stopped halfway, a language is rolled back whole; the next start adds it.
                adding.terminate()
                adding.wait()

    def stop_if_checks_fail(self, checking):
        """A site with a configuration error is not left running as if all were well."""
        if not startup.checks_passed(checking, self.stderr.write):
            self.stderr.write("The system checks found errors (above): stopping the server.")
            os.kill(os.getpid(), signal.SIGTERM)  # gunicorn's own graceful stop

    def options(self, workers):
        return {
            "bind": f"127.0.0.1:{settings.PORT}",
            "workers": workers,
            "threads": 4,
            "keepalive": 75,
            "accesslog": "-",
            "forwarded_allow_ips": "127.0.0.1",
            "preload_app": True,
            # One control socket per user by default: two sites on one machine would share
            # it (and the second would fail to start its own). `make run` does not use it.
            "control_socket_disable": True,
        }
