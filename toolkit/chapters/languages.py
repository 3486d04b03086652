"""Every interface language gets a locale that mirrors the source language's pages.

An untranslated page in, say, Italian is an alias of the English one: it exists at
/it/<slug>/, shows the English text with a note saying so, and follows every English
publish. When a translator translates it (wagtail-localize), it becomes a real translation."""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def synchronise_languages(source):
    """Create missing locales, mirror the source tree into each new one; return their codes."""
    created = []
    for code, _name in settings.LANGUAGES:
        locale, is_new = Locale.objects.get_or_create(language_code=code)
        if locale.pk == source.pk or not is_new:
            continue  # an existing language is the editors' to shape; never re-sync it
        LocaleSynchronization.objects.create(locale=locale, sync_from=source)
        synchronize_tree(source, locale)
        created.append(code)
    return created
