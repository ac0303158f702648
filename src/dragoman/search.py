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

from .analysis import NGRAM_MAX, STOPS, WORD_RE, fold_term, words
from .index import Index, day_number
from .query import (
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

__all__ = ["Hit", "QueryError", "SearchResult", "Segment", "search"]

Segment = tuple[str, bool]  # (text, matched)

NAME_FIELDS = ("name", "aliases", "idwords", "links")
WORD_FIELDS = (*NAME_FIELDS, "prose")
SNIPPET_CHARS = 180
POOL = 200


@dataclass(slots=True)
class Hit:
    id: str
    kind: str
    title: str
    date: str
    score: float
    briefings: list[str]
    snippet: list[Segment]
    tier: int = 2

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
        entity = self.index.library.entities.get(value.lower())
        if entity is not None and entity.kind == kind:
            return [entity.id]
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
        parts: list[Q.Query] = []
        if rng.start is not None:
            first = rng.start.key
            first = (first[0], first[1] or 1, first[2] or 1)
            parts.append(Q.NumericRange("start", day_number(first), None))
        if rng.end is not None:
            parts.append(Q.NumericRange("end", None, day_number(rng.end.last_key)))
        return Q.And(parts) if len(parts) > 1 else parts[0]


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
        result = _run(searcher, node, base, kind, limit, snippets)
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
    searcher: Any, node: Node | None, base: Q.Query, kind: str | None, limit: int, snippets: bool
) -> SearchResult:
    """Run an already built query (filtered to ``kind``): ranked hits and the full count."""
    limit = max(1, limit)
    q = Q.And([Q.Term("kind", kind), base]) if kind else base
    wanted = positive_words(node)
    if not _scored(node):
        results = searcher.search(q, limit=limit, sortedby="sortdate", reverse=True)
        hits = [_hit(r, 0.0, 2, frozenset(), snippets) for r in results]
        return SearchResult("", len(results), hits)
    results = searcher.search(q, limit=max(POOL, limit), terms=True)
    terms = _highlight_terms(wanted)
    exact = " ".join(words(" ".join(w.text for w in wanted if _plain(w))))
    ranked = []
    for r in results:
        tier = _tier(r, exact, terms)
        ranked.append((tier, -round(r.score, 1), -int(r["sortdate"]), r))
    ranked.sort(key=lambda t: t[:3])
    hits = []
    for tier, _, _, r in ranked[:limit]:
        matched = {_decode(t) for f, t in r.matched_terms() if f in ("prose", "plain", "ngram")}
        hits.append(_hit(r, r.score, tier, frozenset(matched) | terms, snippets))
    return SearchResult("", len(results), hits, terms=terms)


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


def _hit(result: Any, score: float, tier: int, terms: frozenset[str], snippets: bool) -> Hit:
    briefings = [b for b in str(result.get("briefing", "")).split(",") if b]
    return Hit(
        id=result["id"],
        kind=result["kind"],
        title=result.get("name", result["id"]),
        date=result.get("date", ""),
        score=float(score),
        briefings=briefings,
        snippet=snippet(str(result.get("prose", "")), terms) if snippets else [],
        tier=tier,
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
    index: Index, text: str, *, per_kind: int = 500, as_you_type: bool = True
) -> PaneResults:
    """Search once per kind, titles only: the lists of the app. Raises :class:`QueryError`."""
    node = _prepare(text, as_you_type)
    panes: dict[str, tuple[int, list[Hit]]] = {}
    terms: frozenset[str] = frozenset()
    with index.shared_searcher() as searcher:
        builder = _Builder(index, searcher)  # the query is parsed and built once, not per pane
        base: Q.Query = builder.build(node) if node is not None else Q.Every()
        for kind in KINDS:
            result = _run(searcher, node, base, kind, per_kind, snippets=False)
            panes[kind] = (result.total, result.hits)
            terms = result.terms or terms
        out = PaneResults(text, panes, terms, notes=builder.notes)
        literal = parse(text)  # did-you-mean reads the last word as typed, not as a prefix
        if out.total == 0 and _scored(literal):
            out.suggestion = _suggest(index, searcher, text, positive_words(literal), None)
    return out


# --------------------------------------------------------------------------------------------
# Snippets


def _matches(token: str, terms: frozenset[str]) -> bool:
    folded = fold_term(token)
    if folded in terms:
        return True
    # a stemmed or prefix term matches the start of the word ("meet" in "meetings")
    return any(len(t) >= 3 and folded.startswith(t) for t in terms)


def mark(text: str, terms: frozenset[str]) -> list[Segment]:
    """``text`` cut into segments, the words matching ``terms`` marked."""
    if not terms:
        return [(text, False)] if text else []
    out: list[Segment] = []
    index = 0
    for m in WORD_RE.finditer(text):
        if _matches(m.group(), terms):
            if m.start() > index:
                out.append((text[index : m.start()], False))
            out.append((m.group(), True))
            index = m.end()
    if index < len(text):
        out.append((text[index:], False))
    return out


def _match_starts(text: str, terms: frozenset[str]) -> list[int]:
    """Where the words matching ``terms`` start (words as the index cuts them)."""
    return [m.start() for m in WORD_RE.finditer(text) if _matches(m.group(), terms)]


def snippet(text: str, terms: frozenset[str], width: int = SNIPPET_CHARS) -> list[Segment]:
    """A window of about ``width`` characters of ``text`` around its best match."""
    flat = " ".join(text.split())
    if not flat:
        return []
    best_start = 0
    if terms:
        positions = _match_starts(flat, terms)
        if positions:
            # the window holding the most matches (positions are sorted: slide over them)
            best, best_count, right = positions[0], 0, 0
            for left, p in enumerate(positions):
                while right < len(positions) and positions[right] < p + width * 2 // 3:
                    right += 1
                if right - left > best_count:
                    best, best_count = p, right - left
            best_start = max(0, best - width // 4)
    if best_start:
        space = flat.find(" ", best_start)
        best_start = space + 1 if 0 <= space < best_start + 20 else best_start
    end = min(len(flat), best_start + width)
    if end < len(flat):
        space = flat.rfind(" ", best_start, end)
        end = space if space > best_start + width // 2 else end
    window = flat[best_start:end]
    segments = mark(window, terms)
    if best_start > 0:
        segments.insert(0, ("…", False))
    if end < len(flat):
        segments.append(("…", False))
    return segments


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
