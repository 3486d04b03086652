"""Wagtail's Site record follows BASE_URL, so every absolute link the site makes (sitemaps,
canonical and hreflang links, e-mails, citations, the PDF cover, a plan's private link) names
the address the site is really served at. `make run` derives BASE_URL from PORT."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def follow_base_url(root_page=None):
    """Point the default Site at BASE_URL (and at `root_page` when given); return the Site,
    or None when there is no site yet and no root page to make one with. The site name is the
    editors' (they may rename it in the admin): it is set only when the site is new."""
    base = urlsplit(settings.BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if root_page is None:
            return None
        site = Site(is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    changed = (site.hostname, site.port) != (hostname, port) or site.pk is None
    if root_page is not None and site.root_page_id != root_page.pk:
        site.root_page, changed = root_page, True
    if changed:
        site.hostname, site.port = hostname, port
        site.save()
    return site
