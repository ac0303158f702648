"""Ranked search results: what ``dragoman search`` prints, with snippets and did-you-mean.

Ranking a reader would call right: an exact name or alias match first, then the person or
organization the words typed name, then matches in names and titles, then matches in prose;
within each tier the index's BM25F score, ties broken by recency, then by id. An empty query
lists everything, newest first. Uses the query's compilation, scoring and collection (this
folder), the documents' text and the highlighting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as Q

from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.search.analysis import STOPS, words
from dragoman.search.collect import (
    POOL,
    _Found,
    _kind_sets,
    _newest_first,
    _Stored,
    best_scored,
)
from dragoman.search.compile import _Builder, _plain, _prepare, _scored
from dragoman.search.documents import prose_of
from dragoman.search.highlight import Segment, snippet
from dragoman.search.index import Index
from dragoman.search.query import (
    Node,
    Phrase,
    QueryError,
    Word,
    positive_words,
)
from dragoman.search.report import Partial
from dragoman.search.scoring import matching_docs, score_query


@dataclass(slots=True)
class Hit:
    id: str
    kind: str
    title: str
    date: str
    score: float
    snippet: list[Segment]
    tier: int = 3  # see _tier: 0 an exact name, 1 the entity named, 2 a name, 3 prose
    extra: str = ""  # what the lists show after the name
    status: str | None = None  # a proposal's
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
            "status": self.status if self.kind == "proposal" else None,
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
    partial: Partial | None = None  # answered during a first build, from part of the folder

    def to_json(self) -> dict[str, Any]:
        out = {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [h.to_json() for h in self.hits],
        }
        if self.partial is not None:
            out["partial"] = self.partial.to_json()
        return out


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
        result.partial = index.partial
        return result


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
            _hit(_Stored(searcher, docnum), 0.0, 3, frozenset(), snippets, library)
            for docnum in found[:limit]
        ]
        return SearchResult("", len(found), hits)
    # every match scored (the exact total comes with it), a block of postings at a time
    scored = score_query(searcher, q)
    scores = scored.scores
    best = best_scored(searcher, scores, scores.keys(), max(POOL, limit))
    # the people and organizations scored best join the pool however many events outscore
    # them: a name typed alone must find its entity among thousands of titles holding it
    kinds = _kind_sets(searcher)
    have = set(best)
    for named in NAMED_KINDS:
        of_kind = scores.keys() & kinds[named]
        best.extend(d for d in best_scored(searcher, scores, of_kind, NAMED_POOL) if d not in have)
    pool = [_Found(searcher, scored, docnum, scores[docnum]) for docnum in best]
    hits, terms = _rank(pool, wanted, limit, snippets, library)
    return SearchResult("", len(scored.scores), hits, terms=terms)


def _rank(
    candidates: list[Any],
    wanted: list[Word | Phrase],
    limit: int,
    snippets: bool,
    library: Library | None,
) -> tuple[list[Hit], frozenset[str]]:
    """The best ``limit`` of Whoosh's best-scored hits, in the reader's tiers (see
    :func:`_tier`); by score within a tier, newer first on ties, then by id."""
    terms = _highlight_terms(wanted)
    exact = " ".join(words(" ".join(w.text for w in wanted if _plain(w))))
    named = _named_words(wanted)
    ranked = []
    for r in candidates:
        tier = _tier(r, exact, terms, named)
        ranked.append((tier, -round(r.score, 1), -int(r["sortdate"]), str(r["id"]), r))
    ranked.sort(key=lambda t: t[:4])
    hits = []
    for tier, _, _, _, r in ranked[:limit]:
        matched: frozenset[str] = frozenset()
        if snippets:  # the terms as found, to mark in the snippet
            matched = frozenset(
                _decode(t) for f, t in r.matched_terms() if f in ("prose", "plain", "ngram")
            )
        hits.append(_hit(r, r.score, tier, matched | terms, snippets, library))
    return hits, terms


def _decode(term: Any) -> str:
    return term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)


def _highlight_terms(wanted: list[Word | Phrase]) -> frozenset[str]:
    out: set[str] = set()
    for w in wanted:
        out.update(t for t in words(w.text) if t not in STOPS)
    return frozenset(out)


# The kinds a name typed alone means first: a person, an organization; the best of each that
# join the pool of candidates whatever else scores higher.
NAMED_KINDS = ("person", "organization")
NAMED_POOL = 50


def _named_words(wanted: list[Word | Phrase]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words a name must hold whole, and those it must hold a word starting with (the last
    word while typing); None when the query cannot name an entity (a fuzzy word, or no word
    but little ones)."""
    whole: set[str] = set()
    starts: set[str] = set()
    for w in wanted:
        if isinstance(w, Word) and w.fuzzy:
            return None
        found = [t for t in words(w.text) if t not in STOPS]
        if isinstance(w, Word) and w.prefix:
            starts.update(found)
        else:
            whole.update(found)
    whole -= starts  # typing: the last word is whole or still being written
    if not whole and not starts:
        return None
    return frozenset(whole), frozenset(starts)


def _tier(
    result: Any,
    exact: str,
    terms: frozenset[str],
    named: tuple[frozenset[str], frozenset[str]] | None = None,
) -> int:
    """The reader's tiers: 0, a whole name, title or alias typed exactly; 1, a person or an
    organization one of whose names holds every word typed (whole, the last one also as the
    start of a word while typing); 2, other matches in names, titles, aliases and ids; 3,
    matches in prose only."""
    names = str(result.get("names", ""))
    lines = names.split("\n")
    if exact and (exact in lines or exact.replace(" ", "-") == result["id"]):
        return 0
    if named is not None and result.get("kind") in NAMED_KINDS:
        whole, starts = named
        for line in lines:
            held = line.split()
            if whole <= set(held) and all(any(h.startswith(s) for h in held) for s in starts):
                return 1
    name_words = set(names.split()) | set(str(result["id"]).split("-"))
    if terms and terms <= name_words:
        return 2
    if any(f in ("name", "aliases", "idwords", "ngram", "id") for f, _ in result.matched_terms()):
        return 2
    return 3


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
        status=fields.get("status"),
        item=item,
    )


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
