"""The ids a query matches, of one kind, unranked: what the analyst's views narrow by
(``dragoman timeline maritime`` keeps the events ``maritime`` finds).

The ids come from the index's ``id`` column, never from stored documents, so that a query
matching every event of 10,000 briefings costs a set and a column read. Uses the compilation
and scoring beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.search.collect import _kind_sets
from dragoman.search.compile import _Builder, _prepare
from dragoman.search.index import Index
from dragoman.search.scoring import matching_docs


@dataclass(slots=True)
class Matched:
    """The ids of the documents of one kind a query matches, and the notes of its filters
    (``no person matches person:xyz``)."""

    ids: set[str]
    notes: list[str] = field(default_factory=list)


def matching_ids(index: Index, text: str, kind: str, *, as_you_type: bool = False) -> Matched:
    """The ids of every document of ``kind`` the query ``text`` matches (all of them for an
    empty query); ``as_you_type``: as the app's panes match it while typing (the last word also
    as the start of one). Raises :class:`~dragoman.search.query.QueryError`."""
    node = _prepare(text, as_you_type)
    with index.shared_searcher() as searcher:
        builder = _Builder(index, searcher)
        of_kind = _kind_sets(searcher).get(kind, set())
        docs = of_kind if node is None else matching_docs(searcher, builder.build(node)) & of_kind
        column = searcher.reader().column_reader("id")
        ids = {_text(column[d]) for d in docs}
        if node is None:
            return Matched(ids)
        return Matched(ids, builder.notes)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
