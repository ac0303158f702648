"""From a parsed query to Whoosh's query: fields, boosts, filters, dates, as-you-type.

The last word typed while searching as you type also matches as a prefix. Uses the query
language and text analysis.
"""

from __future__ import annotations

import itertools
from typing import Any

from whoosh import query as Q

from dragoman.briefings.fields import COUNTRY_CODES
from dragoman.search.analysis import NGRAM_MAX, words
from dragoman.search.documents import day_number
from dragoman.search.index import Index
from dragoman.search.query import (
    And,
    DateRange,
    Filter,
    Node,
    Not,
    Or,
    Phrase,
    QueryError,
    Word,
    parse,
    positive_words,
)

NAME_FIELDS = ("name", "aliases", "idwords", "links")


# the filters naming a party (a person, an organization or a country), and their fields
PARTY_FIELDS = {"by": "by", "to": "to", "with": "took_part"}


PARTY_KINDS = ("person", "organization")


WORD_FIELDS = (*NAME_FIELDS, "prose")


class _Builder:
    def __init__(self, index: Index, searcher: Any) -> None:
        self.index = index
        self.searcher = searcher
        self.schema = searcher.schema
        # what the reader is told beside the results: an index still being built says so
        self.notes: list[str] = [index.partial.note()] if index.partial else []

    def tokens(self, fieldname: str, text: str) -> list[tuple[str, int]]:
        analyzer = self.schema[fieldname].analyzer
        return [(t.text, t.pos) for t in analyzer(text, positions=True)]

    def build(self, node: Node) -> Q.Query:
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node)
        if isinstance(node, Filter):
            return self.filter(node)
        if isinstance(node, DateRange):
            return self.dates(node)
        if isinstance(node, Not):
            return Q.Not(self.build(node.node))
        if isinstance(node, And):
            positives = [self.build(i) for i in node.items if not isinstance(i, Not)]
            negatives = [self.build(i) for i in node.items if isinstance(i, Not)]
            if not positives:
                positives = [Q.Every()]
            return Q.And(positives + negatives)
        if isinstance(node, Or):
            return Q.Or([self.build(i) for i in node.items])
        raise QueryError(f"cannot search for {node!r}")  # pragma: no cover

    def word(self, word: Word) -> Q.Query:
        parts: list[Q.Query] = []
        if word.prefix:
            base = [t for t, _ in self.tokens("name", word.text)]
            if not base:
                return Q.NullQuery
            head, last = base[:-1], base[-1]
            name_part: Q.Query
            if len(last) <= NGRAM_MAX:
                name_part = Q.Term("ngram", last)
            else:
                name_part = Q.Or([Q.Prefix("name", last), Q.Prefix("aliases", last)])
            ors: list[Q.Query] = [name_part]
            if len(last) >= 4:
                ors.append(Q.Prefix("plain", last))
            prefix_query = Q.Or(ors)
            if head:
                return Q.And([*(self.word(Word(h)) for h in head), prefix_query])
            return prefix_query
        for fieldname in WORD_FIELDS:
            toks = [t for t, _ in self.tokens(fieldname, word.text)]
            if not toks:
                continue
            if word.fuzzy:
                terms: list[Q.Query] = [
                    Q.FuzzyTerm(fieldname, t, maxdist=word.fuzzy, prefixlength=1) for t in toks
                ]
            else:
                terms = [Q.Term(fieldname, t) for t in toks]
            parts.append(terms[0] if len(terms) == 1 else Q.And(terms))
        if not word.fuzzy:
            parts.append(Q.Term("id", word.text.lower(), boost=4.0))
        return Q.Or(parts) if parts else Q.NullQuery

    def phrase(self, phrase: Phrase) -> Q.Query:
        parts: list[Q.Query] = []
        for fieldname in WORD_FIELDS:
            toks = self.tokens(fieldname, phrase.text)
            if not toks:
                continue
            if len(toks) == 1:
                parts.append(Q.Term(fieldname, toks[0][0]))
                continue
            gap = max(b[1] - a[1] for a, b in itertools.pairwise(toks))
            parts.append(Q.Phrase(fieldname, [t for t, _ in toks], slop=max(1, gap)))
        return Q.Or(parts) if parts else Q.NullQuery

    def filter(self, flt: Filter) -> Q.Query:
        name, value = flt.name, flt.value
        if name in ("kind", "country", "status"):
            return Q.Term(name, value)
        if name in ("tag", "area", "type"):
            return Q.Term(name, value.lower())
        if name == "id":
            return Q.Term("id", value.lower())
        if name == "briefing":
            return Q.Term("briefing", value.lower())
        if name in PARTY_FIELDS:
            keys = self.parties(value)
            if not keys:
                self.notes.append(f"no person, organization or country matches {name}:{value}")
                return Q.NullQuery
            return Q.Or([Q.Term(PARTY_FIELDS[name], k) for k in keys])
        kind = {"person": "person", "event": "event", "org": "organization"}[name]
        ids = self.resolve((kind,), value)
        if not ids:
            self.notes.append(f"no {kind} matches {name}:{value}")
            return Q.NullQuery
        return Q.Or([Q.Term(name, i) for i in ids])

    def parties(self, value: str) -> list[str]:
        """What by:, to: and with: name: a country's code (two letters, any case, when no
        person or organization has that id), else the id of a person or an organization, else
        those whose name or alias holds the words."""
        code = value.strip().upper()
        if len(code) == 2 and code in COUNTRY_CODES and not self.by_id(PARTY_KINDS, value):
            return [code]
        return self.resolve(PARTY_KINDS, value)

    def by_id(self, kinds: tuple[str, ...], value: str) -> list[str]:
        """The id of the entity of one of ``kinds`` whose id is ``value`` (any case), if any."""
        q = Q.And([Q.Or([Q.Term("kind", k) for k in kinds]), Q.Term("id", value.strip().lower())])
        found = self.searcher.search(q, limit=1)
        return [found[0]["id"]] if len(found) else []

    def resolve(self, kinds: tuple[str, ...], value: str) -> list[str]:
        """Ids of the entities of ``kinds`` named by ``value``: an id, or words of a name."""
        if by_id := self.by_id(kinds, value):
            return by_id
        terms = words(value)
        if not terms:
            return []
        q = Q.And(
            [
                Q.Or([Q.Term("kind", k) for k in kinds]),
                *(
                    Q.Or([Q.Term("name", t), Q.Term("aliases", t), Q.Term("idwords", t)])
                    for t in terms
                ),
            ]
        )
        return [hit["id"] for hit in self.searcher.search(q, limit=None)]

    @staticmethod
    def dates(rng: DateRange) -> Q.Query:
        low = high = None
        if rng.start is not None:
            first = rng.start.key
            low = day_number((first[0], first[1] or 1, first[2] or 1))
        if rng.end is not None:
            high = day_number(rng.end.last_key)
        if low is not None and high is not None:
            # contained in [low, high]: both ends inside it (a start never follows its end);
            # two closed ranges read far fewer postings than two open ones
            return Q.And([Q.NumericRange("start", low, high), Q.NumericRange("end", low, high)])
        if low is not None:
            return Q.NumericRange("start", low, None)
        return Q.NumericRange("end", None, high)


def _as_you_type(node: Node | None, text: str) -> Node | None:
    """While typing, the last word may be whole or still being written: it finds what the
    whole word finds (in every field, ids too) or what it starts."""
    if node is None or text.endswith((" ", '"', ")")):
        return node
    if isinstance(node, Word) and not node.prefix and not node.fuzzy:
        return _whole_or_start(node)
    if isinstance(node, And) and node.items:
        last = node.items[-1]
        if isinstance(last, Word) and not last.prefix and not last.fuzzy:
            return And((*node.items[:-1], _whole_or_start(last)))
    return node


def _whole_or_start(word: Word) -> Node:
    return Or((word, Word(word.text, prefix=True)))


def _prepare(text: str, as_you_type: bool) -> Node | None:
    node = parse(text)
    return _as_you_type(node, text) if as_you_type else node


def _scored(node: Node | None) -> bool:
    return any(isinstance(w, Word | Phrase) for w in positive_words(node))


def _plain(w: Word | Phrase) -> bool:
    return isinstance(w, Phrase) or (not w.prefix and not w.fuzzy)
