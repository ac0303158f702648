"""The app's pins: ``b`` pins or unpins the entity or briefing a key acts on (the row under the
cursor of a list or a view, else what the detail shows), ``B`` opens the pins view; both are in
the command palette too ("Pins", "Pin or unpin").

The pins of the briefings folder are read once, just after the first paint (a damaged file is
set aside and said in a notification), and read again before each change, so that two windows
on one folder never undo each other's pins; a pin that cannot be saved (a read-only disk) is
said in a notification and changes nothing.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Uses the
pins view and the library's pins.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App, SystemCommand

from dragoman.app.screens.pins import PinsScreen
from dragoman.app.screens.view import ViewScreen
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.library.pins import Pins, PinsError, load_pins, save_pins, toggled_key
from dragoman.text import printable


class PinsApp(App[None]):
    """Pinning, and the pins view."""

    root: Path
    library: Library | None
    _pins: Pins | None = None  # read at the first paint, or the first use

    item_here: Callable[[], Entity | Briefing | None]  # ViewsApp's: what a key acts on
    _open_view: Callable[[ViewScreen], None]  # ViewsApp's: show a view in place of any other

    def on_mount(self) -> None:
        # Textual calls every on_mount of the app's classes: this one reads the pins once the
        # screen is painted, so that a damaged file is said at once
        self.call_after_refresh(self.pins_now)

    def pins_now(self) -> Pins:
        """The pins as last read or saved (read from the file the first time)."""
        if self._pins is None:
            self._pins = self._read_pins()
        return self._pins

    def _read_pins(self) -> Pins:
        loaded = load_pins(self.root)
        if loaded.message:
            self.notify(printable(loaded.message), severity="warning", markup=False, timeout=12)
        return loaded.pins

    def action_pin(self) -> None:
        """Pin what a key acts on, or unpin it; in the pins view, unpin the row (a missing
        one too)."""
        screen = self.screen
        if isinstance(screen, PinsScreen):
            row = screen.current_pin()
            if row is None:
                self.notify("No pin here: move to a pin's row to unpin it.", markup=False)
                return
            self._toggle(row.kind, row.id, row.title)
            screen.refill()
            return
        item = self.item_here()
        if item is None:
            said = (
                "The briefings are still being read: pin in a moment."
                if self.library is None
                else "b pins an entity or a briefing: move to one in a list, a view or the "
                "detail first."
            )
            self.notify(said, markup=False)
            return
        self._toggle(item.kind, item.id, item.name)

    def _toggle(self, kind: str, id_: str, title: str) -> None:
        """Pin or unpin, over the pins on disk now; saved, or said why not."""
        self._pins = self._read_pins()
        changed = toggled_key(self._pins, kind, id_, title)
        try:
            save_pins(changed)
        except PinsError as exc:
            self.notify(printable(exc.message), severity="error", markup=False, timeout=12)
            return
        self._pins = changed
        pinned = changed.has(kind, id_)
        said = f"Pinned {title} ({kind}); B shows the pins" if pinned else f"Unpinned {title}"
        self.notify(printable(said), markup=False)

    def action_pins(self) -> None:
        """The pins view."""
        self.pins_now()
        self._open_view(PinsScreen(lambda: self._pins))

    def pins_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                "Pins", "What you pinned, with title, kind and date (B)", self.action_pins
            ),
            SystemCommand(
                "Pin or unpin",
                "Pin the selected entity or briefing, or unpin it (b)",
                self.action_pin,
            ),
        ]
