"""Middleware that every response passes through: security headers and the page cache."""

from django.conf import settings

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
