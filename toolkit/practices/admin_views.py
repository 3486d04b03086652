"""Import practices from the editors' interface: upload, preview what would change, confirm.

The upload is kept in the cache (not on one server's disk) between preview and confirmation,
so it works behind several app servers; it expires after an hour."""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .columns import FileError, read_file
from .importer import import_records
from .models import PracticeIndexPage

MAX_UPLOAD = 10 * 1024 * 1024
KEEP_SECONDS = 3600


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV, XLSX or JSON file"),
        help_text=gettext_lazy("The columns of the export; see the data format guide."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Catalogue language"), choices=settings.LANGUAGES
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".json", ".txt")):
            raise forms.ValidationError(_("Use a CSV, XLSX or JSON file."))
        return upload


def _catalogue(request, language):
    index = PracticeIndexPage.objects.filter(locale__language_code=language).first()
    if index is None:
        raise PermissionDenied
    if not index.permissions_for_user(request.user).can_publish_subpage():
        raise PermissionDenied
    return index


def import_view(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "outcome": None, "token": None}
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    if request.method == "POST" and form.is_valid():
        index = _catalogue(request, form.cleaned_data["language"])
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            outcome = import_records(read_file(upload.name, data), index, dry_run=True)
        except FileError as error:
            form.add_error("file", str(error))
            return TemplateResponse(request, "practices/admin/import.html", context)
        context["outcome"] = outcome
        if not outcome.problems:
            token = secrets.token_urlsafe(24)
            cache.set(
                f"practice-import:{token}",
                (upload.name, data, index.pk, request.user.pk),
                KEEP_SECONDS,
            )
            context["token"] = token
    return TemplateResponse(request, "practices/admin/import.html", context)


def _confirm(request):
    stored = cache.get(f"practice-import:{request.POST['token']}")
    if stored is None or stored[3] != request.user.pk:
        messages.error(request, _("That upload has expired. Please upload the file again."))
        return redirect("practices_import")
    name, data, index_pk, _user = stored
    index = PracticeIndexPage.objects.get(pk=index_pk)
    _catalogue(request, index.locale.language_code)
    outcome = import_records(read_file(name, data), index)
    cache.delete(f"practice-import:{request.POST['token']}")
    if outcome.problems:
        messages.error(request, _("The import found problems and changed nothing."))
    else:
        messages.success(
            request,
            # "Label: number" needs no plural agreement in any language.
            _("Imported. New: %(created)d. Updated: %(updated)d. Unchanged: %(unchanged)d.")
            % {
                "created": len(outcome.created),
                "updated": len(outcome.updated),
                "unchanged": len(outcome.unchanged),
            },
        )
    return redirect("practices_import")
