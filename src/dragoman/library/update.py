"""Merging again only what changed files declare: :meth:`UpdatableLibrary.updated`.

Equal to a whole merge of the new set of files, but only the entities the changed files declare,
and those whose links name them, are merged again; the old library is left as it was for its
readers. What changed is returned for the index to rewrite just those documents. Uses the
merging (:mod:`dragoman.library.merge`) and the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.parsed import Declaration, ParsedBriefing
from dragoman.library.merge import (
    MergedLibrary,
    _briefing_of,
    _named,
    _shown,
    _sort_backlinks,
)
from dragoman.library.model import BACKLINK_ROLES, Briefing, Entity
from dragoman.library.taking_part import carried_over, events_moved


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


@dataclass(slots=True)
class UpdatableLibrary(MergedLibrary):
    """A merged library that can merge again only what changed files declare."""

    def updated(
        self,
        removed: Iterable[str],
        added: Iterable[ParsedBriefing],
        diagnostics: Iterable[Diagnostic] = (),
    ) -> tuple[Self, Changed]:
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
        lib = type(self).build(parsed, listing)
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
    ) -> tuple[Self, Changed] | None:
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
        lib = type(self)(
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
        new_declarations: dict[str, list[tuple[Briefing, Declaration]]] = {}
        for briefing, result in new_briefings:  # by id, once: not every file for every id
            for d in result.declarations:
                new_declarations.setdefault(d.id, []).append((briefing, d))
        fresh: dict[str, Entity] = {}
        kinds_moved: set[str] = set()
        for id_ in sorted(declared):
            former = self.entities.get(id_)
            decls = [
                (b, d)
                for b, d in (former.declarations if former else [])
                if b.path not in gone_paths
            ]
            decls.extend(new_declarations.get(id_, ()))
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
        # who took part in an event reaches beyond its links: the events whose parties moved
        # are changed too (their documents hold them), and the map of who took part follows
        changed.entities |= events_moved(self, lib, changed.entities | changed.gone_entities)
        carried_over(self, lib, changed.entities | changed.gone_entities)
        return lib, changed

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
