"""What opening or catching up the index did (:class:`IndexReport`), and the progress callback
the opening reports through: what the CLI prints and the app's status line shows.

Uses nothing of dragoman but :mod:`dragoman.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dragoman.text import count

Progress = Callable[[int, int, str], None]


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
