"""The proposal tracker: what became of what was proposed.

For each proposal: its current status, the trail of statuses the briefings state (oldest first,
each with its date and briefing), who proposed it, where, to whom, its areas, when it was first
and last heard of, and the ``follows`` chain both ways. First heard: the earliest of the event
it was made at and the briefings declaring it; last heard: the latest of those. What has gone
quiet: open proposals (not ``done`` or ``dropped``) last heard of before a date.

Uses the model, the parties and the rule of taking part (a country proposes through its people
and organizations).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import DEFAULT_STATUS
from dragoman.library.library import Library
from dragoman.library.model import Entity
from dragoman.library.taking_part import country_of
from dragoman.library.timeline import DateBounds

CLOSED = ("done", "dropped")


@dataclass(frozen=True, slots=True)
class Step:
    """A status as one briefing states it."""

    status: str
    date: PartialDate
    briefing: str


@dataclass(frozen=True, slots=True)
class Tracked:
    """One proposal as the tracker shows it (its trail worked out when asked: a list of
    thousands draws a screenful)."""

    proposal: Entity
    status: str
    first: PartialDate
    last: PartialDate

    @property
    def open(self) -> bool:
        return self.status not in CLOSED

    @property
    def trail(self) -> tuple[Step, ...]:
        return trail_of(self.proposal)


def trail_of(proposal: Entity) -> tuple[Step, ...]:
    """Every status the briefings state, oldest first (then by briefing id)."""
    steps = [
        Step(status, briefing.date, briefing.id)
        for briefing, decl in proposal.declarations
        if isinstance(status := decl.values.get("status"), str)
    ]
    steps.sort(key=lambda s: (s.date.key, s.briefing))
    return tuple(steps)


def heard(library: Library, proposal: Entity) -> tuple[PartialDate, PartialDate]:
    """When it was first and last heard of."""
    dates = [b.date for b, _ in proposal.declarations]
    for target in proposal.links.get("at", []):
        if (event := library.entities.get(target)) is not None:
            dates.append(event.date)
    if not dates:
        return proposal.date, proposal.date
    first = last = dates[0]
    for date in dates:
        if date.key < first.key:
            first = date
        if date.last_key > last.last_key:
            last = date
    return first, last


def track(library: Library, proposal: Entity) -> Tracked:
    first, last = heard(library, proposal)
    return Tracked(proposal, proposal.text("status") or DEFAULT_STATUS, first, last)


def _sides(library: Library, proposal: Entity, role: str) -> set[str]:
    """The ids a proposal's ``by`` or ``to`` names, with their countries."""
    out: set[str] = set()
    for target in proposal.links.get(role, []):
        out.add(target)
        if country := country_of(library, target):
            out.add(country)
    return out


def proposals(
    library: Library,
    *,
    statuses: Collection[str] = (),
    by: str | None = None,
    to: str | None = None,
    area: str | None = None,
    bounds: DateBounds | None = None,
    quiet_since: PartialDate | None = None,
    ids: Collection[str] | None = None,
) -> list[Tracked]:
    """The proposals kept by every filter given, first heard first (then by id).

    ``by``/``to``: a person or organization id, or a country code (through the country of its
    people and organizations); ``bounds`` hold the date it was first heard of; ``quiet_since``
    keeps open proposals last heard of before that date."""
    keep = None if ids is None else set(ids)
    out: list[Tracked] = []
    pool = (
        library.entities.values()
        if keep is None
        else (e for i in keep if (e := library.entities.get(i)) is not None)
    )
    for entity in pool:
        if entity.kind != "proposal":
            continue
        if statuses and (entity.text("status") or DEFAULT_STATUS) not in statuses:
            continue
        if by is not None and by not in _sides(library, entity, "by"):
            continue
        if to is not None and to not in _sides(library, entity, "to"):
            continue
        if area is not None and area not in entity.items("areas"):
            continue
        tracked = track(library, entity)
        if bounds is not None and not bounds.holds(tracked.first):
            continue
        if quiet_since is not None and (
            not tracked.open or tracked.last.last_key >= quiet_since.key
        ):
            continue
        out.append(tracked)
    out.sort(key=lambda t: (t.first.key, t.proposal.id))
    return out


def trail_text(tracked: Tracked) -> str:
    """``agreed 2017-08 → in-progress 2018-07 → done 2024-02``: each change once, with the
    date it was first stated."""
    shown: list[str] = []
    last: str | None = None
    for step in tracked.trail:
        if step.status != last:
            shown.append(f"{step.status} {step.date}")
            last = step.status
    return " → ".join(shown) if shown else f"{tracked.status} (no briefing states a status)"


def _ids(proposal: Entity, role: str) -> list[str]:
    return list(proposal.links.get(role, []))


def tracked_json(library: Library, tracked: Tracked) -> dict[str, Any]:
    proposal = tracked.proposal
    at = proposal.links.get("at", [])
    follows = proposal.links.get("follows", [])
    return {
        "id": proposal.id,
        "title": proposal.name,
        "status": tracked.status,
        "history": [
            {"status": s.status, "date": str(s.date), "briefing": s.briefing} for s in tracked.trail
        ],
        "by": _ids(proposal, "by"),
        "at": at[0] if at else None,
        "to": _ids(proposal, "to"),
        "areas": proposal.items("areas"),
        "first": str(tracked.first),
        "last": str(tracked.last),
        "follows": follows[0] if follows else None,
        "followed_by": list(proposal.backlinks.get("followed_by", [])),
    }


def tracker_json(library: Library, items: list[Tracked]) -> dict[str, Any]:
    return {"proposals": [tracked_json(library, t) for t in items], "total": len(items)}


def _named(library: Library, ids: list[str]) -> str:
    return ", ".join(e.name if (e := library.entities.get(i)) else i for i in ids)


def tracker_lines(library: Library, items: list[Tracked]) -> list[str]:
    """The text face: one block per proposal."""
    lines: list[str] = []
    for tracked in items:
        proposal = tracked.proposal
        if lines:
            lines.append("")
        lines.append(f"{tracked.status.upper():<12} {proposal.name}  [{proposal.id}]")
        lines.append(f"  trail:  {trail_text(tracked)}")
        who = _named(library, _ids(proposal, "by"))
        to = _named(library, _ids(proposal, "to"))
        at = _named(library, _ids(proposal, "at"))
        lines.append(
            "  "
            + "; ".join(
                x for x in (f"by {who}", f"to {to}" if to else "", f"at {at}" if at else "") if x
            )
        )
        span = str(tracked.first)
        if tracked.last != tracked.first:
            span += f" … {tracked.last}"
        heard_line = f"  heard:  {span}"
        if areas := proposal.items("areas"):
            heard_line += f"; areas: {', '.join(areas)}"
        lines.append(heard_line)
        follows = _named(library, _ids(proposal, "follows"))
        later = _named(library, list(proposal.backlinks.get("followed_by", [])))
        if follows:
            lines.append(f"  takes up: {follows}")
        if later:
            lines.append(f"  taken up by: {later}")
    return lines
