"""The Textual app: the only part of dragoman that imports Textual."""

from __future__ import annotations

from dragoman.app.app import DragomanApp, run

__all__ = ["DragomanApp", "run"]
