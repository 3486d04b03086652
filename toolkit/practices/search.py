"""The catalogue's index and its one query function.

Every listing of practices — the catalogue page, the JSON API, the exports, the planner's
suggestions — calls `search()`. It answers from an index held in memory by each app process:

- text: an inverted index of Snowball stems (per language) with BM25 ranking; every word
  must match (AND), the last one also as a prefix; the visitor's text is only ever cut into
  plain words (`lib.searchtext.terms`), so no query language is involved at all;
- facets: for every facet, parallel arrays (document, value); counts over the hit set are one
  `bincount` per facet, filters are boolean masks: OR within a facet, AND across facets, and
  each facet's counts ignore its own selection (so alternatives keep their counts);
- sorting and paging on precomputed keys;
- optionally (`Query.sources`) the source language's text too: a practice matches a word if
  its own text or its source text (English) does, so a search in Italian also finds what is
  only written in English; hits are always this language's pages, so nothing is listed twice
  and the facets count exactly what is listed.

The database is the source of truth. The index is rebuilt from it when the "practices"
generation moves (after the commit of any publish, unpublish, move or delete of a practice,
or a vocabulary change; see `signals.py`), in a background thread while requests go on
answering from the previous index (lib.derived).
Why this design: docs/decisions/0007-catalogue-index-in-memory.md."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from numpy.typing import NDArray

from toolkit.lib import derived, generation
from toolkit.lib.searchtext import terms as query_terms
from toolkit.lib.stemming import content_words

from . import facets, indexing
from .facets import GENERATION
from .models import PracticePage
from .records import records_for

PER_PAGE = 20
SORTS = ("relevance", "newest", "title", "adapted")


@dataclass
class Query:
    text: str = ""
    filters: dict[str, list[Any]] = field(default_factory=dict)  # facet -> list of value codes
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    sources: bool = False  # also match the source language's text (see _text_match)


@dataclass
class FacetValue:
    value: str | int
    count: int
    selected: bool


@dataclass
class Result:
    total: int
    page_ids: list[int]
    scores: list[float]
    facets: dict[str, list[FacetValue]]  # facet -> [FacetValue]
    terms: list[str]
    page: int
    per_page: int
    sort: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# One index per language, rebuilt in the background when the generation moves: a request
# answers from the index it has meanwhile (lib.derived).
indexes: derived.Derived[str, indexing.Index] = derived.Derived(
    "catalogue index", GENERATION, indexing.build
)


def index_for(language_code: str) -> indexing.Index:
    return indexes.get(language_code)


def invalidate(**_kwargs: object) -> None:
    generation.bump(GENERATION)


def search(query: Query, language_code: str) -> Result:
    index = index_for(language_code)
    words = content_words(query_terms(query.text), language_code)
    source = _source_index(language_code) if query.sources and words else None
    scores, text_mask = _text_match(index, words, source)
    masks = {
        name: _filter_mask(index, name, codes)
        for name, codes in query.filters.items()
        if codes and name in index.facets
    }
    hits = _combine(text_mask, masks.values())
    facets = _facet_counts(index, text_mask, masks, query.filters)
    order = _order(index, hits, scores, query, has_text=bool(words))
    return Result(
        total=int(hits.sum()),
        page_ids=[int(index.page_ids[i]) for i in order],
        scores=[float(scores[i]) for i in order] if scores is not None else [0.0] * len(order),
        facets=facets,
        terms=words,
        page=query.page,
        per_page=query.per_page,
        sort=query.sort,
    )


def _text_match(
    index: indexing.Index, words: list[str], source: indexing.Index | None = None
) -> tuple[NDArray[np.float32] | None, NDArray[np.bool_]]:
    """Every word must match; with a source index, a word matches a practice when its own
    text or its source-language text does (the better of the two scores counts)."""
    if not words:
        return None, np.ones(index.size, dtype=bool)
    scores = np.zeros(index.size, dtype=np.float32)
    mask = np.ones(index.size, dtype=bool)
    own_groups = index.text.expand(words)
    source_groups = source.text.expand(words) if source else [None] * len(words)
    if source:
        here = _source_positions(index, source)
        found = here >= 0  # source practices with a page in this language
        targets = here[found]
    for own, other in zip(own_groups, source_groups, strict=True):
        word_scores, matched = _word_match(index, own)
        if other is not None:
            other_scores, other_matched = _word_match(source, other)  # type: ignore[arg-type]
            word_scores[targets] = np.maximum(word_scores[targets], other_scores[found])
            matched[targets] |= other_matched[found]
        scores += word_scores
        mask &= matched
    return scores, mask


def _word_match(
    index: indexing.Index, term_ids: Iterable[int]
) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    scores = np.zeros(index.size, dtype=np.float32)
    matched = np.zeros(index.size, dtype=bool)
    for term_id in term_ids:
        docs, weights = index.text.score(term_id)
        scores[docs] += weights
        matched[docs] = True
    return scores, matched


def _source_index(language_code: str) -> indexing.Index | None:
    """The source language's index, or None when this is the source language."""
    source = settings.LANGUAGE_CODE
    return index_for(source) if language_code != source else None


