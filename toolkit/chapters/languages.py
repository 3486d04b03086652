"""Every interface language gets a locale that mirrors the source language's pages.

An untranslated page in, say, Italian is an alias of the English one: it exists at
/it/<slug>/, shows the English text with a note saying so, and follows every English
publish. When a translator translates it (wagtail-localize), it becomes a real translation."""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def missing_languages():
    """(code, name) of the interface languages that have no locale yet, in settings' order."""
    present = set(Locale.objects.values_list("language_code", flat=True))
    return [(code, name) for code, name in settings.LANGUAGES if code not in present]


def add_language(code, source):
    """Create the locale for `code` and mirror the source tree into it.

    An existing language is the editors' to shape: it is never re-synchronised here. The
    synchronisation record is written with bulk_create because saving it one by one would
    make wagtail-localize mirror the tree a first time from its signal, before ours."""
    locale = Locale.objects.create(language_code=code)
    LocaleSynchronization.objects.bulk_create(
        [LocaleSynchronization(locale=locale, sync_from=source)]
    )
    synchronize_tree(source, locale)
    return locale
