"""How close a draft comes to a briefing made by hand from the same article: recall and
precision per kind (people, organizations, countries, events, proposals).

People and organizations match by id; countries are the codes on people, organizations and
events. Events match when their dates are equal, their kind or place is, and they share a
person (chairs and participants), one to one. A proposal matches when the draft's quote and
the hand-made proposal's source sentence hold one another: the sentence holding its quote,
or, when it has none, the sentence of the text sharing the most words with its title and
summary (each word weighing less the more sentences hold it; the next best too when it weighs
nearly as much). Uses the briefings' loader and the draft.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from dragoman.briefings.loader import parse_briefing_bytes, parse_briefing_file
from dragoman.briefings.parsed import Declaration, ParsedBriefing
from dragoman.draft.article import article_from_text
from dragoman.draft.tokens import sentences

KINDS = ("people", "organizations", "countries", "events", "proposals")
_WORD = re.compile(r"[a-z]{4,}")
_COMMON_WORDS = "that this with from their have will which were been also both such"
_COMMON = frozenset(w[:5] for w in _COMMON_WORDS.split())


@dataclass(frozen=True, slots=True)
class Score:
    """One kind's figures: how many the draft has and the hand-made briefing has, how many of
    each matched."""

    drafted: int
    expected: int
    drafted_matched: int
    expected_matched: int

    @property
    def recall(self) -> float:
        return self.expected_matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.drafted_matched / self.drafted if self.drafted else 1.0


def _of(parsed: ParsedBriefing, kind: str) -> list[Declaration]:
    return [d for d in parsed.declarations if d.kind == kind]


def _ids(draft: ParsedBriefing, hand: ParsedBriefing, kind: str) -> Score:
    a = {d.id for d in _of(draft, kind)}
    b = {d.id for d in _of(hand, kind)}
    return Score(len(a), len(b), len(a & b), len(a & b))


def _countries(parsed: ParsedBriefing) -> set[str]:
    return {
        c
        for d in parsed.declarations
        if d.kind != "proposal" and (c := d.text("country")) is not None
    }


def _people(d: Declaration) -> set[str]:
    return set(d.items("chairs")) | set(d.items("participants"))


def _events(draft: ParsedBriefing, hand: ParsedBriefing) -> Score:
    drafted, expected = _of(draft, "event"), _of(hand, "event")
    used: set[str] = set()
    matched = 0
    for h in expected:
        for d in drafted:
            if d.id in used or d.text("date") != h.text("date"):
                continue
            same = d.text("kind") == h.text("kind") or (
                d.text("place") is not None and d.text("place") == h.text("place")
            )
            shared = not _people(h) or not _people(d) or bool(_people(h) & _people(d))
            if same and shared:
                used.add(d.id)
                matched += 1
                break
    return Score(len(drafted), len(expected), matched, matched)


def _form(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


def _words(text: str) -> set[str]:
    """Word stems: the first five letters of each word of four or more."""
    return {w[:5] for w in _WORD.findall(text.lower())} - _COMMON


def source_sentences(proposal: Declaration, text: str) -> list[str]:
    """The sentences of ``text`` a hand-made proposal was made from: the one holding its
    quote; else the one whose words weigh most in its title (twice) and summary, each word
    weighing less the more sentences hold it, with the next best when it weighs four fifths
    of it or more (a proposal told over two sentences)."""
    found = [s.text for s in sentences(article_from_text(text))]
    quote = proposal.text("quote")
    if quote:
        for s in found:
            if _form(quote) in _form(s):
                return [s]
    stems = [_words(s) for s in found]
    df: dict[str, int] = {}
    for words in stems:
        for w in words:
            df[w] = df.get(w, 0) + 1
    title = _words(proposal.text("title") or "")
    summary = _words(proposal.text("summary") or "")

    def score(i: int) -> float:
        weight = 0.0
        for w in stems[i] & (title | summary):
            weight += (2 if w in title else 1) * math.log(1 + len(found) / df[w])
        return weight

    ranked = sorted(range(len(found)), key=lambda i: -score(i))[:2]
    if not ranked or score(ranked[0]) <= 0:
        return []
    return [found[i] for i in ranked if score(i) >= score(ranked[0]) * 4 / 5]


def _proposals(draft: ParsedBriefing, hand: ParsedBriefing) -> Score:
    text = hand.text or ""
    sources = [[_form(s) for s in source_sentences(p, text)] for p in _of(hand, "proposal")]
    quotes = [_form(p.text("quote") or "") for p in _of(draft, "proposal")]

    def same(a: str, b: str) -> bool:
        return bool(a) and bool(b) and (a in b or b in a)

    expected_matched = sum(any(same(s, q) for q in quotes for s in group) for group in sources)
    drafted_matched = sum(any(same(s, q) for g in sources for s in g) for q in quotes)
    return Score(len(quotes), len(sources), drafted_matched, expected_matched)


def compare(draft: ParsedBriefing, hand: ParsedBriefing) -> dict[str, Score]:
    """The figures of a draft against the briefing made by hand from the same article."""
    a, b = _countries(draft), _countries(hand)
    return {
        "people": _ids(draft, hand, "person"),
        "organizations": _ids(draft, hand, "organization"),
        "countries": Score(len(a), len(b), len(a & b), len(a & b)),
        "events": _events(draft, hand),
        "proposals": _proposals(draft, hand),
    }


def measure(
    article: Path, hand: Path, library: Path | None, published: str | None
) -> dict[str, Score]:
    """Draft ``article`` against the library at ``library`` (none: an empty one) and compare
    with the hand-made briefing ``hand``."""
    from dragoman.draft.compose import Options, draft_file, draft_yaml
    from dragoman.library.library import load_library

    loaded = load_library(library) if library is not None else None
    made = draft_file(article, loaded, Options(published=published, name=article.name))
    parsed = parse_briefing_bytes("draft.yaml", draft_yaml(made).encode("utf-8"))
    return compare(parsed, parse_briefing_file(hand, hand.name))


def table(scores: dict[str, Score]) -> str:
    """The figures as a Markdown table."""
    rows = ["| kind | drafted | hand-made | recall | precision |", "|---|---:|---:|---:|---:|"]
    for kind in KINDS:
        s = scores[kind]
        rows.append(f"| {kind} | {s.drafted} | {s.expected} | {s.recall:.0%} | {s.precision:.0%} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m dragoman.draft.measure ARTICLE HAND [LIBRARY] [PUBLISHED]
    args = sys.argv[1:]
    lib = Path(args[2]) if len(args) > 2 and args[2] != "-" else None
    print(table(measure(Path(args[0]), Path(args[1]), lib, args[3] if len(args) > 3 else None)))
