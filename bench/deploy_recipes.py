#!/usr/bin/env python3
"""The deployment recipes of docs/deploying.md, run for real on this machine.

Reads the configuration files from docs/deploying.md itself (the nginx sites, the systemd units,
the .env files), changes only what a test must (free ports instead of 80/443, a self-signed
certificate, loopback addresses instead of a private network, throwaway folders), and checks:

- units:  every systemd unit, timer and drop-in on the page passes `systemd-analyze verify`.
- single: one server. The documented .env passes `check --deploy`; the unit's ExecStartPre steps
          and its gunicorn command, with the worker, behind the documented nginx with TLS:
          HTTPS pages, HTTP redirected, HSTS and secure cookies, static files from disk with
          long cache headers, a too-large upload refused by nginx, images served from /media/
          and documents not, /healthz, a submission acknowledged and its e-mail sent by the
          worker, visitors told apart through the proxy, two-factor sign-in, lockout, a backup.
- multi:  two app servers (two gunicorns) behind the documented load balancer, which connects
          from another address (127.0.0.9, as a balancer on another host does), sharing one
          throwaway PostgreSQL cluster, one Redis and one S3-compatible bucket (moto, installed
          from PyPI into a throwaway virtualenv; skipped if that fails): forms, sessions, the page
          cache, the catalogue, rate limits and lockout across servers, uploads, PDFs asked of
          both at once, the worker, a pg_dump backup.

Everything listens on loopback, on free ports, in a temporary folder, and is stopped and removed
at the end, also after a failure or Ctrl-C. Prints a table and exits 1 if any check failed.
Needs nginx, redis-server and PostgreSQL's server binaries (`apt-get install nginx redis-server
postgresql`) and the `scale` extra (`uv sync --extra scale`).

Usage: .venv/bin/python bench/deploy_recipes.py [part ...] [--moto-venv DIR] [--keep]"""

import argparse
import contextlib
import http.client
import http.cookies
import io
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import machine  # noqa: E402 - after the path is set
from tests import postgres_cluster, serving  # noqa: E402

DOC = ROOT / "docs" / "deploying.md"
PARTS = ("units", "single", "multi")
HOST = "toolkit.test"
BALANCER = "127.0.0.9"  # the load balancer "on another host"
VISITORS = ("127.0.0.21", "127.0.0.22")
PASSWORD = secrets.token_urlsafe(18)  # the test accounts' password
S3_KEY = secrets.token_hex(10)  # moto takes any key
SEARCH_LIMIT, FAILURE_LIMIT = 6, 3
CONTACT = "/en/participate/contact/"
NGINX_WRAPPER = """user www-data;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""


# --- the report -----------------------------------------------------------------------------


@dataclass
class Report:
    rows: list = field(default_factory=list)

    def check(self, part, name, ok, detail=""):
        result = {True: "ok", False: "FAIL", None: "skipped"}[ok]
        self.rows.append((part, name, result, str(detail)[:300]))
        print(f"  {result:7} {part}: {name} {str(detail)[:300]}", flush=True)
        return ok

    def failed(self):
        return any(row[2] == "FAIL" for row in self.rows)

    def table(self):
        header = ("part", "check", "result", "detail")
        lines = ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
        for row in self.rows:
            lines.append("| " + " | ".join(v.replace("|", "/") for v in row) + " |")
        return "\n".join(lines)


# --- the files on the page ------------------------------------------------------------------


def doc_file(path, containing=""):
    """The fenced block of docs/deploying.md whose first line is `# <path> …<containing>…`."""
    for body in re.findall(r"```[a-z]*\n(.*?)```", DOC.read_text(), re.S):
        first = body.splitlines()[0]
        if re.match(rf"#\s+{re.escape(path)}(\s|$)", first) and containing in first:
            return body
    raise LookupError(f"docs/deploying.md has no file {path} {containing}")


def doc_json():
    return json.loads(re.search(r"```json\n(.*?)```", DOC.read_text(), re.S).group(1))


def doc_unit_files():
    found = re.findall(
        r"```ini\n# (/etc/systemd/system/\S+)[^\n]*\n(.*?)```", DOC.read_text(), re.S
    )
    return [(path, text) for path, text in found]


def substitute(text, replacements):
    """Each (old, new); a documented line that is gone fails loudly instead of being skipped."""
    for old, new in replacements:
        if old not in text:
            raise LookupError(f"the documented file no longer contains {old!r}")
        text = text.replace(old, new)
    return text


def env_file(text):
    pairs = (line.partition("=") for line in text.splitlines() if not line.startswith("#"))
    return {key.strip(): value.strip() for key, sep, value in pairs if sep}


def unit_values(text, key):
    return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith(f"{key}=")]


def manage_steps(unit_text):
    """The unit's ExecStartPre lines: (variables set on the line, manage.py arguments)."""
    steps = []
    for line in unit_values(unit_text, "ExecStartPre"):
        argv = shlex.split(line)
        at = argv.index("manage.py")
        assigned = dict(item.split("=", 1) for item in argv[:at] if "=" in item)
        steps.append((assigned, argv[at + 1 :]))
    return steps


def gunicorn_command(unit_text, bind, access_log):
    argv = shlex.split(unit_values(unit_text, "ExecStart")[0])
    argv[0] = serving.GUNICORN
    argv[argv.index("--bind") + 1] = bind
    argv[argv.index("--access-logfile") + 1] = str(access_log)
    return argv


