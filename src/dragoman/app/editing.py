"""The app's keys that write: e edits at the line, n writes a new briefing, x exports a dossier.

A part of :class:`~dragoman.app.app.DragomanApp`. (Being written.)
"""

from __future__ import annotations

from textual.app import App, SystemCommand


class EditingApp(App[None]):
    """Editing, new briefings, exports."""

    def editing_commands(self) -> list[SystemCommand]:
        return []
