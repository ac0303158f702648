"""The detail pane's widget: one entity's fields, texts and links, read as a page.

The options it shows are made by :mod:`dragoman.app.detail`; it uses nothing else of dragoman.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


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
        Binding(
            "m",
            "app.met",
            "Met",
            show=False,
            id="detail.met",
            tooltip="who has the person or organization shown met (an event: its country)",
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
        self.add_options(_unique_ids(lines))
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
        lines = self._index_to_line  # empty while hidden (the facets take its place)
        return [
            (n, lines[n])
            for n, option in enumerate(self.options)
            if not option.disabled and n in lines
        ]

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
        top, bottom = self._view()
        current = self.highlighted
        after = [
            (n, line)
            for n, line in self._links()
            if (n > current if current is not None else line >= top)
        ]
        if after and after[0][1] <= bottom:  # in view, or on the line just below it
            self.highlighted = after[0][0]
        elif self.scroll_y < self.max_scroll_y:
            self._scroll_lines(1)
        else:
            self.app.bell()

    def action_cursor_up(self) -> None:
        top, bottom = self._view()
        current = self.highlighted
        before = [
            (n, line)
            for n, line in self._links()
            if (n < current if current is not None else line < bottom)
        ]
        if before and before[-1][1] >= top - 1:  # in view, or on the line just above it
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
            target = event.option.id.split(SEEN_AGAIN, 1)[0]
            self.post_message(self.LinkChosen(self, target))


# An option's id is the target of its link. One target may be linked twice in a detail (a
# person who chaired an event and attended it); each option after the first gets this and its
# number after the target, since the options of a list need ids of their own.
SEEN_AGAIN = "\x00"


def _unique_ids(lines: list[Option]) -> list[Option]:
    seen: set[str] = set()
    out = []
    for number, option in enumerate(lines):
        target = option.id
        if target is not None and target in seen:
            option = Option(
                option.prompt, id=f"{target}{SEEN_AGAIN}{number}", disabled=option.disabled
            )
        elif target is not None:
            seen.add(target)
        out.append(option)
    return out
