"""Naming a party on the command line or in a filter: a country by code or name, or a person or
an organization by id or by name (accents and case ignored, words in any order, a word may be
the start of one: ``russia`` for the Russian Federation).

:func:`resolve_party` gives one :class:`Party` or raises :class:`PartyError`, whose message says
what to write instead: the people a name fits when it fits several, the nearest names when it
fits nobody. Uses the model and :mod:`dragoman.text`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from dragoman.briefings.fields import COUNTRY_CODES
from dragoman.library.countries import country_labels, country_name
from dragoman.library.merge import MergedLibrary
from dragoman.library.model import Entity
from dragoman.text import fold

PartyKind = Literal["person", "organization", "country"]


PARTY_KINDS: tuple[PartyKind, ...] = ("person", "organization", "country")


_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Party:
    """A person, an organization (``key`` its id) or a country (``key`` its ISO code)."""

    key: str
    kind: PartyKind
    name: str


class PartyError(ValueError):
    """A name that fits nobody, or several: ``message`` says what to write instead."""

    def __init__(self, message: str, candidates: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = list(candidates)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text).casefold())


def _labels(entity: Entity) -> list[str]:
    return [entity.name, *entity.items("aliases"), entity.id.replace("-", " ")]


def party_of(library: MergedLibrary, key: str) -> Party | None:
    """The party a key names exactly (an id or a code), if any."""
    entity = library.entities.get(key)
    if entity is not None and entity.kind in ("person", "organization"):
        return Party(entity.id, entity.kind, entity.name)
    if key in COUNTRY_CODES:
        return Party(key, "country", country_name(key))
    return None


def _describe(kinds: tuple[PartyKind, ...]) -> str:
    nouns = {"person": "person", "organization": "organization", "country": "country"}
    named = [nouns[k] for k in kinds]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def resolve_party(
    library: MergedLibrary, text: str, kinds: tuple[PartyKind, ...] = PARTY_KINDS
) -> Party:
    """The one party ``text`` names: an id, a country code (any case, when no id is spelt so),
    or words of a name or alias. Raises :class:`PartyError`."""
    raw = text.strip()
    if not raw:
        raise PartyError(f"give a {_describe(kinds)}, e.g. VN or phan-van-giang")
    entity = library.entities.get(raw.lower())
    if entity is not None and entity.kind in kinds:
        return Party(entity.id, entity.kind, entity.name)
    if "country" in kinds and len(raw) == 2 and raw.upper() in COUNTRY_CODES:
        return Party(raw.upper(), "country", country_name(raw.upper()))
    wanted = _words(raw)
    if not wanted:
        raise PartyError(f"{raw!r} names no {_describe(kinds)}; give an id, a name or a code")
    exact: list[Party] = []
    fits: list[Party] = []
    for party, labels in _candidates(library, kinds):
        for label in labels:
            have = _words(label)
            if have == wanted:
                exact.append(party)
                break
            if all(any(h.startswith(w) for h in have) for w in wanted):
                fits.append(party)
                break
    found = exact or fits
    if len(found) == 1:
        return found[0]
    if found:
        found.sort(key=lambda p: (PARTY_KINDS.index(p.kind), p.key))
        shown = ", ".join(f"{p.name} ({p.key})" for p in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise PartyError(
            f"{raw!r} names {len(found)}: {shown}{more}; give the id or code of the one you mean",
            [p.key for p in found],
        )
    close = _nearest(library, raw, kinds)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if "country" in kinds and len(raw) == 2:
        hint += " (a country is its ISO 3166-1 alpha-2 code, e.g. VN, or its name)"
    raise PartyError(f"{raw!r} names no {_describe(kinds)}{hint}", close)


def _candidates(
    library: MergedLibrary, kinds: tuple[PartyKind, ...]
) -> Iterator[tuple[Party, list[str]]]:
    for entity in library.entities.values():
        if entity.kind in kinds:
            yield Party(entity.id, entity.kind, entity.name), _labels(entity)
    if "country" in kinds:
        for code, labels in country_labels().items():
            yield Party(code, "country", country_name(code)), labels


def _nearest(library: MergedLibrary, text: str, kinds: tuple[PartyKind, ...]) -> list[str]:
    labels: dict[str, str] = {}
    for party, names in _candidates(library, kinds):
        for label in names:
            labels.setdefault(" ".join(_words(label)), party.key)
    wanted = " ".join(_words(text))
    close = difflib.get_close_matches(wanted, list(labels), n=3, cutoff=0.6)
    return list(dict.fromkeys(labels[c] for c in close))
