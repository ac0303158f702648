"""The pins view (B): the entities and briefings pinned with ``b``, latest first.

Each row is the pin's kind, its current title and date from the library; a pin whose entity
has gone from the briefings keeps the kind and title it had when pinned and says ``missing``
(a word, in the error colour). Enter opens a row in the browser's detail pane; ``b`` unpins the
row under the cursor, a missing one too, and the view follows. The query of the browser does
not narrow it: the pins are few, and all of them are what the reader asked to keep.

Uses the view's frame, the detail's prefix for briefings, and the library's pins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from dragoman.app.detail import BRIEFING_PREFIX
from dragoman.app.lines import Line, ViewList
from dragoman.app.screens.view import Computed, ViewScreen, counted
from dragoman.library.library import Library
from dragoman.library.pins import BRIEFING, KIND_WIDTH, PinRow, Pins, pin_rows
from dragoman.text import printable

if TYPE_CHECKING:
    from dragoman.search.index import Index


def pin_target(kind: str, id_: str) -> str:
    """What the app opens for a pin: the entity's id, or ``briefing:ID``."""
    return BRIEFING_PREFIX + id_ if kind == BRIEFING else id_


def pins_lines(rows: list[PinRow]) -> list[Line]:
    """A row per pin: kind, date or ``missing`` (in columns, so a long title never hides
    them), title."""
    return [
        Line(
            (
                (f"{row.kind:<{KIND_WIDTH}}  ", "muted"),
                (f"{'missing':<10}  ", "error") if row.missing else (f"{row.date:<10}  ", "muted"),
                (row.title, ""),
            ),
            pin_target(row.kind, row.id),
        )
        for row in rows
    ]


@dataclass
class PinsComputed(Computed):
    """The view's rows, and the pin behind each row's target."""

    pins: dict[str, PinRow] = field(default_factory=dict)


class PinsScreen(ViewScreen):
    """Every pin of the briefings folder, with its current title, kind and date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # the app's own key and id, shown here: one line of the keys file remaps both
        Binding("b", "app.pin", "Unpin", id="app.pin", tooltip="pin or unpin it"),
    ]
    HELP = "enter: open · b: unpin · t p w: other views · esc: close"

    def __init__(self, pins: Callable[[], Pins | None]) -> None:
        super().__init__("")
        self._pins = pins

    def title_text(self) -> str:
        return "Pins"

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        pins = self._pins()
        rows = pin_rows(pins, library) if pins is not None else []
        missing = sum(1 for row in rows if row.missing)
        title = f"Pins: {counted(len(rows), 'pin')}"
        if missing:
            title += f" · {missing:,} missing"
        return PinsComputed(
            title,
            pins_lines(rows),
            empty="no pins: b pins the entity or briefing under the cursor",
            pins={pin_target(row.kind, row.id): row for row in rows},
        )

    def current_pin(self) -> PinRow | None:
        """The pin of the row under the cursor, missing or not."""
        line = self.query_one(ViewList).current
        computed = self.computed
        if line is None or line.target is None or not isinstance(computed, PinsComputed):
            return None
        return computed.pins.get(line.target)

    def open(self, target: str) -> None:
        computed = self.computed
        row = computed.pins.get(target) if isinstance(computed, PinsComputed) else None
        if row is not None and row.missing:
            self.notify(
                printable(
                    f"{row.title} ({row.kind} {row.id}) is no longer in the briefings; b unpins it."
                ),
                markup=False,
            )
            return
        super().open(target)
