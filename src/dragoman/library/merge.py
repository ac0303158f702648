"""Merging declarations of one id across briefings, resolving links, the problems in between.

Lists are unioned, the latest-dated briefing's scalars win, links resolve both ways, and the
problems only visible across briefings are reported: kind clashes, dangling links, links to the
wrong kind, ``follows``/``part_of`` cycles and conflicting names. Uses the model and the
briefings stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Self

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import (
    DEFAULT_STATUS,
    ENTITY_FIELDS,
    LINK_FIELDS,
    NAME_FIELD,
)
from dragoman.briefings.parsed import ParsedBriefing, Value
from dragoman.library.model import BACKLINK_ROLES, LIST_TYPES, Briefing, Entity

# the order roles are listed in an entity's backlinks, whatever order the links were found in
_BACKLINK_ORDER = {role: n for n, role in enumerate(dict.fromkeys(BACKLINK_ROLES.values()))}


def _sort_backlinks(entities: dict[str, Entity], entity: Entity) -> None:
    entity.backlinks = {
        role: sorted(ids, key=lambda i: entities[i].sort_key, reverse=True)
        for role, ids in sorted(entity.backlinks.items(), key=lambda kv: _BACKLINK_ORDER[kv[0]])
        if ids
    }


def _shown(entity: Entity) -> tuple[str, list[str], str | None, str | None]:
    """What the documents of the entities linking to one show of it: its names, and the
    country and organization that make an event's or a proposal's parties."""
    return (
        entity.name,
        entity.items("aliases"),
        entity.text("country"),
        entity.text("organization"),
    )


def _named(entity: Entity) -> set[str]:
    """Every id an entity's link fields name, resolved or not."""
    out: set[str] = set()
    for spec in LINK_FIELDS[entity.kind]:
        if spec.type == "refs":
            out.update(entity.items(spec.name))
        elif t := entity.text(spec.name):
            out.add(t)
    return out


def _briefing_of(result: ParsedBriefing) -> Briefing:
    assert result.id is not None
    return Briefing(
        result.id,
        result.path,
        result.date,
        result.values,
        result.positions.get("id", (1, 1))[0],
        tuple((d.kind, d.id) for d in result.declarations),
        result.packed_text,
    )


def _diagnostic(
    path: str, position: tuple[int, int], severity: str, code: str, message: str
) -> Diagnostic:
    return Diagnostic(
        path, position[0], position[1], "error" if severity == "error" else "warning", code, message
    )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


