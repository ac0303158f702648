"""What the detail pane shows for an entity or a briefing, as a list of options.

Text lines are disabled options (the cursor skips them); every link is an enabled option whose
id is the target, so Enter or a click follows it. Links are grouped by role; backlinks come
under "Appears in"; histories list each value with its briefing and date.

Uses the library's presentation (:mod:`dragoman.library.present`), the field table and the
highlighting.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets.option_list import Option

from dragoman.briefings.fields import ENTITY_FIELDS, NAME_FIELD
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.library.present import ROLE_TITLES, briefing_json, entity_json, source_line
from dragoman.search.highlight import mark
from dragoman.text import clip, count, printable

BRIEFING_PREFIX = "briefing:"


FIELD_LIMIT = 4_000  # characters of one value shown in the detail pane
TEXT_LIMIT = 200_000  # characters of a briefing's text shown in the detail pane


def _cut_note(cut: int) -> Content:
    return Content(f" … ({cut:,} more characters; the whole text is in the file)").stylize(
        "$text-muted"
    )


def highlighted(
    text: str, terms: frozenset[str], style: str = "", limit: int = FIELD_LIMIT
) -> Content:
    """User text with the search terms marked; never parsed as markup. A value longer than
    ``limit`` characters is shown in part, with a note of what was left out."""
    text, cut = clip(text, limit)
    parts: list[Content] = []
    for piece, matched in mark(printable(text), terms):
        content = Content(piece)
        if style:
            content = content.stylize(style)
        if matched:
            content = content.stylize("bold $text-warning")
        parts.append(content)
    if cut:
        parts.append(_cut_note(cut))
    return Content.assemble(*parts) if parts else Content("")


def _line(content: Content | str) -> Option:
    return Option(content if isinstance(content, Content) else Content(content), disabled=True)


def _heading(title: str) -> list[Option]:
    return [_line(""), _line(Content(title.upper()).stylize("bold $accent"))]


def _field(name: str, value: Any, terms: frozenset[str]) -> Option:
    shown = ", ".join(value) if isinstance(value, list) else str(value)
    label = Content(f"{name:<12} ").stylize("$text-muted")  # a long name keeps a space
    return _line(Content.assemble(label, highlighted(shown, terms)))


def _link(item: dict[str, Any], extra: str = "") -> Option:
    if not item["resolved"]:
        text = Content.assemble(
            Content("  · "),
            Content(printable(item["id"])),
            Content("  (not declared in any briefing)").stylize("$text-muted italic"),
        )
        return _line(text)
    tail = f"  {item['kind']} · {item['date']}"
    if extra:
        tail += f" · {extra}"
    status = item.get("status")  # a proposal's, after its title
    text = Content.assemble(
        Content("  → ").stylize("$accent"),
        Content(printable(clip(item["title"], 300)[0])),
        Content(printable(f" · {status}") if status else ""),
        Content(printable(tail)).stylize("$text-muted"),
    )
    return Option(text, id=item["id"])


def _briefing_link(ref: dict[str, Any]) -> Option:
    source = source_line(ref.get("source") or {})
    text = Content.assemble(
        Content("  → ").stylize("$accent"),
        Content(f"{ref['date']}  ").stylize("$text-muted"),
        Content(printable(clip(ref["title"], 300)[0])),
        Content(printable(f"  {ref['path']}:{ref['line']}")).stylize("$text-muted"),
        Content(printable("  " + source) if source else "").stylize("$text-muted"),
    )
    return Option(text, id=BRIEFING_PREFIX + ref["id"])


def entity_options(library: Library, entity: Entity, terms: frozenset[str]) -> list[Option]:
    data = entity_json(library, entity)
    name_field = NAME_FIELD[entity.kind]
    lines = [
        _line(highlighted(entity.name, terms, "bold")),
        _line(
            Content(printable(f"{entity.kind} · {entity.id} · {entity.date}")).stylize(
                "$text-muted"
            )
        ),
        _line(""),
    ]
    for spec in ENTITY_FIELDS[entity.kind]:
        if spec.name in ("id", name_field) or spec.name not in data["fields"]:
            continue
        lines.append(_field(spec.name, data["fields"][spec.name], terms))
    for role, items in data["links"].items():
        lines += _heading(ROLE_TITLES.get(role, role))
        lines += [_link(item) for item in items]
    if data["backlinks"]:
        lines += _heading("Appears in")
        for role, items in data["backlinks"].items():
            lines.append(_line(Content(f" {ROLE_TITLES.get(role, role)}").stylize("bold")))
            for item in items:
                extra = ""
                if entity.kind == "person" and role in ("chaired", "attended"):
                    extra = library.role_at(entity.id, item["id"]) or ""
                lines.append(_link(item, extra))
    if data["history"]:
        lines += _heading("History")
        for name, entries in data["history"].items():
            lines.append(_line(Content(f" {name}").stylize("bold")))
            for e in entries:
                value = ", ".join(e["value"]) if isinstance(e["value"], list) else str(e["value"])
                lines.append(
                    _line(
                        Content.assemble(
                            Content(f"  {e['date']:<11}").stylize("$text-muted"),
                            Content(printable(value)),
                            Content(printable(f"  ({e['briefing']})")).stylize("$text-muted"),
                        )
                    )
                )
    lines += _heading("Briefings")
    lines += [_briefing_link(ref) for ref in data["briefings"]]
    return lines


def briefing_options(library: Library, briefing: Briefing, terms: frozenset[str]) -> list[Option]:
    data = briefing_json(library, briefing)
    fields = data["fields"]
    lines = [
        _line(highlighted(briefing.title, terms, "bold")),
        _line(
            Content(
                printable(f"briefing · {briefing.id} · {briefing.date} · {briefing.path}")
            ).stylize("$text-muted")
        ),
        _line(""),
    ]
    if "summary" in fields:
        lines.append(_field("summary", fields["summary"], terms))
    if "tags" in fields:
        lines.append(_field("tags", fields["tags"], terms))
    for key, value in briefing.source.items():
        lines.append(_field(f"source.{key}", value, terms))
    for section, items in data["declares"].items():
        lines += _heading(section)
        lines += [_link(item) for item in items]
    text = fields.get("text")
    if isinstance(text, str) and text.strip():
        lines += _heading("Text")
        shown, cut = clip(text, TEXT_LIMIT)
        for paragraph in shown.split("\n"):
            lines.append(_line(highlighted(paragraph, terms)))
        if cut:
            lines.append(_line(_cut_note(cut)))
    return lines


def loading_options(folder: str) -> list[Option]:
    return [
        _line(Content("Reading the briefings…").stylize("bold")),
        _line(""),
        _line(Content(printable(f"The lists show the index of {folder} as it was last time."))),
        _line("Links, histories and texts appear here as soon as every briefing is read."),
    ]


def query_error_options(query: str, message: str) -> list[Option]:
    """What the detail shows for a query that cannot be understood: the message whole, where
    the results would be (the panes show none: nothing was asked for that could be found)."""
    return [
        _line(Content("The query is not understood").stylize("bold $text-error")),
        _line(""),
        _line(Content(printable(query)).stylize("$text-accent")),
        _line(""),
        _line(Content(printable(message))),
        _line(""),
        _line("docs/search.md lists the query language; F1 lists the keys."),
    ]


def empty_options(
    folder: str, *, exists: bool = True, files: int = 0, errors: int = 0
) -> list[Option]:
    if exists and files:  # files were read, and none of them loaded
        return [
            _line(Content("No briefing could be loaded").stylize("bold")),
            _line(""),
            _line(
                Content(
                    printable(
                        f"dragoman read {count(files, 'file')} in {folder}; not one of them "
                        f"loaded ({count(errors, 'error')} in all)."
                    )
                )
            ),
            _line(""),
            _line("F2 lists every problem with its file and line, and what to do about it;"),
            _line("`dragoman check` prints the same list."),
        ]
    if not exists:
        return [
            _line(Content("No such folder").stylize("bold")),
            _line(""),
            _line(Content(printable(f"{folder} does not exist (or no longer exists)."))),
            _line("Open a folder of briefings: dragoman PATH."),
        ]
    return [
        _line(Content("No briefings here yet").stylize("bold")),
        _line(""),
        _line(Content(printable(f"dragoman read {folder} and found no .yaml or .yml briefing."))),
        _line(""),
        _line("Start one: save a file such as first-meeting.yaml in that folder:"),
        _line(""),
        _line(Content("  id: 2025-11-01-first-meeting").stylize("$text-accent")),
        _line(Content("  title: First meeting").stylize("$text-accent")),
        _line(Content("  date: 2025-11-01").stylize("$text-accent")),
        _line(Content("  events:").stylize("$text-accent")),
        _line(Content("    - id: first-meeting").stylize("$text-accent")),
        _line(Content("      title: First meeting").stylize("$text-accent")),
        _line(Content("      date: 2025-11-01").stylize("$text-accent")),
        _line(""),
        _line("The format is described in docs/format.md; `dragoman check` reports problems."),
        _line("Or open another folder: dragoman PATH."),
    ]


def gone_options(target: str) -> list[Option]:
    """What the detail shows for an entity or briefing that the briefings no longer hold (it
    was deleted or renamed, and the index was rebuilt or caught up since)."""
    name = target.removeprefix(BRIEFING_PREFIX)
    return [
        _line(Content(printable(f"{name} is no longer in the briefings")).stylize("bold")),
        _line(""),
        _line("It was deleted, or its id changed, since it was shown here."),
        _line("Search for it again, or go back ([ or Backspace)."),
    ]


def reading(library: Library, item: Entity | Briefing) -> list[tuple[str, str, str]]:
    """What the reader view shows for an item: (title, where it comes from, text) for the
    briefing, or for each briefing an entity comes from, newest first; only those with a text."""
    if isinstance(item, Briefing):
        briefings = [item]
    else:
        found = (library.briefings.get(b) for b in dict.fromkeys(item.briefings))
        briefings = sorted((b for b in found if b), key=lambda b: b.sort_key, reverse=True)
    out = []
    for briefing in briefings:
        text = briefing.text("text")
        if text and text.strip():
            where = " · ".join(p for p in (str(briefing.date), source_line(briefing.source)) if p)
            out.append((briefing.title, where, text))
    return out