def worker_command(unit_text):
    argv = shlex.split(unit_values(unit_text, "ExecStart")[0])
    return [sys.executable, *argv[argv.index("manage.py") :]]


# --- processes ------------------------------------------------------------------------------


class Processes:
    """Everything started here, stopped (with its children) in reverse order at the end."""

    def __init__(self):
        self.items = []

    def start(self, command, log, **kwargs):
        with open(log, "ab") as output:
            process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
            )
        self.items.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.items):
            stop(process)


def stop(process):
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_port(port, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped while starting")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.3)
    raise RuntimeError(f"nothing listens on port {port}")


def manage(env, *args, check=True):
    result = subprocess.run(
        serving.MANAGE + list(args), env=env, cwd=ROOT, capture_output=True, text=True
    )
    if check and result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-800:]}")
    return result


def shell(env, code):
    """Run Python in the app's context (manage.py shell); its last line of output, as JSON."""
    output = manage(env, "shell", "-c", code).stdout.strip().splitlines()
    return json.loads(output[-1]) if output else None


# --- visitors -------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: object
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode(errors="replace")

    def cookies(self):
        return self.headers.get_all("Set-Cookie") or []


class Visitor:
    """One visitor: its own source address and cookies. Redirects are answers, not followed."""

    def __init__(self, origin, host, source="127.0.0.1", headers=None, cafile=None):
        parts = urllib.parse.urlsplit(origin)
        self.https, self.port = parts.scheme == "https", parts.port
        self.host, self.source, self.extra = host, source, headers or {}
        self.context = None
        if self.https:
            self.context = ssl.create_default_context(cafile=cafile)
            self.context.check_hostname = False  # the certificate is checked, not the name
        self.jar = {}

    def request(self, method, path, body=None, headers=None, timeout=240):
        kind = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        options = {"context": self.context} if self.https else {}
        connection = kind(
            "127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0), **options
        )
        sent = {"Host": self.host, **self.extra, **(headers or {})}
        if self.jar:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        began = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read(), 0)
        finally:
            connection.close()
        answer.seconds = time.monotonic() - began
        for raw in answer.cookies():
            cookie = http.cookies.SimpleCookie(raw)
            self.jar.update({name: morsel.value for name, morsel in cookie.items()})
        return answer

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, fields, referer):
        body = urllib.parse.urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer}
        return self.request("POST", path, body=body, headers=headers)


def form_fields(answer):
    fields = {}
    for name in ("csrfmiddlewaretoken", "started"):
        found = re.search(rf'name="{name}" value="([^"]+)"', answer.text)
        fields[name] = found.group(1) if found else ""
    return fields


def contact_fields(opened, number):
    return {
        **form_fields(opened),
        "homepage": "",
        "name": f"Deploy check {number}",
        "email": f"deploy-check-{number}@example.org",
        "subject": f"Deploy check {number}",
        "message": "Checking that a submission survives the trip through the proxy.",
    }


def submit_contact(opener, poster, origin, number):
    """Open the contact form with one visitor, post it with another; the status key or None."""
    opened = opener.get(CONTACT)
    poster.jar.update(opener.jar)
    time.sleep(3.5)  # the form's time trap refuses posts quicker than a person
    answer = poster.post(CONTACT, contact_fields(opened, number), origin + CONTACT)
    found = re.search(r"/participate/status/([A-Za-z0-9_-]+)/", answer.headers.get("Location", ""))
    return (found.group(1) if found else None), answer


def sign_in(visitor, username, password, origin):
    opened = visitor.get("/admin/login/")
    fields = {**form_fields(opened), "username": username, "password": password, "next": ""}
    return visitor.post("/admin/login/", fields, origin + "/admin/login/")


def logged(access_log, pattern):
    text = Path(access_log).read_text(errors="replace") if Path(access_log).exists() else ""
    return len(re.findall(pattern, text))


# --- building blocks ------------------------------------------------------------------------


def certificate(folder):
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}"]
        + ["-addext", f"subjectAltName=DNS:{HOST}"],
        check=True,
        capture_output=True,
    )
    return key, cert


