"""Reading postings a block at a time: their documents, weights and positions.

The pieces :mod:`dragoman.search.scoring` combines: a block's documents and weights, gaps summed
in C, positions compared for phrases, scores added in a stable order. Uses Whoosh's formats.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterable
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query as Q
from whoosh.system import _INT_SIZE


def _block(m: Any) -> tuple[list[int], Any]:
    """The document numbers and weights of the block a Whoosh ``W3LeafMatcher`` stands on,
    read as its ``_read_ids`` and ``_read_weights`` read them (the data kept on the matcher
    for ``_read_values``), the numbers summed from their gaps in C."""
    data = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    if m._compression:
        data = zlib.decompress(data)
    m._data = block = loads(data)
    ids = list(block[0]) if m._byteids else list(accumulate(block[0]))
    weights = block[1]
    if weights is None:
        weights = [1.0] * len(ids)
    elif isinstance(weights, float):  # as an array of floats holds it
        weights = [array("f", (weights,))[0]] * len(ids)
    return ids, weights


_MULTI_TERMS = (Q.Prefix, Q.FuzzyTerm, Q.Wildcard)


def _adjacent(candidates: Iterable[int], places: list[dict[int, bytes]]) -> list[int]:
    """The candidates where the words stand one after another (a slop of 1), their positions
    read from postings of Whoosh's ``Positions`` format: a count, then the pickled list of
    gaps (``decode_positions``). Word ``i`` is shifted back by ``i`` as its gaps are summed,
    and the starts of the phrase are the positions common to every word, all in C."""
    found = []
    first, rest = places[0], list(enumerate(places[1:], 1))
    for d in candidates:
        starts = set(accumulate(_gaps(first[d])))
        for i, values in rest:
            gaps = _gaps(values[d])
            if gaps:
                gaps[0] -= i
            starts.intersection_update(accumulate(gaps))
            if not starts:
                break
        else:
            found.append(d)
    return found


def _gaps(value: bytes) -> list[int]:
    if value[-1:] != b".":  # as decode_positions mends it
        value += b"."
    gaps: list[int] = loads(value[_INT_SIZE:])
    return gaps


def _near(
    candidates: Iterable[int],
    places: list[dict[int, bytes]],
    slop: int,
    decode: Callable[[bytes], list[int]],
) -> list[int]:
    """The candidates where each word stands 1 to ``slop`` positions after the one before
    (Whoosh's ordered ``SpanNear2``: a span grows by a word at most ``slop`` past its end)."""
    found = []
    for d in candidates:
        ends = set(decode(places[0][d]))
        for values in places[1:]:
            ends = {b for b in decode(values[d]) if any(b - g in ends for g in range(1, slop + 1))}
            if not ends:
                break
        else:
            found.append(d)
    return found


def _tree_sum(scores: list[float]) -> float:
    """The scores summed as Whoosh's binary tree of intersection matchers sums them."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}
