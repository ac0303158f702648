"""The app's keys that take something out of it: y copies the id, c a citation, o opens the
source URL in the browser.

A part of :class:`~dragoman.app.app.DragomanApp`. (Being written.)
"""

from __future__ import annotations

from textual.app import App, SystemCommand


class CitingApp(App[None]):
    """Copying ids and citations, opening sources."""

    def citing_commands(self) -> list[SystemCommand]:
        return []
