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

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import (
    DEFAULT_STATUS,
    ENTITY_FIELDS,
    ENTITY_KINDS,
    LINK_FIELDS,
    NAME_FIELD,
)
from dragoman.briefings.loader import (
    LoadLimits,
    display_path,
    find_briefing_files,
    parse_briefing_file,
)
from dragoman.briefings.parsed import ParsedBriefing, Value
from dragoman.library.merge import (
    _PLURAL,
    _a,
    _briefing_of,
    _diagnostic,
    _named,
    _shown,
    _sort_backlinks,
)
from dragoman.library.model import BACKLINK_ROLES, LIST_TYPES, Briefing, Entity


@dataclass(slots=True)
class Library:
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

    def updated(
        self,
        removed: Iterable[str],
        added: Iterable[ParsedBriefing],
        diagnostics: Iterable[Diagnostic] = (),
    ) -> tuple[Library, Changed]:
        """This library with the files at the paths ``removed`` taken out and ``added`` put in
        (a changed file is both), and ``diagnostics`` as the listing's problems.

        Equal to :meth:`build` on the new set of files, but only the entities the changed files
        declare, and those whose links name them, are merged again. ``self`` is left as it was
        (readers may still be using it): the new library shares every entity that did not
        change. Returns it with what changed, for the index to rewrite just those documents.
        """
        gone_paths = set(removed)
        new_files = list(added)
        gone_paths.update(p.path for p in new_files)
        kept = [p for p in self._parsed if p.path not in gone_paths]
        old_files = [p for p in self._parsed if p.path in gone_paths]
        listing = list(diagnostics)
        quick = self._quick_update(kept, old_files, new_files, listing)
        if quick is not None:
            return quick
        parsed = sorted([*kept, *new_files], key=lambda p: p.path)
        lib = Library.build(parsed, listing)
        everything = Changed(set(lib.entities), set(lib.briefings), everything=True)
        everything.gone_entities = set(self.entities) - set(lib.entities)
        everything.gone_briefings = set(self.briefings) - set(lib.briefings)
        return lib, everything

    def _quick_update(
        self,
        kept: list[ParsedBriefing],
        old_files: list[ParsedBriefing],
        new_files: list[ParsedBriefing],
        listing: list[Diagnostic],
    ) -> tuple[Library, Changed] | None:
        """:meth:`updated` merging only what changed; None when the files hold a duplicate
        briefing id, an id declared as two kinds, or a ``follows``/``part_of`` circle, before
        or after (rare, and each needs the whole library: :meth:`build` is used then)."""
        if self._tangled:
            return None
        old_ids = {p.id for p in old_files if p.id is not None}
        new_ok = [p for p in new_files if p.ok]
        new_ids = [p.id for p in new_ok]
        if len(set(new_ids)) != len(new_ids) or any(
            i in self.briefings and i not in old_ids for i in new_ids
        ):
            return None
        lib = Library(
            dict(self.entities),
            dict(self.briefings),
            files=len(kept) + len(new_files),
            _parsed=[*kept, *new_files],
            _listing=listing,
            _names=dict(self._names),
            _links=dict(self._links),
            _referrers=dict(self._referrers),
        )
        changed = Changed()
        gone_paths = {p.path for p in old_files}
        for i in old_ids:
            del lib.briefings[i]
            changed.gone_briefings.add(i)
        new_briefings = []
        for result in new_ok:
            briefing = _briefing_of(result)
            lib.briefings[briefing.id] = briefing
            new_briefings.append((briefing, result))
            changed.briefings.add(briefing.id)
        changed.gone_briefings -= changed.briefings

        # 1. The entities the changed files declare: their declarations again, merged again.
        declared = {d.id for p in (*old_files, *new_ok) for d in p.declarations}
        fresh: dict[str, Entity] = {}
        kinds_moved: set[str] = set()
        for id_ in sorted(declared):
            former = self.entities.get(id_)
            decls = [
                (b, d)
                for b, d in (former.declarations if former else [])
                if b.path not in gone_paths
            ]
            for briefing, result in new_briefings:
                decls.extend((briefing, d) for d in result.declarations if d.id == id_)
            decls.sort(key=lambda pair: pair[0].sort_key)
            if not decls:
                del lib.entities[id_]
                lib._names.pop(id_, None)
                kinds_moved.add(id_)
                changed.gone_entities.add(id_)
                continue
            kind = decls[0][1].kind
            if any(d.kind != kind for _, d in decls):
                return None
            entity = Entity(id_, kind, decls)
            if former is not None:  # its backlinks, brought up to date below
                entity.backlinks = {role: list(ids) for role, ids in former.backlinks.items()}
            lib._merge_values(entity)
            lib.entities[id_] = fresh[id_] = entity
            if former is None or former.kind != kind:
                kinds_moved.add(id_)

        # 2. Links again: of those entities, and of every entity naming one that appeared,
        # disappeared or changed its kind (its link may now resolve, dangle or be refused).
        relink = set(fresh)
        for id_ in kinds_moved:
            relink.update(s for s in self._referrers.get(id_, ()) if s in lib.entities)
        touched_targets: set[str] = set()
        for id_ in sorted(relink | changed.gone_entities):
            old = self.entities.get(id_)
            if old is not None:  # its old links leave their targets' backlinks
                for role, ids in old.links.items():
                    back = BACKLINK_ROLES[(old.kind, role)]
                    for target in ids:
                        lib._drop_backlink(target, back, id_, fresh)
                        touched_targets.add(target)
                for target in _named(old):
                    lib._unrefer(target, id_)
            lib._links.pop(id_, None)
        for id_ in sorted(relink):
            linking = fresh.get(id_)
            if linking is None:  # an entity only relinked: copied, never changed in place
                linking = fresh[id_] = lib._copy(id_)
            linking.links = {}
            lib._resolve_links(linking, fresh)
            touched_targets.update(t for ids in linking.links.values() for t in ids)
        # every entity whose date moved may have moved in the lists of its targets' backlinks
        for id_ in declared:
            before, after = self.entities.get(id_), lib.entities.get(id_)
            if before is not None and after is not None and before.sort_key != after.sort_key:
                touched_targets.update(t for ids in after.links.values() for t in ids)
        for target in touched_targets:
            if target in lib.entities:
                if target not in fresh:
                    fresh[target] = lib._copy(target)
                _sort_backlinks(lib.entities, fresh[target])
        if lib._circles(relink):
            return None

        # 3. What the index must write again: every entity copied or merged anew, those whose
        # links show the name of one merged anew, and the briefings declaring a moved kind.
        changed.entities = set(fresh)
        for id_ in declared:
            before, after = self.entities.get(id_), lib.entities.get(id_)
            if before and after and _shown(before) == _shown(after):
                continue
            changed.entities.update(s for s in lib._referrers.get(id_, ()) if s in lib.entities)
        for id_ in kinds_moved:
            if (moved := lib.entities.get(id_)) is not None:
                changed.briefings.update(b.id for b, _ in moved.declarations)
        lib._gather_diagnostics()
        return lib, changed

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

    def _drop_backlink(self, target: str, role: str, source: str, fresh: dict[str, Entity]) -> None:
        if target not in self.entities:
            return
        if target not in fresh:
            fresh[target] = self._copy(target)
        entity = fresh[target]
        ids = entity.backlinks.get(role)
        if ids is not None and source in ids:
            ids.remove(source)
            if not ids:
                del entity.backlinks[role]

    def _unrefer(self, target: str, source: str) -> None:
        sources = self._referrers.get(target)
        if sources is not None and source in sources:
            sources = sources - {source}
            if sources:
                self._referrers[target] = sources
            else:
                del self._referrers[target]

    def _circles(self, starts: Iterable[str]) -> bool:
        """Whether a ``follows`` or ``part_of`` chain from one of ``starts`` goes round."""
        for role in ("follows", "part_of"):
            done: set[str] = set()
            for start in starts:
                seen: set[str] = set()
                current: str | None = start
                while current is not None and current not in done:
                    if current in seen:
                        return True
                    seen.add(current)
                    entity = self.entities.get(current)
                    targets = entity.links.get(role, []) if entity else []
                    current = targets[0] if targets else None
                done.update(seen)
        return False

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
        if entity.kind == "proposal":
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
            for target in good:
                if target not in self.entities:
                    continue
                if fresh is not None and target not in fresh:
                    fresh[target] = self._copy(target)
                back = self.entities[target].backlinks.setdefault(role, [])
                if entity.id not in back:
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


@dataclass(slots=True)
class Changed:
    """What :meth:`Library.updated` changed: the ids whose documents must be written again
    (entities merged anew, relinked, or showing a changed name; briefings changed) and those
    gone. ``everything`` when the library was merged whole again."""

    entities: set[str] = field(default_factory=set)
    briefings: set[str] = field(default_factory=set)
    everything: bool = False
    gone_entities: set[str] = field(default_factory=set)
    gone_briefings: set[str] = field(default_factory=set)


def load_library(root: Path, limits: LoadLimits | None = None) -> Library:
    """Read every briefing under ``root`` and merge them."""
    limits = limits or LoadLimits.from_env()
    files, problems = find_briefing_files(root)
    parsed = (parse_briefing_file(p, display_path(root, p), limits) for p in files)
    return Library.build(parsed, problems)
