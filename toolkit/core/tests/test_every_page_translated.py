"""Every page, in every language, finds each of its interface strings in that language's
catalogue.

For each language the test walks the whole site through HTTP — every page of the language's
sitemap, and every view outside the page tree (catalogue with filters, search, forms with their
errors, a submission's status, the planner, the download page, a 404) — and records each
gettext lookup that has no entry in that language's catalogue. Our own strings (those in
toolkit/locale, or unknown to Django and the other libraries) make it fail; a library's string
that the library itself has not translated is reported as a warning, separately."""

import re
import sys
import time
import warnings
from functools import cache
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path
from django.utils.translation import gettext, ngettext, pgettext, trans_real
from django.utils.translation.trans_real import DjangoTranslation

from toolkit.participation import moderation
from toolkit.participation.models import Submission
from toolkit.participation.tests.helpers import PRACTICE, PROPOSAL, STORY, human
from toolkit.planner import steps
from toolkit.planner.tests.helpers import complete_plan, save
from toolkit.practices import facets
from toolkit.practices.models import PracticePage
from toolkit.urls import urlpatterns as site_urlpatterns

# What is checked is the message catalogues, the same whatever the database: once is enough.
pytestmark = [pytest.mark.django_db, pytest.mark.same_on_every_database]

TOOLKIT = Path(settings.BASE_DIR) / "toolkit"
SOURCE = settings.LANGUAGE_CODE
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != SOURCE]
CONTEXT_SEPARATOR = "\x04"
# Frames of the translation machinery itself, skipped when looking for who asked.
MACHINERY = ("/django/utils/translation/", "/django/utils/functional.py", "/gettext.py", __file__)


# --- which msgids are ours ---------------------------------------------------------------


def _msgids(po_file):
    return {
        f"{e.msgctxt}{CONTEXT_SEPARATOR}{e.msgid}" if e.msgctxt else e.msgid
        for e in polib.pofile(str(po_file))
        if not e.obsolete
    }


@cache
def our_msgids():
    return set().union(*map(_msgids, TOOLKIT.glob("locale/*/LC_MESSAGES/django.po")))


@cache
def library_msgids():
    """Every msgid Django and the installed libraries know (their source strings)."""
    folders = [Path(sys.modules["django"].__file__).parent / "conf" / "locale"]
    folders += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if not config.name.startswith("toolkit.")
    ]
    found = set()
    for folder in folders:
        files = sorted(folder.glob("*/LC_MESSAGES/django.po"))
        english = folder / "en" / "LC_MESSAGES" / "django.po"
        if english.exists() or files:
            found |= _msgids(english if english.exists() else files[0])
    return found


def asked_by_our_code():
    """Whether the nearest caller outside the translation machinery is our code or one of
    our templates' {% translate %} / {% blocktranslate %} tags."""
    frame = sys._getframe(2)
    while frame and frame.f_code.co_filename.endswith(MACHINERY):
        frame = frame.f_back
    for _hop in range(3):  # {% translate %} resolves its text in template/base.py first
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        if filename.endswith("templatetags/i18n.py"):
            origin = getattr(frame.f_locals.get("self"), "origin", None)
            return str(getattr(origin, "name", "")).startswith(str(TOOLKIT))
        if not filename.endswith("django/template/base.py"):
            return filename.startswith(str(TOOLKIT))
        frame = frame.f_back
    return False


# --- recording lookups ---------------------------------------------------------------------


class Lookups:
    """Every msgid looked up without an entry in the active language's catalogue."""

    def __init__(self):
        self.url = ""
        self.missing = {}  # (language, msgid) -> (first url, asked by our code)

    def record(self, translation, msgid):
        language = translation.language()
        if language == SOURCE or (language, msgid) in self.missing:
            return
        self.missing[(language, msgid)] = (self.url, asked_by_our_code())

    def ours(self, language):
        known = library_msgids()
        return sorted(
            (url, msgid.replace(CONTEXT_SEPARATOR, " | "))
            for (lang, msgid), (url, by_us) in self.missing.items()
            if lang == language and (msgid in our_msgids() or msgid not in known or by_us)
        )

    def libraries(self, language):
        mine = {msgid for _url, msgid in self.ours(language)}
        return sorted(
            msgid.replace(CONTEXT_SEPARATOR, " | ")
            for lang, msgid in self.missing
            if lang == language and msgid.replace(CONTEXT_SEPARATOR, " | ") not in mine
        )


