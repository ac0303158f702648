"""The app's widgets: a virtual list of entities, the detail view of one entity, the breadcrumb.

Every piece of user text reaches the screen through :func:`plain`, which makes control
characters visible and builds a Rich ``Text``/Textual ``Content`` without parsing markup, so a
name like ``[@click=app.quit]`` is shown as typed and does nothing.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

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


class DetailView(OptionList):
    """One entity: its fields and texts (plain lines) and its links (options to follow).

    Read as a page, not only as a list of links: Down and Up go to the next link when it is in
    view (or the line below it), and otherwise scroll a line, so the text between and after the
    links is reached; PageDown, space and PageUp scroll a page; Home and End go to the top and
    the bottom. The highlighted link is always one in view (or none), so Enter never follows a
    link the reader cannot see; a new entity opens at its top.
    """

    BINDINGS = [
        Binding("enter", "select", "Follow link", id="detail.follow", tooltip="follow the link"),
        Binding(
            "up,k",
            "cursor_up",
            "Up",
            show=False,
            id="detail.up",
            tooltip="previous link, or a line up when none is in view",
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            id="detail.down",
            tooltip="next link, or a line down when none is in view: the text is read so",
        ),
        Binding(
            "pageup", "page_up", "Page up", show=False, id="detail.page_up", tooltip="a page up"
        ),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            show=False,
            id="detail.page_down",
            tooltip="a page down",
        ),
        Binding("home,g", "first", "Top", show=False, id="detail.first", tooltip="the top"),
        Binding("end,G", "last", "Bottom", show=False, id="detail.last", tooltip="the bottom"),
        Binding(
            "r",
            "app.read",
            "Read",
            id="detail.read",
            tooltip="read the briefing's whole text (an entity's briefings), matched words marked",
        ),
        Binding("q", "app.quit", "Quit", show=False, id="detail.quit", tooltip="quit"),
    ]

    @dataclass
    class LinkChosen(Message):
        """A link was followed."""

        detail: DetailView
        target: str

        @property
        def control(self) -> DetailView:
            return self.detail

    def show(self, lines: list[Option]) -> None:
        self.clear_options()
        self.add_options(lines)
        self.highlighted = None
        self.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self._highlight_in_view)

    # -- what is in view ---------------------------------------------------------------------

    def _view(self) -> tuple[int, int]:
        """The first line in view and the line after the last."""
        top = round(self.scroll_y)
        return top, top + max(self.scrollable_content_region.height, 1)

    def _links(self) -> list[tuple[int, int]]:
        """(option index, first line) of every link, top to bottom."""
        lines = self._index_to_line
        return [(n, lines[n]) for n, option in enumerate(self.options) if not option.disabled]

    def _in_view(self, line: int) -> bool:
        top, bottom = self._view()
        return top <= line < bottom

    def _highlight_in_view(self, last: bool = False) -> None:
        """Highlight the first (or last) link in view; none when no link is in view."""
        found = [n for n, line in self._links() if self._in_view(line)]
        self.highlighted = (found[-1] if last else found[0]) if found else None

    def on_resize(self) -> None:
        if self.highlighted is not None and not self._in_view(
            self._index_to_line.get(self.highlighted, -1)
        ):
            self.call_after_refresh(self._highlight_in_view)

    # -- moving ------------------------------------------------------------------------------

    def _scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)
        current = self.highlighted
        if current is None or not self._in_view(self._index_to_line.get(current, -1)):
            self._highlight_in_view(last=lines < 0)

    def action_cursor_down(self) -> None:
        _, bottom = self._view()
        after = [(n, line) for n, line in self._links() if n > (self.highlighted or -1)]
        if self.highlighted is None:
            after = [(n, line) for n, line in self._links() if line >= self._view()[0]]
        if after and after[0][1] <= bottom:  # in view, or on the line just below it
            self.highlighted = after[0][0]
        elif self.scroll_y < self.max_scroll_y:
            self._scroll_lines(1)
        else:
            self.app.bell()

    def action_cursor_up(self) -> None:
        top, _ = self._view()
        before = [(n, line) for n, line in self._links() if n < (self.highlighted or 0)]
        if self.highlighted is None:
            before = [(n, line) for n, line in self._links() if line < self._view()[1]]
        if before and before[-1][1] >= top - 1:
            self.highlighted = before[-1][0]
        elif self.scroll_y > 0:
            self._scroll_lines(-1)
        else:
            self.app.bell()

    def action_page_down(self) -> None:
        self._scroll_lines(max(self.scrollable_content_region.height - 1, 1))
        self._highlight_in_view()

    def action_page_up(self) -> None:
        self._scroll_lines(-max(self.scrollable_content_region.height - 1, 1))
        self._highlight_in_view()

    def action_first(self) -> None:
        self.scroll_home(animate=False, immediate=True)
        self._highlight_in_view()

    def action_last(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        self._highlight_in_view(last=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.LinkChosen(self, event.option.id))


def shorten(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` terminal cells, an ellipsis standing for what was cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for character in text:
        if cell_len(out + character) > cells - 1:
            break
        out += character
    return out + "…"


def fit_trail(
    names: list[str], back: int, forward: int, width: int
) -> tuple[str, bool, list[str], str, str]:
    """The breadcrumb in ``width`` cells: (steps back, whether earlier steps were left out, the
    earlier steps kept, the current entity, steps forward). The counts and the current entity
    always show; the earlier steps are shortened first, then left out, oldest first, and only
    a current name longer than the whole line is itself shortened."""
    head = f"◀ {back}  " if back else ""
    tail = f"  {forward} ▶" if forward else ""
    room = max(width - cell_len(head) - cell_len(tail), 1)
    if not names:
        return head, False, [], "", tail
    current, earlier = names[-1], names[-4:-1]
    if cell_len(current) >= room:
        return head, False, [], shorten(current, room), tail
    room -= cell_len(current)
    for limit in (40, 24, 16, 10):  # shorter steps first, then fewer (the oldest left out)
        kept: list[str] = []
        used = 0
        for name in reversed(earlier):
            piece = shorten(name, limit)
            older = len(names) - 2 - len(kept)  # steps before this one, left out if it is last
            if used + cell_len(piece) + 3 + (4 if older else 0) > room:
                break
            kept.insert(0, piece)
            used += cell_len(piece) + 3
        if kept or not earlier:
            return head, len(kept) < len(names) - 1, kept, current, tail
    return head, room >= 4, [], current, tail


class Breadcrumb(Static):
    """Where the reader is: the trail of entities followed, the current one last, fitted to
    the line (see :func:`fit_trail`) and fitted again when the line's width changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trail: tuple[list[str], int, int] = ([], 0, 0)

    def show_trail(self, names: list[str], back: int, forward: int) -> None:
        self._trail = (names, back, forward)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        names, back, forward = self._trail
        width = self.size.width or 80  # before the first layout: drawn again on resize
        shown = [printable(name) for name in names]  # fitted as drawn: escapes take cells
        head, left_out, earlier, current, tail = fit_trail(shown, back, forward, width)
        parts: list[Content] = []
        if head:
            parts.append(Content(head).stylize("$text-muted"))
        if left_out:
            parts.append(Content("… › ").stylize("$text-muted"))
        for name in earlier:  # already printable: Content never parses markup
            parts += [Content(name).stylize("$text-muted"), Content(" › ").stylize("$text-muted")]
        if current:
            parts.append(Content(current).stylize("bold"))
        if tail:
            parts.append(Content(tail).stylize("$text-muted"))
        self.update(Content.assemble(*parts) if parts else Content(""))


__all__ = ["Breadcrumb", "DetailView", "EntityList", "Row", "Style", "plain"]


def _typed(text: str) -> str:
    """Text as it may enter the search bar: control characters (pasted, or typed through a
    terminal that passes them on) become spaces, so they can never reach the screen."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


class SearchInput(Input):
    """The search bar: an Input that keeps control characters out of what it holds."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_typed(text), start, end)
