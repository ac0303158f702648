"""The leaves of a scored query: terms and phrases scored from their postings, a block at a time.

A term's postings are read block by block (documents summed from their gaps in C, weights as
stored) and scored with Whoosh's BM25F numbers in one loop; a phrase reads its rarest word first
and compares positions only where every word is. :mod:`dragoman.search.scoring` walks the
query's tree over these. Uses Whoosh's readers and :mod:`dragoman.search.whoosh_fixes`.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query as Q
from whoosh.formats import Positions
from whoosh.scoring import BM25F
from whoosh.system import _INT_SIZE

from dragoman.search.whoosh_fixes import field_lengths, per_searcher

Term = tuple[str, bytes]


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


class _PostingsScorer:
    """The searcher's state for scoring, and the leaves of a query scored from their postings:
    a term block by block, a phrase from its words' postings and positions, and any other part
    by Whoosh itself. :class:`dragoman.search.scoring._Scorer` walks the query's tree."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.schema = searcher.schema
        self.reader = searcher.reader()
        self.leaves: list[tuple[Any, int]] = (
            [(searcher, 0)] if searcher.is_atomic() else list(searcher.subsearchers)
        )
        weighting = searcher.weighting
        self.bm25 = weighting if type(weighting) is BM25F else None
        self.terms: dict[Term, Any] = {}
        self._deleted: set[int] | None = None
        self._under_or = 0  # how many Or nodes the node being scored sits in

    @property
    def deleted(self) -> set[int]:
        """The deleted documents of every segment (Whoosh's negation may return some)."""
        if self._deleted is None:
            self._deleted = {
                d + offset
                for sub, offset in self.leaves
                # an empty index's reader (no segment yet) has no deletions to tell of
                for d in getattr(sub.reader(), "deleted_docs_set", ())
            }
        return self._deleted

    def whoosh(self, q: Q.Query) -> dict[int, float]:
        """A part of the query scored by Whoosh itself, its terms noted as Whoosh notes them."""
        results = self.searcher.search(q, limit=None, terms=True)
        for term, docs in results.termdocs.items():
            known = self.terms.get(term)
            self.terms[term] = set(docs) if known is None else set(known) | set(docs)
        deleted = self.deleted  # a lone Not of Whoosh's may return one
        return {docnum: score for score, docnum in results.top_n if docnum not in deleted}

    def phrase(self, q: Q.Phrase) -> dict[int, float]:
        """The documents holding the words in order, each within ``slop`` positions of the one
        before, scored as Whoosh scores its phrase: the sum of the words' term scores (summed
        as its tree of intersections sums them), times the phrase's boost."""
        fieldname = q.fieldname
        if fieldname not in self.schema:
            return {}
        schema_field = self.schema[fieldname]
        fmt = schema_field.format
        if not fmt or not fmt.supports("positions"):
            return self.whoosh(q)  # Whoosh's error, as Whoosh raises it
        try:
            btexts = [schema_field.to_bytes(w) for w in q.words]
        except ValueError:
            return {}
        if any((fieldname, b) not in self.reader for b in btexts):
            return {}
        # the rarest word first: each next word's postings are scored (and their positions
        # kept) only for the documents that hold every word before it
        n = len(btexts)
        tables: list[dict[int, float]] = [{}] * n
        places: list[dict[int, bytes]] = [{}] * n
        keep: set[int] | None = None
        for i in sorted(range(n), key=lambda i: self.reader.doc_frequency(fieldname, btexts[i])):
            values: dict[int, bytes] = {}
            table = self.term(fieldname, btexts[i], 1.0, note=False, values=values, keep=keep)
            tables[i], places[i] = table, values
            keep = set(table)
            if not keep:
                break
        candidates = keep or set()
        slop = q.slop
        if slop == 1 and type(fmt) is Positions:
            found = _adjacent(candidates, places)
        else:
            found = _near(candidates, places, slop, fmt.decode_positions)
        if n == 2:
            first, second = tables
            out = {d: first[d] + second[d] for d in found}
        else:
            out = {d: _tree_sum([table[d] for table in tables]) for d in found}
        for btext in btexts:
            known = self.terms.get((fieldname, btext))
            self.terms[(fieldname, btext)] = (
                out.keys() if known is None else set(known) | out.keys()
            )
        return _boosted(out, q.boost)

    # -- terms -------------------------------------------------------------------------------

    def term(
        self,
        fieldname: str,
        text: Any,
        boost: float,
        leaves: list[tuple[Any, int]] | None = None,
        *,
        note: bool = True,
        values: dict[int, bytes] | None = None,
        keep: set[int] | None = None,
    ) -> dict[int, float]:
        """The postings of one term, scored block by block as Whoosh scores them one by one.

        ``note=False`` leaves the term out of the matched terms (a phrase notes its words
        where the phrase matched); ``values`` gets each document's posting value (positions);
        ``keep`` limits it to those documents."""
        if fieldname not in self.schema:  # a Whoosh schema has no get()
            return {}
        schema_field = self.schema[fieldname]
        try:
            btext = schema_field.to_bytes(text)
        except ValueError:
            return {}
        if (fieldname, btext) not in self.reader:
            return {}
        if schema_field.scorable and self.bm25 is None and values is None:
            return self.whoosh(Q.Term(fieldname, text, boost=boost))  # Whoosh's own weighting
        out: dict[int, float] = {}
        scorable = schema_field.scorable
        if scorable:
            assert self.bm25 is not None
            idf = self.searcher.idf(fieldname, btext)
            k1p1 = self.bm25.K1 + 1
        fmt = schema_field.format
        for sub, offset in self.leaves if leaves is None else leaves:
            reader = sub.reader()
            if (fieldname, btext) not in reader:
                continue
            m = reader._terms.matcher(fieldname, btext, fmt, scorer=None)
            norms = self._norms(reader, offset, fieldname) if scorable else None
            if keep is not None:  # this segment's kept documents, in order
                wanted = sorted(
                    d - offset for d in keep if offset <= d < offset + reader.doc_count_all()
                )
                low = 0  # the first document of the block (the one after the last block's)
            while m.is_active():
                if keep is not None:
                    # a block's header tells its last document: a block holding none of the
                    # kept ones is passed without reading its postings
                    high = m._maxid
                    if bisect_left(wanted, low) == bisect_right(wanted, high):
                        low = high + 1
                        m._next_block()
                        continue
                    low = high + 1
                ids, weights = _block(m)
                if keep is not None:
                    picked = [i for i, d in enumerate(ids) if d + offset in keep]
                    if not picked:
                        m._next_block()
                        continue
                    if values is not None:
                        m._read_values()
                        values.update((ids[i] + offset, m._values[i]) for i in picked)
                    weights = [weights[i] for i in picked]
                    ids = [ids[i] for i in picked]
                elif values is not None:
                    m._read_values()
                    values.update(zip([d + offset for d in ids], m._values, strict=False))
                # Whoosh's BM25F term by term (``bm25``): the same operations in the same
                # order, the length part of the denominator worked out once per document
                if norms is not None:
                    out.update(
                        {
                            d + offset: idf * ((tf * k1p1) / (tf + norms[d]))
                            for d, tf in zip(ids, weights, strict=False)
                        }
                    )
                else:
                    out.update(zip([d + offset for d in ids], weights, strict=False))
                m._next_block()
            deleted = reader.deleted_docs_set
            if deleted:
                for d in deleted:
                    out.pop(d + offset, None)
        out = _boosted(out, boost)
        if note:
            known = self.terms.get((fieldname, btext))
            self.terms[(fieldname, btext)] = (
                out.keys() if known is None else set(known) | out.keys()
            )
        return out

    def _norms(self, reader: Any, offset: int, fieldname: str) -> list[float]:
        """``K1 * ((1 - B) + B * fl / avgfl)`` for every document of a segment, as Whoosh's
        ``bm25`` works it out (a document without a length counts as 1), kept per searcher."""
        bm25 = self.bm25
        assert bm25 is not None

        def norms() -> list[float]:
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            K1 = bm25.K1
            B = bm25._field_B.get(fieldname, bm25.B)
            lengths = field_lengths(reader, fieldname)
            by_length = {
                fl: K1 * ((1 - B) + B * (1 if fl is None else fl) / avgfl) for fl in set(lengths)
            }
            out = [by_length[fl] for fl in lengths]
            missing = reader.doc_count_all() - len(out)  # a field without lengths: all 1
            out.extend([K1 * ((1 - B) + B * 1 / avgfl)] * missing)
            return out

        return per_searcher(self.searcher, ("norms", offset, fieldname), norms)
