"""What an entity or briefing looks like to a reader: the data behind ``show`` (JSON and text).

The app and the CLI both use these groupings, so a link is called the same everywhere.
"""

from __future__ import annotations

import difflib
from typing import Any

from dragoman.briefings.fields import ENTITY_FIELDS, LINK_FIELDS, NAME_FIELD, SECTION_OF_KIND
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity, HistoryEntry
from dragoman.text import fold

# How each link role is titled, in the order a reader wants them.
ROLE_TITLES: dict[str, str] = {
    # outgoing
    "organization": "Organization",
    "part_of": "Part of",
    "follows": "Follows",
    "organizations": "Organizations",
    "chairs": "Chairs",
    "participants": "Participants",
    "by": "Proposed by",
    "to": "Addressed to",
    "at": "Made at",
    # incoming ("appears in")
    "chaired": "Chaired",
    "attended": "Attended",
    "proposed": "Proposals made",
    "addressed": "Proposals addressed to",
    "members": "Members",
    "parts": "Parts",
    "events": "Events",
    "includes": "Includes",
    "followed_by": "Followed by",
    "proposals": "Proposals made here",
}
HISTORY_FIELDS = ("role", "rank", "organization", "status", "name", "title", "summary", "place")


def link_json(library: Library, target: str) -> dict[str, Any]:
    """A link as ``show --json`` gives it; one naming a proposal has its ``status`` too."""
    entity = library.entities.get(target)
    if entity is None:
        return {"id": target, "kind": None, "title": target, "date": None, "resolved": False}
    out: dict[str, Any] = {
        "id": target,
        "kind": entity.kind,
        "title": entity.name,
        "date": str(entity.date),
        "resolved": True,
    }
    if entity.kind == "proposal":
        out["status"] = entity.text("status")
    return out


def _history_json(entries: list[HistoryEntry]) -> list[dict[str, Any]]:
    return [
        {
            "value": e.value,
            "briefing": e.briefing,
            "date": str(e.date),
            "path": e.path,
            "line": e.line,
        }
        for e in entries
    ]


def briefing_ref_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "id": briefing.id,
        "title": briefing.title,
        "date": str(briefing.date),
        "path": briefing.path,
        "line": briefing.line,
        "source": briefing.source,
    }


def entity_json(library: Library, entity: Entity) -> dict[str, Any]:
    link_names = {s.name for s in LINK_FIELDS[entity.kind]}
    fields = {k: v for k, v in entity.values.items() if k not in link_names}
    histories = {}
    for name in HISTORY_FIELDS:
        entries = entity.history(name)
        if len(entries) > 1 and len({str(e.value) for e in entries}) > 1:
            histories[name] = _history_json(entries)
    return {
        "id": entity.id,
        "kind": entity.kind,
        "title": entity.name,
        "date": str(entity.date),
        "fields": fields,
        "links": {
            role: [link_json(library, t) for t in ids] for role, ids in entity.links.items() if ids
        },
        "backlinks": {
            role: [link_json(library, t) for t in ids]
            for role, ids in entity.backlinks.items()
            if ids
        },
        "history": histories,
        "briefings": [briefing_ref_json(b) for b, _ in entity.declarations],
    }


def briefing_json(library: Library, briefing: Briefing) -> dict[str, Any]:
    declares: dict[str, list[dict[str, Any]]] = {}
    for kind, id_ in briefing.declares:
        if id_ in library.entities and library.entities[id_].kind == kind:
            declares.setdefault(SECTION_OF_KIND[kind], []).append(link_json(library, id_))
    return {
        "id": briefing.id,
        "kind": "briefing",
        "title": briefing.title,
        "date": str(briefing.date),
        "path": briefing.path,
        "fields": {k: v for k, v in briefing.all_values.items() if k not in ("id",)},
        "declares": declares,
    }


def suggest_ids(library: Library, query: str, limit: int = 5) -> list[str]:
    """Ids whose id, name or alias is close to ``query`` (accents and case ignored)."""
    wanted = fold(query).casefold()
    names: dict[str, str] = {}
    for entity in library.entities.values():
        for label in (entity.id, entity.name, *entity.items("aliases")):
            names.setdefault(fold(label).casefold(), entity.id)
    for briefing in library.briefings.values():
        names.setdefault(briefing.id, briefing.id)
    hits = [names[k] for k in names if wanted and wanted in k]
    hits += [names[k] for k in difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.6)]
    out: list[str] = []
    for hit in hits:
        if hit not in out:
            out.append(hit)
    return out[:limit]


def _label(item: dict[str, Any]) -> str:
    if not item["resolved"]:
        return f"{item['id']}  (not declared in any briefing)"
    status = f" · {item['status']}" if item.get("status") else ""
    return f"{item['title']}{status}  [{item['kind']} {item['id']}, {item['date']}]"


def entity_lines(library: Library, entity: Entity) -> list[str]:
    data = entity_json(library, entity)
    name_field = NAME_FIELD[entity.kind]
    lines = [f"{entity.name}", f"{entity.kind} {entity.id}", ""]
    order = [s.name for s in ENTITY_FIELDS[entity.kind]]
    for name in order:
        if name in ("id", name_field) or name not in data["fields"]:
            continue
        value = data["fields"][name]
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        lines.append(f"  {name}: {shown}")
    if not lines[-1]:  # no field to show: the sections follow the heading's blank line
        lines.pop()
    for group, title in (("links", "Links"), ("backlinks", "Appears in")):
        if data[group]:
            lines += ["", title]
            for role, items in data[group].items():
                lines.append(f"  {ROLE_TITLES.get(role, role)}:")
                lines += [f"    {_label(item)}" for item in items]
    if data["history"]:
        lines += ["", "History"]
        for name, entries in data["history"].items():
            lines.append(f"  {name}:")
            for e in entries:
                value = ", ".join(e["value"]) if isinstance(e["value"], list) else e["value"]
                lines.append(f"    {e['date']}  {value}  ({e['briefing']})")
    lines += ["", "Briefings"]
    for ref in data["briefings"]:
        lines.append(f"  {ref['date']}  {ref['title']}  [{ref['id']}]  {ref['path']}:{ref['line']}")
        source = source_line(ref["source"])
        if source:
            lines.append(f"      {source}")
    return lines


SOURCE_ORDER = ("publisher", "author", "translator", "published", "url")


def source_line(source: dict[str, Any]) -> str:
    """A briefing's source in one line, each value with its label: ``publisher: VNA · translator:
    Tran Hoai``. The CLI and the app show a briefing's source so wherever it stands in a list."""
    return " · ".join(f"{key}: {source[key]}" for key in SOURCE_ORDER if source.get(key))


def briefing_lines(library: Library, briefing: Briefing) -> list[str]:
    data = briefing_json(library, briefing)
    fields = data["fields"]
    lines = [briefing.title, f"briefing {briefing.id}  {briefing.date}  {briefing.path}", ""]
    if "summary" in fields:
        lines += [f"  summary: {fields['summary']}"]
    if "tags" in fields:
        lines += [f"  tags: {', '.join(fields['tags'])}"]
    for key, value in briefing.source.items():
        lines.append(f"  source.{key}: {value}")
    for section, items in data["declares"].items():
        lines += ["", section.capitalize()]
        lines += [f"  {_label(item)}" for item in items]
    if "text" in fields:
        lines += ["", "Text", *("  " + line for line in str(fields["text"]).splitlines())]
    return lines
