"""Scoring a query over every matching document, with Whoosh's numbers but without its matchers.

Whoosh scores a query by walking a tree of matchers document by document: for each posting a
dozen Python calls (the union or intersection nodes, the filter of deleted documents, the
scorer, the field length). The app needs every match scored (the lists show counts per kind),
so that walk is most of a search. Here the same BM25F scores (same formula, same statistics,
same field lengths, same boosts) are computed a block of postings at a time.

This module walks the query's tree: prefixes and other multi-term queries (fuzzy, wildcard)
expanded into their terms, ``Or`` and ``And`` (with ``Not`` inside) combining their parts'
tables with dictionary and set operations, numeric ranges. The leaves (a term's postings scored
block by block, a phrase's words and positions, any other node left to Whoosh, a lone ``Not``
say) are :class:`dragoman.search.postings._PostingsScorer`'s. The tests hold the results to
Whoosh's for every kind of query the search builds.

Uses the postings beside it and Whoosh's query classes.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as Q
from whoosh.query.terms import MultiTerm

from dragoman.search.postings import (
    _MULTI_TERMS,
    Term,
    _boosted,
    _PostingsScorer,
)


@dataclass(slots=True)
class Scored:
    """Every matching document's score, and which documents each term matched."""

    scores: dict[int, float] = field(default_factory=dict)
    # (field, term) -> the documents it matched (a set or a dict's keys)
    terms: dict[Term, Any] = field(default_factory=dict)

    def ranked(self, limit: int | None = None) -> list[tuple[float, int]]:
        """(score, docnum), best first, ties by document number: Whoosh's order. The best
        ``limit`` only, when given (picked by a heap, without sorting every match)."""
        keys = [(-score, docnum) for docnum, score in self.scores.items()]
        if limit is not None and limit < len(keys):
            keys = heapq.nsmallest(limit, keys)
        else:
            keys.sort()  # tuples compared in C: no key function called per item
        return [(-negated, docnum) for negated, docnum in keys]

    def matched(self, docnum: int) -> list[Term]:
        return [term for term, docs in self.terms.items() if docnum in docs]


def score_query(searcher: Any, q: Q.Query) -> Scored:
    """Every document ``q`` matches in ``searcher``, scored as ``searcher.search`` scores it."""
    return _Scorer(searcher).run(q)


def matching_docs(searcher: Any, q: Q.Query) -> set[int]:
    """Every document ``q`` matches in ``searcher`` (``searcher.docs_for_query``, faster)."""
    return set(_Scorer(searcher).docs(q))


