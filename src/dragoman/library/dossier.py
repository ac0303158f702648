"""A dossier of one entity or briefing, to hand a colleague: JSON, and Markdown that renders
cleanly and cannot be turned into anything else by the text of a briefing.

Everything ``show --json`` links appears: the links and backlinks by role, with a proposal's
status and trail, a person's role at each event; a person's roles over time; for a person, an
organization or a country's events, who it met most; and the sources as numbered references
(the briefings, with publisher, date and URL) cited where used. User text in the Markdown is
escaped (Markdown punctuation behind a backslash, ``<``, ``>`` and ``&`` as entities, control
characters made visible, lines joined), so no briefing can inject structure or HTML. Uses the
library, its presentation, the tracker and who met whom.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dragoman.library.contacts import Pair, contacts, pair_json
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.library.parties import party_of
from dragoman.library.present import ROLE_TITLES, briefing_json, entity_json
from dragoman.library.tracker import track, trail_text
from dragoman.text import printable

_PUNCTUATION = set("\\`*_{}[]|~")
# what would start a block (a list, a heading, a quote) when it starts a line or a list item
_LEADING = re.compile(r"^([-+#=>]|[0-9]+(?=[.)]))")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def md(text: object) -> str:
    """User text as inert Markdown inline text."""
    flat = " ".join(printable(str(text)).split())
    out = "".join(_ENTITIES.get(c) or (f"\\{c}" if c in _PUNCTUATION else c) for c in flat)
    if m := _LEADING.match(out):
        end = m.end()
        out = out[:end] + "\\" + out[end:] if out[:end].isdigit() else "\\" + out
    return out


def _url(url: str) -> str:
    safe = url.startswith(("http://", "https://")) and not any(
        c.isspace() or c in "<>\"'`" or ord(c) < 32 for c in url
    )
    return f"<{url}>" if safe else md(url)


class _Sources:
    """The briefings cited, numbered in the order first cited."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.numbers: dict[str, int] = {}

    def cite(self, briefing_ids: list[str]) -> list[int]:
        out = []
        for i in briefing_ids:
            if i in self.library.briefings:
                out.append(self.numbers.setdefault(i, len(self.numbers) + 1))
        return sorted(set(out))

    def json(self) -> list[dict[str, Any]]:
        rows = []
        for i, n in self.numbers.items():
            b = self.library.briefings[i]
            rows.append(
                {
                    "n": n,
                    "id": b.id,
                    "title": b.title,
                    "date": str(b.date),
                    "publisher": b.source.get("publisher"),
                    "published": b.source.get("published"),
                    "url": b.source.get("url"),
                    "path": b.path,
                }
            )
        return rows


def _link_row(
    library: Library, sources: _Sources, of: Entity | None, target: str
) -> dict[str, Any]:
    entity = library.entities.get(target)
    if entity is None:
        return {"id": target, "kind": None, "title": target, "resolved": False, "sources": []}
    row: dict[str, Any] = {
        "id": target,
        "kind": entity.kind,
        "title": entity.name,
        "date": str(entity.date),
        "resolved": True,
        "sources": sources.cite(entity.briefings),
    }
    if entity.kind == "proposal":
        tracked = track(library, entity)
        row["status"] = tracked.status
        row["trail"] = trail_text(tracked)
    if entity.kind == "event" and of is not None and of.kind == "person":
        row["role"] = library.role_at(of.id, entity.id)
    return row


def dossier(library: Library, item: Entity | Briefing) -> dict[str, Any]:
    """The dossier's content, the same for JSON and Markdown."""
    sources = _Sources(library)
    if isinstance(item, Briefing):
        data = briefing_json(library, item)
        sources.cite([item.id])
        declared = {
            section: [_link_row(library, sources, None, row["id"]) for row in rows]
            for section, rows in data["declares"].items()
        }
        fields = {k: v for k, v in data["fields"].items() if k != "text"}
        return {
            "id": item.id,
            "kind": "briefing",
            "title": item.title,
            "date": str(item.date),
            "fields": fields,
            "links": declared,
            "roles": [],
            "met": [],
            "sources": sources.json(),
        }
    shown = entity_json(library, item)
    own = sources.cite(item.briefings)
    links = {
        role: [_link_row(library, sources, item, row["id"]) for row in rows]
        for part in ("links", "backlinks")
        for role, rows in shown[part].items()
    }
    roles = [
        {"role": h.value, "date": str(h.date), "sources": sources.cite([h.briefing])}
        for h in item.history("role")
    ]
    met: list[dict[str, Any]] = []
    party = party_of(library, item.id)
    if party is not None:
        for contact in contacts(library, party)[:10]:
            met.append(
                {
                    "id": contact.party.key,
                    "name": contact.party.name,
                    "meetings": contact.meetings,
                    "first": str(contact.first),
                    "last": str(contact.last),
                }
            )
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.name,
        "date": str(item.date),
        "fields": shown["fields"],
        "cited": own,
        "links": links,
        "roles": roles,
        "met": met,
        "sources": sources.json(),
    }


FORMATS = ("markdown", "json")


def dossier_text(library: Library, item: Entity | Briefing, fmt: str = "markdown") -> str:
    """The dossier as written to a file or printed: Markdown, or JSON (``fmt`` "json")."""
    data = dossier(library, item)
    return json_text(data) if fmt == "json" else dossier_markdown(data)


