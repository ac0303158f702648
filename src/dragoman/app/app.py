"""The briefing browser: search on top, lists of events, people, proposals, organizations and
briefings on the left, the selected entity with its links on the right.

The app reads only through the core (library, index, search); slow work (opening the index,
searching) runs in thread workers that post messages, and the handlers own the state. Here: the
layout, the keys, the search as you type and the actions; the index's opening and watching are
in :mod:`dragoman.app.indexing`, the detail pane and history in :mod:`dragoman.app.navigation`,
the analyst's views and the other screens over the browser in :mod:`dragoman.app.views`, the
facets panel in :mod:`dragoman.app.facets_panel`.

Uses the app's other rooms, and the library and search stages (the index and search only in
workers).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from dragoman.app.breadcrumb import Breadcrumb
from dragoman.app.citing import CitingApp
from dragoman.app.commands import GoToProvider
from dragoman.app.detail import query_error_options
from dragoman.app.detail_view import DetailView
from dragoman.app.drafting import DraftingApp
from dragoman.app.editing import EditingApp
from dragoman.app.facets_panel import FacetsApp
from dragoman.app.indexing import IndexingApp
from dragoman.app.keys import APP_BINDINGS, keys_file, load_keymap
from dragoman.app.messages import SearchDone, SearchFailed
from dragoman.app.navigation import NavigatingApp
from dragoman.app.pinning import PinsApp
from dragoman.app.rows import PANES, detail_target, library_row, make_row
from dragoman.app.views import VIEW_KEY_GROUPS, ViewsApp
from dragoman.app.widgets import EntityList, Row, SearchInput
from dragoman.library.library import Library
from dragoman.text import printable

if TYPE_CHECKING:  # the index (and Whoosh) load in the worker, after the first paint
    from dragoman.search.index import Index
    from dragoman.search.report import IndexReport

COMPACT_BELOW = 32  # rows of the terminal under which the lists lose their frames
NARROW_BELOW = 140  # columns under which the facets panel takes the detail pane's place
DETAIL_DELAY = 0.12  # seconds of quiet typing before the detail pane is drawn again


class DragomanApp(
    EditingApp, DraftingApp, CitingApp, PinsApp, ViewsApp, FacetsApp, NavigatingApp, IndexingApp
):
    CSS_PATH = "dragoman.tcss"
    TITLE = "dragoman"
    COMMANDS = App.COMMANDS | {GoToProvider}
    BINDINGS = APP_BINDINGS

    def __init__(self, root: Path, *, how: str = "given") -> None:
        super().__init__()
        self.root = root
        self.how = how
        self.index: Index | None = None
        self.library: Library | None = None
        self.serial = 0
        self.query_text = ""
        self.terms: frozenset[str] = frozenset()
        self.history: list[str] = []
        self.position = -1
        self.shown: str | None = None
        self._wanted = ""  # the text of the latest query asked for
        self._pending: tuple[int, str] | None = None  # (serial, text) waiting for its turn
        self._searching = False  # a search worker is running
        self._detail_timer: Timer | None = None
        # set once the first lists are on screen: the full open waits for it (up to a limit)
        self._first_results: threading.Event | None = None
        self._all_rows: dict[str, list[Row]] | None = None
        self.report: IndexReport | None = None
        self._repairing = False
        self._repairs = 0  # rebuilds since the last search that worked: at most one
        self._refreshing = False  # a refresh worker is running
        self._asked_again = False  # F5 was pressed while it ran
        self._watch_timer: Timer | None = None
        self._focus_after_search = False
        self.keys_path = keys_file()
        self.remapped: dict[str, str] = {}
        # (library, errors, warnings): the status shows them after every search
        self._problems: tuple[Library, int, int] | None = None

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchInput(
            placeholder='Search: words, "a phrase", kind:person, person:giang, date:2025…',
            id="search",
        )
        with Horizontal(id="body"):
            with Vertical(id="lists"):
                for kind, title in PANES:
                    pane = EntityList(kind, id=f"list-{kind}")
                    pane.border_title = title
                    pane.empty_text = "opening…"
                    yield pane
            with Vertical(id="right"):
                yield Breadcrumb(id="crumbs")
                yield DetailView(id="detail")
            yield self.facets_panel()
        yield Static(id="status")
        yield Footer()

    def on_resize(self) -> None:
        # a short terminal (80x24) gives the lists their titles on one line, no frame, and
        # folds the empty ones: every list keeps a few rows
        self.set_class(self.size.height < COMPACT_BELOW, "-compact")
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")  # the facets hide the detail

    def on_mount(self) -> None:
        self._load_keys()
        self.query_one("#detail", DetailView).border_title = "Detail"
        self.set_status(Content(printable(f"Opening {self.root} …")))
        self.query_one("#search", Input).focus()
        self.open_index()

    def _load_keys(self) -> None:
        known = {b.id for b in self._all_binding_defs() if b.id}
        keymap, problems = load_keymap(self.keys_path, known)
        self.remapped = keymap
        if keymap:
            self.set_keymap(keymap)
        for problem in problems:
            self.notify(printable(problem), severity="warning", markup=False, timeout=8)

    def _all_binding_defs(self) -> list[Binding]:
        defs: list[Binding] = []
        classes: list[type[DOMNode]] = [DragomanApp, SearchInput, EntityList, DetailView]
        for cls in classes + [c for _, c in VIEW_KEY_GROUPS]:
            for b in cls.BINDINGS:
                if isinstance(b, Binding):
                    defs.append(b)
        return defs

    def get_system_commands(self, screen: Screen[object]) -> list[SystemCommand]:
        ours = [
            SystemCommand("Problems", "Problems found in the briefings (F2)", self.action_problems),
            SystemCommand("Keys", "Every key and what it does (F1)", self.action_help),
            SystemCommand("Back", "Back to the previous entity", self.action_history_back),
            SystemCommand("Forward", "Forward again", self.action_history_forward),
            SystemCommand("Search", "Focus the search bar (/)", self.action_focus_search),
            SystemCommand(
                "Read changes", "Read the briefings changed since (F5)", self.action_refresh
            ),
            SystemCommand("Rebuild the index", "Read every briefing again", self.action_rebuild),
            *self.view_commands(),
            *self.editing_commands(),
            *self.citing_commands(),
            *self.pins_commands(),
        ]
        # one entry per action: Textual's own "Keys" (and any other of ours) gives way to ours
        titles = {command.title for command in ours}
        textuals = [c for c in super().get_system_commands(screen) if c.title not in titles]
        return textuals + ours

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        """Search for ``text`` now, or as soon as the search under way ends.

        At most one search runs at a time and only the latest text waits: while a reader types
        faster than the index answers, the keys in between are skipped, never queued.
        """
        self.serial += 1
        self._wanted = text
        if self.index is None:
            return
        if not text.strip() and self.library is not None:
            self._pending = None
            self.terms = frozenset()
            self.show_all()
            return
        self._pending = (self.serial, text)
        self._next_search()

    def _next_search(self) -> None:
        if self._searching or self._pending is None or self.index is None:
            return
        serial, text = self._pending
        self._pending = None
        self._searching = True
        self.search_worker(self.index, serial, text)

    @work(thread=True, group="search")
    def search_worker(self, index: Index, serial: int, text: str) -> None:
        """Always posts one message, so that the next search can start when it is handled."""
        from dragoman.search.panes import search_panes
        from dragoman.search.query import QueryError

        message: Message
        try:
            message = SearchDone(serial, search_panes(index, text))
        except QueryError as exc:
            message = SearchFailed(serial, exc.message)
        except Exception as exc:  # the index files were damaged under us
            message = SearchFailed(
                serial, f"the search failed ({type(exc).__name__})", damaged=True
            )
        self.post_message(message)

    def on_search_done(self, message: SearchDone) -> None:
        self._searching = False
        if message.serial != self.serial:
            self._next_search()
            return  # a newer query is on its way: never show stale results
        results = message.results
        self.best_kind = results.best_kind
        self._repairs = 0
        same_query = results.query == self.query_text
        if not same_query and not self.history:
            # until the reader opens something (Enter, a link), the detail follows each new
            # query's best match; after, it keeps what was opened
            self.shown = None
        self.query_text = results.query
        self.terms = results.terms
        for kind, title in PANES:
            total, hits = results.panes.get(kind, (0, []))
            rows = [make_row(h.id, h.kind, h.title, h.date, h.extra) for h in hits]
            self._fill(kind, title, rows, total, keep=same_query)
        if results.total == 0:
            hint = f"  did you mean: {results.suggestion}" if results.suggestion else ""
            note = "; ".join(results.notes)
            self.set_status(
                Content(printable(f"Nothing matches {results.query!r}.{hint} {note}")).stylize(
                    "$text-warning"
                )
            )
        else:
            self.update_status()
        self._results_shown()

    def on_search_failed(self, message: SearchFailed) -> None:
        self._searching = False
        if self._first_results is not None:
            self._first_results.set()
        if message.serial != self.serial:
            self._next_search()  # stale: the index it ran on may have been replaced since
            return
        if message.damaged and not self._repairing and self._repairs == 0:
            self._repairing = True
            self._repairs += 1
            self.notify(
                "The search index was damaged; rebuilding it from the briefings.",
                severity="warning",
                markup=False,
            )
            self.open_index(rebuild=True)
            return
        self.set_status(Content(printable(message.message)).stylize("$text-error"))
        if not message.damaged:  # a query that cannot be understood: no results, the reason
            self.query_text = self._wanted
            for kind, title in PANES:
                pane = self.query_one(f"#list-{kind}", EntityList)
                pane.border_title = f"{title} (0)"
                pane.empty_text = "query not understood"
                pane.set_rows([])
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self.shown = None
            detail = self.query_one("#detail", DetailView)
            detail.show(query_error_options(self._wanted, message.message))
            detail.border_title = "Detail"
            self.update_facets()  # which says why it counts nothing

    def show_all(self) -> None:
        library = self.library
        if library is None:
            return
        if self._all_rows is None:
            self._all_rows = {
                kind: [library_row(item) for item in library.of_kind(kind)] for kind, _ in PANES
            }
        same_query = not self.query_text.strip()
        self.query_text = ""
        self.best_kind = None
        for kind, title in PANES:
            rows = self._all_rows[kind]
            self._fill(kind, title, rows, len(rows), keep=same_query)
        self.update_status()
        self._results_shown()

    def _results_shown(self) -> None:
        """New results are in the panes: go to them if Enter was waiting, else refresh the
        detail (its search terms changed)."""
        if self._first_results is not None:
            self._first_results.set()  # the rest of the opening may take the processor now
        self.update_facets()  # after the lists
        if self._focus_after_search:
            self._focus_after_search = False
            self.focus_results()
            return
        # the lists are painted first; the detail (a minister's may hold thousands of links)
        # follows once the typing pauses
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_DELAY, self.refresh_detail)

    def _fill(self, kind: str, title: str, rows: list[Row], total: int, *, keep: bool) -> None:
        """Show rows in a pane; a new query puts the cursor on its best match, while the same
        query shown again (the index was rebuilt) keeps the reader's place."""
        pane = self.query_one(f"#list-{kind}", EntityList)
        shown = f"{len(rows):,} of {total:,}" if total > len(rows) else f"{total:,}"
        pane.border_title = f"{title} ({shown})"
        partial = self.index.partial if self.index is not None else None
        if partial is not None:  # a preview: the rest of the folder is not searched yet
            pane.empty_text = f"none in the {partial.searched:,} newest briefings yet"
        else:
            pane.empty_text = "no match" if self.query_text.strip() else "none"
        current = pane.current.id if pane.current and keep else None
        pane.set_rows(rows, keep=current)

    # -- actions ---------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        focused = self.focused
        if focused is search:
            if search.value:
                search.value = ""
            return
        if isinstance(focused, DetailView):
            item = self._resolve(self.shown) if self.shown else None
            kind = item.kind if item is not None else "event"
            self.query_one(f"#list-{kind}", EntityList).focus()
            return
        search.focus()

    def action_help(self) -> None:
        from dragoman.app.screens.help import HelpScreen

        groups = [
            ("Anywhere", DragomanApp.BINDINGS),
            ("In the search bar", SearchInput.BINDINGS),
            ("In a list", EntityList.BINDINGS),
            ("In the detail", DetailView.BINDINGS),
            *((where, cls.BINDINGS) for where, cls in VIEW_KEY_GROUPS),
        ]
        self.push_screen(HelpScreen(str(self.keys_path), self.remapped, groups))

    def action_rebuild(self) -> None:
        self.set_status(Content("Rebuilding the index…"))
        self.open_index(rebuild=True)

    @on(Input.Submitted, "#search")
    def on_search_submitted(self) -> None:
        self.results_then_focus()

    def results_then_focus(self) -> None:
        """Go to the results of what is typed now: at once when they are shown, else as soon
        as the search that is on its way (or started here) brings them."""
        text = self.query_one("#search", Input).value
        if text.strip() == self.query_text.strip() and self._pending is None:
            self.focus_results()
            return
        self._focus_after_search = True
        if text != self._wanted:
            self.run_query(text)

    def focus_results(self) -> None:
        for kind in self.panes_in_order():
            pane = self.query_one(f"#list-{kind}", EntityList)
            if pane.rows:
                self.set_focus(pane)  # at once, so keys typed ahead go to the pane
                row = pane.current
                if row is not None:
                    self.show_detail(detail_target(row))
                return

    def action_results(self) -> None:
        """Down in the search bar: to the results of what is typed (its binding is the bar's)."""
        self.results_then_focus()

    def on_unmount(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        if self._watch_timer is not None:
            self._watch_timer.stop()
        if self._first_results is not None:
            self._first_results.set()
        if self.index is not None:
            self.index.close()


def run(root: Path, how: str = "given") -> int:
    DragomanApp(root, how=how).run()
    return 0
