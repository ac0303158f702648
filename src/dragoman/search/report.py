"""What opening or catching up the index did (:class:`IndexReport`), and the progress callback
the opening reports through: what the CLI prints and the app's status line shows.

Uses nothing of dragoman but :mod:`dragoman.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dragoman.text import count

# called with how far a stage is, how far it goes, and which stage: READING, INDEXING or
# FINISHING (sorting and merging what was written: one step, of no known length)
Progress = Callable[[int, int, str], None]
READING = "reading briefings"
INDEXING = "writing the index"
FINISHING = "finishing the index"


@dataclass(frozen=True, slots=True)
class Partial:
    """What an index answering during a first build holds: ``searched`` of the folder's
    ``total`` briefing files, the newest, or first those that hold the words of the query
    (``by_words``; see :mod:`dragoman.search.preview`)."""

    searched: int
    total: int
    by_words: bool = False

    def note(self) -> str:
        """What a reader is told beside the results."""
        which = (
            f"{self.searched:,} of {self.total:,} briefings (those holding the words "
            "searched for, then the newest)"
            if self.by_words
            else f"the {self.searched:,} newest of {self.total:,} briefings"
        )
        return f"from {which}: the index is still being built"

    def to_json(self) -> dict[str, int]:
        return {"searched": self.searched, "briefings": self.total}


@dataclass(slots=True)
class IndexReport:
    """What opening the index did."""

    files: int = 0
    added: int = 0
    changed: int = 0
    renamed: int = 0
    removed: int = 0
    parsed: int = 0
    documents_updated: int = 0
    documents_removed: int = 0
    rebuilt: bool = False
    reason: str = ""
    read_only: bool = False
    seconds: float = 0.0
    # set when the index could not be brought up to date (a full disk) and is shown as it was
    warning: str = ""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.renamed or self.removed or self.rebuilt)

    def to_json(self) -> dict[str, Any]:
        """What ``dragoman index --json`` prints: every count, and why it was rebuilt."""
        return {
            "rebuilt": self.rebuilt,
            "reason": self.reason,
            "read_only": self.read_only,
            "warning": self.warning,
            "files": self.files,
            "added": self.added,
            "changed": self.changed,
            "renamed": self.renamed,
            "removed": self.removed,
            "parsed": self.parsed,
            "documents_updated": self.documents_updated,
            "documents_removed": self.documents_removed,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        if self.rebuilt:
            head = f"index rebuilt ({self.reason})" if self.reason else "index built"
        elif self.warning:
            head = "index not updated"
        elif self.changed_anything:
            head = "index updated"
        else:
            head = "index up to date"
        parts = [
            count(self.files, "file"),
            f"{self.added} added",
            f"{self.changed} changed",
            f"{self.renamed} renamed",
            f"{self.removed} removed",
            f"{count(self.documents_updated, 'document')} re-indexed",
        ]
        if self.documents_removed:
            parts.append(f"{count(self.documents_removed, 'document')} removed")
        tail = " (another dragoman is writing it: read only)" if self.read_only else ""
        if self.warning:
            tail += f"; {self.warning}"
        return f"{head}: {', '.join(parts)} in {self.seconds:.2f} s{tail}"
