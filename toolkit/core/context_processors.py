from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail import hooks


def _navigation(request):
    """The site's menu and footer for views that are not pages: the app that owns the pages
    provides it through the hook `toolkit_site_navigation` (request -> dict with "sections",
    "footer_pages" and "home_page", or None). Core knows no app, so it only asks."""
    for provider in hooks.get_hooks("toolkit_site_navigation"):
        found = provider(request)
        if found:
            return found
    return {}


def _language_links(request):
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "bidi": translation.get_language_info(code)["bidi"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


def site(request):
    """What the base template needs on every page. Views that know better (Wagtail pages)
    put their own values in the context; these lazy ones are then never evaluated."""
    navigation = SimpleLazyObject(lambda: _navigation(request))
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "BASE_URL": settings.BASE_URL,
        "DEFAULT_LANGUAGE": settings.LANGUAGE_CODE,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
        "sections": SimpleLazyObject(lambda: navigation.get("sections", [])),
        "footer_pages": SimpleLazyObject(lambda: navigation.get("footer_pages", [])),
    }