def json_text(data: Any) -> str:
    """JSON as the exports write it: indented, ASCII only, ending with a newline."""
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def _refs(numbers: list[int]) -> str:
    return " ".join(f"[{n}]" for n in numbers)


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(md(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{md(k)}: {md(v)}" for k, v in value.items())
    return md(value)


def dossier_markdown(data: dict[str, Any]) -> str:
    """The dossier as Markdown: headings, tables, lists, numbered references."""
    lines = [
        f"# {md(data['title'])}",
        "",
        f"*{md(data['kind'])} · `{data['id']}` · {md(data['date'])}*",
    ]
    if data.get("cited"):
        lines[-1] += f" {_refs(data['cited'])}"
    if data["fields"]:
        lines += ["", "| field | value |", "|---|---|"]
        for key, value in data["fields"].items():
            lines.append(f"| {md(key)} | {_value(value)} |")
    if data["roles"]:
        lines += ["", "## Roles over time", ""]
        for row in data["roles"]:
            lines.append(f"- {md(row['role'])}, as of {md(row['date'])} {_refs(row['sources'])}")
    for role, rows in data["links"].items():
        if not rows:
            continue
        title = ROLE_TITLES.get(role, role.replace("_", " ").capitalize())
        kinds = {r["kind"] for r in rows}
        lines += ["", f"## {md(title)}", ""]
        if kinds == {"proposal"}:
            lines += ["| status | proposal | trail | sources |", "|---|---|---|---|"]
            for r in rows:
                cells = [md(r["status"]), md(r["title"]), md(r["trail"]), _refs(r["sources"])]
                lines.append("| " + " | ".join(cells) + " |")
        elif kinds == {"event"}:
            with_role = any("role" in r for r in rows)
            head = (
                "| date | event | role | sources |" if with_role else "| date | event | sources |"
            )
            lines += [head, "|---|---|---|---|" if with_role else "|---|---|---|"]
            for r in sorted(rows, key=lambda r: (r["date"], r["id"])):
                cells = [md(r["date"]), md(r["title"])]
                if with_role:
                    cells.append(md(r.get("role") or ""))
                lines.append("| " + " | ".join([*cells, _refs(r["sources"])]) + " |")
        else:
            for r in rows:
                if not r["resolved"]:
                    lines.append(f"- {md(r['title'])} (not declared in any briefing)")
                else:
                    where = f"({md(r['kind'])}, {md(r['date'])})"
                    lines.append(f"- {md(r['title'])} {where} {_refs(r['sources'])}")
    if data["met"]:
        lines += ["", "## Met most", "", "| who | events | first | last |", "|---|---|---|---|"]
        for r in data["met"]:
            lines.append(
                f"| {md(r['name'])} | {r['meetings']} | {md(r['first'])} | {md(r['last'])} |"
            )
    return "\n".join(lines) + _sources_markdown(data["sources"])


def _sources_markdown(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return "\n"
    lines = ["", "", "## Sources", ""]
    for s in sorted(sources, key=lambda s: s["n"]):
        parts = [md(s["title"])]
        parts += [md(s[k]) for k in ("publisher", "published") if s.get(k)]
        parts.append(f"briefing of {md(s['date'])}")
        if s.get("url"):
            parts.append(_url(str(s["url"])))
        lines.append(f"{s['n']}. " + ", ".join(parts))
    return "\n".join(lines) + "\n"


def pair_dossier(library: Library, found: Pair) -> dict[str, Any]:
    """The who-met-whom card as a dossier: ``pair_json`` with each row's sources."""
    sources = _Sources(library)
    data = pair_json(library, found)
    for row in (*data["events"], *data["proposals"]):
        row["sources"] = sources.cite(library.entities[row["id"]].briefings)
    data["sources"] = sources.json()
    return data


def _people(rows: list[dict[str, Any]]) -> str:
    return ", ".join(md(f"{p['name']} ({p['role']})" if p.get("role") else p["name"]) for p in rows)


def pair_markdown(library: Library, data: dict[str, Any]) -> str:
    a, b = data["a"], data["b"]
    count = data["meetings"]
    head = f"{count} shared event" + ("" if count == 1 else "s")
    if data["first"]:
        head += f", first {md(data['first'])}, last {md(data['last'])}"
    lines = [f"# {md(a['name'])} and {md(b['name'])}", "", f"*{head}*"]
    if data["events"]:
        lines += ["", "## Shared events", ""]
        lines += [f"| date | event | {md(a['name'])} | {md(b['name'])} | sources |"]
        lines.append("|---|---|---|---|---|")
        for e in data["events"]:
            cells = [md(e["date"]), md(e["title"]), _people(e["a_people"]), _people(e["b_people"])]
            lines.append("| " + " | ".join([*cells, _refs(e["sources"])]) + " |")
    if data["proposals"]:
        lines += ["", "## Proposals between them", ""]
        lines += ["| status | proposal | by | to | sources |", "|---|---|---|---|---|"]
        for p in data["proposals"]:
            by = ", ".join(md(_name(library, i)) for i in p["by"])
            to = ", ".join(md(_name(library, i)) for i in p["to"])
            cells = [md(p["status"]), md(p["title"]), by, to, _refs(p["sources"])]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + _sources_markdown(data["sources"])


def _name(library: Library, id_: str) -> str:
    entity = library.entities.get(id_)
    return entity.name if entity is not None else id_
