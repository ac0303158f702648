"""Who met whom: the events two parties both took part in, the proposals between them, and
everyone one party has met.

A side is a person, an organization or a country (:class:`~dragoman.library.parties.Party`). At
each shared event a side's people are: the person; an organization's people there (its members)
or, when none came, nobody but the organization itself; a country's people there. Proposals
between two sides: made by one to the other (by a party of one side, addressed to a party of the
other), or made at a shared event by either. :func:`pair` is symmetric: ``pair(a, b)`` and
``pair(b, a)`` give the same events and proposals.

Uses the model, the parties and the rule of taking part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dragoman.briefings.dates import PartialDate
from dragoman.library.countries import country_name
from dragoman.library.library import Library
from dragoman.library.model import Entity
from dragoman.library.parties import Party
from dragoman.library.taking_part import Parties, participation


def belongs(library: Library, entity_id: str, side: Party) -> bool:
    """Whether a person or organization is the side or of it."""
    if entity_id == side.key:
        return True
    entity = library.entities.get(entity_id)
    if entity is None:
        return False
    if side.kind == "country":
        return entity.text("country") == side.key
    if side.kind == "organization":
        return entity.kind == "person" and entity.text("organization") == side.key
    return False


def people_of(library: Library, parties: Parties, side: Party) -> list[str]:
    """The people of one side at an event."""
    return [p for p in parties.people if belongs(library, p, side)]


@dataclass(frozen=True, slots=True)
class Meeting:
    """An event both sides took part in, with each side's people there."""

    event: Entity
    a_people: tuple[str, ...]
    b_people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    a: Party
    b: Party
    meetings: tuple[Meeting, ...]
    proposals: tuple[Entity, ...]

    @property
    def first(self) -> PartialDate | None:
        return self.meetings[0].event.date if self.meetings else None

    @property
    def last(self) -> PartialDate | None:
        return self.meetings[-1].event.date if self.meetings else None


def _of_side(library: Library, ids: list[str], side: Party) -> bool:
    return any(belongs(library, i, side) for i in ids)


def pair(library: Library, a: Party, b: Party) -> Pair:
    taking = participation(library)
    shared = taking.events_of(a.key) & taking.events_of(b.key)
    events = sorted((library.entities[i] for i in shared), key=lambda e: e.sort_key)
    meetings = tuple(
        Meeting(
            e,
            tuple(people_of(library, taking.events[e.id], a)),
            tuple(people_of(library, taking.events[e.id], b)),
        )
        for e in events
    )
    found: dict[str, Entity] = {}
    for event in events:
        for i in event.backlinks.get("proposals", []):
            if (p := library.entities.get(i)) is not None:
                by = p.links.get("by", [])
                if _of_side(library, by, a) or _of_side(library, by, b):
                    found[p.id] = p
    for entity in library.entities.values():
        if entity.kind != "proposal" or entity.id in found:
            continue
        by, to = entity.links.get("by", []), entity.links.get("to", [])
        if (_of_side(library, by, a) and _of_side(library, to, b)) or (
            _of_side(library, by, b) and _of_side(library, to, a)
        ):
            found[entity.id] = entity
    proposals = tuple(sorted(found.values(), key=lambda p: p.sort_key))
    return Pair(a, b, meetings, proposals)


def _roles(library: Library, people: tuple[str, ...], event: Entity) -> list[dict[str, Any]]:
    return [
        {
            "id": p,
            "name": library.entities[p].name,
            "role": library.role_at(p, event.id),
        }
        for p in people
    ]


def party_json(party: Party) -> dict[str, str]:
    return {"id": party.key, "kind": party.kind, "name": party.name}


def pair_json(library: Library, found: Pair) -> dict[str, Any]:
    return {
        "a": party_json(found.a),
        "b": party_json(found.b),
        "events": [
            {
                "id": m.event.id,
                "title": m.event.name,
                "date": str(m.event.date),
                "place": m.event.text("place"),
                "a_people": _roles(library, m.a_people, m.event),
                "b_people": _roles(library, m.b_people, m.event),
            }
            for m in found.meetings
        ],
        "proposals": [
            {
                "id": p.id,
                "title": p.name,
                "status": p.text("status") or "proposed",
                "by": list(p.links.get("by", [])),
                "to": list(p.links.get("to", [])),
                "at": next(iter(p.links.get("at", [])), None),
            }
            for p in found.proposals
        ],
        "meetings": len(found.meetings),
        "first": str(found.first) if found.first else None,
        "last": str(found.last) if found.last else None,
    }


