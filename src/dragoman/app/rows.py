"""The app's panes, and the rows they show: library items and search hits as list rows.

Uses the widgets' row, the detail's prefix for briefings, and the library's items.
"""

from __future__ import annotations

from dragoman.app.detail import BRIEFING_PREFIX
from dragoman.app.widgets import Row
from dragoman.library.model import Briefing, Entity, list_extra
from dragoman.text import clip

PANES: list[tuple[str, str]] = [
    ("event", "Events"),
    ("person", "People"),
    ("proposal", "Proposals"),
    ("organization", "Organizations"),
    ("briefing", "Briefings"),
]

ROW_LIMIT = 300  # characters of a name (or what follows it) kept in a list row


def make_row(id_: str, kind: str, title: str, date: str, extra: str) -> Row:
    """A list row; a name of megabytes is kept in part (the row shows a line of it anyway)."""
    return Row(id_, kind, clip(title, ROW_LIMIT)[0], date, clip(extra, ROW_LIMIT)[0])


def library_row(item: Entity | Briefing) -> Row:
    return make_row(item.id, item.kind, item.name, str(item.date), list_extra(item))


def detail_target(row: Row) -> str:
    """What showing a row opens: the entity, or ``briefing:ID`` for a briefing."""
    return BRIEFING_PREFIX + row.id if row.kind == "briefing" else row.id