def nginx_site(text, https_port, http_port, key, cert, extra=()):
    return substitute(
        text,
        [
            ("listen [::]:80;", ""),
            ("listen [::]:443 ssl http2;", ""),
            ("listen 80;", f"listen 127.0.0.1:{http_port};"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
            ("https://$host$request_uri", f"https://$host:{https_port}$request_uri"),
            ("/etc/letsencrypt/live/toolkit.example.org/fullchain.pem", str(cert)),
            ("/etc/letsencrypt/live/toolkit.example.org/privkey.pem", str(key)),
            ("toolkit.example.org", HOST),
            *extra,
        ],
    )


def start_nginx(processes, folder, site, port):
    """(process, None) once nginx answers on `port`, or (None, what `nginx -t` said)."""
    folder.mkdir(parents=True)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir()
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(NGINX_WRAPPER.format(folder=folder))
    base = ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")]
    test = subprocess.run([*base, "-t"], capture_output=True, text=True)
    if test.returncode:
        return None, test.stderr.strip()
    process = processes.start([*base, "-g", "daemon off;"], folder / "nginx.out")
    wait_for_port(port, process)
    return process, None


def start_gunicorn(processes, unit, env, port, folder, name):
    access = folder / f"{name}-access.log"
    command = gunicorn_command(unit, f"127.0.0.1:{port}", access)
    process = processes.start(command, folder / f"{name}.log", env=env, cwd=ROOT)
    wait_for_port(port, process)
    direct = Visitor(f"http://127.0.0.1:{port}", HOST, headers={"X-Forwarded-Proto": "https"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and direct.get("/healthz").status != 200:
        time.sleep(0.5)
    return process, access


def start_worker(processes, env, log):
    unit = doc_file("/etc/systemd/system/toolkit-worker.service")
    return processes.start(worker_command(unit), log, env=env, cwd=ROOT)


def wait_for_text(path, text, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if Path(path).exists() and text in Path(path).read_text(errors="replace"):
            return True
        time.sleep(0.5)
    return False


def production_env(var_dir, documented, overrides):
    """The documented .env with the test's values; placeholders left over are an error."""
    values = {**env_file(documented), **overrides}
    values = {key: value for key, value in values.items() if value is not None}
    leftover = [k for k, v in values.items() if "change-me" in v and k not in SMTP_ONLY]
    if leftover:
        raise LookupError(f"placeholders the test does not replace: {leftover}")
    env = serving.site_environment(var_dir)
    env.update(values)
    return env


# Used only by the SMTP backend, which the test replaces by the console.
SMTP_ONLY = {"EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"}


@dataclass
class Site:
    """A served deployment: the public origin through nginx and each app server behind it."""

    part: str
    folder: Path
    envs: list
    cafile: Path
    https_port: int
    http_port: int
    app_ports: list = field(default_factory=list)
    access: list = field(default_factory=list)
    app_processes: list = field(default_factory=list)
    worker_log: Path = None
    worker: subprocess.Popen = None
    s3: bool = False

    @property
    def origin(self):
        return f"https://{HOST}:{self.https_port}"

    def visitor(self, source="127.0.0.1"):
        """A visitor through nginx, over HTTPS, from `source`."""
        return Visitor(
            f"https://127.0.0.1:{self.https_port}",
            f"{HOST}:{self.https_port}",
            source,
            cafile=self.cafile,
        )

    def app(self, number):
        """A request straight to one app server, as the proxy sends it."""
        return Visitor(
            f"http://127.0.0.1:{self.app_ports[number]}",
            HOST,
            headers={"X-Forwarded-Proto": "https"},
        )


def run_checks(report, site, checks):
    for check in checks:
        try:
            check(report, site)
        except Exception as error:  # noqa: BLE001 - one broken check must not hide the others
            name = check.__name__.removeprefix("check_").replace("_", " ")
            report.check(site.part, name, False, f"{type(error).__name__}: {error}")


def check_deploy(report, part, env):
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    output = (result.stdout + result.stderr).strip()
    ok = result.returncode == 0 and "WARNING" not in output
    last = output.splitlines()[-1] if output else ""
    report.check(part, "manage.py check --deploy with the documented .env", ok, last)


def run_steps(report, part, env, steps, where="this server"):
    for assigned, step in steps:
        began = time.monotonic()
        result = manage({**env, **assigned}, *step, check=False)
        detail = f"{time.monotonic() - began:.0f} s" + (
            f"; {result.stderr.strip()[-200:]}" if result.returncode else ""
        )
        prefix = "".join(f"{key}={value} " for key, value in assigned.items())
        name = f"{prefix}manage.py {' '.join(step)} ({where})"
        report.check(part, name, not result.returncode, detail)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(step)} failed")


CREATE_USERS = f"""
import json
from django.contrib.auth.models import User
for name in ("deploy-admin", "deploy-other"):
    if not User.objects.filter(username=name).exists():
        User.objects.create_superuser(name, name + "@example.org", {PASSWORD!r})
print(json.dumps(True))
"""


# --- units ----------------------------------------------------------------------------------


def part_units(report, work, _processes, _args):
    folder = work / "units"
    for path, text in doc_unit_files():
        target = folder / Path(path).relative_to("/etc/systemd/system")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("/srv/toolkit", str(ROOT)))
    page = DOC.read_text()
    plain = [p.name for p in folder.iterdir() if p.is_file() and "@." not in p.name]
    enabled = sorted(set(re.findall(r"toolkit-daily@\w+\.timer", page)))
    tasks = sorted(set(re.findall(r"toolkit-task@\w+\.service", page)))
    names = plain + enabled + tasks
    result = subprocess.run(
        ["systemd-analyze", "verify", *names],
        env={**os.environ, "SYSTEMD_UNIT_PATH": f"{folder}:"},
        capture_output=True,
        text=True,
    )
    complaints = (result.stdout + result.stderr).strip()
    ok = result.returncode == 0 and not complaints
    report.check("units", f"systemd-analyze verify {' '.join(names)}", ok, complaints or "clean")


# --- one server -----------------------------------------------------------------------------


def part_single(report, work, processes, _args):
    folder = work / "single"
    folder.mkdir()
    https_port, http_port, app_port = (serving.free_port() for _ in range(3))
    key, cert = certificate(folder)
    # As the page's install step does: left to the app, its file cache creates var/ with mode
    # 0700, and nginx's workers could not read var/static/ or var/media/.
    (folder / "var").mkdir(mode=0o755)
    site = Site("single", folder, [], cert, https_port, http_port, [app_port])
    documented = doc_file("/srv/toolkit/.env", "chmod")
    site.envs = [production_env(folder / "var", documented, test_values(site))]
    check_deploy(report, "single", site.envs[0])
    unit = doc_file("/etc/systemd/system/toolkit.service")
    run_steps(report, "single", site.envs[0], manage_steps(unit))
    site.access = [start_gunicorn(processes, unit, site.envs[0], app_port, folder, "app")[1]]
    site.worker_log = folder / "worker.log"
    start_worker(processes, site.envs[0], site.worker_log)
    text = nginx_site(
        doc_file("/etc/nginx/sites-available/toolkit"),
        https_port,
        http_port,
        key,
        cert,
        [("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")]
        + [("/srv/toolkit/var/", f"{folder}/var/")],
    )
    nginx, problem = start_nginx(processes, folder / "nginx", text, https_port)
    report.check("single", "nginx -t accepts the documented site", nginx is not None, problem or "")
    if nginx:
        run_checks(report, site, SINGLE_CHECKS)


def test_values(site, **more):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "BASE_URL": site.origin,
        "ALLOWED_HOSTS": HOST,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "SEARCH_RATE_PER_MINUTE": str(SEARCH_LIMIT),
        "LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
        **more,
    }


def check_https_pages_and_hsts(report, site):
    answer = site.visitor().get("/en/")
    report.check(site.part, "a page over HTTPS through nginx", answer.status == 200, answer.status)
    hsts = answer.headers.get("Strict-Transport-Security", "")
    ok = "max-age=31536000" in hsts and "includeSubDomains" in hsts
    report.check(site.part, "HSTS on every HTTPS page", ok, hsts)


def check_http2_is_offered(report, site):
    context = ssl.create_default_context(cafile=site.cafile)
    context.check_hostname = False
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", site.https_port), 10) as raw,
        context.wrap_socket(raw, server_hostname=HOST) as tls,
    ):
        chosen, version = tls.selected_alpn_protocol(), tls.version()
    ok = chosen == "h2" and version in ("TLSv1.2", "TLSv1.3")
    report.check(site.part, "TLS with HTTP/2 offered (ALPN)", ok, f"{version}, {chosen}")


