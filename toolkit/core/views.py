from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from toolkit.lib import sharedstate

from . import unavailable


@never_cache
@require_safe
def healthz(request):
    """200 when the app and its database answer; 503 otherwise, with the reason. A database
    that answers reads but cannot take writes, or a cache or shared state that cannot be
    reached, is "degraded", still 200: the site can serve readers (uncached), so a load
    balancer should keep it (see docs/reliability.md)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = unavailable.write_problem() or "ok"
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    parts = {"database": database, "cache": _cache_health(), "state": sharedstate.store().health()}
    status = "ok" if all(value == "ok" for value in parts.values()) else "degraded"
    return JsonResponse({"status": status, **parts})


def _cache_health():
    probe = getattr(cache, "probe", None)  # lib.cachebackends; the memory cache cannot fail
    return probe() if probe else "ok"


@require_safe
def root_redirect(request):
    """`/` sends the visitor to the best language their browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    available = {code for code, _ in settings.LANGUAGES}
    if language not in available:
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(f"/{language}/")
    response["Vary"] = "Accept-Language"
    return response


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        *(
            f"Sitemap: {request.build_absolute_uri(f'/sitemap-{code}.xml')}"
            for code, _name in settings.LANGUAGES
        ),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
