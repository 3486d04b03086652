"""Middleware that every response passes through: security headers, the page cache and the
limits on expensive reads."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from toolkit.lib import generation, ratelimit

from . import pagecache

# No inline script or style anywhere on the public site, so the policy needs no nonce and a
# cached page stays valid for every visitor.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)
# Wagtail's editor still relies on inline styles and scripts, and previews pages in a frame.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'self'",
    ]
)


def head_as_get(get_response):
    """HEAD answered as the GET would be, headers and all, without the body (RFC 9110 9.3.2).

    Views, Wagtail's pages and the API are written for GET; link checkers, feed readers and
    `curl -I` send HEAD and must not be told 405. Placed after WhiteNoise, which answers HEAD
    for static files itself."""

    def middleware(request):
        if request.method != "HEAD":
            return get_response(request)
        request.method = "GET"
        try:
            response = get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = iter(())  # a file's own length header stays
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return middleware


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        is_admin = request.path.startswith("/admin/")
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_CSP if is_admin else PUBLIC_CSP
        )
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response

    return middleware


def generation_scope(get_response):
    """Read each generation counter once per request (see lib.generation)."""

    def middleware(request):
        with generation.request_scope():
            return get_response(request)

    return middleware


def anonymous_page_cache(get_response):
    """Serve anonymous GETs of cacheable pages from the cache; store them after rendering."""

    def middleware(request):
        key = pagecache.key_for(request)
        if key:
            cached = pagecache.get(key)
            if cached is not None:
                return cached
        response = get_response(request)
        if key and pagecache.is_storable(request, response):
            pagecache.store(key, response)
        return response

    return middleware


# Reads that cost real work when the page cache cannot answer them: searching and PDFs.
SEARCHES = re.compile(r"^/[a-z]{2}/search/|^/api/v1/practices|^/api/v1/export/")
CATALOGUE = re.compile(r"^/[a-z]{2}/practices/$")


def _expensive_scope(request):
    if request.path.endswith(".pdf"):
        return "pdf", settings.PDF_RATE_PER_MINUTE
    if SEARCHES.match(request.path) or (CATALOGUE.match(request.path) and request.GET):
        return "search", settings.SEARCH_RATE_PER_MINUTE
    return None, 0


def expensive_read_limit(get_response):
    """Per-address limits on searches and PDFs, so one client cannot starve everyone else.
    Reading pages is never limited: the page cache answers those."""

    def middleware(request):
        scope, per_minute = _expensive_scope(request)
        if scope and per_minute:
            verdict = ratelimit.allow(scope, ratelimit.client_address(request), per_minute, 60)
            if not verdict:
                return _too_many(request, verdict.retry_after)
        return get_response(request)

    return middleware


def _too_many(request, retry_after):
    # The language middleware has not run yet: take the language from the address.
    language = translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = translation.gettext(
            "Too many requests from your address. Wait a minute and try again."
        )
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=429)
        else:
            response = render(request, "429.html", {"message": message}, status=429)
    # When this address's window closes: a client that waits that long is let back in.
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def read_only_cors(get_response):
    """The open-data API may be read from any web page; nothing else is shared."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/api/") and request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response

    return middleware


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its habit of redirecting any 404 to a language-prefixed
    address: the API, the admin and the health check live outside the language prefix and
    their 404s must stay 404s."""

    UNPREFIXED = ("/api/", "/admin/", "/healthz", "/documents/", "/static/", "/sitemap")

    def process_request(self, request):
        super().process_request(request)
        # A link without a language (`/planner/`, written once in the bundled text of every
        # language) leads to the language of the page it was followed from.
        language = self._referring_language(request)
        if language and not translation.get_language_from_path(request.path_info):
            translation.activate(language)
            request.LANGUAGE_CODE = language

    @staticmethod
    def _referring_language(request):
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if referer.netloc and referer.netloc != request.get_host():
            return None
        return translation.get_language_from_path(referer.path) if referer.path else None

    def process_response(self, request, response):
        if request.path.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)
