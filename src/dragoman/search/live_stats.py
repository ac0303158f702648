"""Scores as a function of the folder's content, not of the index's history.

Whoosh's BM25F counts every document a segment holds, deleted ones too (a briefing edited,
renamed or removed stays in its old segment, marked deleted, until that segment is merged):
the number of documents, each term's document frequency and each field's total length then
depend on how the index got there, and a catch-up ranks differently from a fresh build of the
same folder. Here the searcher's ``idf`` and ``avg_field_length`` count live documents only:

- the number of documents is ``doc_count()`` (undeleted);
- a term's document frequency leaves out the deleted documents of its postings (read only in
  segments that have deletions, once per term and searcher);
- a field's average length is the mean of the lengths each undeleted document keeps (Whoosh
  keeps a document's length in one byte, exact up to 18 and close above: its exact total,
  which counts the deleted documents too, could not be made the same as a fresh build's by
  taking theirs away).

Applied when this module is first imported (:mod:`dragoman.search.storage.cache` imports it
before any index is opened), so Whoosh's own scoring and :mod:`dragoman.search.scoring` use the
same statistics.

Uses Whoosh, and the table of field lengths of :mod:`dragoman.search.whoosh_fixes`.
"""

from __future__ import annotations

from collections.abc import Callable
from math import log
from typing import Any

from whoosh.searching import Searcher

from dragoman.search.whoosh_fixes import field_lengths


def _top(searcher: Any) -> Any:
    """The searcher whose statistics count (a segment's subsearcher answers with its
    parent's, as Whoosh's own ``idf`` does)."""
    return searcher.get_parent() if searcher.has_parent() else searcher


def _memo(searcher: Any, key: Any, make: Callable[[], Any]) -> Any:
    memo: dict[Any, Any] = searcher.__dict__.setdefault("_dragoman_live", {})
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _with_deletions(searcher: Any) -> list[tuple[Any, frozenset[int]]]:
    """The segments (readers) that have deleted documents, with their deleted numbers."""

    def find() -> list[tuple[Any, frozenset[int]]]:
        out = []
        for reader, _ in searcher.reader().leaf_readers():
            if reader.has_deletions():
                deleted = frozenset(reader.deleted_docs_set)
                if deleted:
                    out.append((reader, deleted))
        return out

    result: list[tuple[Any, frozenset[int]]] = _memo(searcher, "deleted", find)
    return result


def live_doc_frequency(searcher: Any, fieldname: str, text: Any) -> int:
    """How many undeleted documents hold the term."""
    searcher = _top(searcher)
    reader = searcher.reader()
    frequency: int = reader.doc_frequency(fieldname, text)
    if not frequency:
        return 0
    for segment, deleted in _with_deletions(searcher):
        btext = segment._text_to_bytes(fieldname, text)
        if (fieldname, btext) not in segment:
            continue
        fmt = searcher.schema[fieldname].format
        postings = segment._terms.matcher(fieldname, btext, fmt, scorer=None)
        frequency -= sum(1 for docnum in postings.all_ids() if docnum in deleted)
    return frequency


def live_field_length(searcher: Any, fieldname: str) -> int:
    """The total of the lengths the undeleted documents keep for the field."""
    searcher = _top(searcher)

    def total() -> int:
        deleted = dict(_with_deletions(searcher))
        length = 0
        for segment, _ in searcher.reader().leaf_readers():
            lengths = field_lengths(segment, fieldname)
            gone = deleted.get(segment)
            if gone:
                length += sum(fl for d, fl in enumerate(lengths) if fl and d not in gone)
            else:
                length += sum(fl for fl in lengths if fl)
        return length

    result: int = _memo(searcher, ("length", fieldname), total)
    return result


def _idf(self: Any, fieldname: str, text: Any) -> float:
    """Whoosh's ``idf`` (``log(N / (df + 1)) + 1``) over the undeleted documents."""
    cache = self._idf_cache
    term = (fieldname, text)
    if term in cache:
        return float(cache[term])
    top = _top(self)
    documents = max(top.doc_count(), 1)  # every document deleted: nothing is scored anyway
    idf = log(documents / (live_doc_frequency(top, fieldname, text) + 1)) + 1
    cache[term] = idf
    return idf


def _avg_field_length(self: Any, fieldname: str, default: Any = None) -> Any:
    """Whoosh's ``avg_field_length`` over the undeleted documents."""
    if not self.schema[fieldname].scorable:
        return default
    top = _top(self)
    return live_field_length(top, fieldname) / (top.doc_count() or 1)


def apply() -> None:
    Searcher.idf = _idf
    Searcher.avg_field_length = _avg_field_length


apply()
