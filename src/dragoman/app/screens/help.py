"""The keys screen (F1 or ?), made from the bindings themselves: every binding of the app, the
lists and the detail pane, with the keys it answers to now (after any remapping from the keys
file) and what it does (its tooltip), and the few keys Textual itself handles.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dragoman.text import printable

# (where, the bindings acting there): what the app passes in, in the order the screen lists them
Groups = Sequence[tuple[str, Sequence[BindingType]]]

# keys that are no binding of dragoman's own: Textual's focus keys and palette, the search bar's
TEXTUAL_KEYS: list[tuple[str, str, str]] = [
    ("Anywhere", "tab, shift+tab", "next / previous pane: search, the five lists, the detail"),
    ("Anywhere", "ctrl+p", "the command palette: go to any entity by name, or run an action"),
    ("In the search bar", "enter, down", "from the search bar to the results"),
]


def shown_keys(keys: str) -> str:
    """Keys as a reader types them: ``backspace,alt+left,left_square_bracket`` is shown as
    ``backspace, alt+left, [``."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        shown = format_key(key) if "+" not in key else key
        out.append(shown if len(shown) == 1 and shown.isascii() and shown.isprintable() else key)
    return ", ".join(out)


def binding_rows(groups: Groups, remapped: dict[str, str]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every binding of ``groups`` (remapped keys as remapped), then
    Textual's own keys, grouped by where they act."""
    rows: list[tuple[str, str, str]] = []
    for where, bindings in groups:
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            keys = remapped.get(binding.id or "", binding.key)
            rows.append((where, shown_keys(keys), binding.tooltip or binding.description))
    rows += TEXTUAL_KEYS
    order = list(dict.fromkeys(where for where, _, _ in rows))
    return sorted(rows, key=lambda row: order.index(row[0]))


def _row(keys: str, what: str) -> Table:
    """The keys in a column of their own, what they do wrapped beside them (a narrow terminal
    keeps the two apart). Plain text: the keys may come from the reader's keys file."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=KEYS_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(printable(f"  {keys}"), style="bold"), Text(what))
    return grid


KEYS_WIDTH = 26


class HelpScreen(ModalScreen[None]):
    """Every key, from the bindings, with any remapping from the keys file."""

    BINDINGS = [
        Binding(
            "escape,f1,question_mark,q",
            "dismiss",
            "Close",
            id="help.close",
            tooltip="close this screen",
        )
    ]

    def __init__(self, keys_file: str, remapped: dict[str, str], groups: Groups) -> None:
        super().__init__()
        self.keys_file = keys_file
        self.remapped = remapped
        self.groups = groups

    def compose(self) -> ComposeResult:
        lines: list[Option] = []
        if self.remapped:  # first: what the reader changed, and where it is listed below
            lines.append(
                Option(Content("Remapped in your keys file").stylize("bold $accent"), disabled=True)
            )
            for binding_id, keys in sorted(self.remapped.items()):
                lines.append(Option(Content(printable(f"  {binding_id:<26}{keys}")), disabled=True))
            lines.append(Option("", disabled=True))
        where_before = ""
        for where, keys, what in binding_rows(self.groups, self.remapped):
            if where != where_before:
                if where_before:
                    lines.append(Option("", disabled=True))
                lines.append(Option(Content(where).stylize("bold $accent"), disabled=True))
                where_before = where
            lines.append(Option(_row(keys, what), disabled=True))
        foot = f"escape closes · remap any key in {self.keys_file} (see docs/keys.md)"
        with Vertical(id="help-box"):
            yield Static(Content("Keys").stylize("bold"), id="help-title")
            yield OptionList(*lines, id="help-list")
            yield Static(Content(printable(foot)).stylize("$text-muted"), id="help-foot")