class _Scorer(_PostingsScorer):
    """Scores a query's tree: terms and phrases by their postings (the base class), ``Or`` and
    ``And`` (with ``Not`` inside) by combining their parts' tables, anything else by Whoosh."""

    def run(self, q: Q.Query) -> Scored:
        scores = self.node(q)
        return Scored(scores, self.terms)

    # -- nodes -------------------------------------------------------------------------------

    def node(self, q: Q.Query) -> dict[int, float]:
        if isinstance(q, Q.Term):
            return self.term(q.fieldname, q.text, q.boost)
        if isinstance(q, MultiTerm) and type(q) in _MULTI_TERMS:
            return self.multi(q)
        if type(q) in (Q.Or, Q.DefaultOr) and not q.scale and not q.minmatch:
            return self.union(q)
        if type(q) is Q.And:
            return self.intersection(q)
        if type(q) is Q.Phrase and len(q.words) > 1 and None not in q.words:
            return self.phrase(q)
        if type(q) is Q.NumericRange and q.boost == 1.0:
            # a range matches each document by one of its tiers' terms, of weight 1 (a number
            # field keeps no lengths): Whoosh scores it 1, whether as a constant or not
            return dict.fromkeys(self.ids(q._compile_query(self.reader)), 1.0)
        if q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__):
            return {}
        return self.whoosh(q)

    def union(self, q: Q.Or) -> dict[int, float]:
        subs = list(q.subqueries)
        if not subs:
            return {}
        if len(subs) == 1:  # Whoosh matches the only one alone, without the boost
            return self.node(subs[0])
        self._under_or += 1
        try:
            tables = [self.node(sub) for sub in subs]
        finally:
            self._under_or -= 1
        # the largest table copied (in C), the others added to it: a word's prose usually
        # holds most of its documents
        largest = max(range(len(tables)), key=lambda i: len(tables[i]))
        out = dict(tables[largest])
        for i, table in enumerate(tables):
            if i != largest:
                for docnum, score in table.items():
                    out[docnum] = out.get(docnum, 0.0) + score
        return _boosted(out, q.boost)

    def intersection(self, q: Q.And) -> dict[int, float]:
        subs = list(q.subqueries)
        if not subs:
            return {}
        if len(subs) == 1:
            return self.node(subs[0])
        positives = [s for s in subs if not isinstance(s, Q.Not)]
        negatives = [s.query for s in subs if isinstance(s, Q.Not)]
        if not positives or any(isinstance(s, Q.Every) for s in positives):
            return self.whoosh(q)
        before = dict(self.terms)
        tables = [self.node(s) for s in positives]
        tables.sort(key=len)
        out = dict(tables[0])
        for table in tables[1:]:
            out = {d: s + table[d] for d, s in out.items() if d in table}
        for negative in negatives:
            # Whoosh intersects with the inverse of the excluded documents, whose score (1)
            # adds to each document's
            excluded = self.docs(negative)
            out = {d: s + 1.0 for d, s in out.items() if d not in excluded}
        # a term of this part matched only the documents the whole part matches (what only
        # counts under an Or: elsewhere every result is among those documents)
        for term, docs in list(self.terms.items()) if self._under_or else ():
            old = before.get(term)
            if docs is not old:
                kept = set(docs) & out.keys()
                self.terms[term] = kept if old is None else set(old) | kept
        return _boosted(out, q.boost)

    def multi(self, q: MultiTerm) -> dict[int, float]:
        fieldname = q.field()
        if fieldname not in self.schema:
            return {}
        out: dict[int, float] = {}
        for leaf in self.leaves:  # Whoosh expands the terms segment by segment
            texts = [t for t in q._btexts(leaf[0].reader()) if t]
            if len(texts) == 1:  # Whoosh matches the only term alone, without the boost
                out.update(self.term(fieldname, texts[0], 1.0, [leaf]))
                continue
            part: dict[int, float] = {}
            for text in texts:
                for docnum, score in self.term(fieldname, text, 1.0, [leaf]).items():
                    part[docnum] = part.get(docnum, 0.0) + score
            out.update(_boosted(part, q.boost))
        return out

    def ids(self, q: Q.Query) -> set[int]:
        """The documents a query matches, unscored: terms, term ranges, prefixes, their ``Or``
        and ``And``, read as ids only; anything else through Whoosh."""
        inner = q.child if isinstance(q, Q.ConstantScoreQuery) else q
        if type(inner) is Q.NumericRange:
            return self.ids(inner._compile_query(self.reader))
        if isinstance(inner, Q.Term):
            return self.term_ids(inner.fieldname, inner.text)
        if isinstance(inner, MultiTerm) and type(inner) in (Q.TermRange, *_MULTI_TERMS):
            out: set[int] = set()
            for leaf in self.leaves:  # expanded segment by segment, as Whoosh does
                for text in inner._btexts(leaf[0].reader()):
                    out |= self.term_ids(inner.field(), text, [leaf])
            return out
        if type(inner) in (Q.Or, Q.DefaultOr):
            out = set()
            for sub in inner.subqueries:
                out |= self.ids(sub)
            return out
        if type(inner) is Q.And and not any(isinstance(s, Q.Not) for s in inner.subqueries):
            sets = sorted((self.ids(sub) for sub in inner.subqueries), key=len)
            out = sets[0] if sets else set()
            for more in sets[1:]:
                out &= more
            return out
        if inner is Q.NullQuery or isinstance(inner, Q.NullQuery.__class__):
            return set()
        return set(self.searcher.docs_for_query(inner)) - self.deleted

    def term_ids(
        self, fieldname: str, text: Any, leaves: list[tuple[Any, int]] | None = None
    ) -> set[int]:
        if fieldname not in self.schema:
            return set()
        schema_field = self.schema[fieldname]
        try:
            btext = schema_field.to_bytes(text)
        except ValueError:
            return set()
        out: set[int] = set()
        for sub, offset in self.leaves if leaves is None else leaves:
            reader = sub.reader()
            if (fieldname, btext) not in reader:
                continue
            m = reader._terms.matcher(fieldname, btext, schema_field.format, scorer=None)
            found: list[int] = []
            while m.is_active():
                m._read_ids()
                found.extend(m._ids)
                m._next_block()
            deleted = reader.deleted_docs_set
            out.update(d + offset for d in found if d not in deleted)
        return out

    def docs(self, q: Q.Query) -> Iterable[int]:
        """The documents a query matches, unscored (for what ``Not`` takes out)."""
        return self.ids(q)
