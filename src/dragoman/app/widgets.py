"""The app's widgets: the search bar and the virtual list of entities (the detail view and the
breadcrumb have modules of their own).

Every piece of user text reaches the screen through :func:`plain`, which makes control
characters visible and builds a Rich ``Text``/Textual ``Content`` without parsing markup, so a
name like ``[@click=app.quit]`` is shown as typed and does nothing.

Uses the virtual list (:mod:`dragoman.app.lines`) and :mod:`dragoman.text`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from dragoman.app.lines import MOVE_BINDINGS, VirtualList, fitted
from dragoman.text import printable


def plain(text: str, style: str = "") -> Content:
    """User text as Content: never markup, control characters shown as escapes."""
    content = Content(printable(text))
    return content.stylize(style) if style else content


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a list: an entity or a briefing."""

    id: str
    kind: str
    title: str
    date: str
    extra: str = ""


class EntityList(VirtualList[Row]):
    """A list that renders only its visible rows: fine for tens of thousands of entities."""

    BINDINGS = [
        *MOVE_BINDINGS,
        Binding(
            "enter",
            "open",
            "Open",
            id="list.open",
            tooltip="open the entity in the detail pane (and record it in the history)",
        ),
        Binding(
            "r",
            "app.read",
            "Read",
            show=False,
            id="list.read",
            tooltip="read the row's text (a briefing's, or those of an entity's briefings)",
        ),
        Binding(
            "m",
            "app.met",
            "Met",
            show=False,
            id="list.met",
            tooltip="who has the row's person or organization met (an event: its country)",
        ),
        Binding("q", "app.quit", "Quit", show=False, id="list.quit", tooltip="quit"),
    ]
    COMPONENT_CLASSES = {
        "entity-list--cursor",
        "entity-list--date",
        "entity-list--extra",
        "entity-list--empty",
    }
    DEFAULT_CSS = """
    EntityList {
        background: $surface;
        scrollbar-size-vertical: 1;
        & > .entity-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .entity-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        /* dim, not $text-muted: a partial rich style has no background to resolve "auto" */
        & > .entity-list--date { text-style: dim; }
        & > .entity-list--extra { color: $text-secondary; }
        & > .entity-list--empty { text-style: dim italic; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a row."""

        entity_list: EntityList
        row: Row

        @property
        def control(self) -> EntityList:
            return self.entity_list

    @dataclass
    class Selected(Message):
        """A row was opened (Enter or a click)."""

        entity_list: EntityList
        row: Row

        @property
        def control(self) -> EntityList:
            return self.entity_list

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind

    # -- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row], *, keep: str | None = None, cursor: int = 0) -> None:
        """Replace the rows; keep the cursor on the row with id ``keep`` when it is there."""
        if keep is not None:
            for number, row in enumerate(rows):
                if row.id == keep:
                    cursor = number
                    break
        super().set_rows(rows, cursor=cursor)

    def select_id(self, entity_id: str) -> bool:
        for number, row in enumerate(self.rows):
            if row.id == entity_id:
                self.cursor = number
                return True
        return False

    def highlighted(self, row: Row) -> None:
        self.post_message(self.Highlighted(self, row))

    def chosen(self, row: Row) -> None:
        self.post_message(self.Selected(self, row))

    # -- drawing ---------------------------------------------------------------------------

    def render_row(self, row: Row, width: int, cursor: bool) -> Strip:
        base = self.rich_style
        line_style = base + self.get_component_rich_style("entity-list--cursor") if cursor else base
        date_style = line_style + self.get_component_rich_style("entity-list--date", partial=True)
        extra_style = line_style + self.get_component_rich_style("entity-list--extra", partial=True)
        segments = [
            Segment(" ", line_style),
            Segment(f"{printable(row.date):<10} ", date_style),
            Segment(printable(row.title), line_style),
        ]
        if row.extra:
            segments.append(Segment(f"  {printable(row.extra)}", extra_style))
        return fitted(segments, width, line_style)


def _typed(text: str) -> str:
    """Text as it may enter the search bar: control characters (pasted, or typed through a
    terminal that passes them on) become spaces, so they can never reach the screen."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


class SearchInput(Input):
    """The search bar: an Input that keeps control characters out of what it holds, and takes
    every key in the order typed.

    Textual inserts a typed character as soon as the bar gets it, but runs a key binding (the
    bar's own ctrl+u, ctrl+w, home, left...; the app's tab) only once the key has bubbled up to
    the app, by when the characters typed after it are already in: ``giang``, ctrl+u, ``tokyo``
    typed ahead left an empty bar (ctrl+u erased ``tokyo`` too). Here a bound key acts at once,
    and a key that reaches the bar after an earlier one moved the focus away (tab, then ``b``)
    goes on to where the focus is now.
    """

    BINDINGS = [
        Binding(
            "down",
            "app.results",
            "Results",
            show=False,
            id="search.results",
            tooltip="go to the results: the pane of the best match",
        )
    ]

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_typed(text), start, end)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self and focused is not None and self.screen is self.app.screen:
            event.stop()
            event.prevent_default()  # not typed here: the focus has moved on
            focused._forward_event(events.Key(event.key, event.character))
            return
        if event.is_printable:
            return  # the Input types it
        if await self.app._check_bindings(event.key):
            event.stop()
            event.prevent_default()
