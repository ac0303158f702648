"""Sentences and words of an article, as spans of its text, so that a quote is always the
text exactly as it stands.

A full stop after a rank or title (``Gen.``, ``Dr.``) or an initial never ends a sentence; one
after a dotted abbreviation (``the U.S. He said``) does when a sentence opener follows.
Uses :mod:`dragoman.draft.vocab` and the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dragoman.draft.article import Article
from dragoman.draft.vocab import key


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w(?:[\w'’\-]*\w)?\+*['’]?")
_BREAK = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘(*\[]?[^\W_a-z])")
_ABBREVIATIONS = _words(
    "mr mrs ms dr prof gen lt col maj capt sen lieut brig adm sgt st no vs jr sr hon rev gov rep "
    "inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e cf al fig dept "
    "univ assn bros cmdr cdr comdr pres sec amb h.e"
)
_OPENERS = _words(
    "he she it they the this these that those in on at but and as we i both also however his "
    "her their its a an there then meanwhile"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word: its text, where it stands, its folded form and its shape."""

    text: str
    start: int
    end: int
    key: str  # folded, lowercased, a possessive 's dropped
    cap: bool  # starts with a capital letter
    possessive: bool
    acronym: bool  # ASEAN, ADMM+, U.S.


@dataclass(slots=True)
class Sentence:
    """A sentence: its span of the text, its paragraph (from 0) and its words."""

    start: int
    end: int
    paragraph: int
    index: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    heading: bool = False


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        folded = key(word).replace("’", "'")
        possessive = folded.endswith(("'s", "s'")) and len(folded) > 2
        if folded.endswith("'s"):
            base = folded[:-2]
        elif folded.endswith("'") and not folded.endswith("o'"):  # Ministers' (not Dato')
            base = folded[:-1]
        else:
            base = folded
        letters = [c for c in word if c.isalpha()]
        acronym = (
            len(letters) >= 2
            and all(c.isupper() for c in letters if c != "s")
            and (sum(c.isupper() for c in letters) >= 2)
        )
        out.append(
            Token(
                word,
                m.start() + offset,
                m.end() + offset,
                base,
                word[:1].isupper(),
                possessive,
                acronym,
            )
        )
    return out


def _splits(text: str) -> list[int]:
    """Where sentences end inside one paragraph (offsets just after each one's last mark)."""
    cuts: list[int] = []
    for m in _BREAK.finditer(text):
        mark = m.group().rstrip()
        before = text[: m.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        if mark.startswith(".") and mark.rstrip("\"”’')]") == ".":
            bare = key(word).strip('("“')
            if bare in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word):
                continue
            if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # U.S: ends only before an opener
                after = text[m.end() :].split(None, 1)
                if not after or after[0].lower().strip('"“') not in _OPENERS:
                    continue
        cuts.append(m.start() + len(mark))
    return cuts


def sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article, in order."""
    out: list[Sentence] = []
    for number, (start, end) in enumerate(article.paragraphs):
        body = article.text[start:end]
        heading = number in article.headings
        begin = 0
        for cut in [*_splits(body), len(body)]:
            piece = body[begin:cut]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                s0 = start + begin + lead
                sentence = Sentence(s0, s0 + len(piece), number, len(out), piece, heading=heading)
                sentence.tokens = tokenize(piece, s0)
                out.append(sentence)
            begin = cut
    return out
