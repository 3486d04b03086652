#!/usr/bin/env python3
"""Search relevance: the questions of tests/relevance/queries.py (English, Italian, Arabic)
asked of the catalogue search and of the site search, over the bundled toolkit loaded into a
throwaway database. Prints each query's rank, success@5 (catalogue) and success@10 (site
search), the mean reciprocal rank, and the machine. Figures: docs/performance.md.

Usage: .venv/bin/python bench/relevance.py [--quiet]"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare(var_dir):
    os.environ.update(
        VAR_DIR=str(var_dir),
        LANGUAGES="en,it,ar",
        CACHE_URL="locmem://",
        LOG_LEVEL="ERROR",
        INDEX_BUILDS="inline",
        DJANGO_SETTINGS_MODULE="toolkit.settings",
        TOOLKIT_IGNORE_ENV_FILE="1",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_toolkit_content", stdout=quiet)


def report(measured, quiet):
    from tests.relevance.evaluate import CATALOGUE_DEPTH, SITE_DEPTH, figures, machine

    for name, depth in (("catalogue", CATALOGUE_DEPTH), ("site", SITE_DEPTH)):
        ranks = [r for _case, r in measured[name]]
        if not quiet:
            for case, r in measured[name]:
                mark = "ok " if r is not None and r <= depth else "MISS"
                filters = " ".join(f"{k}={v}" for k, v in case.filters.items())
                print(f"  {name:9} {mark} {r or '-':>2}  [{case.language}] {case.text} {filters}")
        success, mrr = figures(ranks, depth)
        print(f"{name} search: {len(ranks)} queries, success@{depth} {success:.2f}, MRR {mrr:.2f}")
    print(f"machine: {machine()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="only the figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="toolkit-relevance-") as var_dir:
        os.makedirs(os.path.join(var_dir, "static"))
        prepare(var_dir)
        from tests.relevance.evaluate import measure

        report(measure(), args.quiet)


if __name__ == "__main__":
    main()
