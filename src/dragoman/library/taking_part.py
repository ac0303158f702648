"""Who took part in what: the rule every analyst's view uses, and its inverted map.

A country takes part in an event when the event is held there (its ``country``), or when one of
its chairs, participants or organizations is of that country (a person's or an organization's
own ``country``). A person takes part when chairing or attending. An organization takes part when
the event lists it in ``organizations``, or when a person of it (``organization``) takes part.
An event held within another (``part_of``) lends its people to the parent when the parent lists
none, and its organizations when the parent lists none (recursively, never looping).

:func:`participation` works this out once per library and keeps the inverted map: for every
person, organization and country, the events it took part in. An update that merges only what
changed finds the events whose parties it moved (:func:`events_moved`: who took part reaches
beyond an event's own links, to the country and organization of its people and what its parts
lend it) and carries the map over with just those worked out again (:func:`carried_over`); a
library merged whole works it out anew when first asked. Uses the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dragoman.library.merge import MergedLibrary
from dragoman.library.model import Entity


@dataclass(frozen=True, slots=True)
class Parties:
    """Who took part in one event."""

    chairs: tuple[str, ...]  # person ids, in the order the event lists them
    people: tuple[str, ...]  # chairs then participants, each once
    organizations: tuple[str, ...]  # listed first, then those of the people
    countries: tuple[str, ...]  # sorted ISO codes


@dataclass(slots=True)
class Participation:
    """Who took part in every event, and for every party the events it took part in."""

    events: dict[str, Parties] = field(default_factory=dict)
    by_party: dict[str, set[str]] = field(default_factory=dict)

    def events_of(self, key: str) -> set[str]:
        """The ids of the events a person, organization (by id) or country (by code) took
        part in."""
        return self.by_party.get(key, set())


def country_of(library: MergedLibrary, entity_id: str) -> str | None:
    """The country of a person or organization, as its own ``country`` field states it."""
    entity = library.entities.get(entity_id)
    if entity is None or entity.kind not in ("person", "organization"):
        return None
    return entity.text("country")


def _resolved(library: MergedLibrary, entity: Entity, role: str, kind: str) -> list[str]:
    entities = library.entities
    return [
        i
        for i in entity.links.get(role, [])
        if (e := entities.get(i)) is not None and e.kind == kind
    ]


def _children(library: MergedLibrary, event: Entity) -> list[Entity]:
    entities = library.entities
    return [
        child
        for i in event.backlinks.get("includes", [])
        if (child := entities.get(i)) is not None and child.kind == "event"
    ]


def _own(library: MergedLibrary, event: Entity, seen: frozenset[str]) -> tuple[list[str], ...]:
    """(chairs, people, listed organizations) of an event, lent by its parts when it lists
    none."""
    chairs = _resolved(library, event, "chairs", "person")
    people = list(dict.fromkeys(chairs + _resolved(library, event, "participants", "person")))
    orgs = _resolved(library, event, "organizations", "organization")
    if (not people or not orgs) and event.id not in seen:
        inner = seen | {event.id}
        lent_people: list[str] = []
        lent_orgs: list[str] = []
        for child in _children(library, event):
            if child.id in inner:
                continue
            _, child_people, child_orgs = _own(library, child, inner)
            lent_people.extend(child_people)
            lent_orgs.extend(child_orgs)
        if not people:
            people = list(dict.fromkeys(lent_people))
        if not orgs:
            orgs = list(dict.fromkeys(lent_orgs))
    return chairs, people, orgs


def parties_of(library: MergedLibrary, event: Entity) -> Parties:
    """Who took part in ``event``, by the rule above."""
    chairs, people, listed = _own(library, event, frozenset())
    entities = library.entities
    orgs = list(listed)
    for person in people:
        org = entities[person].text("organization")
        if org and (e := entities.get(org)) is not None and e.kind == "organization":
            orgs.append(org)
    orgs = list(dict.fromkeys(orgs))
    countries = {c for c in (event.text("country"),) if c}
    for key in (*people, *listed):
        if country := entities[key].text("country"):
            countries.add(country)
    return Parties(tuple(chairs), tuple(people), tuple(orgs), tuple(sorted(countries)))


def _compute(library: MergedLibrary, events: Iterable[Entity]) -> Participation:
    out = Participation()
    for event in events:
        parties = parties_of(library, event)
        out.events[event.id] = parties
        for key in (*parties.people, *parties.organizations, *parties.countries):
            out.by_party.setdefault(key, set()).add(event.id)
    return out


def participation(library: MergedLibrary) -> Participation:
    """Who took part in every event of ``library``: worked out on the first call, then kept
    with the library."""
    found = library._views.get("participation")
    if isinstance(found, Participation):
        return found
    made = _compute(library, (e for e in library.entities.values() if e.kind == "event"))
    library._views["participation"] = made
    return made


def _party_sign(library: MergedLibrary, entity: Entity) -> tuple[str | None, ...]:
    """What of a person or an organization makes the parties of its events."""
    org = entity.text("organization")
    target = library.entities.get(org) if org else None
    resolved = org if target is not None and target.kind == "organization" else None
    return (entity.kind, entity.text("country"), resolved)


def _events_reached(library: MergedLibrary, entity: Entity) -> list[str]:
    """The events whose parties depend on a person or an organization directly."""
    back = entity.backlinks
    if entity.kind == "person":
        return [*back.get("chaired", []), *back.get("attended", [])]
    if entity.kind == "organization":
        out = list(back.get("events", []))
        for member in back.get("members", []):
            if (person := library.entities.get(member)) is not None:
                out.extend(_events_reached(library, person))
        return out
    return [entity.id] if entity.kind == "event" else []


def _with_parents(
    libraries: tuple[MergedLibrary, MergedLibrary], events: Iterable[str]
) -> set[str]:
    """The events and every event they are held within, in either library."""
    out: set[str] = set()
    todo = list(events)
    while todo:
        id_ = todo.pop()
        if id_ in out:
            continue
        out.add(id_)
        for library in libraries:
            event = library.entities.get(id_)
            if event is not None and event.kind == "event":
                todo.extend(event.links.get("part_of", []))
    return out


def events_moved(old: MergedLibrary, new: MergedLibrary, changed: Iterable[str]) -> set[str]:
    """The events of ``new`` whose parties differ from those in ``old``, among the events the
    entities ``changed`` (merged anew, relinked or gone) can reach."""
    reached: list[str] = []
    for id_ in changed:
        before, after = old.entities.get(id_), new.entities.get(id_)
        for entity, library in ((before, old), (after, new)):
            if entity is None:
                continue
            if entity.kind == "event" or (
                before is None
                or after is None
                or _party_sign(old, before) != _party_sign(new, after)
            ):
                reached.extend(_events_reached(library, entity))
    out: set[str] = set()
    for id_ in _with_parents((old, new), reached):
        after = new.entities.get(id_)
        if after is None or after.kind != "event":
            continue
        before = old.entities.get(id_)
        if (
            before is None
            or before.kind != "event"
            or parties_of(old, before) != parties_of(new, after)
        ):
            out.add(id_)
    return out


def carried_over(old: MergedLibrary, new: MergedLibrary, events: Iterable[str]) -> None:
    """Give ``new`` the map of ``old`` with ``events`` (those whose parties moved, and those
    gone) worked out again: what an update does instead of a whole new map. Nothing when
    ``old`` never worked its map out."""
    before = old._views.get("participation")
    if not isinstance(before, Participation):
        return
    found = dict(before.events)
    by_party = dict(before.by_party)
    copied: set[str] = set()

    def bucket(key: str) -> set[str]:
        if key not in copied:
            by_party[key] = set(by_party.get(key, ()))
            copied.add(key)
        return by_party[key]

    for event_id in events:
        gone = found.pop(event_id, None)
        if gone is not None:
            for key in (*gone.people, *gone.organizations, *gone.countries):
                held = bucket(key)
                held.discard(event_id)
                if not held:
                    del by_party[key]
                    copied.discard(key)
        event = new.entities.get(event_id)
        if event is not None and event.kind == "event":
            parties = found[event_id] = parties_of(new, event)
            for key in (*parties.people, *parties.organizations, *parties.countries):
                bucket(key).add(event_id)
    new._views["participation"] = Participation(found, by_party)
