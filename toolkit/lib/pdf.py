"""HTML -> PDF with WeasyPrint, fetching only local files.

The fetcher refuses every protocol but file: and data:, and any file outside the folders it
is given (static files, media), so a page can never make the server request another host or
read a file it should not. A resource it refuses is skipped; rendering goes on."""

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class LocalOnlyFetcher(URLFetcher):
    def __init__(self, roots: Iterable[str | os.PathLike[str]]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        # Schemes are case-insensitive (`FILE:///etc/passwd` is a file URL too), and leading
        # blanks are dropped by the URL parser: look at the scheme as it will be understood.
        if urlsplit(url.strip()).scheme.lower() == "file":
            path = Path(unquote(urlsplit(url.strip()).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"not a local resource of this site: {path}")
        return super().fetch(url, headers)


def render(
    html: str, base_dir: str | os.PathLike[str], roots: Iterable[str | os.PathLike[str]]
) -> bytes:
    """PDF bytes of `html`; relative URLs resolve against `base_dir`. Tagged, for screen
    readers; the document language comes from <html lang>."""
    document = HTML(
        string=html,
        base_url=Path(base_dir).resolve().as_uri() + "/",
        url_fetcher=LocalOnlyFetcher(roots),
    )
    return document.write_pdf(pdf_tags=True, optimize_images=True)


# Fonts bundled with the project, so that a PDF looks the same on every server.
FONT_DIR = Path(__file__).parent / "fonts"


def static_dir() -> Path:
    return settings.BASE_DIR / "toolkit" / "static"


def render_template(template: str, context: Mapping[str, Any], language: str) -> bytes:
    """PDF bytes of a Django template rendered in `language`; it may use `font_dir`."""
    with translation.override(language):
        html = render_to_string(template, {**context, "font_dir": FONT_DIR.resolve().as_uri()})
    return render(html, static_dir(), [static_dir(), FONT_DIR, settings.MEDIA_ROOT])
