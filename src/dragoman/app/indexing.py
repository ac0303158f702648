"""The app's index: opening it in a worker (peeking first, so the lists show at once), watching
the briefings folder for changes and catching up, and the status line that says where it stands.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Reads the
index only through :mod:`dragoman.search`; the index's modules are imported in the workers.
Uses the app's messages, rows, widgets and detail content, and the library.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from dragoman.app.detail import empty_options
from dragoman.app.detail_view import DetailView
from dragoman.app.messages import (
    IndexFailed,
    IndexOpened,
    IndexPeeked,
    IndexProgress,
    IndexRefreshed,
    RefreshFinished,
    Unsettled,
)
from dragoman.app.rows import PANES
from dragoman.app.widgets import EntityList, Row
from dragoman.library.library import Library
from dragoman.library.taking_part import participation
from dragoman.text import printable

if TYPE_CHECKING:  # the index (and Whoosh) load in the worker, after the first paint
    from dragoman.search.index import Index
    from dragoman.search.report import IndexReport

# The briefings folder is looked at for changes this often (at least), and never more often
# than a look takes times WATCH_SHARE: at 10,000 briefings a look (a stat of every file) takes
# about 0.1 s, which is then done every 4 s at most.
WATCH_SECONDS = 2.0
WATCH_SHARE = 40
# A look that finds changes catches up only once the folder has settled: the same changes seen
# twice this far apart, the newest written at least this long ago; a folder that keeps
# changing is caught up anyway after SETTLE_AT_MOST seconds.
SETTLE_SECONDS = 0.5
SETTLE_AT_MOST = 30.0
# The status says the folder is changing only once it has for this long: a file read just
# after it was written is looked at again a moment later (its time is not trusted yet), which
# is no writing worth a word.
SETTLE_SAY_AFTER = 1.0


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


class IndexingApp(App[None]):
    """Opening and watching the index; what the status line says."""

    root: Path
    index: Index | None
    library: Library | None
    report: IndexReport | None
    _first_results: threading.Event | None
    _all_rows: dict[str, list[Row]] | None
    _repairing: bool
    _refreshing: bool
    _asked_again: bool
    _watch_timer: Timer | None
    _problems: tuple[Library, int, int] | None
    _unsettled_since: float = 0.0  # when a look first found the folder still being written
    _last_seen: tuple[int, int] = (0, 0)  # what that look found (Index.pending)
    _waiting_said: bool = False  # the status says so
    _progress: IndexProgress | None = None  # how far the build under way is
    run_query: Callable[[str], None]  # the app's search (DragomanApp.run_query)
    views_library_changed: Callable[[], None]  # the open views work their rows out again
    workflow_library_changed: Callable[[], None]  # a new briefing is shown once it is read

    def set_status(self, content: Content) -> None:
        self.query_one("#status", Static).update(content)

    # -- opening the index -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def open_index(self, rebuild: bool = False) -> None:
        from dragoman.search.index import Index
        from dragoman.search.preview import first_build, preview
        from dragoman.search.storage.cache import CacheError

        def progress(done: int, total: int, what: str) -> None:
            if done == 1 or done % 50 == 0 or done == total:
                self.post_message(IndexProgress(done, total, what))

        note = ""
        if not rebuild and self.index is None:
            peeked = Index.peek(self.root)
            if peeked is None and first_build(self.root):
                # never indexed, and large: answer from the newest briefings while it builds
                with contextlib.suppress(Exception):  # the build says what is wrong
                    peeked = preview(self.root)
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
        if index.library is not None:  # who took part, worked out here: a view opens at once
            participation(index.library)
        self.post_message(IndexOpened(index, report, note))

    def on_index_peeked(self, message: IndexPeeked) -> None:
        if self.index is not None:  # the full index came first
            message.index.close()
            return
        self.index = message.index
        if message.index.partial is not None:  # a preview: its library answers for now
            self.library = message.index.library
            self._all_rows = None
            self.update_status()
        else:
            self.set_status(
                Content(printable(f"{self.root}")).stylize("bold")
                + Content("  reading the briefings; the lists are the index as it was last time…")
            )
        self.run_query(self.query_one("#search", Input).value)

    def on_index_progress(self, message: IndexProgress) -> None:
        self._progress = message
        if self.index is not None and self.index.partial is not None:
            self.update_status()  # which says how far the build is
            return
        how_far = f": {message.done:,} of {message.total:,}" if message.total > 1 else ""
        self.set_status(Content(f"{message.what.capitalize()}{how_far}…"))

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
        self._progress = None
        self.update_status()
        self._watch(0.0)
        self.views_library_changed()
        if not library.briefings:
            for kind, _ in PANES:
                pane = self.query_one(f"#list-{kind}", EntityList)
                pane.empty_text = "no briefings"
                pane.set_rows([])
            self.query_one("#detail", DetailView).show(
                empty_options(
                    str(self.root),
                    exists=self.root.exists(),
                    files=library.files,
                    errors=len(library.errors),
                )
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
        if self.index is None or self.library is None or self.index.partial is not None:
            self.notify("The briefings are still being read.", markup=False)
            return
        self.set_status(Content("Reading the changed briefings…"))
        self._start_refresh(asked=True)

    def _start_refresh(self, *, asked: bool) -> None:
        if self._refreshing and asked:  # answered once the look under way ends
            self._asked_again = True
            return
        index = self.index
        # a preview's build under way reads every file anyway
        building = index is None or index.partial is not None or self.library is None
        if self._refreshing or self._repairing or building:
            if not asked:
                self._watch(0.0)
            return
        self._refreshing = True
        waited = time.monotonic() - self._unsettled_since if self._unsettled_since else 0.0
        settle = not asked and waited < SETTLE_AT_MOST
        self.refresh_worker(index, asked, self._last_seen if settle else None)

    @work(thread=True, group="refresh")
    def refresh_worker(
        self, index: Index, asked: bool, last_seen: tuple[int, int] | None = None
    ) -> None:
        """Catch the index up with the files, in place; always posts one message.

        ``last_seen``: what the look before found changed, when the folder must have settled
        first (a look of the watch, not a key): a look that finds changes still being written
        reads nothing and says so (:class:`Unsettled`)."""
        from dragoman.search.report import IndexReport

        try:
            started = time.perf_counter()
            try:
                seen = index.pending() if last_seen is not None else (1, 0)
                recent = seen[1] > time.time_ns() - int(SETTLE_SECONDS * 1e9)
                if seen[0] == 0:  # nothing to catch up with: the look cost only its stats
                    report = IndexReport(seconds=time.perf_counter() - started)
                elif last_seen is not None and (recent or seen != last_seen):
                    self.post_message(Unsettled(seen[0], seen))
                    return
                else:
                    report = index.refresh()
            except Exception as exc:  # the app must stay up whatever the disk does
                report = IndexReport(warning=f"the briefings could not be read again ({exc})")
            self.post_message(IndexRefreshed(index, report, asked))
            if report.changed_anything:
                with contextlib.suppress(Exception):  # only tidying: the next one may do it
                    index.tidy()  # after the lists show the change
        finally:
            self.post_message(RefreshFinished())

    def on_unsettled(self, message: Unsettled) -> None:
        """Briefings are still being written: look again in a moment, and say so."""
        if not self._unsettled_since:
            self._unsettled_since = time.monotonic()
        self._last_seen = message.seen
        if time.monotonic() - self._unsettled_since >= SETTLE_SAY_AFTER:
            self._waiting_said = True
            self.set_status(
                Content(
                    f"{_count(message.files, 'briefing')} changing on disk: "
                    "waiting for the writing to end…"
                ).stylize("$text-muted")
            )
        if self._watch_timer is not None:
            self._watch_timer.stop()
        self._watch_timer = self.set_timer(SETTLE_SECONDS, self._look)

    def on_refresh_finished(self) -> None:
        self._refreshing = False
        if self._asked_again:
            self._asked_again = False
            self._start_refresh(asked=True)

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        report = message.report
        was_waiting = self._waiting_said
        self._waiting_said = False
        self._unsettled_since = 0.0
        self._last_seen = (0, 0)
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
            if was_waiting:  # the status said the folder was changing: it is not any more
                self.update_status()
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
        self.views_library_changed()
        self.workflow_library_changed()

    def update_status(self) -> None:
        library = self.library
        report = self.report
        if library is None:
            return
        partial = self.index.partial if self.index is not None else None
        if partial is not None:
            self._partial_status(partial.searched, partial.total)
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

    def _partial_status(self, searched: int, total: int) -> None:
        """What the status says while a preview answers during a first build: short enough
        for 80 columns (``searching the 90 newest of 10,000 briefings · index: reading 34%``)."""
        progress = self._progress
        how_far = "building"
        if progress is not None:
            how_far = progress.what.split()[0]  # reading, writing, finishing
            if progress.total > 1:
                how_far += f" {100 * progress.done // progress.total}%"
        self.set_status(
            Content(printable(f"{self.root}")).stylize("bold")
            + Content(
                f"  searching the {searched:,} newest of {_count(total, 'briefing')} · "
                f"index: {how_far}…"
            ).stylize("$text-warning")
        )
