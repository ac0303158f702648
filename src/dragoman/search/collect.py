"""Reading matches out of a searcher: each kind's documents, stored fields, newest first.

Per-searcher tables are worked out once (see :func:`dragoman.search.whoosh_fixes.per_searcher`).

Uses the scoring beside it and Whoosh's readers (through :mod:`dragoman.search.whoosh_fixes`).
"""

from __future__ import annotations

import heapq
from typing import Any

from whoosh import query as Q

from dragoman.search.scoring import Scored, matching_docs
from dragoman.search.whoosh_fixes import per_searcher, stored_fields_reader

POOL = 200


KINDS = ("event", "person", "proposal", "organization", "briefing")


def _newest_first(searcher: Any, docnums: set[int]) -> list[int]:
    """Documents newest first and by id on the same date: the order in which the library
    lists them (:meth:`Library.of_kind`)."""
    if not docnums:  # an empty index has no columns to read
        return []
    rank = _newest_rank(searcher)
    return sorted(docnums, key=rank.__getitem__)


def _newest_rank(searcher: Any) -> list[int]:
    """Every document's place in the newest-first order (date, then id, both descending; the
    document number last), worked out once per searcher: a filter matching thousands of
    documents is then sorted without reading their dates and ids one by one."""

    def rank() -> list[int]:
        reader = searcher.reader()
        count = searcher.doc_count_all()
        dates = list(reader.column_reader("sortdate"))
        ids = _ids(searcher)
        order = sorted(range(count), key=lambda d: (dates[d], ids[d], d), reverse=True)
        places = [0] * count
        for place, docnum in enumerate(order):
            places[docnum] = place
        return places

    return per_searcher(searcher, "newest", rank)


def _ids(searcher: Any) -> list[str]:
    """Every document's id, by document number, read once per searcher (an empty index has
    no column to read)."""

    def read() -> list[str]:
        return list(searcher.reader().column_reader("id")) if searcher.doc_count_all() else []

    return per_searcher(searcher, "id column", read)


def _id_rank(searcher: Any) -> list[int]:
    """Every document's place in the order of ids (the document number breaking a tie, as
    between a briefing and an entity of one id), worked out once per searcher: ties of score
    are broken by it, never by document numbers, which depend on the index's history."""

    def rank() -> list[int]:
        count = searcher.doc_count_all()
        ids = _ids(searcher)
        places = [0] * count
        for place, docnum in enumerate(sorted(range(count), key=lambda d: (ids[d], d))):
            places[docnum] = place
        return places

    return per_searcher(searcher, "ids", rank)


def best_scored(searcher: Any, scores: dict[int, float], docnums: Any, limit: int) -> list[int]:
    """The ``limit`` best of ``docnums`` by score, ties by id (a heap: never every match
    sorted)."""
    rank = _id_rank(searcher)
    return heapq.nsmallest(limit, docnums, key=lambda d: (-scores[d], rank[d]))


class _Found:
    """A scored document, read the way :func:`_rank`, :func:`_tier` and :func:`_hit` read a
    Whoosh hit: its stored fields, its score, the terms it matched."""

    __slots__ = ("_fields", "_scored", "docnum", "score")

    def __init__(self, searcher: Any, scored: Scored, docnum: int, score: float) -> None:
        self._fields: dict[str, Any] = stored_fields_reader(searcher)(docnum)
        self._scored = scored
        self.docnum = docnum
        self.score = score

    def fields(self) -> dict[str, Any]:
        return self._fields

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self._fields.get(name, default)

    def matched_terms(self) -> list[tuple[str, bytes]]:
        return self._scored.matched(self.docnum)


class _Stored:
    """A document's stored fields, read the way :func:`_hit` reads a Whoosh hit."""

    def __init__(self, searcher: Any, docnum: int) -> None:
        self._fields: dict[str, Any] = stored_fields_reader(searcher)(docnum)

    def fields(self) -> dict[str, Any]:
        return self._fields


def _kind_sets(searcher: Any) -> dict[str, set[int]]:
    """The documents of every kind (deleted ones left out), read once per searcher."""
    return per_searcher(
        searcher,
        "kinds",
        lambda: {kind: matching_docs(searcher, Q.Term("kind", kind)) for kind in KINDS},
    )
