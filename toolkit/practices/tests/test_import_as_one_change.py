"""An import is one change for everyone else: nothing moves while it runs, and once it is
committed every cache and index moves once and one search-index task is queued, whatever
the number of rows."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from toolkit.lib import generation

from .test_import_export import NEW_ROW, csv_text, write

pytestmark = pytest.mark.django_db

NAMES = ("pages", "practices")


def rows(count):
    return [
        {**NEW_ROW, "slug": f"pt-evening-classes-{n}", "title": f"Evening classes {n}"}
        for n in range(count)
    ]


def run_import(tmp_path, count, *args):
    path = write(tmp_path, f"rows-{count}.csv", csv_text(rows(count)))
    call_command("import_practices", path, *args, stdout=io.StringIO(), stderr=io.StringIO())


def tokens():
    return {name: generation.current(name) for name in NAMES}


def test_nothing_moves_before_the_import_is_committed_and_then_everything_once(
    tmp_path, django_capture_on_commit_callbacks
):
    before = tokens()
    with django_capture_on_commit_callbacks() as small:
        run_import(tmp_path, 2)
    with django_capture_on_commit_callbacks() as large:
        run_import(tmp_path, 12)
    assert tokens() == before  # nobody rebuilds from rows not yet committed
    assert len(large) == len(small)  # the same few steps for 12 rows as for 2
    for callback in small + large:
        callback()
    after = tokens()
    assert all(after[name] != before[name] for name in NAMES)


def test_a_dry_run_moves_nothing(tmp_path, django_capture_on_commit_callbacks):
    before = tokens()
    with django_capture_on_commit_callbacks(execute=True) as waiting:
        run_import(tmp_path, 5, "--dry-run")
    assert waiting == [] and tokens() == before


def test_an_import_queues_one_search_index_task_not_one_per_save(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        run_import(tmp_path, 12)
    queued = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert not [path for path in queued if path.startswith("modelsearch.")]
    assert queued.count("toolkit.core.changes.reindex_objects") == 1