def check_plain_http_is_redirected(report, site):
    plain = Visitor(f"http://127.0.0.1:{site.http_port}", f"{HOST}:{site.http_port}")
    answer = plain.get("/en/practices/?q=rights")
    location = answer.headers.get("Location", "")
    ok = answer.status == 301 and location == f"{site.origin}/en/practices/?q=rights"
    report.check(site.part, "plain HTTP redirected to HTTPS", ok, f"{answer.status} {location}")


def check_cookies_are_secure(report, site):
    answer = site.visitor().get(CONTACT)
    csrf = [c for c in answer.cookies() if c.startswith("csrftoken=")]
    ok = bool(csrf) and "Secure" in csrf[0] and "SameSite=Lax" in csrf[0]
    report.check(site.part, "the CSRF cookie is Secure and SameSite=Lax", ok, csrf[:1])


def check_static_files_from_disk(report, site):
    page = site.visitor().get("/en/")
    path = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    answer = site.visitor().get(path, headers={"Accept-Encoding": "gzip"})
    cache = answer.headers.get("Cache-Control", "")
    encoding = answer.headers.get("Content-Encoding", "")
    untouched = logged(site.access[0], re.escape(path)) == 0
    ok = answer.status == 200 and "max-age=31536000" in cache and "immutable" in cache
    detail = (
        f"{answer.status} {path}: {cache}; {encoding or 'no'} encoding; app not asked: {untouched}"
    )
    report.check(site.part, "static files from disk by nginx", ok and untouched, detail)
    report.check(site.part, "nginx serves the .gz copy (gzip_static)", encoding == "gzip", encoding)
    direct = site.app(0).get(path)
    cache = direct.headers.get("Cache-Control", "")
    ok = direct.status == 200 and "immutable" in cache
    report.check(site.part, "or WhiteNoise, with the same long caching", ok, cache)


def check_uploads_over_the_limit(report, site):
    pattern = r'"POST /en/participate/contact/'
    before = logged(site.access[0], pattern)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    big = site.visitor().request("POST", CONTACT, body=b"x" * (13 * 2**20), headers=headers)
    reached = logged(site.access[0], pattern) - before
    ok = big.status == 413 and reached == 0
    detail = f"{big.status} in {big.seconds:.1f} s; requests reaching gunicorn: {reached}"
    report.check(site.part, "a 13 MB upload refused by nginx (413)", ok, detail)
    medium = site.visitor().request("POST", CONTACT, body=b"x" * (11 * 2**20), headers=headers)
    reached = logged(site.access[0], pattern) - before
    ok = medium.status != 413 and reached == 1
    detail = f"the app answered {medium.status}"
    report.check(site.part, "an 11 MB one passes nginx to the app", ok, detail)


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def check_media_images_but_not_documents(report, site):
    media = site.folder / "var" / "media"
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "images" / "deploy-check.png").write_bytes(png_bytes())
    (media / "documents" / "deploy-check.txt").write_text("private")
    image = site.visitor().get("/media/images/deploy-check.png")
    kind, sniff = image.headers.get("Content-Type"), image.headers.get("X-Content-Type-Options")
    ok = image.status == 200 and kind == "image/png" and sniff == "nosniff"
    report.check(site.part, "an editor's image from /media/", ok, f"{image.status} {kind} {sniff}")
    document = site.visitor().get("/media/documents/deploy-check.txt")
    ok = document.status == 404
    report.check(site.part, "documents never straight from /media/", ok, document.status)


