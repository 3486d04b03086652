"""Keep the catalogue index in step: any change to a practice or a vocabulary term moves the
"practices" generation, and each process rebuilds its index on its next query."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import search, translations
from .models import PracticePage
from .vocabularies import VOCABULARIES


def _page_changed(sender, instance=None, **kwargs):
    if instance is not None and isinstance(getattr(instance, "specific", instance), PracticePage):
        search.invalidate()


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(
            search.invalidate, sender=PracticePage, dispatch_uid=f"practices-{id(signal)}"
        )
    # Facts are the same in every language: a translated page gets its source's on publish.
    page_published.connect(
        translations.share_facts, sender=PracticePage, dispatch_uid="practices-share-facts"
    )
    post_page_move.connect(_page_changed, dispatch_uid="practices-move")
    post_delete.connect(search.invalidate, sender=PracticePage, dispatch_uid="practices-delete")
    for model in VOCABULARIES.values():
        for signal in (post_save, post_delete):
            signal.connect(
                search.invalidate,
                sender=model,
                dispatch_uid=f"practices-vocab-{model.__name__}-{id(signal)}",
            )
    m2m_changed.connect(_page_changed, dispatch_uid="practices-m2m")