@pytest.fixture
def lookups(monkeypatch):
    recorder = Lookups()
    plain, plural = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def gettext_recorded(self, message):
        if message not in self._catalog:
            recorder.record(self, message)
        return plain(self, message)

    def ngettext_recorded(self, singular, plural_form, number):
        try:
            self._catalog.plural(singular, number)
        except KeyError:
            recorder.record(self, singular)
        return plural(self, singular, plural_form, number)

    monkeypatch.setattr(DjangoTranslation, "gettext", gettext_recorded)
    monkeypatch.setattr(DjangoTranslation, "ngettext", ngettext_recorded)
    return recorder


# --- walking the site ----------------------------------------------------------------------


class Walker:
    def __init__(self, client, lookups, language, commit_callbacks):
        self.client, self.lookups, self.language = client, lookups, language
        self.commit_callbacks = commit_callbacks
        self.visited = 0

    def get(self, url, expect=200, **params):
        self.lookups.url = url
        response = self.client.get(url, params or None)
        assert response.status_code == expect, (url, response.status_code)
        self.visited += 1
        return response

    def post(self, url, data, expect=200):
        """A POST, its redirect followed (the message on the next page counts too); e-mail
        it triggers is rendered too (it waits for a commit that a test never makes)."""
        self.lookups.url = f"POST {url}"
        with self.commit_callbacks(execute=True):
            response = self.client.post(url, data, follow=True)
        assert response.status_code == expect, (url, response.status_code)
        self.visited += 1
        return response


def sitemap_paths(client, language):
    xml = client.get(f"/sitemap-{language}.xml").content.decode()
    return re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", xml)


def walk_pages(walker):
    paths = sitemap_paths(walker.client, walker.language)
    assert len(paths) > 50, paths
    for page_path in paths:
        walker.get(page_path)


def walk_catalogue_and_search(walker):
    base = f"/{walker.language}"
    walker.get(f"{base}/practices/", q="language", country="IT", sort="newest")
    walker.get(f"{base}/practices/", q="zzqxv", country="IT")  # no result: hints
    walker.get(f"{base}/practices/", page="0", country="ZZ", q="x" * 300)  # form errors
    walker.get(f"{base}/practices/", sort="title", page="2")
    walker.get(f"{base}/search/", q="language")
    walker.get(f"{base}/search/", q="zzqxv")
    walker.get(f"{base}/search/")


def walk_participation(walker):
    base = f"/{walker.language}/participate"
    walker.get(f"{base}/")
    walker.get(f"/{walker.language}/stories/")
    page_id = PracticePage.objects.live().filter(locale__language_code=SOURCE).first().id
    walker.get(f"{base}/feedback/", page=page_id, useful="no")
    for kind in ("feedback", "proposal", "story", "practice", "contact"):
        walker.get(f"{base}/{kind}/")
        walker.post(f"{base}/{kind}/", human({}), expect=400)  # every required field missing
    walker.post(f"{base}/proposal/", human(PROPOSAL, seconds_ago=0), expect=400)  # too fast
    walker.post(f"{base}/practice/", {**human(PRACTICE), "action": "similar"})


def walk_status_page(walker):
    """The status of a submission the moderators asked a question about: the answer form."""
    response = walker.post(f"/{walker.language}/participate/story/", human(STORY))
    path_ = response.redirect_chain[-1][0]
    submission = Submission.objects.latest("id")
    moderator = User.objects.create_user(f"moderator-{walker.language}")
    moderation.take_into_review(submission, moderator)
    with walker.commit_callbacks(execute=True):
        moderation.ask_for_information(submission, moderator, "Which town?")
    walker.get(path_)
    walker.post(path_, {"action": "answer", "answer": ""})


def walk_planner(walker):
    base = f"/{walker.language}/planner"
    walker.get(f"{base}/")
    walker.post(f"{base}/new", {})
    walker.lookups.url = f"POST {base}/<key>/<every step>/"
    key = complete_plan(walker.client, walker.language)
    walker.get(f"{base}/{key}/")
    for step in steps.STEPS:
        walker.get(f"{base}/{key}/{step.slug}/")
    walker.lookups.url = f"POST {base}/{key}/goal/ (invalid)"
    response = save(
        walker.client,
        key,
        "goal",
        {"goal": ""},
        {"objectives": [{"objective": "x", "deadline": "not a date"}]},
        language=walker.language,
    )
    assert response.status_code == 400
    walker.post(f"{base}/{key}/email", {"email": "not an address"}, expect=400)
    walker.get(f"{base}/{key}/forget")
    walker.get(f"{base}/{key}/plan.md")