def check_health(report, site):
    answer = site.visitor().get("/healthz")
    ok = answer.status == 200 and '"ok"' in answer.text
    report.check(site.part, "/healthz through nginx", ok, f"{answer.status} {answer.text}")


def check_submission_and_its_email(report, site):
    visitor = site.visitor(VISITORS[0])
    key, answer = submit_contact(visitor, visitor, site.origin, 1)
    report.check(site.part, "a form sent over HTTPS is acknowledged", bool(key), answer.status)
    status = visitor.get(f"/en/participate/status/{key}/")
    report.check(site.part, "its private status page", status.status == 200, status.status)
    sent = wait_for_text(site.worker_log, "To: deploy-check-1@example.org")
    report.check(site.part, "its acknowledgement sent by the worker (db_worker)", sent)


def check_visitors_told_apart(report, site):
    first, second = site.visitor(VISITORS[0]), site.visitor(VISITORS[1])
    statuses = [first.get(f"/en/search/?q=word{n}").status for n in range(SEARCH_LIMIT + 1)]
    forged = first.get("/en/search/?q=forged", headers={"X-Forwarded-For": "198.51.100.7"})
    other = second.get("/en/search/?q=other")
    ok = statuses == [200] * SEARCH_LIMIT + [429]
    report.check(site.part, f"searches limited per visitor ({SEARCH_LIMIT}/min)", ok, statuses)
    detail = f"forged X-Forwarded-For: {forged.status}; another visitor: {other.status}"
    ok = forged.status == 429 and other.status == 200
    report.check(site.part, "visitors told apart through the proxy", ok, detail)


def check_two_factor_and_lockout(report, site):
    shell(site.envs[0], CREATE_USERS)
    visitor = site.visitor(VISITORS[1])
    answer = sign_in(visitor, "deploy-admin", PASSWORD, site.origin)
    session = [c for c in answer.cookies() if c.startswith("sessionid=")]
    ok = answer.status == 302 and bool(session) and "Secure" in session[0]
    ok = ok and "HttpOnly" in session[0]
    report.check(site.part, "signing in: the session cookie is Secure and HttpOnly", ok, session)
    admin = visitor.get("/admin/")
    location = admin.headers.get("Location", "")
    ok = admin.status == 302 and location.startswith("/admin/two-factor/setup/")
    report.check(site.part, "then the second factor is asked for", ok, location)
    check_lockout(report, site, [site.visitor(VISITORS[1])])


def check_lockout(report, site, visitors):
    """Wrong passwords through `visitors` in turn, then the right one through the next."""
    for number in range(FAILURE_LIMIT):
        sign_in(visitors[number % len(visitors)], "deploy-other", "wrong", site.origin)
    answer = sign_in(visitors[FAILURE_LIMIT % len(visitors)], "deploy-other", PASSWORD, site.origin)
    ok = answer.status == 200 and "Too many failed attempts" in answer.text
    where = "" if len(visitors) == 1 else ", counted across both servers"
    name = f"{FAILURE_LIMIT} wrong passwords lock the account{where}"
    report.check(site.part, name, ok, f"then the right one: {answer.status}")


def check_backup(report, site):
    archive = site.folder / "backup.tar.gz"
    result = manage(site.envs[0], "backup", str(archive), check=False)
    with contextlib.suppress(OSError, tarfile.TarError), tarfile.open(archive) as tar:
        names = tar.getnames()
    names = names if archive.exists() else []
    if site.part == "single":
        ok = "database.sqlite3" in names and "media/images/deploy-check.png" in names
        detail = "SQLite database and media/"
    else:
        ok = "database.pgdump" in names
        detail = f"pg_dump; media in the archive: {any(n.startswith('media') for n in names)}"
    report.check(site.part, "manage.py backup", ok and not result.returncode, detail)


SINGLE_CHECKS = [
    check_https_pages_and_hsts,
    check_http2_is_offered,
    check_plain_http_is_redirected,
    check_cookies_are_secure,
    check_static_files_from_disk,
    check_uploads_over_the_limit,
    check_media_images_but_not_documents,
    check_health,
    check_submission_and_its_email,
    check_visitors_told_apart,
    check_two_factor_and_lockout,
    check_backup,
]


# --- several app servers --------------------------------------------------------------------


def part_multi(report, work, processes, args):
    folder = work / "multi"
    folder.mkdir()
    https_port, http_port = serving.free_port(), serving.free_port()
    key, cert = certificate(folder)
    ports = [serving.free_port(), serving.free_port()]
    site = Site("multi", folder, [], cert, https_port, http_port, ports)
    documented = doc_file("/srv/toolkit/.env", "every app server")
    services = start_services(report, site, processes, args, env_file(documented))
    site.s3 = bool(services.get("S3_ENDPOINT_URL"))
    values = test_values(site, **services)
    site.envs = [production_env(folder / f"app{n}" / "var", documented, values) for n in (1, 2)]
    check_deploy(report, "multi", site.envs[0])
    once, every, after = deploy_steps(doc_file("/etc/systemd/system/toolkit.service"))
    run_steps(report, "multi", site.envs[0], once, "once")
    for number, env in enumerate(site.envs, start=1):
        run_steps(report, "multi", env, every, f"app {number}")
    unit = doc_file("/etc/systemd/system/toolkit.service")
    for number, (env, port) in enumerate(zip(site.envs, ports, strict=True), start=1):
        process, access = start_gunicorn(processes, unit, env, port, folder, f"app{number}")
        site.app_processes.append(process)
        site.access.append(access)
    run_steps(report, "multi", site.envs[0], after, "once, every server running")
    site.worker_log = folder / "worker.log"
    site.worker = start_worker(processes, site.envs[0], site.worker_log)
    nginx, problem = start_nginx(processes, folder / "nginx", balancer(site, key, cert), https_port)
    ok = nginx is not None
    report.check("multi", "nginx -t accepts the documented balancer", ok, problem or "")
    if nginx:
        run_checks(report, site, MULTI_CHECKS)