@dataclass(slots=True)
class MergedLibrary:
    """The library's data and its making: :meth:`build` merges parsed briefings into linked
    entities. :class:`~dragoman.library.library.Library` adds the look-ups, and
    :class:`~dragoman.library.update.UpdatableLibrary` the merge of changed files only."""

    entities: dict[str, Entity] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    # What :meth:`updated` needs to merge a few changed files again without the others: every
    # parsed file (in the order given), the problems of the listing, the problems found while
    # merging by the entity they concern, and who names which id in a link (dangling or not).
    _parsed: list[ParsedBriefing] = field(default_factory=list, repr=False, compare=False)
    _listing: list[Diagnostic] = field(default_factory=list, repr=False, compare=False)
    _global: list[Diagnostic] = field(default_factory=list, repr=False, compare=False)
    _names: dict[str, list[Diagnostic]] = field(default_factory=dict, repr=False, compare=False)
    _links: dict[str, list[Diagnostic]] = field(default_factory=dict, repr=False, compare=False)
    _referrers: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _tangled: bool = field(default=False, repr=False, compare=False)
    # what the analyst's views work out once per library (who took part in what...), by name
    _views: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    # -- building --------------------------------------------------------------------------

    @classmethod
    def build(
        cls, parsed: Iterable[ParsedBriefing], diagnostics: Iterable[Diagnostic] = ()
    ) -> Self:
        lib = cls(_listing=list(diagnostics), _parsed=list(parsed))
        lib.files = len(lib._parsed)
        loaded: list[tuple[Briefing, ParsedBriefing]] = []
        paths: dict[str, str] = {}
        for result in lib._parsed:
            if not result.ok:
                continue
            assert result.id is not None
            if result.id in lib.briefings:
                line, column = result.positions.get("id", (1, 1))
                lib._tangled = True
                lib._global.append(
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
            briefing = _briefing_of(result)
            lib.briefings[result.id] = briefing
            paths[result.id] = result.path
            loaded.append((briefing, result))
        loaded.sort(key=lambda pair: pair[0].sort_key)
        lib._merge(loaded)
        for entity in lib.entities.values():
            lib._resolve_links(entity)
        for entity in lib.entities.values():
            _sort_backlinks(lib.entities, entity)
        lib._break_cycles()
        lib._gather_diagnostics()
        return lib

    def _copy(self, id_: str) -> Entity:
        """A copy of an entity to change (its lists of backlinks copied too)."""
        old = self.entities[id_]
        entity = Entity(
            old.id,
            old.kind,
            old.declarations,
            old.values,
            dict(old.links),
            {role: list(ids) for role, ids in old.backlinks.items()},
            old._date,
        )
        self.entities[id_] = entity
        return entity

    def _gather_diagnostics(self) -> None:
        out = [*self._listing]
        for result in self._parsed:
            out.extend(result.diagnostics)
        out.extend(self._global)
        for group in (self._names, self._links):
            for diags in group.values():
                out.extend(diags)
        out.sort(key=lambda d: (d.sort_key, d.severity, d.message))
        self.diagnostics = out

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
                    self._tangled = True
                    self._global.append(
                        _diagnostic(
                            briefing.path,
                            decl.position("id"),
                            "error",
                            "kind-clash",
                            f"{decl.id!r} is declared here as {_a(decl.kind)} but is "
                            f"{_a(entity.kind)} in {path}:{line}; an id names one entity: rename "
                            "one of them (this declaration was skipped)",
                        )
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
        if entity.kind == "proposal" and not any(
            "status" in decl.refused for _, decl in entity.declarations
        ):
            # no briefing wrote a status: proposed. One that wrote a refused status leaves it
            # missing (the problem is reported) rather than shown as a status that looks true.
            values.setdefault("status", DEFAULT_STATUS)
        entity.values = values
        entity._date = None
        self._check_names(entity)

    def _check_names(self, entity: Entity) -> None:
        name_field = NAME_FIELD[entity.kind]
        current = entity.name
        known = {current, *entity.items("aliases")}
        latest_path = entity.declarations[-1][0].path
        found: list[Diagnostic] = []
        for briefing, decl in entity.declarations:
            name = decl.text(name_field)
            if name is None or name in known:
                continue
            remedy = (
                f"if both are right, add {name!r} to aliases"
                if entity.kind in ("person", "organization")
                else "use one title for one id"
            )
            found.append(
                _diagnostic(
                    briefing.path,
                    decl.position(name_field),
                    "warning",
                    "name-conflict",
                    f"{entity.id!r} is called {name!r} here but {current!r} in {latest_path} "
                    f"(the latest, which is shown); {remedy}",
                )
            )
        if found:
            self._names[entity.id] = found
        else:
            self._names.pop(entity.id, None)

    def _resolve_links(self, entity: Entity, fresh: dict[str, Entity] | None = None) -> None:
        """Resolve the links of one entity and add it to its targets' backlinks (copying a
        target first when ``fresh`` is given: see :meth:`updated`)."""
        found: list[Diagnostic] = []
        for spec in LINK_FIELDS[entity.kind]:
            targets = (
                entity.items(spec.name)
                if spec.type == "refs"
                else ([t] if (t := entity.text(spec.name)) else [])
            )
            if not targets:
                continue
            good: list[str] = []
            for target in targets:
                sources = self._referrers.get(target)
                if fresh is None:  # building: every set is this library's own
                    self._referrers.setdefault(target, set()).add(entity.id)
                elif sources is None or entity.id not in sources:  # shared with the old one
                    self._referrers[target] = (sources or set()) | {entity.id}
                other = self.entities.get(target)
                if other is not None and other.kind not in spec.targets:
                    found.extend(self._link_problems(entity, spec.name, target, other.kind))
                    continue
                if other is None:
                    found.extend(self._link_problems(entity, spec.name, target, None))
                good.append(target)
            entity.links[spec.name] = good
            role = BACKLINK_ROLES[(entity.kind, spec.name)]
            for target in dict.fromkeys(good):  # a target named twice is linked back once
                if target not in self.entities:
                    continue
                if fresh is not None and target not in fresh:
                    fresh[target] = self._copy(target)
                back = self.entities[target].backlinks.setdefault(role, [])
                # building, each entity is resolved once: no need to look through a list that
                # holds every event a minister attended (thousands) for every one of them
                if fresh is None or entity.id not in back:
                    back.append(entity.id)
        if found:
            self._links[entity.id] = found
        else:
            self._links.pop(entity.id, None)

    def _link_problems(
        self, entity: Entity, field_name: str, target: str, target_kind: str | None
    ) -> Iterator[Diagnostic]:
        """A problem with a link, at every declaration that names its target."""
        spec = next(s for s in LINK_FIELDS[entity.kind] if s.name == field_name)
        wanted = " or ".join(spec.targets)
        for briefing, decl in entity.declarations:
            items = decl.items(field_name) if spec.type == "refs" else [decl.text(field_name)]
            if target not in items:
                continue
            position = decl.position(
                field_name, items.index(target) if spec.type == "refs" else None
            )
            if target_kind is not None:
                yield _diagnostic(
                    briefing.path,
                    position,
                    "error",
                    "link-kind",
                    f"{field_name} of {entity.id!r} must name {_a(wanted)}, but {target!r} is "
                    f"{_a(target_kind)}; fix the id (the link was dropped)",
                )
            else:
                yield _diagnostic(
                    briefing.path,
                    position,
                    "warning",
                    "dangling-link",
                    f"{field_name} of {entity.id!r} names {target!r}, which no briefing "
                    f"declares; declare it as {_a(wanted)} or fix the id (shown as plain text)",
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
        self._tangled = True
        self._global.append(
            _diagnostic(
                briefing.path,
                decl.position(role),
                "error",
                "cycle",
                f"{role} goes round in a circle: {shown}; break the circle (this link was dropped)",
            )
        )
        last.links[role] = []
        back_role = BACKLINK_ROLES[(last.kind, role)]
        first = self.entities[target]
        if last.id in first.backlinks.get(back_role, []):
            first.backlinks[back_role].remove(last.id)
            if not first.backlinks[back_role]:
                del first.backlinks[back_role]
