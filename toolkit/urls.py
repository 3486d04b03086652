from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from toolkit.core import search_views, sitemaps, views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<str:language>.xml", sitemaps.language_sitemap, name="language_sitemap"),
    path("api/", include("toolkit.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include("toolkit.downloads.urls")),
    path("", include("toolkit.planner.urls")),
    path("", include("toolkit.participation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
