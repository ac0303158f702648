"""The messages the app's workers post to its handlers: the index opened, peeked at, caught up,
failed; a search done or failed. Each carries what the handler needs, so handlers own the state.

Uses the search stage's types only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the index (and Whoosh) load in the worker, after the first paint
    from dragoman.search.index import Index
    from dragoman.search.panes import PaneResults
    from dragoman.search.report import IndexReport


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


class Unsettled(Message):
    """A look found briefings still being written (a checkout, a pull, a slow save): the
    catch-up waits until two looks a moment apart find the same changes, none of them new."""

    def __init__(self, files: int, seen: tuple[int, int]) -> None:
        super().__init__()
        self.files = files
        self.seen = seen  # what the look found: (files changed, newest modification time)


class RefreshFinished(Message):
    """A refresh worker ended (after merging the index's small segments, when it did)."""


@dataclass
class IndexFailed(Message):
    message: str


@dataclass
class IndexProgress(Message):
    done: int
    total: int
    what: str = "reading briefings"  # the stage: dragoman.search.report.READING or INDEXING


@dataclass
class SearchDone(Message):
    serial: int
    results: PaneResults


@dataclass
class SearchFailed(Message):
    serial: int
    message: str
    damaged: bool = False
