"""The keys screen (F1 or ?): the keys by what they do, as docs/keys.md lists them, and the
remapping read from the keys file.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dragoman.text import printable

KEYS_HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Search",
        [
            ("/", "search: typing updates the panes as you type"),
            ("enter, down", "from the search bar to the results"),
            ("escape", "clear the query; then back out one step at a time"),
        ],
    ),
    (
        "Move",
        [
            ("tab, shift+tab", "next / previous pane"),
            ("up, down, j, k", "move in a list or among links"),
            ("g, G, home, end", "first / last"),
            ("pageup, pagedown", "a page up / down"),
            ("enter", "open the entity / follow the link"),
        ],
    ),
    (
        "History",
        [
            ("backspace, alt+left, [", "back"),
            ("alt+right, ]", "forward"),
        ],
    ),
    (
        "Elsewhere",
        [
            ("ctrl+p", "command palette: go to any entity by name, run an action"),
            ("f2", "problems found in the briefings"),
            ("f1, ?", "this help"),
            ("q", "quit (when not typing)"),
            ("ctrl+c", "quit, always"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    """The keys, as docs/keys.md lists them, with any remapping from the keys file."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, keys_file: str, remapped: dict[str, str]) -> None:
        super().__init__()
        self.keys_file = keys_file
        self.remapped = remapped

    def compose(self) -> ComposeResult:
        lines: list[Option] = []
        for title, rows in KEYS_HELP:
            lines.append(Option(Content(title).stylize("bold $accent"), disabled=True))
            for keys, what in rows:
                lines.append(
                    Option(
                        Content.assemble(Content(f"  {keys:<24}").stylize("bold"), Content(what)),
                        disabled=True,
                    )
                )
            lines.append(Option("", disabled=True))
        if self.remapped:
            lines.append(
                Option(Content("Remapped in your keys file").stylize("bold $accent"), disabled=True)
            )
            for binding_id, keys in sorted(self.remapped.items()):
                lines.append(Option(Content(printable(f"  {binding_id:<24}{keys}")), disabled=True))
            lines.append(Option("", disabled=True))
        lines.append(
            Option(
                Content(
                    printable(f"Remap any key in {self.keys_file} (see docs/keys.md).")
                ).stylize("$text-muted"),
                disabled=True,
            )
        )
        with Vertical(id="help-box"):
            yield Static(Content("Keys").stylize("bold"), id="help-title")
            yield OptionList(*lines, id="help-list")
            yield Static(Content("escape closes").stylize("$text-muted"), id="help-foot")
