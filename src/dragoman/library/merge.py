"""Merging declarations of one id across briefings, resolving links, the problems in between.

Lists are unioned, the latest-dated briefing's scalars win, links resolve both ways, and the
problems only visible across briefings are reported: kind clashes, dangling links, links to the
wrong kind, ``follows``/``part_of`` cycles and conflicting names. Uses the model and the
briefings stage.
"""

from __future__ import annotations

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import (
    LINK_FIELDS,
)
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.library.model import BACKLINK_ROLES, Briefing, Entity

# the order roles are listed in an entity's backlinks, whatever order the links were found in
_BACKLINK_ORDER = {role: n for n, role in enumerate(dict.fromkeys(BACKLINK_ROLES.values()))}


def _sort_backlinks(entities: dict[str, Entity], entity: Entity) -> None:
    entity.backlinks = {
        role: sorted(ids, key=lambda i: entities[i].sort_key, reverse=True)
        for role, ids in sorted(entity.backlinks.items(), key=lambda kv: _BACKLINK_ORDER[kv[0]])
        if ids
    }


def _shown(entity: Entity) -> tuple[str, list[str]]:
    """What the documents of the entities linking to one show of it."""
    return entity.name, entity.items("aliases")


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


_PLURAL = {
    "person": "people",
    "organization": "organizations",
    "event": "events",
    "proposal": "proposals",
}


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"
