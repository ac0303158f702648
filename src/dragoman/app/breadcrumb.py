"""The breadcrumb above the detail pane: the trail of entities followed, fitted to its line.

Names are made printable before they are fitted (escapes take cells) and drawn as Content,
never parsed as markup. Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from dragoman.text import printable


def shorten(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` terminal cells, an ellipsis standing for what was cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for character in text:
        if cell_len(out + character) > cells - 1:
            break
        out += character
    return out + "…"


def fit_trail(
    names: list[str], back: int, forward: int, width: int
) -> tuple[str, bool, list[str], str, str]:
    """The breadcrumb in ``width`` cells: (steps back, whether earlier steps were left out, the
    earlier steps kept, the current entity, steps forward). The counts and the current entity
    always show; the earlier steps are shortened first, then left out, oldest first, and only
    a current name longer than the whole line is itself shortened."""
    head = f"◀ {back}  " if back else ""
    tail = f"  {forward} ▶" if forward else ""
    room = max(width - cell_len(head) - cell_len(tail), 1)
    if not names:
        return head, False, [], "", tail
    current, earlier = names[-1], names[-4:-1]
    if cell_len(current) >= room:
        return head, False, [], shorten(current, room), tail
    room -= cell_len(current)
    for limit in (40, 24, 16, 10):  # shorter steps first, then fewer (the oldest left out)
        kept: list[str] = []
        used = 0
        for name in reversed(earlier):
            piece = shorten(name, limit)
            older = len(names) - 2 - len(kept)  # steps before this one, left out if it is last
            if used + cell_len(piece) + 3 + (4 if older else 0) > room:
                break
            kept.insert(0, piece)
            used += cell_len(piece) + 3
        if kept or not earlier:
            return head, len(kept) < len(names) - 1, kept, current, tail
    return head, room >= 4, [], current, tail


class Breadcrumb(Static):
    """Where the reader is: the trail of entities followed, the current one last, fitted to
    the line (see :func:`fit_trail`) and fitted again when the line's width changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trail: tuple[list[str], int, int] = ([], 0, 0)

    def show_trail(self, names: list[str], back: int, forward: int) -> None:
        self._trail = (names, back, forward)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        names, back, forward = self._trail
        width = self.size.width or 80  # before the first layout: drawn again on resize
        shown = [printable(name) for name in names]  # fitted as drawn: escapes take cells
        head, left_out, earlier, current, tail = fit_trail(shown, back, forward, width)
        parts: list[Content] = []
        if head:
            parts.append(Content(head).stylize("$text-muted"))
        if left_out:
            parts.append(Content("… › ").stylize("$text-muted"))
        for name in earlier:  # already printable: Content never parses markup
            parts += [Content(name).stylize("$text-muted"), Content(" › ").stylize("$text-muted")]
        if current:
            parts.append(Content(current).stylize("bold"))
        if tail:
            parts.append(Content(tail).stylize("$text-muted"))
        self.update(Content.assemble(*parts) if parts else Content(""))
