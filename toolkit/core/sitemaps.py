"""One sitemap per language (`/sitemap-it.xml` …), next to `/sitemap.xml` (the source language),
so that search engines find every language's pages, translated or not."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class LanguageSitemap(Sitemap):
    def __init__(self, language, request=None):
        super().__init__(request)
        self.language = language

    def items(self):
        pages = Page.objects.none()
        for root in Page.objects.filter(depth=2, locale__language_code=self.language):
            pages = pages | Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()


def language_sitemap(request, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404
    return sitemap_views.sitemap(request, {"pages": LanguageSitemap(language, request)})
