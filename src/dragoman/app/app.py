"""The briefing browser: search on top, lists of events, people, proposals, organizations and
briefings on the left, the selected entity with its links on the right.

The app reads only through the core (library, index, search); slow work (opening the index,
searching) runs in thread workers that post messages, and the handlers here own the state.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from dragoman.app.commands import GoToProvider
from dragoman.app.detail import (
    BRIEFING_PREFIX,
    briefing_options,
    empty_options,
    entity_options,
    gone_options,
    loading_options,
)
from dragoman.app.keys import keys_file, load_keymap
from dragoman.app.widgets import Breadcrumb, DetailView, EntityList, Row, SearchInput
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity, list_extra
from dragoman.text import clip, printable

if TYPE_CHECKING:  # the index (and Whoosh) load in the worker, after the first paint
    from dragoman.search.index import Index
    from dragoman.search.panes import PaneResults
    from dragoman.search.scan import IndexReport

PANES: list[tuple[str, str]] = [
    ("event", "Events"),
    ("person", "People"),
    ("proposal", "Proposals"),
    ("organization", "Organizations"),
    ("briefing", "Briefings"),
]
HISTORY_LIMIT = 200
DETAIL_DELAY = 0.12  # seconds of quiet typing before the detail pane is drawn again
# The briefings folder is looked at for changes this often (at least), and never more often
# than a look takes times WATCH_SHARE: at 10,000 briefings a look (a stat of every file) takes
# about 0.1 s, which is then done every 4 s at most.
WATCH_SECONDS = 2.0
WATCH_SHARE = 40


@dataclass
class IndexOpened(Message):
    index: Index
    report: IndexReport
    note: str = ""


@dataclass
class IndexPeeked(Message):
    """The index as the last session left it: searchable at once, its library still to come."""

    index: Index


@dataclass
class IndexRefreshed(Message):
    """The index caught up with briefings changed while the app runs (or found nothing new)."""

    index: Index
    report: IndexReport
    asked: bool  # the reader asked for it (F5), rather than the watch finding it


class RefreshFinished(Message):
    """A refresh worker ended (after merging the index's small segments, when it did)."""


@dataclass
class IndexFailed(Message):
    message: str


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class SearchDone(Message):
    serial: int
    results: PaneResults


@dataclass
class SearchFailed(Message):
    serial: int
    message: str
    damaged: bool = False


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


ROW_LIMIT = 300  # characters of a name (or what follows it) kept in a list row


def make_row(id_: str, kind: str, title: str, date: str, extra: str) -> Row:
    """A list row; a name of megabytes is kept in part (the row shows a line of it anyway)."""
    return Row(id_, kind, clip(title, ROW_LIMIT)[0], date, clip(extra, ROW_LIMIT)[0])


def library_row(item: Entity | Briefing) -> Row:
    return make_row(item.id, item.kind, item.name, str(item.date), list_extra(item))


def detail_target(row: Row) -> str:
    """What showing a row opens: the entity, or ``briefing:ID`` for a briefing."""
    return BRIEFING_PREFIX + row.id if row.kind == "briefing" else row.id


class DragomanApp(App[None]):
    CSS_PATH = "dragoman.tcss"
    TITLE = "dragoman"
    COMMANDS = App.COMMANDS | {GoToProvider}
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("escape", "escape", "Back out", show=False, id="app.escape"),
        Binding("backspace,alt+left,left_square_bracket", "history_back", "Back", id="app.back"),
        Binding(
            "alt+right,right_square_bracket",
            "history_forward",
            "Forward",
            show=False,
            id="app.forward",
        ),
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("f2", "problems", "Problems", id="app.problems"),
        Binding("f5,ctrl+r", "refresh", "Read changes", show=False, id="app.refresh"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_always"),
    ]

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
        yield Static(id="status")
        yield Footer()

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
        for cls in (DragomanApp, EntityList, DetailView):
            for b in cls.BINDINGS:
                if isinstance(b, Binding):
                    defs.append(b)
        return defs

    def get_system_commands(self, screen: Screen[object]) -> list[SystemCommand]:
        commands = list(super().get_system_commands(screen))
        commands += [
            SystemCommand("Problems", "Problems found in the briefings (F2)", self.action_problems),
            SystemCommand("Keys", "Every key and what it does (F1)", self.action_help),
            SystemCommand("Back", "Back to the previous entity", self.action_history_back),
            SystemCommand("Forward", "Forward again", self.action_history_forward),
            SystemCommand("Search", "Focus the search bar (/)", self.action_focus_search),
            SystemCommand(
                "Read changes", "Read the briefings changed since (F5)", self.action_refresh
            ),
            SystemCommand("Rebuild the index", "Read every briefing again", self.action_rebuild),
        ]
        return commands

    def set_status(self, content: Content) -> None:
        self.query_one("#status", Static).update(content)

    # -- opening the index -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def open_index(self, rebuild: bool = False) -> None:
        from dragoman.search.index import Index
        from dragoman.search.storage.cache import CacheError

        def progress(done: int, total: int, what: str) -> None:
            if done == 1 or done % 50 == 0 or done == total:
                self.post_message(IndexProgress(done, total))

        note = ""
        if not rebuild and self.index is None:
            peeked = Index.peek(self.root)
            if peeked is not None:
                self._first_results = threading.Event()
                self.post_message(IndexPeeked(peeked))
                # let the first lists be drawn before loading the library takes the processor
                self._first_results.wait(2.0)
        try:
            try:
                index, report = Index.open(
                    self.root, rebuild=rebuild, wait=rebuild, progress=progress
                )
            except CacheError as exc:
                note = f"{exc}; the index is kept in a temporary folder for this session"
                import os

                os.environ["DRAGOMAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="dragoman-")
                index, report = Index.open(self.root, rebuild=True, progress=progress)
        except Exception as exc:  # the app must stay up whatever the disk does
            self.post_message(IndexFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(IndexOpened(index, report, note))

    def on_index_peeked(self, message: IndexPeeked) -> None:
        if self.index is not None:  # the full index came first
            message.index.close()
            return
        self.index = message.index
        self.set_status(
            Content(printable(f"{self.root}")).stylize("bold")
            + Content("  reading the briefings; the lists are the index as it was last time…")
        )
        self.run_query(self.query_one("#search", Input).value)

    def on_index_progress(self, message: IndexProgress) -> None:
        self.set_status(Content(f"Reading briefings: {message.done:,} of {message.total:,}…"))

    def on_index_failed(self, message: IndexFailed) -> None:
        self._repairing = False
        if self.index is not None:  # a rebuild failed: the index open until now still answers
            self.set_status(
                Content(
                    printable(
                        f"The index could not be rebuilt: {message.message}; "
                        "the index as it was is still in use"
                    )
                ).stylize("$text-error")
            )
            return
        self.set_status(
            Content(printable(f"The index could not be opened: {message.message}")).stylize(
                "$text-error"
            )
        )
        for kind, _ in PANES:
            pane = self.query_one(f"#list-{kind}", EntityList)
            pane.empty_text = "unavailable"
            pane.set_rows([])

    def on_index_opened(self, message: IndexOpened) -> None:
        old = self.index
        self.index = message.index
        self.library = library = message.index.library or Library()  # open() always loads it
        self._all_rows = None
        if old is not None and old is not message.index:
            old.close()
        if message.note:
            self.notify(printable(message.note), severity="warning", markup=False, timeout=10)
        self.report = message.report
        self._repairing = False
        self.update_status()
        self._watch(0.0)
        if not library.briefings:
            for kind, _ in PANES:
                pane = self.query_one(f"#list-{kind}", EntityList)
                pane.empty_text = "no briefings"
                pane.set_rows([])
            self.query_one("#detail", DetailView).show(
                empty_options(str(self.root), exists=self.root.exists())
            )
            return
        self.run_query(self.query_one("#search", Input).value)

    # -- following changes to the briefings ------------------------------------------------

    def _watch(self, look: float) -> None:
        """Look at the folder again in a while: the longer a look takes, the rarer."""
        if self._watch_timer is not None:
            self._watch_timer.stop()
        delay = max(WATCH_SECONDS, WATCH_SHARE * look)
        self._watch_timer = self.set_timer(delay, self._look)

    def _look(self) -> None:
        self._watch_timer = None
        self._start_refresh(asked=False)

    def action_refresh(self) -> None:
        if self.index is None or self.library is None:
            self.notify("The briefings are still being read.", markup=False)
            return
        self.set_status(Content("Reading the changed briefings…"))
        self._start_refresh(asked=True)

    def _start_refresh(self, *, asked: bool) -> None:
        if self._refreshing and asked:  # answered once the look under way ends
            self._asked_again = True
            return
        if self._refreshing or self._repairing or self.index is None or self.library is None:
            if not asked:
                self._watch(0.0)
            return
        self._refreshing = True
        self.refresh_worker(self.index, asked)

    @work(thread=True, group="refresh")
    def refresh_worker(self, index: Index, asked: bool) -> None:
        """Catch the index up with the files, in place; always posts one message."""
        from dragoman.search.scan import IndexReport

        try:
            try:
                report = index.refresh()
            except Exception as exc:  # the app must stay up whatever the disk does
                report = IndexReport(warning=f"the briefings could not be read again ({exc})")
            self.post_message(IndexRefreshed(index, report, asked))
            if report.changed_anything:
                with contextlib.suppress(Exception):  # only tidying: the next one may do it
                    index.tidy()  # after the lists show the change
        finally:
            self.post_message(RefreshFinished())

    def on_refresh_finished(self) -> None:
        self._refreshing = False
        if self._asked_again:
            self._asked_again = False
            self._start_refresh(asked=True)

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        report = message.report
        if message.index is not self.index:  # replaced meanwhile (a rebuild)
            return
        # the library may be new though nothing changed since the last look: another
        # dragoman caught the index up with changed briefings first
        library = message.index.library
        new_library = library is not None and library is not self.library
        changed = (
            report.changed_anything or report.documents_removed or report.warning or new_library
        )
        self._watch(0.0 if changed else report.seconds)  # a look that found nothing: its cost
        if not changed:
            if message.asked:
                note = (
                    "another dragoman is writing the index; try again" if report.read_only else ""
                )
                self.update_status()
                self.notify(note or "No briefing changed.", markup=False)
            return
        self.report = report
        self.library = message.index.library or self.library
        self._all_rows = None
        files = report.added + report.changed + report.renamed + report.removed
        if files:
            self.notify(
                f"{_count(files, 'briefing')} changed: the lists and the detail show them now.",
                markup=False,
            )
        elif new_library:
            self.notify("The briefings changed: the lists and the detail show them now.")
        self.run_query(self.query_one("#search", Input).value)
        self.update_status()

    def update_status(self) -> None:
        library = self.library
        report = self.report
        if library is None:
            return
        if self._problems is None or self._problems[0] is not library:
            self._problems = (library, len(library.errors), len(library.warnings))
        _, errors, warnings = self._problems
        parts = [
            Content(printable(f"{self.root}")).stylize("bold"),
            Content(
                f"  {_count(len(library.briefings), 'briefing')} · "
                f"{_count(len(library.entities), 'entity', 'entities')}"
            ),
        ]
        if report is not None:
            state = "index rebuilt" if report.rebuilt else "index ready"
            if report.read_only:
                state += " (read only: another dragoman is writing it)"
            parts.append(Content(f" · {state}").stylize("$text-muted"))
            if report.warning:  # e.g. a full disk: the index is shown as it was
                parts.append(Content(printable(f" · {report.warning}")).stylize("$text-warning"))
        if errors or warnings:
            parts.append(
                Content(f"  {_count(errors, 'error')}, {_count(warnings, 'warning')} (F2)").stylize(
                    "$text-error" if errors else "$text-warning"
                )
            )
        self.set_status(Content.assemble(*parts))

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
        self._repairs = 0
        same_query = results.query == self.query_text
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
        pane.empty_text = "no match" if self.query_text.strip() else "none"
        current = pane.current.id if pane.current and keep else None
        pane.set_rows(rows, keep=current)

    # -- the detail pane and history --------------------------------------------------------

    @on(EntityList.Highlighted)
    def on_row_highlighted(self, event: EntityList.Highlighted) -> None:
        if not event.entity_list.has_focus:
            return
        if self._detail_timer is not None:
            self._detail_timer.stop()
        target = detail_target(event.row)
        self._detail_timer = self.set_timer(0.03, lambda: self.show_detail(target))

    @on(EntityList.Selected)
    def on_row_selected(self, event: EntityList.Selected) -> None:
        target = detail_target(event.row)
        self.go_to(target)
        self.set_focus(self.query_one("#detail", DetailView))

    @on(DetailView.LinkChosen)
    def on_link_chosen(self, event: DetailView.LinkChosen) -> None:
        self.go_to(event.target)

    def go_to(self, target: str, *, push: bool = True) -> None:
        """Show an entity (or ``briefing:ID``) and select it in its pane."""
        if self.library is None:
            return
        if push:
            del self.history[self.position + 1 :]
            if not self.history or self.history[-1] != target:
                self.history.append(target)
            if len(self.history) > HISTORY_LIMIT:
                del self.history[0]
            self.position = len(self.history) - 1
        self.show_detail(target)
        item = self._resolve(target)
        if item is not None:
            pane = self.query_one(f"#list-{item.kind}", EntityList)
            pane.select_id(item.id)
        self.update_crumbs()

    def _resolve(self, target: str) -> Entity | Briefing | None:
        library = self.library
        if library is None:
            return None
        if target.startswith(BRIEFING_PREFIX):
            return library.briefings.get(target[len(BRIEFING_PREFIX) :])
        return library.entities.get(target) or library.briefings.get(target)

    def show_detail(self, target: str) -> None:
        try:
            detail = self.query_one("#detail", DetailView)
        except NoMatches:  # a timer fired while the app closes: nothing left to draw on
            return
        library = self.library
        if library is None:  # shown as soon as every briefing is read
            self.shown = target
            detail.show(loading_options(str(self.root)))
            return
        item = self._resolve(target)
        if item is None:  # gone since (deleted, renamed): never leave the old detail up
            self.shown = target
            detail.show(gone_options(target))
            detail.border_title = "Detail"
            return
        self.shown = target
        if isinstance(item, Briefing):
            detail.show(briefing_options(library, item, self.terms))
        else:
            detail.show(entity_options(library, item, self.terms))
        detail.border_title = f"{item.kind.capitalize()}"

    def refresh_detail(self) -> None:
        """Draw the detail again (its search terms changed). It runs from a timer, which may
        fire while the app is closing: with the panes gone there is nothing to draw."""
        try:
            if self.shown is not None:
                self.show_detail(self.shown)
                return
            for kind, _ in PANES:
                pane = self.query_one(f"#list-{kind}", EntityList)
                if pane.current is not None:
                    row = pane.current
                    self.show_detail(detail_target(row))
                    return
        except NoMatches:
            return

    def update_crumbs(self) -> None:
        names = []
        for target in self.history[: self.position + 1]:
            item = self._resolve(target)
            names.append(clip(item.name if item is not None else target, 100)[0])
        self.query_one("#crumbs", Breadcrumb).show_trail(
            names, self.position, len(self.history) - self.position - 1
        )

    # -- actions ---------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_history_back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.go_to(self.history[self.position], push=False)
        else:
            self.bell()

    def action_history_forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self.go_to(self.history[self.position], push=False)
        else:
            self.bell()

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

        self.push_screen(HelpScreen(str(self.keys_path), self.remapped))

    def action_problems(self) -> None:
        from dragoman.app.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.library.diagnostics if self.library else []))

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
        for kind, _ in PANES:
            pane = self.query_one(f"#list-{kind}", EntityList)
            if pane.rows:
                self.set_focus(pane)  # at once, so keys typed ahead go to the pane
                row = pane.current
                if row is not None:
                    self.show_detail(detail_target(row))
                return

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key == "down":
            try:
                search = self.query_one("#search", Input)
            except NoMatches:
                return
            if self.focused is search:
                event.stop()
                event.prevent_default()  # the pane that takes the focus must not move too
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
