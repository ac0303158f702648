"""The shape of an organization's name in an article: runs of capitalised words that may be one
(``the Ministry of Defence of the Kingdom of Thailand``), where such a run ends (a rank or an
honorific begins a person, ``and the`` another name, a possessive closes it), the country that
closes a ministry's name, and the pieces its id is made of (initials, acronyms).

Uses the tokens, the countries and the vocabulary of the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.draft.countries import country_code
from dragoman.draft.tokens import Sentence, Token
from dragoman.draft.vocab import HONORIFICS, ORG_HEADS, RANKS, key
from dragoman.text import slugify

CONNECT = frozenset(("of", "the", "on", "for", "and", "de"))
# possessives that belong inside a name: "the People's Liberation Army", "Vietnam People's Army"
_NAME_POSSESSIVES = frozenset(("people",))
_GAP = re.compile(r"\s+|\s*[-–]\s*|\s+&\s+|\s+and\s+")


def acronym_slug(acronym: str) -> str:
    """``ADMM+`` -> ``admm-plus``: a plus is a word in an id."""
    return slugify(acronym.replace("+", " plus "))


def initials(words: list[str]) -> str:
    out = []
    for word in words:
        for part in re.split(r"[-–]", word):
            part = part.strip("'’")
            if part and key(part) not in CONNECT and part[0].isalnum():
                out.append(part[0].lower())
    return "".join(out)


@dataclass(slots=True)
class Run:
    sentence: Sentence
    first: int
    last: int  # inclusive

    def text(self, a: int | None = None, b: int | None = None) -> str:
        s, t = self.sentence, self.sentence.tokens
        a = self.first if a is None else a
        b = self.last if b is None else b
        return s.text[t[a].start - s.start : t[b].end - s.start]


# what stands between a ministry's name and the country closing it: "Ministry of Defence of the
# Kingdom of Thailand"
_STATE_WORDS = frozenset(("of", "the", "kingdom", "republic", "socialist", "federation", "union"))


def trailing_country(name: str) -> tuple[str, str] | None:
    """A ministry's name without the country closing it, and that country's code: "Ministry of
    Defence Malaysia", "... of Indonesia", "... of the Kingdom of Thailand"; else None."""
    words = name.split()
    if words[0] not in ("Ministry", "Department"):
        return None
    for n in (2, 1):
        code = country_code(" ".join(words[-n:])) if len(words) > n + 1 else None
        if code:
            rest = words[:-n]
            while rest and rest[-1].lower() in _STATE_WORDS:
                rest.pop()
            return (" ".join(rest), code) if len(rest) >= 2 else None
    return None


# the first words of ranks and honorifics: after an organization's head word, a person begins
# ("the Defence Force Vice Admiral Aaron Beng", "the Ministry of Defence Malaysia Datuk ...")
_PERSON_START = frozenset(p[0] for p in (*RANKS, *HONORIFICS))


def ends_before(t: list[Token], first: int, last: int) -> bool:
    """Whether a run of capitalised words from ``first`` to ``last`` ends there: a rank or an
    honorific follows a head word already in it, or ``and the`` begins another name."""
    nxt = t[last + 1]
    headed = any(t[x].key in ORG_HEADS and t[x].cap for x in range(first, last + 1))
    person = nxt.key in _PERSON_START and nxt.cap
    other = nxt.key == "and" and last + 2 < len(t) and t[last + 2].key == "the"
    return headed and (person or other)


def capital_runs(s: Sentence) -> list[Run]:
    """Runs of capitalised words (with of, the, on, and, & between) holding a head word."""
    out = []
    t = s.tokens
    i = 0
    while i < len(t):
        if not (t[i].cap or t[i].acronym) or (t[i].possessive and not country_code(t[i].text)):
            i += 1
            continue
        j = i
        while j + 1 < len(t):
            gap = s.text[t[j].end - s.start : t[j + 1].start - s.start]
            nxt = t[j + 1]
            # a possessive ends a name, but for a plural's, a name's own and a country's
            inside = t[j].text.endswith(("s'", "s’")) or t[j].key in _NAME_POSSESSIVES
            if not _GAP.fullmatch(gap) or (
                t[j].possessive and not inside and not country_code(t[j].text)
            ):
                break
            if ends_before(t, i, j):
                break
            if nxt.cap or nxt.acronym or (nxt.key in CONNECT and not nxt.cap):
                j += 1
            else:
                break
        while j > i and t[j].key in CONNECT and not t[j].cap:
            j -= 1
        run = Run(s, i, j)
        if any(t[x].key in ORG_HEADS for x in range(i, j + 1)):
            out.append(run)
        i = j + 1
    return out
