"""Facets: for the results of a query, how many are of each kind, country, year, tag, area,
status and type, each count the total the query would have with that filter added.

The counts never read a document's stored fields: each facet's field is read once per searcher
from its postings into a table of value -> documents (:func:`_tables`), and a query's matches
are counted against it, by set intersections or by a pass over the matches, whichever is
cheaper for the size of the match. :func:`facet_filter` writes the filter that narrows a search
to one value (what the app's facet panel adds to the search bar). Uses the query's compilation,
scoring and the per-searcher tables (this folder).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as Q

from dragoman.search.compile import _Builder, _prepare, _scored
from dragoman.search.index import Index
from dragoman.search.report import Partial
from dragoman.search.scoring import matching_docs, score_query
from dragoman.search.whoosh_fixes import per_searcher

# the facets, in the order they are shown, each counting the values of the field of its name
FACETS = ("kind", "country", "year", "tag", "area", "status", "type")


# the filter each facet's value is written as, when it is not the facet's own name
_FILTER_OF = {"year": "date"}


# a value written bare after its filter's colon; anything else is quoted
_BARE = re.compile(r'[^\s()"]+')


@dataclass(slots=True)
class Facets:
    """The facets of one query: its total, and for each facet every value's count among its
    results (most first, then by value)."""

    query: str
    total: int
    counts: dict[str, dict[str, int]]
    notes: list[str] = field(default_factory=list)
    partial: Partial | None = None  # counted during a first build, from part of the folder


def facets(index: Index, text: str, *, as_you_type: bool = False) -> Facets:
    """The facets of the results of ``text``, matched as :func:`dragoman.search.results.search`
    matches them (an empty query: every document). Raises :class:`QueryError`."""
    node = _prepare(text, as_you_type)
    with index.shared_searcher() as searcher:
        builder = _Builder(index, searcher)
        base: Q.Query = builder.build(node) if node is not None else Q.Every()
        if _scored(node):  # a set, whose intersections run over the smaller side
            matched = set(score_query(searcher, base).scores)
        else:
            matched = matching_docs(searcher, base)
        everything = len(matched) == searcher.doc_count()  # deleted documents match nothing
        counts = {name: _sorted(_count(searcher, name, matched, everything)) for name in FACETS}
    return Facets(text, len(matched), counts, builder.notes, index.partial)


def _tables(searcher: Any) -> dict[str, dict[str, frozenset[int]]]:
    """For each facet, every value's documents (deleted ones left out), read from the field's
    postings once per searcher."""

    def read() -> dict[str, dict[str, frozenset[int]]]:
        reader = searcher.reader()
        out: dict[str, dict[str, frozenset[int]]] = {}
        for name in FACETS:
            table: dict[str, frozenset[int]] = {}
            if name in searcher.schema:
                for raw in reader.lexicon(name):
                    value = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                    docs = frozenset(matching_docs(searcher, Q.Term(name, value)))
                    if docs:
                        table[value] = docs
            out[name] = table
        return out

    return per_searcher(searcher, "facets", read)


def _values_of(searcher: Any, name: str) -> dict[int, tuple[str, ...]]:
    """For one facet, every document's values: what a pass over a small match reads."""

    def invert() -> dict[int, tuple[str, ...]]:
        lists: dict[int, list[str]] = {}
        for value, docs in _tables(searcher)[name].items():
            for docnum in docs:
                lists.setdefault(docnum, []).append(value)
        return {docnum: tuple(values) for docnum, values in lists.items()}

    return per_searcher(searcher, ("facet-values", name), invert)


def _count(searcher: Any, name: str, matched: set[int], everything: bool) -> dict[str, int]:
    table = _tables(searcher)[name]
    if everything:
        return {value: len(docs) for value, docs in table.items()}
    if len(matched) < len(table):  # fewer matches than values: a pass over the matches
        of = _values_of(searcher, name)
        counter: Counter[str] = Counter()
        for docnum in matched:
            counter.update(of.get(docnum, ()))
        return dict(counter)
    out: dict[str, int] = {}
    for value, docs in table.items():
        if n := len(docs.intersection(matched)):
            out[value] = n
    return out


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def facets_json(found: Facets) -> dict[str, Any]:
    """``{"query", "total", "facets": {"kind": {value: count}, "country", "year", "tag",
    "area", "status", "type"}}``, each facet's values most first."""
    out: dict[str, Any] = {
        "query": found.query,
        "total": found.total,
        "facets": {name: dict(found.counts.get(name, {})) for name in FACETS},
    }
    if found.partial is not None:
        out["partial"] = found.partial.to_json()
    return out


def facet_filter(name: str, value: str) -> str:
    """The filter of the query language that narrows a search to one value of a facet:
    ``date:2019`` for a year, ``country:VN``, ``type:"working visit"`` (quoted when the value
    holds a space or a bracket)."""
    word = _FILTER_OF.get(name, name)
    return f"{word}:{value}" if _BARE.fullmatch(value) else f'{word}:"{value}"'
