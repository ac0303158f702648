"""The app's widgets: the search bar and the virtual list of entities (the detail view and the
breadcrumb have modules of their own).

Every piece of user text reaches the screen through :func:`plain`, which makes control
characters visible and builds a Rich ``Text``/Textual ``Content`` without parsing markup, so a
name like ``[@click=app.quit]`` is shown as typed and does nothing.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

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


class EntityList(ScrollView, can_focus=True):
    """A list that renders only its visible rows: fine for tens of thousands of entities."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up", tooltip="up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down", tooltip="down"),
        Binding("home,g", "first", "First", show=False, id="list.first", tooltip="first"),
        Binding("end,G", "last", "Last", show=False, id="list.last", tooltip="last"),
        Binding(
            "pageup", "page(-1)", "Page up", show=False, id="list.page_up", tooltip="a page up"
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            id="list.page_down",
            tooltip="a page down",
        ),
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

    cursor: reactive[int] = reactive(0, always_update=True)

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
        self.rows: list[Row] = []
        self.empty_text = "nothing"
        self._pressed: int | None = None

    # -- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row], *, keep: str | None = None) -> None:
        """Replace the rows; keep the cursor on the row with id ``keep`` when it is there."""
        self.rows = rows
        self.set_class(not rows, "-empty")  # a short screen folds an empty pane to its title
        self.virtual_size = Size(self.size.width, len(rows))
        target = 0
        if keep is not None:
            for number, row in enumerate(rows):
                if row.id == keep:
                    target = number
                    break
        self.cursor = target
        self.scroll_to(y=max(0, target - self.size.height // 2), animate=False, immediate=True)
        self.refresh()

    def select_id(self, entity_id: str) -> bool:
        for number, row in enumerate(self.rows):
            if row.id == entity_id:
                self.cursor = number
                return True
        return False

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if new < self.scroll_y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_y + self.size.height:
            self.scroll_to(y=new - self.size.height + 1, animate=False, immediate=True)
        row = self.current
        if row is not None:
            self.post_message(self.Highlighted(self, row))

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 1)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        number = offset.y + int(self.scroll_y)
        return number if 0 <= number < len(self.rows) else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # Taken before focusing moves the layout (a focused pane grows), so the row the reader
        # pressed is the row that opens.
        self._pressed = self._row_at(event)

    def on_click(self, event: events.Click) -> None:
        number = self._pressed if self._pressed is not None else self._row_at(event)
        self._pressed = None
        if number is not None:
            self.app.set_focus(self)
            self.cursor = number
            self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar
        number = y + int(self.scroll_y)
        base = self.rich_style
        if not self.rows:
            if y == 0:
                style = self.get_component_rich_style("entity-list--empty")
                return Strip([Segment(f" {self.empty_text}", style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if number >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[number]
        cursor = number == self.cursor
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
        strip = Strip(segments)
        if strip.cell_length > width and width > 2:
            strip = Strip.join([strip.crop(0, width - 1), Strip([Segment("…", line_style)])])
        return strip.adjust_cell_length(width, line_style)


def _typed(text: str) -> str:
    """Text as it may enter the search bar: control characters (pasted, or typed through a
    terminal that passes them on) become spaces, so they can never reach the screen."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


class SearchInput(Input):
    """The search bar: an Input that keeps control characters out of what it holds."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_typed(text), start, end)
