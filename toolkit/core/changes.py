"""One change made of many writes (an import of hundreds of practices, loading the bundled
toolkit), seen by everyone else as one change, after it is committed.

Each publish inside it would otherwise move the generations (page cache, catalogue index, PDFs)
and queue a search-index task of Wagtail's (modelsearch) for every save: other processes would
rebuild again and again, from data not yet committed, and the task queue would fill with one
task per save. Inside `one_change()`, generation bumps are collected (lib.generation.batch) and
the index updates are held; when the block ends without an error (and the transaction around
it commits), each generation moves once and one task per model indexes what was saved."""

import contextvars
import threading
from collections import defaultdict
from contextlib import contextmanager
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelsearch import index, signal_handlers
from modelsearch.index import get_indexed_instance, get_search_backends_with_name
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from toolkit.lib import generation

_held = contextvars.ContextVar("held_index_updates", default=None)
_takeover_lock = threading.Lock()
_taken_over = []


class Held:
    def __init__(self):
        self.objects = defaultdict(set)  # (app label, model name) -> primary keys
        self.references = set()  # (app label, model name, primary key) saved inside
        self.discarded = False

    def discard(self):
        """Nothing inside happened after all (a dry run rolled back)."""
        self.discarded = True


@contextmanager
def one_change():
    _take_over_index_updates()
    outer = _held.get()
    if outer is not None:  # nested: part of the outer change
        yield outer
        return
    held = Held()
    token = _held.set(held)
    try:
        with generation.batch() as bumps, disable_reference_index_auto_update():
            yield held
            if held.discarded:
                bumps.discard()
    finally:
        _held.reset(token)
    if held.discarded:
        return
    if held.objects:
        transaction.on_commit(partial(_enqueue, dict(held.objects)), robust=True)
    if held.references:
        transaction.on_commit(partial(_enqueue_references, held.references), robust=True)


def _enqueue(objects):
    for (app_label, model_name), keys in sorted(objects.items()):
        reindex_objects.enqueue(app_label, model_name, sorted(keys))


def _enqueue_references(references):
    for app_label, model_name, key in sorted(references):
        update_reference_index_task.enqueue(app_label, model_name, key)


@task()
def reindex_objects(app_label, model_name, keys):
    """Index these objects for Wagtail's search (the admin's page and snippet search)."""
    model = apps.get_model(app_label, model_name)
    found = [
        get_indexed_instance(i, check_exists=False)
        for i in model.get_indexed_objects().filter(pk__in=keys)
    ]
    found = [instance for instance in found if instance is not None]
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        by_model = defaultdict(list)
        for instance in found:
            by_model[type(instance)].append(instance)
        for specific, instances in by_model.items():
            backend.add_bulk(specific, instances)


def _hold_reference(sender, instance, **kwargs):
    held = _held.get()
    if held is not None and not kwargs.get("raw", False):
        meta = instance._meta
        held.references.add((meta.app_label, meta.model_name, str(instance.pk)))


def _unreference(sender, instance, **kwargs):
    # Wagtail's own delete handler is off inside a change too; a deleted object's references
    # go at once, as they would outside (its row is gone by commit time).
    held = _held.get()
    if held is not None:
        held.references.discard(
            (instance._meta.app_label, instance._meta.model_name, str(instance.pk))
        )
        ReferenceIndex.remove_for_object(instance)


def _hold_or_index(sender, instance, **kwargs):
    held = _held.get()
    if held is not None and not kwargs.get("raw", False):
        held.objects[(instance._meta.app_label, instance._meta.model_name)].add(str(instance.pk))
        return
    signal_handlers.post_save_signal_handler(instance, sender=sender, **kwargs)


def _take_over_index_updates():
    """Put `_hold_or_index` in the place of modelsearch's own save handler (which it calls
    outside a change). Done at the first change, when every app has registered its models:
    core's ready() runs before Wagtail's search app connects its handlers."""
    if _taken_over:
        return
    with _takeover_lock:
        if _taken_over:
            return
        for model in index.get_indexed_models():
            if getattr(model, "search_auto_update", True):
                # Ours first, then theirs off: a save in between is indexed twice, never not.
                post_save.connect(_hold_or_index, sender=model, dispatch_uid=f"held-{model}")
                post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        for model in ReferenceIndex.tracked_models:
            post_save.connect(_hold_reference, sender=model, dispatch_uid=f"refs-{model}")
            post_delete.connect(_unreference, sender=model, dispatch_uid=f"unrefs-{model}")
        _taken_over.append(True)
