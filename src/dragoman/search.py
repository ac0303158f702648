"""Searching the index: the query language, ranking, snippets and did-you-mean.

Ranking a reader would call right: an exact name or alias match first, then matches in names
and titles, then matches in prose; within each tier the index's BM25F score, ties broken by
recency. An empty query lists everything, newest first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as Q

from dragoman.analysis import NGRAM_MAX, STOPS, words
from dragoman.highlight import SNIPPET_CHARS, Segment, mark, snippet
from dragoman.index import Index, day_number, prose_of
from dragoman.library import Briefing, Entity, Library
from dragoman.query import (
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
from dragoman.scoring import Scored, matching_docs, score_query
from dragoman.whoosh_fixes import per_searcher, stored_fields_reader

__all__ = [
    "SNIPPET_CHARS",
    "Hit",
    "QueryError",
    "SearchResult",
    "Segment",
    "mark",
    "search",
    "snippet",
]


NAME_FIELDS = ("name", "aliases", "idwords", "links")
WORD_FIELDS = (*NAME_FIELDS, "prose")
POOL = 200


@dataclass(slots=True)
class Hit:
    id: str
    kind: str
    title: str
    date: str
    score: float
    snippet: list[Segment]
    tier: int = 2
    extra: str = ""  # what the lists show after the name
    # the library's entity or briefing, when the library is loaded
    item: Entity | Briefing | None = field(default=None, repr=False, compare=False)

    @property
    def briefings(self) -> list[str]:
        """The briefings declaring it (worked out when asked: a minister is in thousands, and
        the lists, which show hundreds of hits per keystroke, never ask)."""
        item = self.item
        if isinstance(item, Briefing):
            return [item.id]
        return item.briefings if item is not None else []

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)

    def to_json(self, marks: tuple[str, str] = ("«", "»")) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "date": self.date,
            "score": round(self.score, 4),
            "briefings": self.briefings,
            "snippet": "".join(f"{marks[0]}{t}{marks[1]}" if m else t for t, m in self.snippet),
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    terms: frozenset[str] = frozenset()  # folded words to highlight elsewhere (titles...)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [h.to_json() for h in self.hits],
        }


# --------------------------------------------------------------------------------------------
# Building the index query


class _Builder:
    def __init__(self, index: Index, searcher: Any) -> None:
        self.index = index
        self.searcher = searcher
        self.schema = searcher.schema
        self.notes: list[str] = []

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
        if name in ("tag", "type"):
            return Q.Term(name, value.lower())
        if name == "id":
            return Q.Term("id", value.lower())
        if name == "briefing":
            return Q.Term("briefing", value.lower())
        kind = {"person": "person", "event": "event", "org": "organization"}[name]
        ids = self.resolve(kind, value)
        if not ids:
            self.notes.append(f"no {kind} matches {name}:{value}")
            return Q.NullQuery
        return Q.Or([Q.Term(name, i) for i in ids])

    def resolve(self, kind: str, value: str) -> list[str]:
        """Ids of the entities of ``kind`` named by ``value``: an id, or words of a name."""
        by_id = self.searcher.search(
            Q.And([Q.Term("kind", kind), Q.Term("id", value.lower())]), limit=1
        )
        if len(by_id):
            return [by_id[0]["id"]]
        terms = words(value)
        if not terms:
            return []
        q = Q.And(
            [
                Q.Term("kind", kind),
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


# --------------------------------------------------------------------------------------------
# Searching


def _as_you_type(node: Node | None, text: str) -> Node | None:
    """While typing, the last word is still being written: treat it as a prefix."""
    if node is None or text.endswith((" ", '"', ")")):
        return node
    if isinstance(node, Word) and not node.prefix and not node.fuzzy:
        return Word(node.text, prefix=True)
    if isinstance(node, And) and node.items:
        last = node.items[-1]
        if isinstance(last, Word) and not last.prefix and not last.fuzzy:
            return And((*node.items[:-1], Word(last.text, prefix=True)))
    return node


def search(
    index: Index,
    text: str,
    *,
    kind: str | None = None,
    limit: int = 20,
    as_you_type: bool = False,
    snippets: bool = True,
    suggest: bool = True,
) -> SearchResult:
    """Run a query. Raises :class:`QueryError` (with a message for the reader) when malformed.

    ``snippets=False`` skips the snippets (lists that show titles only); ``suggest=False`` skips
    the did-you-mean.
    """
    node = _prepare(text, as_you_type)
    with index.shared_searcher() as searcher:
        builder = _Builder(index, searcher)
        base: Q.Query = builder.build(node) if node is not None else Q.Every()
        result = _run(searcher, node, base, kind, limit, snippets, index.library)
        if result.total == 0 and suggest and _scored(node):
            result.suggestion = _suggest(index, searcher, text, positive_words(node), kind)
        result.query = text
        result.notes = builder.notes
        return result


def _prepare(text: str, as_you_type: bool) -> Node | None:
    node = parse(text)
    return _as_you_type(node, text) if as_you_type else node


def _scored(node: Node | None) -> bool:
    return any(isinstance(w, Word | Phrase) for w in positive_words(node))


def _run(
    searcher: Any,
    node: Node | None,
    base: Q.Query,
    kind: str | None,
    limit: int,
    snippets: bool,
    library: Library | None,
) -> SearchResult:
    """Run an already built query (filtered to ``kind``): ranked hits and the full count."""
    limit = max(1, limit)
    q = Q.And([Q.Term("kind", kind), base]) if kind else base
    wanted = positive_words(node)
    if not _scored(node):
        found = _newest_first(searcher, matching_docs(searcher, q))
        hits = [
            _hit(_Stored(searcher, docnum), 0.0, 2, frozenset(), snippets, library)
            for docnum in found[:limit]
        ]
        return SearchResult("", len(found), hits)
    # every match scored (the exact total comes with it), a block of postings at a time
    scored = score_query(searcher, q)
    best = scored.ranked(max(POOL, limit))
    pool = [_Found(searcher, scored, docnum, score) for score, docnum in best]
    hits, terms = _rank(pool, wanted, limit, snippets, library)
    return SearchResult("", len(scored.scores), hits, terms=terms)


def _rank(
    candidates: list[Any],
    wanted: list[Word | Phrase],
    limit: int,
    snippets: bool,
    library: Library | None,
) -> tuple[list[Hit], frozenset[str]]:
    """The best ``limit`` of Whoosh's best-scored hits, in the reader's tiers: exact name or
    alias, then names and titles, then prose; by score within a tier, newer first on ties."""
    terms = _highlight_terms(wanted)
    exact = " ".join(words(" ".join(w.text for w in wanted if _plain(w))))
    ranked = []
    for r in candidates:
        tier = _tier(r, exact, terms)
        ranked.append((tier, -round(r.score, 1), -int(r["sortdate"]), r))
    ranked.sort(key=lambda t: t[:3])
    hits = []
    for tier, _, _, r in ranked[:limit]:
        matched: frozenset[str] = frozenset()
        if snippets:  # the terms as found, to mark in the snippet
            matched = frozenset(
                _decode(t) for f, t in r.matched_terms() if f in ("prose", "plain", "ngram")
            )
        hits.append(_hit(r, r.score, tier, matched | terms, snippets, library))
    return hits, terms


def _plain(w: Word | Phrase) -> bool:
    return isinstance(w, Phrase) or (not w.prefix and not w.fuzzy)


def _decode(term: Any) -> str:
    return term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)


def _highlight_terms(wanted: list[Word | Phrase]) -> frozenset[str]:
    out: set[str] = set()
    for w in wanted:
        out.update(t for t in words(w.text) if t not in STOPS)
    return frozenset(out)


def _tier(result: Any, exact: str, terms: frozenset[str]) -> int:
    names = str(result.get("names", ""))
    lines = names.split("\n")
    if exact and (exact in lines or exact.replace(" ", "-") == result["id"]):
        return 0
    name_words = set(names.split()) | set(str(result["id"]).split("-"))
    if terms and terms <= name_words:
        return 1
    if any(f in ("name", "aliases", "idwords", "ngram", "id") for f, _ in result.matched_terms()):
        return 1
    return 2


def _hit(
    result: Any,
    score: float,
    tier: int,
    terms: frozenset[str],
    snippets: bool,
    library: Library | None,
) -> Hit:
    """A hit from the stored fields of a result; the briefings and the snippet (which the
    lists of the app do not show) come from the library, when it is loaded."""
    fields = result.fields()
    kind = fields["kind"]
    item: Entity | Briefing | None = None
    if library is not None:
        item = (
            library.briefings.get(fields["id"])
            if kind == "briefing"
            else library.entities.get(fields["id"])
        )
    return Hit(
        id=fields["id"],
        kind=kind,
        title=fields.get("name", fields["id"]),
        date=fields.get("date", ""),
        score=float(score),
        snippet=snippet(prose_of(item), terms) if snippets and item is not None else [],
        tier=tier,
        extra=fields.get("extra", ""),
        item=item,
    )


KINDS = ("event", "person", "proposal", "organization", "briefing")


@dataclass(slots=True)
class PaneResults:
    """What the app's panes show for one query: ranked hits and the full count, per kind."""

    query: str
    panes: dict[str, tuple[int, list[Hit]]]
    terms: frozenset[str]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)

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
                # best score first, ties by docnum: sorted by number, then (stable) by score
                best = sorted(sorted(matched), key=scores.__getitem__, reverse=True)[:pool]
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
                    _hit(_Stored(searcher, docnum), 0.0, 2, frozenset(), False, index.library)
                    for docnum in docnums[:per_kind]
                ]
                panes[kind] = (len(docnums), hits)
        out = PaneResults(text, panes, terms, notes=builder.notes)
        literal = parse(text)  # did-you-mean reads the last word as typed, not as a prefix
        if out.total == 0 and _scored(literal):
            out.suggestion = _suggest(index, searcher, text, positive_words(literal), None)
    return out


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
        ids = list(reader.column_reader("id"))
        order = sorted(range(count), key=lambda d: (dates[d], ids[d], d), reverse=True)
        places = [0] * count
        for place, docnum in enumerate(order):
            places[docnum] = place
        return places

    return per_searcher(searcher, "newest", rank)


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


# --------------------------------------------------------------------------------------------
# Snippets


# --------------------------------------------------------------------------------------------
# Did you mean


def _suggest(
    index: Index, searcher: Any, text: str, wanted: list[Word | Phrase], kind: str | None
) -> str | None:
    reader = searcher.reader()
    corrected = text
    changed = False
    for w in wanted:
        if not isinstance(w, Word) or w.prefix or w.fuzzy:
            continue
        for term in words(w.text):
            if not term or any(
                reader.doc_frequency(f, term) for f in ("name", "aliases", "plain", "links")
            ):
                continue
            best = None
            for fieldname in ("name", "aliases", "plain"):
                found = searcher.suggest(fieldname, term, limit=1, maxdist=2, prefix=1)
                if found:
                    best = found[0]
                    break
            if best and best != term:
                pattern = re.compile(rf"(?<![\w]){re.escape(w.text)}(?![\w])", re.IGNORECASE)
                corrected, n = pattern.subn(best, corrected, count=1)
                changed = changed or bool(n)
    if not changed or corrected == text:
        return None
    try:
        again = search(index, corrected, kind=kind, limit=1)
    except QueryError:
        return None
    return corrected if again.total else None
