"""Text analysis for the search index: tokenizing, accent folding, stemming, n-grams.

Whoosh pickles the schema with the analyzers in it, so every piece here is a module-level class
or function that can be imported by name. Tokens keep their character offsets in the original
(NFC) text, so highlighted snippets line up with what the reader sees; only the token *text* is
folded: ``Chiến`` and ``Chien`` and ``CHIEN`` are all indexed and searched as ``chien``.

Uses Whoosh's analysis and :mod:`dragoman.text`.
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
    Token,
    Tokenizer,
)
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang import stemmer_for_language

from dragoman.text import fold


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


# "us" is the U.S. far more often than the pronoun in briefings; "it" may be IT.
STOPS = frozenset(STOP_WORDS - {"us", "it"})
NGRAM_MAX = 12


# The analyzers as chains of Whoosh filters: what the index means by names, prose and n-grams.
# The index uses the one-pass equivalents below (the tests hold them to these).


def composed_name_analyzer() -> CompositeAnalyzer:
    """Names and titles: folded, never stemmed."""
    return tokenizer() | FoldFilter()


def composed_prose_analyzer() -> CompositeAnalyzer:
    """Summaries, quotes and source text: folded, English stop words out, stemmed."""
    return (
        tokenizer() | FoldFilter() | StopFilter(stoplist=STOPS, minsize=1) | StemFilter(lang="en")
    )


def composed_ngram_analyzer() -> CompositeAnalyzer:
    """Search as you type: every start of every word of a name, ``g``, ``gi``, ``gia``..."""
    return tokenizer() | FoldFilter() | NgramFilter(1, NGRAM_MAX, at="start")


# One pass over the text instead of a chain of generators, with the folded and stemmed form of
# each distinct word remembered: indexing spends most of its time here.

_FOLDED: dict[str, str] = {}
_STEMMED: dict[str, str] = {}  # folded word -> its stem
_CACHE_LIMIT = 1_000_000
_stem = stemmer_for_language("en")


def _folded(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) > _CACHE_LIMIT:
            _FOLDED.clear()
        folded = _FOLDED[word] = fold_term(word)
    return folded


def _stemmed(folded: str) -> str:
    stem = _STEMMED.get(folded)
    if stem is None:
        if len(_STEMMED) > _CACHE_LIMIT:
            _STEMMED.clear()
        stem = _STEMMED[folded] = _stem(folded)
    return stem


class WordAnalyzer(Tokenizer):  # type: ignore[misc]
    """The whole analysis of one field in one pass: ``name`` (folded words), ``prose``
    (folded, stop words out and positions renumbered, stemmed) or ``ngram`` (every start of
    every folded word, up to :data:`NGRAM_MAX` letters)."""

    def __init__(self, kind: str) -> None:
        if kind not in ("name", "prose", "ngram"):
            raise ValueError(kind)
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordAnalyzer) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash((WordAnalyzer, self.kind))

    def __repr__(self) -> str:
        return f"WordAnalyzer({self.kind!r})"

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            matches: Iterator[tuple[str, int, int]] = (
                (m.group(), m.start(), m.end()) for m in WORD_RE.finditer(value)
            )
        else:
            matches = iter([(value, 0, len(value))])
        kind = self.kind
        kept = None  # the position of the last word kept (prose renumbers around stop words)
        for raw, (word, start, end) in enumerate(matches, start_pos):
            folded = _folded(word)
            if not folded:
                continue
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = word
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            if kind == "prose":
                if folded in STOPS:
                    if removestops:
                        continue
                    t.stopped = True
                    t.text = folded
                    if positions:
                        t.pos = raw
                    yield t
                    continue
                t.text = _stemmed(folded)
                if positions:
                    kept = raw if kept is None else kept + 1
                    t.pos = kept
                yield t
            elif kind == "ngram":
                if positions:
                    t.pos = raw
                if mode == "query":
                    size = min(NGRAM_MAX, len(folded))
                    t.text = folded[:size]
                    if chars:
                        t.endchar = t.startchar + size
                    yield t
                    continue
                for size in range(1, min(NGRAM_MAX, len(folded)) + 1):
                    t.text = folded[:size]
                    if chars:
                        t.endchar = start_char + start + size
                    yield t
            else:
                t.text = folded
                if positions:
                    t.pos = raw
                yield t


def name_analyzer() -> WordAnalyzer:
    """Names and titles: folded, never stemmed."""
    return WordAnalyzer("name")


def prose_analyzer() -> WordAnalyzer:
    """Summaries, quotes and source text: folded, English stop words out, stemmed."""
    return WordAnalyzer("prose")


def ngram_analyzer() -> WordAnalyzer:
    """Search as you type: every start of every word of a name, ``g``, ``gi``, ``gia``..."""
    return WordAnalyzer("ngram")


def words(text: str) -> list[str]:
    """The folded words of ``text`` as the name analyzer sees them."""
    return [w for w in (fold_term(m.group()) for m in WORD_RE.finditer(text)) if w]


# Whoosh looks analyzers up by module path when it unpickles a schema.
sys.modules.setdefault("dragoman.analysis", sys.modules[__name__])
