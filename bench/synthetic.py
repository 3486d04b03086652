"""Synthetic practices for the catalogue benchmark: realistic prose from a Zipf vocabulary
(a few words in almost every practice, most words rare), written straight into the tables
so that 100,000 practices take seconds, not hours. Used by bench/catalogue.py only."""

import uuid

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from treebeard.mp_tree import MP_Node
from wagtail.models import Page

from toolkit.practices import vocabularies
from toolkit.practices.models import PracticeIndexPage, PracticePage

COMMON = [
    "education",
    "training",
    "migrants",
    "learning",
    "language",
    "community",
    "local",
    "support",
    "course",
    "teachers",
    "refugees",
    "women",
    "work",
    "school",
    "skills",
    "access",
    "rights",
    "network",
    "city",
    "group",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "ze",
    "pa",
    "ble",
    "tion",
    "ment",
    "ing",
    "ar",
    "el",
    "os",
    "um",
]
RARE_WORD = "zymurgical"  # put in ~1 % of practices


def vocabulary(size, rng):
    words = list(COMMON)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES, size=rng.integers(2, 5)))
        if word not in words:
            words.append(word)
    return np.array(words)


def sentences(words, count, length, rng):
    ranks = np.arange(1, len(words) + 1)
    weights = 1 / ranks**1.07
    weights /= weights.sum()
    picked = rng.choice(len(words), size=(count, length), p=weights)
    return [" ".join(words[row]) for row in picked]


def _path(parent, number):
    return parent.path + MP_Node._int2str(number).rjust(parent.steplen, "0")


def insert(count, seed=1):
    rng = np.random.default_rng(seed)
    words = vocabulary(5000, rng)
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    start = index.numchild + 1
    kind = ContentType.objects.get_for_model(PracticePage)
    terms = {
        name: list(model.objects.values_list("id", flat=True))
        for name, model in vocabularies.VOCABULARIES.items()
    }
    countries = ["IT", "GR", "ES", "PT", "DE", "FR", "BE", "AT", "NL", "SE", "PL", "IE", "RO", "HU"]
    batch = 5000
    with transaction.atomic():
        for first in range(0, count, batch):
            size = min(batch, count - first)
            _insert_batch(index, start + first, size, words, rng, kind, terms, countries)
        index.numchild = start - 1 + count
        index.save(update_fields=["numchild"])


def _insert_batch(index, first, size, words, rng, kind, terms, countries):
    titles = sentences(words, size, 6, rng)
    summaries = sentences(words, size, 30, rng)
    bodies = sentences(words, size, 150, rng)
    now = timezone.now()
    pages = []
    for n in range(size):
        number = first + n
        if rng.random() < 0.01:
            bodies[n] += f" {RARE_WORD}"
        slug = f"synthetic-{number}"
        pages.append(
            Page(
                title=titles[n].capitalize(),
                draft_title=titles[n],
                slug=slug,
                content_type=kind,
                path=_path(index, number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages)
    ids = list(
        Page.objects.filter(path__in=[p.path for p in pages])
        .order_by("path")
        .values_list("id", flat=True)
    )
    rows = [
        (
            page_id,
            summaries[n][:300],
            f"<p>{bodies[n]}</p>",
            countries[n % len(countries)],
            "Somewhere",
            "Synthetic organisation",
            "",
            int(2000 + rng.integers(0, 26)),
            "ongoing" if n % 3 else "ended",
            "",
            "",
            "",
            "",
            "",
            True,
            int(rng.choice(terms["participation"])),
            int(rng.choice(terms["evidence_type"])),
            int(rng.choice(terms["evidence_strength"])),
        )
        for n, page_id in enumerate(ids)
    ]
    columns = (
        "page_ptr_id, summary, description, country, place, organisation, website, "
        "start_year, status, beneficiaries, results, resources_needed, transferability, "
        "contact, is_example, participation_id, evidence_type_id, evidence_strength_id"
    )
    marks = ", ".join(["%s"] * 18)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO practices_practicepage ({columns}) VALUES ({marks})", rows)  # noqa: S608 - constant text
    _links(ids, terms, rng)


def _links(ids, terms, rng):
    for field, facet in (
        ("sectors", "sector"),
        ("target_groups", "target_group"),
        ("approaches", "approach"),
        ("principles", "principle"),
        ("languages", "language"),
    ):
        through = getattr(PracticePage, field).through
        target = [f.name for f in through._meta.fields if f.name not in ("id", "practicepage")][0]
        links = []
        for page_id in ids:
            for term in rng.choice(terms[facet], size=int(rng.integers(1, 4)), replace=False):
                links.append(through(practicepage_id=page_id, **{f"{target}_id": int(term)}))
        through.objects.bulk_create(links)