def deploy_steps(unit_text):
    """The unit's start steps, split as the page's "What runs once" table says."""
    steps = manage_steps(unit_text)
    every = [s for s in steps if s[1][0] == "collectstatic"]
    after = [s for s in steps if s[1][0] == "clear_page_cache"]
    once = [s for s in steps if s not in every + after]
    return once, every, after


def start_services(report, site, processes, args, documented):
    """PostgreSQL, Redis and (if moto installs) S3; the environment values pointing at them."""
    folder = site.folder
    database = postgres_cluster.start(create_database=True)
    report.check("multi", "a throwaway PostgreSQL cluster", True, database.rsplit("@", 1)[1])
    values = {"DATABASE_URL": database, "CACHE_URL": start_redis(processes, folder)}
    report.check("multi", "a throwaway Redis (redis-server, password, no persistence)", True)
    values["TRUSTED_PROXIES"] = BALANCER
    endpoint, problem = start_s3(processes, folder, args.moto_venv, documented["S3_BUCKET"])
    report.check(
        "multi", "an S3-compatible server (moto)", bool(endpoint) or None, problem or endpoint
    )
    if endpoint:
        values.update(S3_ENDPOINT_URL=endpoint, S3_ACCESS_KEY=S3_KEY, S3_SECRET_KEY=S3_KEY)
        values["S3_CUSTOM_DOMAIN"] = f"{HOST}:{site.https_port}/media"
    else:
        values.update({k: None for k in documented if k.startswith("S3_") or k == "MEDIA_STORAGE"})
    return values


def start_redis(processes, folder):
    port, password = serving.free_port(), secrets.token_hex(12)
    data = folder / "redis"
    data.mkdir()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(data), "--requirepass", password]
    wait_for_port(port, processes.start(command, folder / "redis.log"))
    return f"redis://:{password}@127.0.0.1:{port}/0"


def moto_server(folder, given):
    """moto's S3 server from PyPI, in a throwaway virtualenv (or the one given)."""
    if given:
        path = Path(given) / "bin" / "moto_server"
        return (path, None) if path.exists() else (None, f"no {path}")
    venv = folder / "moto-venv"
    python = shutil.which("python3") or sys.executable
    subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True)
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "moto[server]"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if install.returncode:
        return None, f"pip install moto[server] failed: {install.stderr.strip()[-200:]}"
    return venv / "bin" / "moto_server", None


def start_s3(processes, folder, given, bucket):
    server, problem = moto_server(folder, given)
    if server is None:
        return None, problem
    port = serving.free_port()
    command = [str(server), "-H", "127.0.0.1", "-p", str(port)]
    wait_for_port(port, processes.start(command, folder / "moto.log"))
    endpoint = f"http://127.0.0.1:{port}"
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_KEY,
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(doc_json()))  # the page's policy
    return endpoint, None


def balancer(site, key, cert):
    endpoint = site.envs[0].get("S3_ENDPOINT_URL", "http://127.0.0.1:9")
    return nginx_site(
        doc_file("/etc/nginx/sites-available/toolkit-balancer"),
        site.https_port,
        site.http_port,
        key,
        cert,
        [
            ("server 10.0.0.11:8000", f"server 127.0.0.1:{site.app_ports[0]}"),
            ("server 10.0.0.12:8000", f"server 127.0.0.1:{site.app_ports[1]}"),
            ("http://10.0.0.20:9000/", f"{endpoint}/"),
            # The test's only addition: connect from another address, as a balancer on
            # another host would, so that TRUSTED_PROXIES is what makes visitors distinct.
            (
                "proxy_pass http://toolkit_app;",
                f"proxy_pass http://toolkit_app;\n        proxy_bind {BALANCER};",
            ),
        ],
    )


def check_health_probes_without_proxy_headers(report, site):
    statuses = []
    for port in site.app_ports:
        statuses.append(Visitor(f"http://127.0.0.1:{port}", HOST).get("/healthz").status)
    report.check(
        site.part,
        "a balancer's plain-HTTP /healthz probe: 200, not a redirect",
        statuses == [200, 200],
        statuses,
    )


def check_balancer_spreads_requests(report, site):
    visitor = site.visitor()
    statuses = {visitor.get("/healthz?probe=balancer").status for _ in range(6)}
    counts = [logged(access, r"GET /healthz\?probe=balancer") for access in site.access]
    ok = statuses == {200} and all(counts)
    report.check(site.part, "the balancer spreads requests over both app servers", ok, counts)


