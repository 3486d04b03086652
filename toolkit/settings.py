"""The one settings file. Every value an operator may change comes from the environment;
the defaults are safe for development (SQLite under var/, no e-mail sent). `.env.example`
lists every variable; docs/deploying.md explains them."""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path):
    """KEY=value lines from .env; the real environment always wins over the file."""
    if not path.exists():
        return
    for line in path.read_text().splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


if not os.environ.get("TOOLKIT_IGNORE_ENV_FILE"):  # the test suite sets it
    read_env_file(BASE_DIR / ".env")
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    return default if value in (None, "") else value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_or_create_secret_key():
    # Development convenience without a secret in the code: a random key kept in var/.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or read_or_create_secret_key()
DEBUG = env_bool("DEBUG")
# The port `make run` (manage.py serve) listens on; the default address follows it, so that
# every absolute link (e-mails, sitemaps, a plan's private link) points where the site is.
PORT = int(os.environ.get("PORT") or 8000)
BASE_URL = (os.environ.get("BASE_URL") or f"http://127.0.0.1:{PORT}").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)
HTTPS = env_bool("HTTPS", BASE_URL.startswith("https://"))

INSTALLED_APPS = [
    "toolkit.core",
    "toolkit.chapters",
    "toolkit.practices",
    "toolkit.api",
    "toolkit.downloads",
    "toolkit.planner",
    "toolkit.participation",
    "toolkit.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "toolkit.core.middleware.head_as_get",
    "toolkit.core.middleware.security_headers",
    "toolkit.core.middleware.read_only_cors",
    "django.middleware.gzip.GZipMiddleware",
    "toolkit.core.middleware.generation_scope",
    "toolkit.core.middleware.anonymous_page_cache",
    "toolkit.core.middleware.expensive_read_limit",
    "toolkit.core.unavailable.database_unavailable",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "toolkit.core.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "toolkit.accounts.middleware.require_two_factor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "toolkit.urls"
WSGI_APPLICATION = "toolkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "toolkit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "toolkit.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'toolkit.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work at once; the init command runs on every connection.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else DATABASES["default"]["CONN_MAX_AGE"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """The page cache. Redis and files through toolkit/lib/cachebackends.py: an outage (Redis
    stopped, a full disk) is a cache miss there, never an error page."""
    if url.startswith("redis://") or url.startswith("rediss://"):
        return {
            "BACKEND": "toolkit.lib.cachebackends.RedisCache",
            "LOCATION": url,
            # A Redis that hangs must not hold a request for long; refused is immediate.
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    if url.startswith("db://"):
        return {"BACKEND": "toolkit.lib.cachebackends.DatabaseCache", "LOCATION": url[5:]}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    path = url.removeprefix("file://") or str(VAR_DIR / "cache")
    # Only re-renderable pages live here (limits and lockouts are in STATE_URL), so culling
    # a third of them when full forgets nothing that matters.
    return {
        "BACKEND": "toolkit.lib.cachebackends.FileCache",
        "LOCATION": path,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}


def state_url(cache_url):
    """Where rate limits, lockouts and generation tokens live (toolkit/lib/sharedstate.py):
    the Redis or the database of the cache when it is shared, else a file of this machine."""
    if cache_url.startswith(("redis://", "rediss://")):
        return cache_url
    if cache_url.startswith("db://"):
        return "database"
    return f"sqlite:///{VAR_DIR / 'state.sqlite3'}"


STATE_URL = os.environ.get("STATE_URL") or state_url(os.environ.get("CACHE_URL", ""))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Search indexes held in memory are rebuilt in a background thread after a change, while
# requests answer from the previous one ("background"); "inline" builds in the request (the
# test suite, whose data a background thread cannot see). toolkit/lib/derived.py
INDEX_BUILDS = os.environ.get("INDEX_BUILDS", "background")
if INDEX_BUILDS not in ("background", "inline"):
    raise ValueError(f"INDEX_BUILDS must be background or inline: {INDEX_BUILDS}")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editors' accounts: the admin asks everyone for a second factor (an authenticator app), and
# pauses signing in to an account (or from an address) after repeated failures.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
WAGTAILADMIN_USER_LOGIN_FORM = "toolkit.accounts.forms.LoginForm"

# Languages: the interface languages. The first is the source language of the bundled content.
LANGUAGE_CODE = "en"
ALL_LANGUAGES = [
    ("en", "English"),
    ("it", "Italiano"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("el", "Ελληνικά"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
_enabled = env_list("LANGUAGES", ",".join(code for code, _ in ALL_LANGUAGES))
LANGUAGES = [(code, name) for code, name in ALL_LANGUAGES if code in _enabled]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "toolkit" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "toolkit" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))


def media_storage(kind):
    """Where uploads live: this server's disk, or an S3-compatible bucket that every app
    server shares (MinIO, Ceph, AWS S3…; needs `uv sync --extra scale`)."""
    if kind != "s3":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": os.environ.get("S3_BUCKET", ""),
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY", ""),
        "secret_key": os.environ.get("S3_SECRET_KEY", ""),
        "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(os.environ.get("MEDIA_STORAGE", "filesystem")),
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Security. HSTS, secure cookies and the HTTPS redirect switch on with HTTPS=true.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("HSTS_PRELOAD", True)
# "preload" only allows submitting the domain to browsers' preload list; it changes nothing
# until someone does. Set HSTS_PRELOAD=false if some subdomain must stay on plain HTTP.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer checks /healthz over plain HTTP: a redirect would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The proxies whose X-Forwarded-For is believed (addresses or networks): nginx on this host by
# default; add a load balancer on another host, or every visitor would share its address in
# the rate limits and the sign-in lockout (toolkit/lib/ratelimit.py, docs/deploying.md).
TRUSTED_PROXIES = [
    str(ipaddress.ip_network(item, strict=False))
    for item in env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "toolkit@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Licence of the toolkit's text, printed in the PDF's colophon.
CONTENT_LICENCE = os.environ.get("CONTENT_LICENCE", "CC BY-SA 4.0")
# Licence of the open data (API, exports, data package).
DATA_LICENCE = os.environ.get("DATA_LICENCE", "CC-BY-4.0")
DATA_LICENCE_URL = os.environ.get(
    "DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Advocacy Toolkit")
WAGTAILADMIN_BASE_URL = BASE_URL
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name people see in their authenticator app
# django-otp's own back-off would silently refuse a right code after a typo; our sign-in
# lockout (LOGIN_FAILURE_LIMIT) limits guessing instead, and says so.
OTP_TOTP_THROTTLE_FACTOR = OTP_STATIC_THROTTLE_FACTOR = 0


def search_backend(url):
    """Wagtail's search (the admin's page, image and document search). Empty: the database.
    `opensearch3+https://host:9200` or `elasticsearch8+http://host:9200` for very large sites
    (needs the matching client package). The public catalogue keeps its own in-memory index."""
    if not url:
        return {"BACKEND": "wagtail.search.backends.database"}
    kind, _, address = url.partition("+")
    known = ("opensearch2", "opensearch3", "elasticsearch7", "elasticsearch8", "elasticsearch9")
    if kind not in known or not address:
        raise ValueError(f"WAGTAILSEARCH_URL must look like opensearch3+https://host:9200: {url}")
    return {
        "BACKEND": f"wagtail.search.backends.{kind}",
        "URLS": [address],
        "INDEX": os.environ.get("WAGTAILSEARCH_INDEX", "toolkit"),
        "TIMEOUT": 10,
    }


WAGTAILSEARCH_BACKENDS = {"default": search_backend(os.environ.get("WAGTAILSEARCH_URL", ""))}
# Documents always pass through Wagtail's view, which checks a collection's privacy; with S3
# storage Wagtail would otherwise redirect to the bucket, where anyone with the link reads it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Uploads in the admin: Wagtail checks an image's real format (not only its name) against this
# list. No SVG: it can carry script. A pixel limit stops decompression bombs.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call a third-party host
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_HITS_MAX_AGE = 0
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Campaign planner: plans nobody has changed for this many days are deleted by
# `manage.py purge_plans` (run it daily; see docs/planner.md).
PLANNER_RETENTION_DAYS = int(os.environ.get("PLANNER_RETENTION_DAYS", "365"))

# Expensive reads per visitor address and minute (searches that miss the page cache, PDFs).
SEARCH_RATE_PER_MINUTE = int(os.environ.get("SEARCH_RATE_PER_MINUTE", "120"))
PDF_RATE_PER_MINUTE = int(os.environ.get("PDF_RATE_PER_MINUTE", "30"))

# Background work (e-mail). "immediate" runs a task at once, in the request (development, tests);
# "database" queues it for `manage.py db_worker` (production; see docs/deploying.md).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Participation: personal data (name, e-mail, IP-derived counters are never stored) of
# submissions closed longer than this is erased by `manage.py purge_personal_data`.
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("PARTICIPATION_RETENTION_DAYS", "365"))
# Public forms: at most this many submissions per visitor address per hour, and in all per hour.
PARTICIPATION_RATE_PER_ADDRESS = int(os.environ.get("PARTICIPATION_RATE_PER_ADDRESS", "10"))
PARTICIPATION_RATE_GLOBAL = int(os.environ.get("PARTICIPATION_RATE_GLOBAL", "500"))