def _source_positions(index: indexing.Index, source: indexing.Index) -> NDArray[np.int64]:
    """For each practice of the source index, its number in this index (-1: none), through
    the translation key that a page shares with its translations and aliases. Kept with
    the index, so built once per rebuild."""
    cached: tuple[indexing.Index, NDArray[np.int64]] | None = index.source_positions
    if cached is not None and cached[0] is source:
        return cached[1]
    mine = {key: number for number, key in enumerate(index.translation_keys)}
    positions = np.array([mine.get(key, -1) for key in source.translation_keys], dtype=np.int64)
    index.source_positions = (source, positions)
    return positions


def _filter_mask(index: indexing.Index, name: str, codes: list[Any]) -> NDArray[np.bool_]:
    column = index.facets[name]
    wanted = [column.position[code] for code in codes if code in column.position]
    mask = np.zeros(index.size, dtype=bool)
    if wanted:
        mask[column.docs[np.isin(column.value_ids, wanted)]] = True
    return mask


def _combine(base: NDArray[np.bool_], masks: Iterable[NDArray[np.bool_]]) -> NDArray[np.bool_]:
    combined = base.copy()
    for mask in masks:
        combined &= mask
    return combined


def _facet_counts(
    index: indexing.Index,
    text_mask: NDArray[np.bool_],
    masks: dict[str, NDArray[np.bool_]],
    filters: dict[str, list[Any]],
) -> dict[str, list[FacetValue]]:
    all_filters = _combine(text_mask, masks.values())
    counts: dict[str, list[FacetValue]] = {}
    for name, column in index.facets.items():
        base = (
            all_filters
            if name not in masks
            else _combine(text_mask, [mask for other, mask in masks.items() if other != name])
        )
        tally = np.bincount(column.value_ids[base[column.docs]], minlength=len(column.values))
        selected = set(filters.get(name, ()))
        counts[name] = [
            FacetValue(value, int(tally[i]), value in selected)
            for i, value in enumerate(column.values)
        ]
    return counts


def _order(
    index: indexing.Index,
    hits: NDArray[np.bool_],
    scores: NDArray[np.float32] | None,
    query: Query,
    has_text: bool,
) -> list[int]:
    candidates = np.flatnonzero(hits)
    start = (query.page - 1) * query.per_page
    needed = start + query.per_page
    if start >= len(candidates):
        return []
    if query.sort == "relevance" and has_text:
        primary = -scores[candidates]  # type: ignore[index]
        top = _smallest(primary, needed)
        top = top[np.lexsort((index.title_rank[candidates[top]], primary[top]))]
    else:
        keys = {"newest": index.newest_key, "adapted": index.adapted_key}
        key = keys.get(query.sort, index.title_rank)
        values = key[candidates]
        top = _smallest(values, needed)
        top = top[np.argsort(values[top], kind="stable")]
    return candidates[top[start:needed]].tolist()


def _smallest(values: NDArray[Any], count: int) -> NDArray[np.intp]:
    if count >= len(values):
        return np.arange(len(values))
    return np.argpartition(values, count - 1)[:count]


def related(page_id: int, language_code: str, limit: int = 3) -> list[int]:
    """Practices that share the most vocabulary terms and title words with this one."""
    index = index_for(language_code)
    where = np.flatnonzero(index.page_ids == page_id)
    if not len(where):
        return []
    doc = int(where[0])
    score = np.zeros(index.size, dtype=np.float32)
    for name in [facet.name for facet in facets.filters() if facet.relates]:
        column = index.facets[name]
        mine = column.value_ids[column.docs == doc]
        score[column.docs[np.isin(column.value_ids, mine)]] += 1.0
    for group in index.text.expand(query_terms(index.titles[doc]), prefix_last=False):
        for term_id in group:
            docs, weights = index.text.score(term_id)
            score[docs] += weights / 4
    score[doc] = -1
    best = np.argsort(-score, kind="stable")[:limit]
    return [int(index.page_ids[i]) for i in best if score[i] > 0]


def practice_cards(
    language_code: str, page_ids: Iterable[int] = (), slugs: Collection[str] = ()
) -> list[dict[str, Any]]:
    """Published practices as plain records (title, summary, url …), for other apps that show
    what the catalogue found (the planner's inspirations) without reaching into its models."""
    ids = list(page_ids)
    if slugs:
        found = dict(
            PracticePage.objects.live()
            .filter(slug__in=list(slugs), locale__language_code=language_code)
            .values_list("slug", "id")
        )
        ids += [found[slug] for slug in slugs if slug in found]
    return records_for(ids, language_code)
