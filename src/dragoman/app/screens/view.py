"""What every analyst's view shares (the timeline, the proposal tracker, who met whom, a pair's
card): a screen over the browser with a title, an optional filter, a line for notes and errors,
and a virtual list of rows (:class:`~dragoman.app.lines.ViewList`).

A view starts from the search of the browser (its query narrows what the view shows). Its rows
are worked out in a thread worker that posts them back (:class:`ViewScreen.Ready`); while the
briefings are still being read it says so, and fills when the app tells it the library is there
(:meth:`ViewScreen.refill`). Escape closes it, back where the reader was; Enter on a row opens
the entity in the browser's detail pane (with history), or what the view says.

Uses the virtual list, the library and (in the worker) the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from dragoman.app.keys import view_bindings, workflow_bindings
from dragoman.app.lines import Line, ViewList
from dragoman.library.library import Library
from dragoman.text import printable

if TYPE_CHECKING:
    from dragoman.search.index import Index


class ViewHost(Protocol):
    """What a view needs of the app: the library and the index, and opening an entity."""

    library: Library | None
    index: Index | None

    def open_from_view(self, target: str) -> None: ...


def query_ids(index: Index | None, text: str, kind: str) -> set[str] | None:
    """The ids of every ``kind`` the query finds, as the browser's panes find them while typing
    (the last word also as the start of one); None for no query (everything). Raises
    :class:`~dragoman.search.query.QueryError`."""
    if not text.strip() or index is None:
        return None
    from dragoman.search.matching import matching_ids

    return matching_ids(index, text, kind, as_you_type=True).ids


@dataclass
class Computed:
    """What a view shows: its title, its rows, and a note (an error is shown as one)."""

    title: str
    lines: list[Line]
    note: str = ""
    error: bool = False
    empty: str = "nothing to show"


def heading(text: str) -> Line:
    return Line(((text, "heading"),))


def note(text: str) -> Line:
    return Line(((text, "muted"),))


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def query_note(query: str) -> str:
    return f" matching {query.strip()!r}" if query.strip() else ""


class ViewScreen(ModalScreen[None]):
    """One analyst's view over the browser; subclasses say what it computes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            "Back",
            id="view.close",
            tooltip="close the view: back to where you were",
        ),
        *view_bindings("app."),
        *workflow_bindings("app."),
    ]
    FILTER: ClassVar[str] = ""  # the filter's placeholder; none when empty
    HELP: ClassVar[str] = ""  # the line under the title before any note

    @dataclass
    class Ready(Message):
        """The rows of a view, worked out in its worker."""

        serial: int
        computed: Computed

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.search_text = query
        self.serial = 0
        self.computed: Computed | None = None

    @property
    def host(self) -> ViewHost:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="view-box"):
            yield Static(Content(""), classes="view-title")
            if self.FILTER:
                yield Input(placeholder=self.FILTER, classes="view-filter")
            yield Static(Content(self.HELP).stylize("$text-muted"), classes="view-note")
            view = ViewList(classes="view-list")
            view.empty_text = "reading the briefings…"
            yield view
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ViewList).focus()
        self.refill()

    # -- computing -------------------------------------------------------------------------

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        """The rows (in a thread): ``wanted`` is what the filter holds."""
        raise NotImplementedError

    def filter_text(self) -> str:
        return self.query_one(Input).value if self.FILTER else ""

    def refill(self) -> None:
        """Work the rows out again (the library came, or changed, or the filter did)."""
        library = self.host.library
        view = self.query_one(ViewList)
        if library is None:
            view.empty_text = "reading the briefings… the view fills as soon as they are read"
            view.set_rows([])
            self._title(Content(printable(self.title_text())).stylize("bold"))
            return
        self.serial += 1
        self.compute_worker(self.serial, library, self.host.index, self.filter_text())

    def title_text(self) -> str:
        return type(self).__name__

    # described, so that Textual never writes out its arguments (a library of 30,000 events)
    @work(thread=True, exclusive=True, group="view", description="the rows of a view")
    def compute_worker(
        self, serial: int, library: Library, index: Index | None, wanted: str
    ) -> None:
        from dragoman.search.query import QueryError

        try:
            computed = self.compute(library, index, wanted)
        except QueryError as exc:
            computed = Computed(self.title_text(), [], exc.message, error=True, empty="no match")
        self.post_message(self.Ready(serial, computed))

    @on(Ready)
    def on_ready(self, message: Ready) -> None:
        if message.serial != self.serial:
            return  # a newer filter is on its way: never show stale rows
        computed = self.computed = message.computed
        self._title(Content(printable(computed.title)).stylize("bold"))
        shown = Content(printable(computed.note or self.HELP))
        self.query_one(".view-note", Static).update(
            shown.stylize("$text-error" if computed.error else "$text-muted")
        )
        view = self.query_one(ViewList)
        view.empty_text = computed.empty
        view.set_rows(computed.lines, cursor=self.keep_cursor(view, computed.lines))

    def keep_cursor(self, view: ViewList, lines: list[Line]) -> int:
        """The row to put the cursor on: the one it was on, when it is still there."""
        current = view.current
        if current is not None and current.target is not None:
            for number, line in enumerate(lines):
                if line.target == current.target:
                    return number
        return 0

    def _title(self, content: Content) -> None:
        self.query_one(".view-title", Static).update(content)

    @on(Input.Changed)
    def on_filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted)
    def on_filter_submitted(self) -> None:
        self.query_one(ViewList).focus()

    # -- opening ---------------------------------------------------------------------------

    @on(ViewList.Chosen)
    def on_chosen(self, event: ViewList.Chosen) -> None:
        if event.line.target is not None:
            self.open(event.line.target)

    def open(self, target: str) -> None:
        """Enter on a row: the entity in the browser's detail pane."""
        self.host.open_from_view(target)

    def action_close(self) -> None:
        self.dismiss()
