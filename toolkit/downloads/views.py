import hashlib
import logging

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from toolkit.chapters.models import RecommendationPage
from toolkit.practices.models import PracticePage

from . import building, documents
from .counting import count_download
from .forms import SelectionForm

logger = logging.getLogger(__name__)


def _a_person(request):
    """A browser following a link (it asks for HTML first); programs (curl, a script, a PDF
    reader) ask for anything or for the PDF and wait for the file as before."""
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "application/pdf" not in accept


def _preparing(request):
    response = render(request, "downloads/preparing.html", status=202)
    response["Refresh"] = "3"  # the browser asks again; the file is then there
    response["Cache-Control"] = "no-store"
    return response


def _serve(request, name, build, filename):
    language = translation.get_language()
    if _a_person(request) and building.ready(name, language) is None:
        if building.build_in_background(name, language, build):
            return _preparing(request)
        return render(request, "downloads/unavailable.html", {"busy": False}, status=503)
    try:
        path = building.get_or_build(name, language, build)
    except building.StillBuilding:
        response = render(request, "downloads/unavailable.html", {"busy": True}, status=503)
        response["Retry-After"] = "30"
        return response
    except Exception:
        logger.exception("PDF %s (%s) could not be made", name, language)
        return render(request, "downloads/unavailable.html", {"busy": False}, status=503)
    count_download(name, language)
    response = FileResponse(path.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def toolkit_pdf(request):
    language = translation.get_language()

    def build():
        context = documents.toolkit_context(language)
        return building.render_pdf("downloads/toolkit.html", context, language)

    return _serve(request, "toolkit", build, f"advocacy-toolkit-{language}.pdf")


@require_safe
def practice_sheet(request, slug):
    language = translation.get_language()
    page = PracticePage.objects.live().filter(slug=slug, locale__language_code=language).first()
    if page is None:
        raise Http404

    def build():
        context = documents.practice_context(page.id, language)
        return building.render_pdf("downloads/practice_sheet.html", context, language)

    return _serve(request, f"practice-{page.id}", build, f"{slug}.pdf")


def _selection_name(pages, practices):
    digest = hashlib.sha256(f"{sorted(pages)}|{practices}".encode()).hexdigest()[:16]
    return f"selection-{digest}"


@require_safe
def build(request):
    """Build my toolkit: pick chapters and practices; the choice lives in the URL."""
    language = translation.get_language()
    form = SelectionForm(None, language)
    ticked = set(request.GET.getlist("practice")) | set(form.view_slugs_from(request.GET))
    return render(request, "downloads/build.html", _build_context(form, request.GET, ticked))


def _build_context(form, params, ticked):
    pages = {str(p) for p in params.getlist("page")}
    return {
        "form": form,
        "chapters": [
            {"id": pid, "title": title, "level": level, "checked": str(pid) in pages}
            for pid, title, level in form.chapters
        ],
        "practices": [
            {"slug": slug, "title": title, "checked": slug in ticked}
            for slug, title in form.fields["practice"].choices
        ],
        "view": params.get("view", "")[:1000],
    }


@require_safe
def selection_pdf(request):
    language = translation.get_language()
    form = SelectionForm(request.GET, language)
    if not form.is_valid():
        ticked = set(request.GET.getlist("practice"))
        context = _build_context(form, request.GET, ticked)
        return render(request, "downloads/build.html", context, status=400)
    pages, practices = form.selected_pages(), form.selected_practices()

    def make():
        context = documents.toolkit_context(language, pages=pages, practices=practices)
        return building.render_pdf("downloads/toolkit.html", context, language)

    return _serve(request, _selection_name(pages, practices), make, "my-advocacy-toolkit.pdf")


@require_safe
def recommendation_sheet(request, slug):
    language = translation.get_language()
    page = (
        RecommendationPage.objects.live().filter(slug=slug, locale__language_code=language).first()
    )
    if page is None:
        raise Http404

    def make():
        context = documents.page_context(page, language)
        return building.render_pdf("downloads/page_sheet.html", context, language)

    return _serve(request, f"recommendation-{page.id}", make, f"{slug}.pdf")