def check_a_form_shown_by_one_server_is_taken_by_the_other(report, site):
    key, answer = submit_contact(site.app(0), site.app(1), site.origin, 2)
    name = "a form shown by app 1 and sent to app 2 is acknowledged"
    report.check(site.part, name, bool(key), answer.status)
    status = site.app(0).get(f"/en/participate/status/{key}/")
    name = "its status page on app 1 (one database, one SECRET_KEY)"
    report.check(site.part, name, status.status == 200, status.status)
    sent = wait_for_text(site.worker_log, "To: deploy-check-2@example.org")
    report.check(site.part, "the worker on app 1 sends the e-mail queued by app 2", sent)


def check_a_session_started_on_one_server_holds_on_the_other(report, site):
    shell(site.envs[0], CREATE_USERS)
    first = site.app(0)
    sign_in(first, "deploy-admin", PASSWORD, site.origin)
    second = site.app(1)
    second.jar.update(first.jar)
    answer = second.get("/admin/")
    location = answer.headers.get("Location", "")
    ok = location.startswith("/admin/two-factor/setup/")
    report.check(site.part, "signed in on app 1, still signed in on app 2", ok, location)


PUBLISH_TITLE = """
import json
from wagtail.models import Page
page = Page.objects.filter(slug="advocacy", locale__language_code="en").first().specific
page.title = {title!r}
page.save_revision().publish()
print(json.dumps(page.url))
"""


def check_the_page_cache_is_shared(report, site):
    first, second = site.app(0), site.app(1)
    first.get("/en/advocacy/")
    cached = second.get("/en/advocacy/").headers.get("X-Page-Cache")
    report.check(site.part, "a page rendered by app 1 is a cache hit on app 2", cached == "hit")
    title = f"Advocacy {secrets.token_hex(3)}"
    shell(site.envs[0], PUBLISH_TITLE.format(title=title))
    after = second.get("/en/advocacy/")
    ok = title in after.text and after.headers.get("X-Page-Cache") != "hit"
    report.check(site.part, "a publish on app 1 shows at once on app 2", ok, title)
    second.get("/en/advocacy/")
    manage(site.envs[0], "clear_page_cache")
    cleared = second.get("/en/advocacy/").headers.get("X-Page-Cache")
    report.check(site.part, "clear_page_cache run once empties it for app 2", cleared != "hit")


PUBLISH_PRACTICE = """
import json
from toolkit.practices.models import PracticePage
page = PracticePage.objects.live().filter(locale__language_code="en").order_by("id").first()
page.title = page.title + " " + {word!r}
page.save_revision().publish()
print(json.dumps(page.url))
"""


def check_the_catalogue_follows_a_publish_on_the_other_server(report, site):
    word = "deploy" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
    second = site.app(1)
    before = json.loads(second.get(f"/api/v1/practices?q={word}").text)["total"]
    shell(site.envs[0], PUBLISH_PRACTICE.format(word=word))
    after = json.loads(second.get(f"/api/v1/practices?q={word}").text)["total"]
    ok = before == 0 and after == 1
    name = "a practice published on app 1 is found by app 2's catalogue"
    report.check(site.part, name, ok, f"{before} then {after}")


def check_rate_limits_count_across_servers(report, site):
    first, second = site.visitor(VISITORS[0]), site.visitor(VISITORS[1])
    pattern = r"GET /en/search/\?q=across"
    statuses = [first.get(f"/en/search/?q=across{n}").status for n in range(SEARCH_LIMIT + 1)]
    spread = [logged(access, pattern) for access in site.access]
    ok = statuses == [200] * SEARCH_LIMIT + [429] and all(spread)
    name = f"{SEARCH_LIMIT} searches a minute, counted across both servers"
    report.check(site.part, name, ok, f"{statuses}; served by app 1, app 2: {spread}")
    forged = first.get("/en/search/?q=acrossforged", headers={"X-Forwarded-For": "198.51.100.7"})
    other = second.get("/en/search/?q=acrossother")
    ok = forged.status == 429 and other.status == 200
    detail = f"forged X-Forwarded-For: {forged.status}; another visitor: {other.status}"
    name = f"visitors told apart behind a balancer on another address ({BALANCER})"
    report.check(site.part, name, ok, detail)


def check_lockout_across_servers(report, site):
    check_lockout(report, site, [site.app(0), site.app(1)])


UPLOAD = """
import io, json
from PIL import Image as Picture
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from wagtail.documents.models import Document
from wagtail.images.models import Image
buffer = io.BytesIO()
Picture.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
image = Image.objects.create(title="deploy check", file=ImageFile(buffer, name="deploy-check.png"))
rendition = image.get_rendition("fill-32x32")
document = Document.objects.create(
    title="deploy check", file=ContentFile(b"deploy check document", name="deploy-check.txt")
)
name = default_storage.save("checks/hello.txt", ContentFile(b"hello from app 1"))
print(json.dumps({"storage": type(storages["default"]).__name__, "name": name,
    "rendition": rendition.url, "document": document.url, "document_file": document.file.name}))
"""
READ = """
import json
from django.core.files.storage import default_storage
with default_storage.open({name!r}) as file:
    print(json.dumps(file.read().decode()))
"""


