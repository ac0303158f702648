"""The reader view (r): the whole text of a briefing, or of each briefing an entity comes from,
in a page of its own, wrapped, with the words of the search marked, read with the keys of a
pager. Uses the detail's text helpers and :mod:`dragoman.text`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from dragoman.app.detail import TEXT_LIMIT, highlighted
from dragoman.text import printable


class ReaderText(VerticalScroll, can_focus=True):
    """The text, scrolled with the keys of a pager."""

    BINDINGS = [
        Binding(
            "down,j", "scroll_down", "Down", show=False, id="reader.down", tooltip="a line down"
        ),
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up", tooltip="a line up"),
        Binding(
            "pagedown,space",
            "page_down",
            "Page down",
            show=False,
            id="reader.page_down",
            tooltip="a page down",
        ),
        Binding(
            "pageup,b", "page_up", "Page up", show=False, id="reader.page_up", tooltip="a page up"
        ),
        Binding("home,g", "scroll_home", "Top", show=False, id="reader.top", tooltip="the top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom", tooltip="the end"),
    ]


class ReaderScreen(ModalScreen[None]):
    """One text or several (an entity's briefings), each under its title and source."""

    BINDINGS = [
        Binding("escape,r,q", "dismiss", "Close", id="reader.close", tooltip="close the reader"),
    ]

    def __init__(self, name: str, texts: list[tuple[str, str, str]], terms: frozenset[str]):
        super().__init__()
        self.title_shown = name
        self.texts = texts
        self.terms = terms

    def compose(self) -> ComposeResult:
        with Vertical(id="reader-box"):
            yield Static(Content(printable(self.title_shown)).stylize("bold"), id="reader-title")
            with ReaderText(id="reader-text"):
                if not self.texts:
                    yield Static("No briefing of this entry holds a text to read.")
                for title, where, text in self.texts:
                    yield Static(Content(printable(title)).stylize("bold $accent"))
                    yield Static(Content(printable(where)).stylize("$text-muted"))
                    for paragraph in text.strip().split("\n\n"):
                        yield Static(
                            highlighted(paragraph.strip(), self.terms, limit=TEXT_LIMIT),
                            classes="paragraph",
                        )
            yield Static(
                Content("escape closes · j/k, space, pgup/pgdn, g/G move").stylize("$text-muted"),
                id="reader-foot",
            )

    def on_mount(self) -> None:
        self.query_one(ReaderText).focus()
