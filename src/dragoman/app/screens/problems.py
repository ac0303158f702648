"""The problems screen (F2): every diagnostic found in the briefings, one per line.

Uses the briefings' diagnostics and :mod:`dragoman.text`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.text import printable


class ProblemsScreen(ModalScreen[None]):
    """Every problem the loader and the library found: file:line, severity, code, message."""

    BINDINGS = [Binding("escape,f2,q", "dismiss", "Close", id="problems.close")]

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__()
        self.diagnostics = diagnostics

    def compose(self) -> ComposeResult:
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        warnings = len(self.diagnostics) - errors
        title = (
            f"Problems: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}"
        )
        lines: list[Option] = []
        for d in self.diagnostics:
            colour = "$text-error" if d.severity == "error" else "$text-warning"
            lines.append(
                Option(
                    Content.assemble(
                        Content(printable(f"{d.path}:{d.line}:{d.column}")).stylize("bold"),
                        Content(f"  {d.severity}").stylize(colour),
                        Content(printable(f"  {d.code}")).stylize("$text-muted"),
                        Content("\n    "),
                        Content(printable(d.message)),
                    )
                )
            )
        if not lines:
            lines.append(Option("No problems: every briefing loaded cleanly.", disabled=True))
        with Vertical(id="problems-box"):
            yield Static(Content(title).stylize("bold"), id="problems-title")
            yield OptionList(*lines, id="problems-list")
            yield Static(
                Content("`dragoman check` prints the same list; escape closes").stylize(
                    "$text-muted"
                ),
                id="problems-foot",
            )
