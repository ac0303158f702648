"""What the app's panes show for a query: each kind's best matches and its count.

Called on every keystroke: each kind's best are picked by a heap, never by sorting every match.

Uses the compilation, scoring, collection and ranking beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whoosh import query as Q

from dragoman.search.collect import (
    KINDS,
    POOL,
    _Found,
    _kind_sets,
    _newest_first,
    _Stored,
    best_scored,
)
from dragoman.search.compile import _Builder, _prepare, _scored
from dragoman.search.index import Index
from dragoman.search.query import (
    parse,
    positive_words,
)
from dragoman.search.results import Hit, _hit, _rank, _suggest
from dragoman.search.scoring import matching_docs, score_query


@dataclass(slots=True)
class PaneResults:
    """What the app's panes show for one query: ranked hits and the full count, per kind."""

    query: str
    panes: dict[str, tuple[int, list[Hit]]]
    terms: frozenset[str]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    # the kind of the best hit of all (by tier, then score, then id): the pane to go to first;
    # None when nothing is scored (filters only: every pane is newest first)
    best_kind: str | None = None

    @property
    def total(self) -> int:
        return sum(total for total, _ in self.panes.values())


def search_panes(
    index: Index, text: str, *, per_kind: int = 200, as_you_type: bool = True
) -> PaneResults:
    """The lists of the app, titles only: every kind's count and best ``per_kind`` hits.

    The query is built once and run once over every kind (a pass per kind, and Whoosh's
    second pass to count what it skipped, cost five to ten times more at 10,000 briefings).
    Raises :class:`QueryError`.
    """
    node = _prepare(text, as_you_type)
    wanted = positive_words(node)
    with index.shared_searcher() as searcher:
        builder = _Builder(index, searcher)
        base: Q.Query = builder.build(node) if node is not None else Q.Every()
        buckets: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        counts = dict.fromkeys(KINDS, 0)
        terms: frozenset[str] = frozenset()
        if _scored(node):
            scored = score_query(searcher, base)
            pool = max(POOL, per_kind)
            scores = scored.scores
            for kind, of_kind in _kind_sets(searcher).items():
                matched = scores.keys() & of_kind  # a deleted document is of no kind
                counts[kind] = len(matched)
                best = best_scored(searcher, scores, matched, pool)  # ties by id
                buckets[kind] = [_Found(searcher, scored, d, scores[d]) for d in best]
            panes: dict[str, tuple[int, list[Hit]]] = {}
            for kind in KINDS:
                hits, terms = _rank(buckets[kind], wanted, per_kind, False, index.library)
                panes[kind] = (counts[kind], hits)
        else:  # filters and dates only: newest first, as the library lists them
            matched = matching_docs(searcher, base)
            panes = {}
            for kind, of_kind in _kind_sets(searcher).items():
                docnums = _newest_first(searcher, matched & of_kind)
                hits = [
                    _hit(_Stored(searcher, docnum), 0.0, 3, frozenset(), False, index.library)
                    for docnum in docnums[:per_kind]
                ]
                panes[kind] = (len(docnums), hits)
        out = PaneResults(text, panes, terms, notes=builder.notes)
        if _scored(node):
            firsts = [
                (hits[0].tier, -round(hits[0].score, 1), hits[0].id, kind)
                for kind, (_, hits) in panes.items()
                if hits
            ]
            out.best_kind = min(firsts)[3] if firsts else None
        literal = parse(text)  # did-you-mean reads the last word as typed, not as a prefix
        if out.total == 0 and _scored(literal):
            out.suggestion = _suggest(index, searcher, text, positive_words(literal), None)
    return out
