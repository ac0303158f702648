"""The proposal tracker view (p): what became of what was proposed.

The proposals the browser's query finds (every proposal with none), first heard first, each row
its status (the word, in the status's colour: never colour alone), its title and the trail of
statuses the briefings state (:func:`~dragoman.library.tracker.trail_text`). Keys 1 to 6 show or
hide a status, 0 shows them all again. Enter opens the proposal in the browser's detail pane.

Uses the view's frame and the library's tracker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from dragoman.app.lines import Line
from dragoman.app.screens.view import Computed, ViewScreen, counted, query_ids, query_note
from dragoman.briefings.fields import STATUSES
from dragoman.library.library import Library
from dragoman.library.tracker import Tracked, proposals, trail_text

if TYPE_CHECKING:
    from dragoman.search.index import Index

STATUS_WIDTH = max(len(s) for s in STATUSES) + 2


def tracker_rows(items: list[Tracked]) -> list[Line]:
    """A row per proposal: its status (a word and a colour), title, and trail."""
    return [
        Line(
            (
                (f"{t.status:<{STATUS_WIDTH}}", t.status),
                (t.proposal.name, ""),
                (f"  {trail_text(t)}", "muted"),
            ),
            t.proposal.id,
        )
        for t in items
    ]


def status_keys(shown: frozenset[str]) -> str:
    """The line of the status keys: ``1 proposed ✓ 2 agreed · …`` (shown, hidden)."""
    marks = [
        f"{n} {status} {'✓' if status in shown else '·'}" for n, status in enumerate(STATUSES, 1)
    ]
    return " ".join(marks)  # 0, all of them again, is in the footer


class TrackerScreen(ViewScreen):
    """Every proposal's status and trail; a status shown or hidden by its number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(
                str(n),
                f"status({n})",
                status,
                show=False,
                id=f"tracker.status_{n}",
                tooltip=f"show or hide the {status} proposals",
            )
            for n, status in enumerate(STATUSES, 1)
        ],
        Binding("0", "status(0)", "All", id="tracker.all", tooltip="show every status again"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__(query)
        self.shown: frozenset[str] = frozenset(STATUSES)

    def title_text(self) -> str:
        return f"Proposals{query_note(self.search_text)}"

    def action_status(self, number: int) -> None:
        if number == 0:
            self.shown = frozenset(STATUSES)
        else:
            status = STATUSES[number - 1]
            self.shown = self.shown ^ {status}
        self.refill()

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        ids = query_ids(index, self.search_text, "proposal")
        every = proposals(library, ids=ids)
        items = [t for t in every if t.status in self.shown]
        counts = {s: sum(1 for t in every if t.status == s) for s in STATUSES}
        title = f"Proposals: {counted(len(items), 'proposal')}{query_note(self.search_text)}"
        if len(items) != len(every):
            title += f" (of {len(every):,})"
        title += " · " + ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        empty = "no proposal" if every else "no proposal matches"
        if every and not items:
            empty = "no proposal of the statuses shown: 0 shows them all"
        return Computed(title, tracker_rows(items), note=status_keys(self.shown), empty=empty)
