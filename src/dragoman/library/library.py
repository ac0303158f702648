"""The library: every briefing merged into one set of linked entities, and its look-ups.

:class:`Library` is what the rest of dragoman holds: the merged entities and briefings with their
diagnostics, made by :meth:`Library.build` (merging, :mod:`dragoman.library.merge`) and brought
up to date by :meth:`Library.updated` (:mod:`dragoman.library.update`); here are the look-ups
(by id, by kind, roles at events, ``follows``/``part_of`` chains, links) and
:func:`load_library`. Uses the briefings stage to read files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import ENTITY_KINDS
from dragoman.briefings.loader import (
    LoadLimits,
    display_path,
    find_briefing_files,
    parse_briefing_file,
)
from dragoman.library.model import PLURAL, Briefing, Entity
from dragoman.library.update import UpdatableLibrary


@dataclass(slots=True)
class Library(UpdatableLibrary):
    """Every briefing merged: entities by id, briefings by id, and the problems found."""

    # -- reading ---------------------------------------------------------------------------

    def get(self, id_: str) -> Entity | Briefing | None:
        """The entity with this id, else the briefing with this id."""
        return self.entities.get(id_) or self.briefings.get(id_)

    def of_kind(self, kind: str) -> list[Entity] | list[Briefing]:
        """Entities of one kind (or the briefings), newest first."""
        if kind == "briefing":
            return sorted(self.briefings.values(), key=lambda b: b.sort_key, reverse=True)
        return sorted(
            (e for e in self.entities.values() if e.kind == kind),
            key=lambda e: e.sort_key,
            reverse=True,
        )

    def counts(self) -> dict[str, int]:
        out = {"briefings": len(self.briefings)}
        for kind in ENTITY_KINDS:
            out[PLURAL[kind]] = 0
        for entity in self.entities.values():
            out[PLURAL[entity.kind]] += 1
        return out

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def role_at(self, person_id: str, event_id: str) -> str | None:
        """The role a person held at an event: as the briefing declaring both states it, else
        the latest role stated on or before the event's date."""
        person = self.entities.get(person_id)
        event = self.entities.get(event_id)
        if person is None or event is None:
            return None
        for briefing in reversed(event.briefings):
            decl = person.declaration_in(briefing)
            if decl is not None and decl.text("role"):
                return decl.text("role")
        best: str | None = None
        for entry in person.history("role"):
            if entry.date.key <= event.date.last_key and isinstance(entry.value, str):
                best = entry.value
        return best

    def chain(self, entity_id: str, role: str) -> list[Entity]:
        """Follow a single link (``follows``, ``part_of``) as far as it goes, never looping."""
        out: list[Entity] = []
        seen = {entity_id}
        current = self.entities.get(entity_id)
        while current is not None:
            targets = current.links.get(role, [])
            if not targets or targets[0] in seen:
                break
            seen.add(targets[0])
            nxt = self.entities.get(targets[0])
            if nxt is None:
                break
            out.append(nxt)
            current = nxt
        return out

    def linked(self, entity: Entity) -> Iterator[tuple[str, str, Entity | None]]:
        """Every link of an entity: (role, target id, target or None when dangling)."""
        for role, ids in entity.links.items():
            for target in ids:
                yield role, target, self.entities.get(target)
        for role, ids in entity.backlinks.items():
            for target in ids:
                yield role, target, self.entities.get(target)


def load_library(root: Path, limits: LoadLimits | None = None) -> Library:
    """Read every briefing under ``root`` and merge them."""
    limits = limits or LoadLimits.from_env()
    files, problems = find_briefing_files(root)
    parsed = (parse_briefing_file(p, display_path(root, p), limits) for p in files)
    return Library.build(parsed, problems)
