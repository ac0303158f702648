"""The library: every briefing merged into one set of linked entities.

Declarations of one id across briefings merge (lists unioned, the latest-dated briefing's
scalars win, every value kept with its briefing and date), links resolve both ways, and the
problems only visible across briefings are reported: kind clashes, dangling links, links to the
wrong kind, ``follows``/``part_of`` cycles and conflicting names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .format import (
    DEFAULT_STATUS,
    ENTITY_FIELDS,
    ENTITY_KINDS,
    LINK_FIELDS,
    NAME_FIELD,
    Declaration,
    EntityKind,
    ParsedBriefing,
    PartialDate,
    Value,
)
from .loader import LoadLimits, display_path, find_briefing_files, parse_briefing_file

__all__ = [
    "BACKLINK_ROLES",
    "Briefing",
    "Entity",
    "HistoryEntry",
    "Library",
    "load_library",
]

# (kind of the linking entity, its field) -> the role the link plays seen from its target
BACKLINK_ROLES: dict[tuple[str, str], str] = {
    ("event", "chairs"): "chaired",
    ("event", "participants"): "attended",
    ("proposal", "by"): "proposed",
    ("proposal", "to"): "addressed",
    ("person", "organization"): "members",
    ("organization", "part_of"): "parts",
    ("event", "organizations"): "events",
    ("event", "part_of"): "includes",
    ("event", "follows"): "followed_by",
    ("proposal", "at"): "proposals",
    ("proposal", "follows"): "followed_by",
}
SINGLE_LINKS = {f.name for specs in LINK_FIELDS.values() for f in specs if f.type == "ref"}
LIST_TYPES = ("refs", "slugs", "texts")


@dataclass(frozen=True, slots=True)
class Briefing:
    """One loaded briefing file."""

    id: str
    path: str
    date: PartialDate
    values: dict[str, Value]
    line: int
    declares: tuple[tuple[EntityKind, str], ...]

    kind = "briefing"

    @property
    def title(self) -> str:
        return str(self.values.get("title", self.id))

    @property
    def name(self) -> str:
        return self.title

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def items(self, name: str) -> list[str]:
        value = self.values.get(name)
        return value if isinstance(value, list) else []

    @property
    def source(self) -> dict[str, str]:
        value = self.values.get("source")
        return value if isinstance(value, dict) else {}

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.key, self.id)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A value as one briefing states it."""

    value: Value
    briefing: str
    date: PartialDate
    path: str
    line: int


@dataclass(slots=True)
class Entity:
    """A person, organization, event or proposal, merged across the briefings that declare it."""

    id: str
    kind: EntityKind
    declarations: list[tuple[Briefing, Declaration]] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        value = self.values.get(NAME_FIELD[self.kind])
        return value if isinstance(value, str) else self.id

    title = name

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def items(self, name: str) -> list[str]:
        value = self.values.get(name)
        return value if isinstance(value, list) else []

    @property
    def briefings(self) -> list[str]:
        return [b.id for b, _ in self.declarations]

    @property
    def date(self) -> PartialDate:
        """An event's own date; for the others, the date of the latest briefing declaring them."""
        own = self.text("date")
        if own:
            return PartialDate.parse(own)
        return self.declarations[-1][0].date if self.declarations else PartialDate(1)

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.key, self.id)

    def history(self, name: str) -> list[HistoryEntry]:
        """Every value of field ``name`` with the briefing that states it, oldest first."""
        out = []
        for briefing, decl in self.declarations:
            if name in decl.values:
                line, _ = decl.position(name)
                out.append(
                    HistoryEntry(decl.values[name], briefing.id, briefing.date, briefing.path, line)
                )
        return out

    def declaration_in(self, briefing_id: str) -> Declaration | None:
        for briefing, decl in self.declarations:
            if briefing.id == briefing_id:
                return decl
        return None


def list_extra(item: Entity | Briefing) -> str:
    """What a list shows after an entity's name: a proposal's status, a person's role and
    country, an event's kind and place, an organization's kind."""
    if isinstance(item, Briefing):
        return ""
    if item.kind == "proposal":
        return item.text("status") or ""
    if item.kind == "person":
        return " · ".join(x for x in (item.text("role"), item.text("country")) if x)
    if item.kind == "event":
        return " · ".join(x for x in (item.text("kind"), item.text("place")) if x)
    return item.text("kind") or ""


