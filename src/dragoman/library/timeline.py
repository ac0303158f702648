"""The timeline: what happened, in what order, and who took part.

:func:`timeline` picks events by date (inclusive by containment: ``2019`` keeps the events that
began and ended within 2019), by country and by party taking part (the rule of
:mod:`dragoman.library.taking_part`), and by a set of ids a search found; in date order (a less
precise date before every date inside it), then by id. :func:`timeline_json` and
:func:`timeline_lines` are the two faces of one list; :func:`series` groups the ``follows``
chains. Uses the model, the rule of taking part and the parties.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from dragoman.briefings.dates import PartialDate
from dragoman.library.library import Library
from dragoman.library.model import Entity
from dragoman.library.taking_part import Parties, participation


@dataclass(frozen=True, slots=True)
class DateBounds:
    """``--from`` and ``--to``: both inclusive, by containment."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def holds(self, first: PartialDate, last: PartialDate | None = None) -> bool:
        """Whether something from ``first`` to ``last`` (or ``first`` alone) lies inside."""
        begin = first.key if first.month else (first.year, 1, 1)
        if first.month and not first.day:
            begin = (first.year, first.month, 1)
        finish = (last or first).last_key
        if self.start is not None:
            low = self.start.key
            low = (low[0], low[1] or 1, low[2] or 1)
            if begin < low:
                return False
        return not (self.end is not None and finish > self.end.last_key)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One event of the timeline, with who took part."""

    event: Entity
    parties: Parties


def end_of(event: Entity) -> PartialDate | None:
    text = event.text("end")
    try:
        return PartialDate.parse(text) if text else None
    except ValueError:
        return None


def timeline(
    library: Library,
    *,
    bounds: DateBounds | None = None,
    countries: Collection[str] = (),
    parties: Collection[str] = (),
    ids: Collection[str] | None = None,
) -> list[TimelineEvent]:
    """The events kept by every filter given, in date order then by id.

    ``countries`` keeps events any of those countries took part in; ``parties`` (keys of
    people, organizations or countries) keeps events every one of them took part in; ``ids``
    keeps only those events (what a search found)."""
    taking = participation(library)
    keep: set[str] | None = None if ids is None else set(ids)
    if countries:
        found: set[str] = set()
        for code in countries:
            found |= taking.events_of(code)
        keep = found if keep is None else keep & found
    for key in parties:
        of = taking.events_of(key)
        keep = set(of) if keep is None else keep & of
    if keep is None:
        pool: Iterable[Entity] = (e for e in library.entities.values() if e.kind == "event")
    else:
        pool = (e for i in keep if (e := library.entities.get(i)) is not None and e.kind == "event")
    out = [
        TimelineEvent(e, taking.events[e.id])
        for e in pool
        if bounds is None or bounds.holds(e.date, end_of(e))
    ]
    out.sort(key=lambda t: t.event.sort_key)
    return out


def series(library: Library, events: Iterable[Entity]) -> list[list[Entity]]:
    """The ``follows`` chains among ``events`` (two or more each), oldest first; each chain is
    followed outside the list too, so 5th → 6th → 7th shows whole even when one is left out."""
    chosen = {e.id for e in events}
    seen: set[str] = set()
    out: list[list[Entity]] = []
    for event_id in sorted(chosen, key=lambda i: library.entities[i].sort_key):
        if event_id in seen:
            continue
        earlier = library.chain(event_id, "follows")
        first = earlier[-1] if earlier else library.entities[event_id]
        chain = [first]
        current, walked = first, {first.id}
        while True:
            later = [
                e
                for i in current.backlinks.get("followed_by", [])
                if (e := library.entities.get(i)) is not None and e.id not in walked
            ]
            if not later:
                break
            current = min(later, key=lambda e: e.sort_key)
            walked.add(current.id)
            chain.append(current)
        seen.update(walked)
        if len(chain) > 1 and walked & chosen:
            out.append(chain)
    return out


def _names(library: Library, ids: Iterable[str]) -> list[dict[str, str]]:
    return [{"id": i, "name": library.entities[i].name} for i in ids if i in library.entities]


def event_json(library: Library, item: TimelineEvent) -> dict[str, Any]:
    event = item.event
    follows = event.links.get("follows", [])
    part_of = event.links.get("part_of", [])
    return {
        "id": event.id,
        "title": event.name,
        "date": str(event.date),
        "end": event.text("end"),
        "kind": event.text("kind"),
        "place": event.text("place"),
        "country": event.text("country"),
        "countries": list(item.parties.countries),
        "chairs": _names(library, item.parties.chairs),
        "participants": _names(
            library, (p for p in item.parties.people if p not in item.parties.chairs)
        ),
        "part_of": part_of[0] if part_of else None,
        "follows": follows[0] if follows else None,
        "proposals": list(event.backlinks.get("proposals", [])),
    }


def timeline_json(library: Library, items: list[TimelineEvent]) -> dict[str, Any]:
    return {"events": [event_json(library, t) for t in items], "total": len(items)}


def event_line(item: TimelineEvent) -> str:
    """One event as the text timeline and the app show it: date, title, place, countries."""
    event = item.event
    where = event.text("place") or ""
    parts = [event.name]
    if where:
        parts.append(where)
    if item.parties.countries:
        parts.append(" ".join(item.parties.countries))
    return "  ·  ".join(parts)


def timeline_lines(library: Library, items: list[TimelineEvent]) -> list[str]:
    """The text face: grouped by year, then the series among the events."""
    lines: list[str] = []
    year: int | None = None
    for item in items:
        date = item.event.date
        if date.year != year:
            year = date.year
            if lines:
                lines.append("")
            lines.append(f"{year:04d}")
        end = item.event.text("end")
        shown = f"{date}–{end}" if end else str(date)
        lines.append(f"  {shown:<10}  {event_line(item)}  [{item.event.id}]")
    chains = series(library, (t.event for t in items))
    if chains:
        lines += ["", "Series"]
        for chain in chains:
            lines.append("  " + " → ".join(f"{e.name} ({e.date})" for e in chain))
    return lines
