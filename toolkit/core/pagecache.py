"""A page cache for anonymous visitors.

Pages are the same for every anonymous visitor (no inline nonce, no CSRF token, no per-visitor
state), so a rendered page is kept in the cache under its path and a generation token. Any
change an editor makes (publish, unpublish, move, delete, snippet edit) moves the token once it
is committed, so the next request renders afresh.
See docs/decisions/0004-anonymous-page-cache.md."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from toolkit.lib import generation as generations

GENERATION = "pages"
CACHED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def generation():
    return generations.current(GENERATION)


def invalidate(**_kwargs):
    generations.bump(GENERATION)


def key_for(request):
    if settings.DEBUG:  # a developer wants to see template changes at once
        return None
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.path.startswith("/admin"):
        return None
    host = request.get_host() if settings.ALLOWED_HOSTS else request.META.get("HTTP_HOST", "")
    # A digest: any path (a NUL byte, thousands of characters) gives a key that every cache
    # backend accepts, and the database cache's 255-character column holds.
    digest = hashlib.sha256(f"{host}:{request.path}".encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def is_storable(request, response):
    return (
        getattr(request, "page_cacheable", False)
        and not generations.is_stale()  # rendered from an index still being rebuilt
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
    )


def store(key, response):
    # A full disk or a stopped Redis makes this a no-op (lib.cachebackends): served uncached.
    headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
    cache.set(key, (response.content, headers), timeout=settings.PAGE_CACHE_SECONDS)


def get(key):
    cached = cache.get(key)
    if cached is None:
        return None
    content, headers = cached
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def mark_cacheable(request):
    request.page_cacheable = True


def connect_invalidation():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_model_changed, dispatch_uid="pagecache-post-save")
    post_delete.connect(_model_changed, dispatch_uid="pagecache-post-delete")


# What visitors create (plans, submissions with their trail and notifications, queued e-mails)
# is never shown on a cached page, and changes with every form sent: emptying the cache for it
# made every page render afresh under load (docs/performance.md, "Load"). A published story is
# shown, and still empties it.
VISITOR_RECORDS = {
    "planner.plan",
    "participation.submission",
    "participation.event",
    "participation.notification",
    "participation.moderatorsettings",
}


def _model_changed(sender, **kwargs):
    # Snippets, locales, sites and pages all shape public pages; sessions, logs, download
    # counters and visitors' own records do not.
    if sender._meta.label_lower in VISITOR_RECORDS:
        return
    if sender._meta.app_label in {
        "sessions",
        "admin",
        "downloads",
        "wagtailsearch",
        "modelsearch",
        "contenttypes",
        "django_tasks_database",
    }:
        return
    if sender.__name__ in {
        "Revision",
        "LogEntry",
        "PageLogEntry",
        "ModelLogEntry",
        "PageViewRestriction",
        "UserProfile",
        "Session",
        "TaskState",
        "WorkflowState",
        "PageSubscription",
    }:
        return
    invalidate()