def side_people(library: Library, people: tuple[str, ...], event: Entity, side: Party) -> str:
    """One side's people at an event with their roles then, as the text and the app show them."""
    if not people:
        if side.kind == "country":
            held = event.text("country") == side.key
            return "no one named (held there)" if held else "no one named"
        return "no one named (listed among the organizations)"
    out = []
    for p in people:
        role = library.role_at(p, event.id)
        name = library.entities[p].name
        out.append(f"{name} ({role})" if role else name)
    return ", ".join(out)


def pair_lines(library: Library, found: Pair) -> list[str]:
    a, b = found.a, found.b
    head = f"{a.name} and {b.name}: {len(found.meetings)} shared event"
    head += "" if len(found.meetings) == 1 else "s"
    if found.first:
        head += f", first {found.first}, last {found.last}"
    lines = [head]
    for m in found.meetings:
        e = m.event
        lines.append(f"  {e.date!s:<10}  {e.name}  [{e.id}]")
        lines.append(f"      {a.name}: {side_people(library, m.a_people, e, a)}")
        lines.append(f"      {b.name}: {side_people(library, m.b_people, e, b)}")
    if found.proposals:
        lines += ["", f"Proposals between them: {len(found.proposals)}"]
        for p in found.proposals:
            lines.append(f"  {p.text('status') or 'proposed':<12} {p.name}  [{p.id}]")
    return lines


def _span(dates: list[PartialDate]) -> tuple[int, PartialDate, PartialDate]:
    """How many dates, the first and the last."""
    return len(dates), min(dates, key=lambda d: d.key), max(dates, key=lambda d: d.key)


def _most_first(meetings: int, last: PartialDate, *names: str) -> tuple[object, ...]:
    """Most shared events first, then the latest, then by name."""
    return (-meetings, tuple(-x for x in last.key), *names)


@dataclass(frozen=True, slots=True)
class Contact:
    party: Party
    meetings: int
    first: PartialDate
    last: PartialDate


def contacts(library: Library, of: Party) -> list[Contact]:
    """Everyone ``of`` has met: people for a person or organization (not its own members),
    countries for a country; most shared events first, then the latest, then by name."""
    taking = participation(library)
    seen: dict[str, list[PartialDate]] = {}
    for event_id in taking.events_of(of.key):
        parties = taking.events[event_id]
        date = library.entities[event_id].date
        if of.kind == "country":
            met = [c for c in parties.countries if c != of.key]
        else:
            met = [p for p in parties.people if not belongs(library, p, of)]
        for key in met:
            seen.setdefault(key, []).append(date)
    out = []
    for key, dates in seen.items():
        if of.kind == "country":
            party = Party(key, "country", country_name(key))
        else:
            party = Party(key, "person", library.entities[key].name)
        out.append(Contact(party, *_span(dates)))
    out.sort(key=lambda c: _most_first(c.meetings, c.last, c.party.name, c.party.key))
    return out


def contacts_json(of: Party, found: list[Contact]) -> dict[str, Any]:
    return {
        "of": party_json(of),
        "contacts": [
            {
                "id": c.party.key,
                "kind": c.party.kind,
                "name": c.party.name,
                "meetings": c.meetings,
                "first": str(c.first),
                "last": str(c.last),
            }
            for c in found
        ],
    }


def contacts_lines(of: Party, found: list[Contact]) -> list[str]:
    noun = ("country", "countries") if of.kind == "country" else ("person", "people")
    lines = [f"{of.name} has met {len(found)} {noun[0] if len(found) == 1 else noun[1]}"]
    for c in found:
        times = f"{c.meetings} event" + ("" if c.meetings == 1 else "s")
        span = str(c.first) if c.first == c.last else f"{c.first} … {c.last}"
        lines.append(f"  {times:>10}  {span:<23}  {c.party.name} [{c.party.key}]")
    return lines


@dataclass(frozen=True, slots=True)
class CountryPair:
    a: str
    b: str
    meetings: int
    first: PartialDate
    last: PartialDate


def country_pairs(library: Library) -> list[CountryPair]:
    """Every two countries that took part in one event, most shared events first."""
    taking = participation(library)
    seen: dict[tuple[str, str], list[PartialDate]] = {}
    for event_id, parties in taking.events.items():
        codes = parties.countries
        if len(codes) < 2:
            continue
        date = library.entities[event_id].date
        for i, a in enumerate(codes):
            for b in codes[i + 1 :]:
                seen.setdefault((a, b), []).append(date)
    out = [CountryPair(a, b, *_span(dates)) for (a, b), dates in seen.items()]
    out.sort(key=lambda p: _most_first(p.meetings, p.last, p.a, p.b))
    return out