@dataclass(slots=True)
class Library:
    entities: dict[str, Entity] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

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
            out[_PLURAL[kind]] = 0
        for entity in self.entities.values():
            out[_PLURAL[entity.kind]] += 1
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

    # -- building --------------------------------------------------------------------------

    @classmethod
    def build(
        cls, parsed: Iterable[ParsedBriefing], diagnostics: Iterable[Diagnostic] = ()
    ) -> Library:
        lib = cls(diagnostics=list(diagnostics))
        loaded: list[tuple[Briefing, ParsedBriefing]] = []
        paths: dict[str, str] = {}
        for result in parsed:
            lib.files += 1
            lib.diagnostics.extend(result.diagnostics)
            if not result.ok:
                continue
            assert result.id is not None
            if result.id in lib.briefings:
                line, column = result.positions.get("id", (1, 1))
                lib.diagnostics.append(
                    Diagnostic(
                        result.path,
                        line,
                        column,
                        "error",
                        "duplicate-briefing",
                        f"the briefing id {result.id!r} is already used by {paths[result.id]}; "
                        "give this briefing an id of its own (it was not loaded)",
                    )
                )
                continue
            line = result.positions.get("id", (1, 1))[0]
            briefing = Briefing(
                result.id,
                result.path,
                result.date,
                result.values,
                line,
                tuple((d.kind, d.id) for d in result.declarations),
            )
            lib.briefings[result.id] = briefing
            paths[result.id] = result.path
            loaded.append((briefing, result))
        loaded.sort(key=lambda pair: pair[0].sort_key)
        lib._merge(loaded)
        lib._resolve_links()
        lib._break_cycles()
        lib.diagnostics.sort(key=lambda d: d.sort_key)
        return lib

    def _report(
        self, path: str, position: tuple[int, int], severity: str, code: str, msg: str
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                path,
                position[0],
                position[1],
                "error" if severity == "error" else "warning",
                code,
                msg,
            )
        )

    def _merge(self, loaded: list[tuple[Briefing, ParsedBriefing]]) -> None:
        first_seen: dict[str, tuple[str, int]] = {}
        for briefing, result in loaded:
            for decl in result.declarations:
                entity = self.entities.get(decl.id)
                if entity is None:
                    entity = self.entities[decl.id] = Entity(decl.id, decl.kind)
                    first_seen[decl.id] = (briefing.path, decl.line)
                elif entity.kind != decl.kind:
                    path, line = first_seen[decl.id]
                    self._report(
                        briefing.path,
                        decl.position("id"),
                        "error",
                        "kind-clash",
                        f"{decl.id!r} is declared here as {_a(decl.kind)} but is {_a(entity.kind)} "
                        f"in {path}:{line}; an id names one entity: rename one of them (this "
                        "declaration was skipped)",
                    )
                    continue
                entity.declarations.append((briefing, decl))
        for entity in self.entities.values():
            self._merge_values(entity)

    def _merge_values(self, entity: Entity) -> None:
        values: dict[str, Value] = {}
        specs = {s.name: s for s in ENTITY_FIELDS[entity.kind]}
        for _, decl in entity.declarations:  # oldest first: later briefings override
            for name, value in decl.values.items():
                if specs[name].type in LIST_TYPES and isinstance(value, list):
                    merged = values.setdefault(name, [])
                    assert isinstance(merged, list)
                    merged.extend(v for v in value if v not in merged)
                else:
                    values[name] = value
        if entity.kind == "proposal":
            values.setdefault("status", DEFAULT_STATUS)
        entity.values = values
        self._check_names(entity)

    def _check_names(self, entity: Entity) -> None:
        name_field = NAME_FIELD[entity.kind]
        current = entity.name
        known = {current, *entity.items("aliases")}
        latest_path = entity.declarations[-1][0].path
        for briefing, decl in entity.declarations:
            name = decl.text(name_field)
            if name is None or name in known:
                continue
            remedy = (
                f"if both are right, add {name!r} to aliases"
                if entity.kind in ("person", "organization")
                else "use one title for one id"
            )
            self._report(
                briefing.path,
                decl.position(name_field),
                "warning",
                "name-conflict",
                f"{entity.id!r} is called {name!r} here but {current!r} in {latest_path} (the "
                f"latest, which is shown); {remedy}",
            )

    def _resolve_links(self) -> None:
        for entity in self.entities.values():
            specs = LINK_FIELDS[entity.kind]
            for spec in specs:
                targets = (
                    entity.items(spec.name)
                    if spec.type == "refs"
                    else ([t] if (t := entity.text(spec.name)) else [])
                )
                if not targets:
                    continue
                good: list[str] = []
                for target in targets:
                    other = self.entities.get(target)
                    if other is not None and other.kind not in spec.targets:
                        self._report_link(entity, spec.name, target, "link-kind", other.kind)
                        continue
                    if other is None:
                        self._report_link(entity, spec.name, target, "dangling-link", None)
                    good.append(target)
                entity.links[spec.name] = good
                role = BACKLINK_ROLES[(entity.kind, spec.name)]
                for target in good:
                    other = self.entities.get(target)
                    if other is not None and entity.id not in (
                        back := other.backlinks.setdefault(role, [])
                    ):
                        back.append(entity.id)
        for entity in self.entities.values():
            for ids in entity.backlinks.values():
                ids.sort(key=lambda i: self.entities[i].sort_key, reverse=True)

    def _report_link(
        self, entity: Entity, field_name: str, target: str, code: str, target_kind: str | None
    ) -> None:
        spec = next(s for s in LINK_FIELDS[entity.kind] if s.name == field_name)
        wanted = " or ".join(spec.targets)
        for briefing, decl in entity.declarations:
            items = decl.items(field_name) if spec.type == "refs" else [decl.text(field_name)]
            if target not in items:
                continue
            position = decl.position(
                field_name, items.index(target) if spec.type == "refs" else None
            )
            if code == "link-kind":
                self._report(
                    briefing.path,
                    position,
                    "error",
                    code,
                    f"{field_name} of {entity.id!r} must name {_a(wanted)}, but {target!r} is "
                    f"{_a(target_kind or '')}; fix the id (the link was dropped)",
                )
            else:
                self._report(
                    briefing.path,
                    position,
                    "warning",
                    code,
                    f"{field_name} of {entity.id!r} names {target!r}, which no briefing declares; "
                    f"declare it as {_a(wanted)} or fix the id (shown as plain text)",
                )

    def _break_cycles(self) -> None:
        for role in ("follows", "part_of"):
            done: set[str] = set()
            for start in sorted(self.entities):
                path: list[str] = []
                on_path: set[str] = set()
                current: str | None = start
                while current is not None and current not in done:
                    if current in on_path:
                        cycle = path[path.index(current) :]
                        self._report_cycle(role, cycle)
                        break
                    on_path.add(current)
                    path.append(current)
                    entity = self.entities.get(current)
                    targets = entity.links.get(role, []) if entity else []
                    current = targets[0] if targets else None
                done.update(path)

    def _report_cycle(self, role: str, cycle: list[str]) -> None:
        shown = f" {role} ".join([*cycle, cycle[0]])
        last = self.entities[cycle[-1]]
        target = cycle[0]
        briefing, decl = next(
            ((b, d) for b, d in reversed(last.declarations) if d.text(role) == target),
            last.declarations[-1],
        )
        self._report(
            briefing.path,
            decl.position(role),
            "error",
            "cycle",
            f"{role} goes round in a circle: {shown}; break the circle (this link was dropped)",
        )
        last.links[role] = []
        back_role = BACKLINK_ROLES[(last.kind, role)]
        first = self.entities[target]
        if last.id in first.backlinks.get(back_role, []):
            first.backlinks[back_role].remove(last.id)


_PLURAL = {
    "person": "people",
    "organization": "organizations",
    "event": "events",
    "proposal": "proposals",
}


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def load_library(root: Path, limits: LoadLimits | None = None) -> Library:
    """Read every briefing under ``root`` and merge them."""
    limits = limits or LoadLimits.from_env()
    files, problems = find_briefing_files(root)
    parsed = (parse_briefing_file(p, display_path(root, p), limits) for p in files)
    return Library.build(parsed, problems)
