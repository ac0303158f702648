"""The Textual app: the only part of dragoman that imports Textual.

May use every stage below it (search, library, briefings, text); never the CLI.
"""

from __future__ import annotations

from dragoman.app.app import DragomanApp, run

__all__ = ["DragomanApp", "run"]
