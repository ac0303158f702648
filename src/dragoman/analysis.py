"""Text analysis for the search index: tokenizing, accent folding, stemming, n-grams.

Whoosh pickles the schema with the analyzers in it, so every piece here is a module-level class
or function that can be imported by name. Tokens keep their character offsets in the original
(NFC) text, so highlighted snippets line up with what the reader sees; only the token *text* is
folded: ``Chiến`` and ``Chien`` and ``CHIEN`` are all indexed and searched as ``chien``.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Filter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import STOP_WORDS

from .text import fold


def _mark_ranges() -> str:
    """A regex class body for every combining mark in the Basic Multilingual Plane."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


# A word: letters, digits and the marks that belong to them (Thai vowels, Devanagari signs,
# combining accents in text that was not composed), joined by inner apostrophes or dots so
# that "U.S." and "O'Brien" stay one word.
_WORD_CHARS = f"[^\\W_]|[{_mark_ranges()}]"
WORD_PATTERN = rf"(?:{_WORD_CHARS})+(?:['’.](?:{_WORD_CHARS})+)*"
WORD_RE = re.compile(WORD_PATTERN)


def fold_term(text: str) -> str:
    """How one word is indexed and searched: NFC, accents folded, case folded, no apostrophes."""
    if text.isascii():
        return text.lower().replace("'", "").replace(".", "")
    return _fold_word(text)


@functools.lru_cache(maxsize=262_144)
def _fold_word(text: str) -> str:
    folded = fold(unicodedata.normalize("NFC", text)).casefold()
    return folded.replace("'", "").replace("’", "").replace(".", "")


class FoldFilter(Filter):  # type: ignore[misc]
    """Replace each token's text with its folded form; offsets are left as they were."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoldFilter)

    def __hash__(self) -> int:
        return hash(FoldFilter)

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for t in tokens:
            t.text = fold_term(t.text)
            if t.text:
                yield t


def tokenizer() -> RegexTokenizer:
    return RegexTokenizer(expression=WORD_RE)


def name_analyzer() -> CompositeAnalyzer:
    """Names and titles: folded, never stemmed."""
    return tokenizer() | FoldFilter()


# "us" is the U.S. far more often than the pronoun in briefings; "it" may be IT.
STOPS = frozenset(STOP_WORDS - {"us", "it"})


def prose_analyzer() -> CompositeAnalyzer:
    """Summaries, quotes and source text: folded, English stop words out, stemmed."""
    return (
        tokenizer() | FoldFilter() | StopFilter(stoplist=STOPS, minsize=1) | StemFilter(lang="en")
    )


NGRAM_MAX = 12


def ngram_analyzer() -> CompositeAnalyzer:
    """Search as you type: every start of every word of a name, ``g``, ``gi``, ``gia``..."""
    return tokenizer() | FoldFilter() | NgramFilter(1, NGRAM_MAX, at="start")


def words(text: str) -> list[str]:
    """The folded words of ``text`` as the name analyzer sees them."""
    return [w for w in (fold_term(m.group()) for m in WORD_RE.finditer(text)) if w]


# Whoosh looks analyzers up by module path when it unpickles a schema.
sys.modules.setdefault("dragoman.analysis", sys.modules[__name__])
