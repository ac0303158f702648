"""Lists that draw only the rows in view (a ``ScrollView`` whose ``render_line`` draws one row):
fine for tens of thousands of rows. :class:`VirtualList` holds the cursor, the scrolling, the
keys and the mouse; :class:`EntityList <dragoman.app.widgets.EntityList>` (the main panes) and
:class:`ViewList` (the analyst's views: the timeline, the tracker, who met whom, the facets)
draw their rows.

A :class:`Line` of a view is a few pieces of text, each with the name of a style of the list
(its component classes, coloured by theme variables); user text is made printable as drawn and
never parsed as markup. A line with no target (a heading, a note) is passed over by the cursor.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dragoman.text import printable

RowT = TypeVar("RowT")

# The keys that move in any list (the main panes and the views): one id each, so one line of
# the keys file remaps them everywhere.
MOVE_BINDINGS: list[BindingType] = [
    Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up", tooltip="up"),
    Binding("down,j", "cursor(1)", "Down", show=False, id="list.down", tooltip="down"),
    Binding("home,g", "first", "First", show=False, id="list.first", tooltip="first"),
    Binding("end,G", "last", "Last", show=False, id="list.last", tooltip="last"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up", tooltip="a page up"),
    Binding(
        "pagedown", "page(1)", "Page down", show=False, id="list.page_down", tooltip="a page down"
    ),
]


def fitted(segments: list[Segment], width: int, style: Style) -> Strip:
    """A row cut to ``width`` cells (an ellipsis standing for what was cut), padded in
    ``style``."""
    strip = Strip(segments)
    if strip.cell_length > width and width > 2:
        strip = Strip.join([strip.crop(0, width - 1), Strip([Segment("…", style)])])
    return strip.adjust_cell_length(width, style)


class VirtualList(ScrollView, Generic[RowT], can_focus=True):
    """Rows drawn as they come into view, a cursor on one of them. Subclasses draw a row
    (:meth:`render_row`) and say what the cursor landing on a row, or Enter, means."""

    BINDINGS = MOVE_BINDINGS
    EMPTY_CLASS = "entity-list--empty"

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[RowT] = []
        self.empty_text = "nothing"
        self._pressed: int | None = None

    # -- what subclasses say -----------------------------------------------------------------

    def render_row(self, row: RowT, width: int, cursor: bool) -> Strip:
        raise NotImplementedError

    def can_stop(self, number: int) -> bool:
        """Whether the cursor may rest on row ``number`` (every row, unless told otherwise)."""
        return True

    def highlighted(self, row: RowT) -> None:
        """The cursor moved onto ``row``."""

    def chosen(self, row: RowT) -> None:
        """``row`` was opened (Enter or a click)."""

    # -- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[RowT], *, cursor: int = 0) -> None:
        """Replace the rows, the cursor on row ``cursor`` (or the first it may rest on)."""
        self.rows = rows
        self.set_class(not rows, "-empty")  # a short screen folds an empty pane to its title
        self.virtual_size = Size(self.size.width, len(rows))
        target = self._stop_from(cursor, 1)
        self.cursor = target
        self.scroll_to(y=max(0, target - self.size.height // 2), animate=False, immediate=True)
        self.refresh()

    @property
    def current(self) -> RowT | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- cursor ----------------------------------------------------------------------------

    def _stop_from(self, number: int, direction: int) -> int:
        """The nearest row from ``number`` on, towards ``direction``, the cursor may rest on
        (then the other way; ``number`` itself when there is none)."""
        if not self.rows:
            return 0
        number = max(0, min(number, len(self.rows) - 1))
        for step in (direction, -direction):
            n = number
            while 0 <= n < len(self.rows):
                if self.can_stop(n):
                    return n
                n += step
        return number

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
            self.highlighted(row)

    def _move_to(self, number: int, direction: int) -> None:
        self.cursor = self._stop_from(number, direction)

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step, 1 if step > 0 else -1)

    def action_first(self) -> None:
        self._move_to(0, 1)

    def action_last(self) -> None:
        self._move_to(len(self.rows) - 1, -1)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1), direction)

    def action_open(self) -> None:
        row = self.current
        if row is not None and self.can_stop(self.cursor):
            self.chosen(row)

    # -- the mouse -------------------------------------------------------------------------

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
        if number is not None and self.can_stop(number):
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
                style = self.get_component_rich_style(self.EMPTY_CLASS)
                return Strip([Segment(f" {self.empty_text}", style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if number >= len(self.rows):
            return Strip.blank(width, base)
        return self.render_row(self.rows[number], width, number == self.cursor)


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a view: pieces of (text, style name), and what Enter on it opens (an entity
    id, or a key the view understands); a line with no target is a heading or a note."""

    pieces: tuple[tuple[str, str], ...]
    target: str | None = None

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


# The styles a piece of a line may name (the component classes ``view-list--NAME``). Statuses
# each have a colour of the theme; they are always written out too, never shown by colour alone.
STYLES = (
    "heading",
    "muted",
    "accent",
    "error",
    "proposed",
    "agreed",
    "in-progress",
    "done",
    "stalled",
    "dropped",
)


class ViewList(VirtualList[Line]):
    """The rows of an analyst's view: headings and notes the cursor passes over, rows to open."""

    BINDINGS = [
        *MOVE_BINDINGS,
        Binding("enter", "open", "Open", id="view.open", tooltip="open the row's entity or pair"),
    ]
    EMPTY_CLASS = "view-list--empty"
    COMPONENT_CLASSES = {"view-list--cursor", "view-list--empty"} | {
        f"view-list--{name}" for name in STYLES
    }
    DEFAULT_CSS = """
    ViewList {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .view-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .view-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .view-list--empty { text-style: dim italic; }
        & > .view-list--heading { color: $text-accent; text-style: bold; }
        & > .view-list--muted { text-style: dim; }
        & > .view-list--accent { color: $text-accent; }
        & > .view-list--error { color: $text-error; }
        & > .view-list--proposed { color: $text-primary; }
        & > .view-list--agreed { color: $text-secondary; text-style: bold; }
        & > .view-list--in-progress { color: $text-warning; }
        & > .view-list--done { color: $text-success; text-style: bold; }
        & > .view-list--stalled { color: $text-error; }
        & > .view-list--dropped { color: $text-error; text-style: dim strike; }
    }
    """

    @dataclass
    class Chosen(Message):
        """A row was opened: Enter or a click."""

        view_list: ViewList
        line: Line

        @property
        def control(self) -> ViewList:
            return self.view_list

    @dataclass
    class Moved(Message):
        """The cursor moved onto a row."""

        view_list: ViewList
        line: Line

        @property
        def control(self) -> ViewList:
            return self.view_list

    def can_stop(self, number: int) -> bool:
        return 0 <= number < len(self.rows) and self.rows[number].target is not None

    def highlighted(self, row: Line) -> None:
        self.post_message(self.Moved(self, row))

    def chosen(self, row: Line) -> None:
        self.post_message(self.Chosen(self, row))

    def render_row(self, row: Line, width: int, cursor: bool) -> Strip:
        base = self.rich_style
        line_style = base + self.get_component_rich_style("view-list--cursor") if cursor else base
        segments = [Segment(" ", line_style)]
        for text, name in row.pieces:
            style = line_style
            if name:
                style = line_style + self.get_component_rich_style(
                    f"view-list--{name}", partial=True
                )
            segments.append(Segment(printable(text), style))
        return fitted(segments, width, line_style)
