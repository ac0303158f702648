"""The shape of a person's name in an article: which words may be part of one, the ranks and
honorifics before it (a phrase of words), a family name written in capitals before the given
name (``NAKATANI Gen``, ``AHN Gyu-back``) and a short rank that is a given name (``Defense
Minister Gen Nakatani``).

Uses the tokens, the countries and the vocabulary of the draft.
"""

from __future__ import annotations

import re

from dragoman.draft.countries import country_code
from dragoman.draft.tokens import Sentence, Token
from dragoman.draft.vocab import (
    DOMAIN_WORDS,
    EVENT_HEADS,
    NOT_NAME,
    OFFICE_HEADS,
    ORG_HEADS,
    TITLE_WORDS,
)

_GAP = re.compile(r"\.?\s+")
_ROMAN = re.compile(r"[IVXLC]+")
_SHAPE = re.compile(r"[^\W\d_][\w'’\-]*")


def between(s: Sentence, a: Token, b: Token) -> str:
    return s.text[a.end - s.start : b.start - s.start]


def adjacent(s: Sentence, a: Token, b: Token) -> bool:
    return _GAP.fullmatch(between(s, a, b)) is not None


def country_token(t: Token) -> str | None:
    if not t.cap:
        return None
    return country_code(t.text)


def name_word(t: Token) -> bool:
    """A word that may be part of a person's name."""
    if not t.cap or t.acronym or not _SHAPE.fullmatch(t.text):
        return False
    k = t.key
    if k in NOT_NAME or k in OFFICE_HEADS or k in DOMAIN_WORDS or k in ORG_HEADS:
        return False
    if k in EVENT_HEADS or country_token(t):
        return False
    return not ("-" in k and any(country_code(p) or p.isupper() for p in t.text.split("-")))


def family_in_capitals(s: Sentence, tokens: list[Token], k: int) -> bool:
    """A family name in capitals before a given name, as East Asian readouts write them
    (``NAKATANI Gen``, ``AHN Gyu-back``): letters only, then a name word, no space between."""
    t = tokens[k]
    return (
        t.acronym
        and t.text.isalpha()
        and 2 <= len(t.text) <= 12
        and k + 1 < len(tokens)
        and adjacent(s, t, tokens[k + 1])
        and name_word(tokens[k + 1])
        and not country_code(t.text)
        and not _ROMAN.fullmatch(t.text)  # "Minister of Defence II Pehin ..."
    )


def family_titled(name: str) -> str:
    """``NAKATANI Gen`` -> ``Nakatani Gen``: a family name in capitals, as other names are."""
    first, _, rest = name.partition(" ")
    if rest and first.isupper() and len(first) > 1 and not rest.isupper():
        return f"{first.title()} {rest}"
    return name


def rank_is_given_name(s: Sentence, tokens: list[Token], rank: tuple[int, int]) -> bool:
    """Whether a one-word rank written without its full stop (``Gen``) is the given name of a
    one-word name after an office: ``Defense Minister Gen Nakatani``."""
    a, b = rank
    if b - a != 1 or a == 0 or tokens[a - 1].key not in TITLE_WORDS:
        return False
    t = tokens[a]
    after = s.text[t.end - s.start : t.end - s.start + 1]
    return after != "." and t.text.istitle() and t.key in _ABBREVIATED_RANKS


# ranks written short that are also given names (Gen, a Japanese one)
_ABBREVIATED_RANKS = frozenset(("gen", "col", "maj", "capt", "lt", "adm", "brig"))


def phrase(tokens: list[Token], i: int, phrases: tuple[tuple[str, ...], ...], s: Sentence) -> int:
    for phrase in phrases:
        n = len(phrase)
        if i + n > len(tokens):
            continue
        if all(tokens[i + k].key == phrase[k] for k in range(n)) and all(
            adjacent(s, tokens[i + k], tokens[i + k + 1]) for k in range(n - 1)
        ):
            return n
    return 0