def check_uploads_in_the_bucket(report, site):
    if not site.s3:
        report.check(site.part, "uploads in S3-compatible storage", None, "no S3 server")
        return
    made = shell(site.envs[0], UPLOAD)
    read = shell(site.envs[1], READ.format(name=made["name"]))
    ok = made["storage"] == "S3Storage" and read == "hello from app 1"
    name = "a file saved by app 1 (S3Storage) is read back by app 2"
    report.check(site.part, name, ok, f"{made['storage']}: {read!r}")
    url = made["rendition"]
    image = site.visitor().get(urllib.parse.urlsplit(url).path)
    ok = url.startswith(f"{site.origin}/media/") and image.status == 200
    ok = ok and image.body.startswith(b"\x89PNG") and "x-amz-request-id" not in image.headers
    name = "an image rendition, at the site's own /media/, fetched from the bucket by nginx"
    report.check(site.part, name, ok, f"{image.status} {url}")
    direct = site.visitor().get(f"/media/{made['document_file']}")
    bucket = f"{site.envs[0]['S3_ENDPOINT_URL']}/{site.envs[0]['S3_BUCKET']}"
    anonymous = anonymous_status(f"{bucket}/{made['document_file']}")
    served = site.visitor().get(made["document"])
    ok = direct.status == 404 and anonymous == 403 and served.status == 200
    ok = ok and served.body == b"deploy check document"
    name = "a document only through the app (the bucket refuses it without the key)"
    detail = f"/media/: {direct.status}; bucket: {anonymous}; {made['document']}: {served.status}"
    report.check(site.part, name, ok, detail)


def anonymous_status(url):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path)
        return connection.getresponse().status
    finally:
        connection.close()


def check_pdfs_asked_of_both_servers_at_once(report, site):
    def fetch(number):
        return site.app(number).get("/en/download/toolkit.pdf", timeout=300)

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(fetch, (0, 1)))
    ok = all(a.status == 200 and a.body.startswith(b"%PDF") for a in answers)
    detail = ", ".join(
        f"app {n}: {a.status} in {a.seconds:.0f} s" for n, a in enumerate(answers, 1)
    )
    report.check(site.part, "the toolkit PDF asked of both servers at once", ok, detail)


def check_one_app_server_down(report, site):
    stop(site.app_processes[1])
    visitor = site.visitor()
    statuses = [visitor.get(path).status for path in ("/en/", "/en/advocacy/", "/healthz") * 2]
    ok = set(statuses) == {200}
    name = "app 2 stopped: the balancer serves everything from app 1"
    report.check(site.part, name, ok, statuses)


PEOPLE = """
import json
from django.contrib.auth.models import User
from toolkit.participation.models import Submission
users = sorted(User.objects.values_list("username", flat=True))
print(json.dumps({"users": users, "submissions": Submission.objects.count()}))
"""
ADD_USER = """
import json
from django.contrib.auth.models import User
User.objects.create_user("deploy-after-backup")
print(json.dumps(True))
"""


def check_restore_on_postgresql(report, site):
    """The backup of check_backup, restored after a change, with the site stopped first."""
    at_backup = shell(site.envs[0], PEOPLE)
    shell(site.envs[0], ADD_USER)
    for process in [*site.app_processes, site.worker]:
        stop(process)
    archive = site.folder / "backup.tar.gz"
    result = manage(site.envs[0], "restore", str(archive), "--yes", check=False)
    after = shell(site.envs[0], PEOPLE)
    ok = not result.returncode and after == at_backup
    detail = f"{after['submissions']} submissions, users {after['users']}"
    report.check(site.part, "manage.py restore: the database as it was at the backup", ok, detail)


MULTI_CHECKS = [
    check_health_probes_without_proxy_headers,
    check_https_pages_and_hsts,
    check_plain_http_is_redirected,
    check_balancer_spreads_requests,
    check_a_form_shown_by_one_server_is_taken_by_the_other,
    check_a_session_started_on_one_server_holds_on_the_other,
    check_the_page_cache_is_shared,
    check_the_catalogue_follows_a_publish_on_the_other_server,
    check_rate_limits_count_across_servers,
    check_lockout_across_servers,
    check_uploads_in_the_bucket,
    check_pdfs_asked_of_both_servers_at_once,
    check_backup,
    check_one_app_server_down,
    check_restore_on_postgresql,
]


# --- main -----------------------------------------------------------------------------------


PART_RUNNERS = {"units": part_units, "single": part_single, "multi": part_multi}


def interrupted(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through the clean-up below


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="part", help=", ".join(PARTS))
    parser.add_argument("--moto-venv", help="a virtualenv with moto[server] already installed")
    parser.add_argument("--keep", action="store_true", help="keep the folder (logs) afterwards")
    args = parser.parse_args()
    parts = args.parts or list(PARTS)
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupted)
    report, began, clock = Report(), datetime.now(UTC), time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="toolkit-deploy-"))
    work.chmod(0o755)  # nginx's workers (www-data) read the static files and media in it
    try:
        for part in parts:
            run_part(report, part, work, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{' '.join(['bench/deploy_recipes.py', *sys.argv[1:]])}")
    print(f"{began:%Y-%m-%d %H:%M} UTC, {(time.monotonic() - clock) / 60:.0f} min")
    print(f"{machine()}\n")
    print(report.table())
    return 1 if report.failed() else 0


def run_part(report, part, work, args):
    print(f"{part}:", flush=True)
    processes = Processes()
    try:
        PART_RUNNERS[part](report, work, processes, args)
    except Exception as error:  # noqa: BLE001 - reported, and the next part still runs
        report.check(part, "the part ran to its end", False, f"{type(error).__name__}: {error}")
    finally:
        processes.stop_all()


if __name__ == "__main__":
    sys.exit(main())
