"""Two small dialogs the workflow keys share: choosing one of several things (a declaration to
edit, a source to open) and asking for a few lines of text (a new briefing's title and date,
where to export a dossier).

Both are modal screens that return their answer through ``dismiss`` (None when escaped); the
asking one checks its answer with a function of the caller's and keeps the dialog open with the
reason when it is refused. User text is shown as plain text only.

Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dragoman.text import clip, printable


def _plain(text: str, style: str = "") -> Content:
    content = Content(printable(clip(text, 400)[0]))
    return content.stylize(style) if style else content


class ChooseScreen(ModalScreen[str | None]):
    """Pick one of several (label, detail, value): Enter chooses, escape leaves."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(_plain(label), Content("\n  "), _plain(detail, "$text-muted")),
                id=str(number),
            )
            for number, (label, detail, _) in enumerate(self.choices)
        ]
        with Vertical(classes="dialog-box"):
            yield Static(_plain(self.title_text, "bold"), classes="dialog-title")
            yield OptionList(*options, classes="dialog-choices")
            yield Static(
                Content("enter chooses · escape cancels").stylize("$text-muted"),
                classes="dialog-foot",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def on_chosen(self, event: OptionList.OptionSelected) -> None:
        number = int(event.option.id or 0)
        self.dismiss(self.choices[number][2])


@dataclass(frozen=True)
class Field:
    """One line of an :class:`AskScreen`: its name in the answer, label, first value, hint."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""


# given the answer, the reason it is refused (shown in the dialog), or None to accept it
Check = Callable[[dict[str, str]], str | None]


class AskScreen(ModalScreen[dict[str, str] | None]):
    """A few lines of text: Enter goes to the next line and, on the last, answers (once the
    check accepts it); escape leaves with None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, fields: list[Field], check: Check, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.check = check
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box dialog-ask"):
            yield Static(_plain(self.title_text, "bold"), classes="dialog-title")
            for field in self.fields:
                yield Label(_plain(field.label), classes="dialog-label")
                yield Input(
                    value=field.value,
                    placeholder=field.placeholder,
                    id=f"ask-{field.name}",
                    classes="dialog-input",
                )
            yield Static(_plain(self.note, "$text-muted"), classes="dialog-note")
            yield Static(
                Content(
                    "enter: next line, then done · escape cancels"
                    if len(self.fields) > 1
                    else "enter: done · escape cancels"
                ).stylize("$text-muted"),
                classes="dialog-foot",
            )

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def answer(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#ask-{f.name}", Input).value for f in self.fields}

    @on(Input.Submitted)
    def on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        # from the line in focus, not the one that sent it: Enter typed ahead (Enter, Enter)
        # reaches a line before the focus has moved on, and must still move it one further
        focused = self.focused
        at = inputs.index(focused) if isinstance(focused, Input) and focused in inputs else 0
        at = max(at, inputs.index(event.input))
        if at < len(inputs) - 1:
            self.set_focus(inputs[at + 1])
            return
        answer = self.answer()
        refused = self.check(answer)
        if refused:
            self.query_one(".dialog-note", Static).update(_plain(refused, "$text-error"))
            return
        self.dismiss(answer)
