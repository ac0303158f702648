"""The app's pins: b pins or unpins, B shows the pins view.

A part of :class:`~dragoman.app.app.DragomanApp`. (Being written.)
"""

from __future__ import annotations

from textual.app import App, SystemCommand


class PinsApp(App[None]):
    """Pinning, and the pins view."""

    def pins_commands(self) -> list[SystemCommand]:
        return []
