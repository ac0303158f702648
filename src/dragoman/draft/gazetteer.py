"""What the library already knows, indexed for the draft: people by their name's words (in any
order, honorifics and ranks left out) and by each word alone, organizations by name, alias and
acronym, ministries by country, the places of events with their countries, and every id taken.

:meth:`Gazetteer.from_library` builds it once from a loaded library (or
:meth:`Gazetteer.from_briefings` from briefings as parsed, not merged); each look-up is a dict
access on normalised words, never a scan of the library. Uses the library's entities, the
briefings' declarations and :mod:`dragoman.draft.vocab`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from dragoman.briefings.fields import NAME_FIELD, EntityKind
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.draft.vocab import HONORIFICS, RANKS, key
from dragoman.library.library import Library

_SPELLING = {
    "defense": "defence",
    "organization": "organisation",
    "center": "centre",
    "program": "programme",
    "labor": "labour",
}
_NOT_WORD = re.compile(r"[^\w+&]+")
_TITLE_WORDS = frozenset(w.replace("'", "") for phrase in (*HONORIFICS, *RANKS) for w in phrase)
_CONNECTORS = frozenset(("the", "of", "and", "for", "on", "in", "s"))


@functools.lru_cache(maxsize=65_536)  # a library declares one name in many briefings
def normalise(text: str) -> str:
    """A name as look-ups compare it: folded, lowercased, punctuation and a leading ``the``
    dropped, British and American spellings made one."""
    words = _NOT_WORD.sub(" ", key(text).replace("'s ", " ").replace("'", "")).split()
    words = [_SPELLING.get(w, w) for w in words]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def person_key(name: str) -> str:
    """A person's name as a set of words: ``Dato' Seri Mohamed Khaled bin Nordin`` and
    ``Nordin Mohamed Khaled bin`` give one key."""
    words = [w for w in normalise(name).split() if w not in _TITLE_WORDS]
    return " ".join(sorted(words))


def person_words(name: str) -> list[str]:
    return [w for w in normalise(name).split() if w not in _TITLE_WORDS and len(w) > 1]


class Declared(Protocol):
    """An entity as the library merged it, or as one briefing declares it."""

    @property
    def kind(self) -> EntityKind: ...

    @property
    def id(self) -> str: ...

    @property
    def values(self) -> Mapping[str, object]: ...

    def text(self, name: str) -> str | None: ...

    def items(self, name: str) -> list[str]: ...


@dataclass(slots=True)
class KnownOrg:
    id: str
    name: str
    kind: str | None
    country: str | None


@dataclass(slots=True)
class Gazetteer:
    """The library's names, ready for the draft's look-ups."""

    people: dict[str, str] = field(default_factory=dict)  # person key -> id
    person_names: dict[str, str] = field(default_factory=dict)  # id -> name
    person_word: dict[str, set[str]] = field(default_factory=dict)  # one word -> ids
    orgs: dict[str, str] = field(default_factory=dict)  # normalised name or alias -> id
    org_info: dict[str, KnownOrg] = field(default_factory=dict)
    ministries: dict[str, list[KnownOrg]] = field(default_factory=dict)  # country -> orgs
    places: dict[str, str] = field(default_factory=dict)  # normalised place -> country
    event_dates: dict[str, str] = field(default_factory=dict)  # event id -> its date
    kinds: dict[str, str] = field(default_factory=dict)  # every id taken -> its kind

    @classmethod
    def from_library(cls, library: Library | None) -> Gazetteer:
        if library is None:
            return cls()
        return cls._from(library.entities.values(), list(library.briefings))

    @classmethod
    def from_briefings(cls, parsed: Iterable[ParsedBriefing]) -> Gazetteer:
        """The same from briefings as parsed, not merged into a library (what the index read,
        :func:`dragoman.search.known.read_briefings`): every declaration of an id adds its
        names; an organization's kind and country are its latest briefing's."""
        ordered = sorted((p for p in parsed if p.ok), key=lambda p: str(p.values.get("date")))
        declared = (d for p in ordered for d in p.declarations)
        return cls._from(declared, [p.id for p in ordered if p.id])

    @classmethod
    def _from(cls, declared: Iterable[Declared], briefings: list[str]) -> Gazetteer:
        g = cls()
        place_countries: dict[str, set[str]] = {}
        for entity in declared:
            g.kinds[entity.id] = entity.kind
            name = entity.text(NAME_FIELD[entity.kind]) or entity.id
            if entity.kind == "person":
                g._add_person(entity.id, name, entity.items("aliases"))
            elif entity.kind == "organization":
                g._add_org(entity.id, name, entity.items("aliases"), entity)
            elif entity.kind == "event":
                date = entity.values.get("date")
                if date is not None:
                    g.event_dates[entity.id] = str(date)
                place, country = entity.text("place"), entity.text("country")
                if place and country:
                    place_countries.setdefault(normalise(place), set()).add(country)
        for briefing_id in briefings:
            g.kinds.setdefault(briefing_id, "briefing")
        g.places = {p: next(iter(c)) for p, c in place_countries.items() if len(c) == 1}
        for info in g.org_info.values():  # each organization once, as declared last
            if info.country and (
                info.kind in ("ministry", "department") or "ministry" in normalise(info.name)
            ):
                g.ministries.setdefault(info.country, []).append(info)
        return g

    def _add_person(self, id_: str, name: str, aliases: list[str]) -> None:
        self.person_names[id_] = name
        for label in (name, *aliases):
            k = person_key(label)
            if k:
                self.people.setdefault(k, id_)
            for word in person_words(label):
                self.person_word.setdefault(word, set()).add(id_)

    def _add_org(self, id_: str, name: str, aliases: list[str], entity: object) -> None:
        kind = getattr(entity, "text", lambda _: None)("kind")
        country = getattr(entity, "text", lambda _: None)("country")
        info = KnownOrg(id_, name, kind, country)
        self.org_info[id_] = info
        for label in (name, *aliases):
            k = normalise(label)
            if k:
                self.orgs.setdefault(k, id_)

    # -- look-ups ---------------------------------------------------------------------------

    def person(self, name: str) -> str | None:
        """The id of the known person this name (with or without honorifics, in any word
        order) is."""
        return self.people.get(person_key(name))

    def person_by_word(self, word: str) -> str | None:
        """The one known person whose name has this word (a surname, a given name)."""
        ids = self.person_word.get(normalise(word))
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def org(self, name: str) -> str | None:
        return self.orgs.get(normalise(name))

    def ministry(self, country: str, topic: str) -> KnownOrg | None:
        """The one known ministry of ``country`` whose name holds every word of ``topic``
        (``defence``)."""
        words = [w for w in normalise(topic).split() if w not in _CONNECTORS]
        found = [
            m
            for m in self.ministries.get(country, [])
            if all(w in normalise(m.name) for w in words)
        ]
        return found[0] if len(found) == 1 else None

    def same_event(self, id_: str, date: str) -> bool:
        """Whether the library's event ``id_`` can be the meeting of ``date`` (one date the
        start of the other: ``2025`` and ``2025-04-02``); an id that is no event is not."""
        known = self.event_dates.get(id_)
        if known is None:
            return self.kinds.get(id_) == "event"  # an event with no date: one of its kind
        return known.startswith(date) or date.startswith(known)

    def place_country(self, place: str) -> str | None:
        return self.places.get(normalise(place))
