"""Which events' parties a catch-up moved, beyond the entities the library's update rewrote.

An event's ``with:`` field (:func:`dragoman.search.documents._party_fields`) holds who took part
in it by the rule of :mod:`dragoman.library.taking_part`, which reaches further than an event's
own links: the country and organization of each of its people, the country of each organization
it lists, and what the events held within it lend it. So when one of those changes, the event
changes too, though the update did not touch it. :func:`events_moved` finds those events by
comparing their parties before and after, only for the events such a change can reach. Uses the
library.
"""

from __future__ import annotations

from collections.abc import Iterable

from dragoman.library.library import Library
from dragoman.library.model import Entity
from dragoman.library.taking_part import parties_of


def _party_sign(library: Library, entity: Entity) -> tuple[str | None, ...]:
    """What of a person or an organization makes the parties of its events."""
    org = entity.text("organization")
    target = library.entities.get(org) if org else None
    resolved = org if target is not None and target.kind == "organization" else None
    return (entity.kind, entity.text("country"), resolved)


def _events_reached(library: Library, entity: Entity) -> list[str]:
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


def _with_parents(libraries: tuple[Library, Library], events: Iterable[str]) -> set[str]:
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


def events_moved(old: Library, new: Library, changed: Iterable[str]) -> set[str]:
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
