import logging

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from toolkit.practices.models import PracticePage

from . import building, documents
from .counting import count_download

logger = logging.getLogger(__name__)


def _serve(request, name, build, filename):
    language = translation.get_language()
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


@require_GET
def toolkit_pdf(request):
    language = translation.get_language()

    def build():
        context = documents.toolkit_context(language)
        return building.render_pdf("downloads/toolkit.html", context, language)

    return _serve(request, "toolkit", build, f"advocacy-toolkit-{language}.pdf")


@require_GET
def practice_sheet(request, slug):
    language = translation.get_language()
    page = PracticePage.objects.live().filter(slug=slug, locale__language_code=language).first()
    if page is None:
        raise Http404

    def build():
        context = documents.practice_context(page.id, language)
        return building.render_pdf("downloads/practice_sheet.html", context, language)

    return _serve(request, f"practice-{page.id}", build, f"{slug}.pdf")