def walk_the_rest(walker):
    walker.get(f"/{walker.language}/download/")
    walker.get(f"/{walker.language}/download/", view="country=IT")
    walker.get(f"/{walker.language}/no-such-page/", expect=404)


def walk_everything(client, lookups, language, commit_callbacks):
    # Country and status names, once looked up in a language (by any earlier test of the
    # session), are kept in memory: forget them, so that this walk looks them up itself.
    facets._names.clear()
    walker = Walker(client, lookups, language, commit_callbacks)
    walk_pages(walker)
    walk_catalogue_and_search(walker)
    walk_participation(walker)
    walk_status_page(walker)
    walk_planner(walker)
    walk_the_rest(walker)
    return walker.visited


# --- the tests -----------------------------------------------------------------------------


def report(lookups, language):
    libraries = lookups.libraries(language)
    if libraries:
        warnings.warn(
            f"{language}: {len(libraries)} strings of Django or a library have no "
            f"{language} translation (theirs, not ours): {libraries[:20]}",
            stacklevel=2,
        )
    return lookups.ours(language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_page_finds_every_interface_string_in_the_catalogue(
    client, lookups, language, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    visited = walk_everything(client, lookups, language, django_capture_on_commit_callbacks)
    print(f"{language}: {visited} pages in {time.monotonic() - started:.1f} s")
    missing = report(lookups, language)
    assert not missing, f"{language}: {len(missing)} strings without a translation:\n" + "\n".join(
        f"  {url}  {msgid!r}" for url, msgid in missing
    )


def test_every_page_renders_in_the_source_language(
    client, lookups, django_capture_on_commit_callbacks
):
    # English is the catalogue's source: nothing to look up, but every page must answer.
    assert walk_everything(client, lookups, SOURCE, django_capture_on_commit_callbacks) > 100


# A page that asks for strings no catalogue has, to show the walk reports them.
UNKNOWN = "A sentence that no catalogue holds, on purpose"
UNKNOWN_IN_CODE = "Another sentence no catalogue holds, asked for by code"


def probe(request):
    html = Template(
        "{% load i18n %}<p>{% translate unknown %}</p><p>{% translate 'Campaign planner' %}</p>"
        "<p>{% translate library_string %}</p>"
    ).render(Context({"unknown": UNKNOWN, "library_string": request.GET.get("library", "")}))
    code = [
        gettext(UNKNOWN_IN_CODE),
        ngettext("%d apple on purpose", "%d apples", 2),
        pgettext("probe", "A word in a context"),
    ]
    return HttpResponse(html + " ".join(code))


urlpatterns = [*i18n_patterns(path("probe/", probe)), *site_urlpatterns]


def untranslated_library_string(language):
    catalogue = trans_real.translation(language)._catalog
    return next(
        (
            m
            for m in sorted(library_msgids() - our_msgids())
            if m and m not in catalogue and not set(m) & {CONTEXT_SEPARATOR, "%"}
        ),
        None,
    )


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["it", "ar"])
def test_the_walk_reports_a_string_missing_from_the_catalogue(client, lookups, language):
    library = untranslated_library_string(language)
    lookups.url = f"/{language}/probe/"
    assert client.get(f"/{language}/probe/", {"library": library or ""}).status_code == 200
    ours = [msgid for _url, msgid in lookups.ours(language)]
    expected = [UNKNOWN, UNKNOWN_IN_CODE, "%d apple on purpose", "probe | A word in a context"]
    assert sorted(ours) == sorted(expected)
    if library:  # a library's own gap is told apart from ours
        assert library in lookups.libraries(language)


def test_a_real_page_using_a_string_missing_from_the_catalogue_is_reported(
    client, lookups, monkeypatch
):
    for catalogue in trans_real.translation("it")._catalog._catalogs:
        if "Campaign planner" in catalogue:
            monkeypatch.delitem(catalogue, "Campaign planner")  # put back after the test
    Walker(client, lookups, "it", commit_callbacks=None).get("/it/planner/")
    assert ("/it/planner/", "Campaign planner") in lookups.ours("it")
