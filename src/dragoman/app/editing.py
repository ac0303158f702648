"""The app's keys that write: e edits a briefing at the line where the entity shown is declared,
n writes a new briefing from the template (or drafts one from an article: app/drafting.py) and
opens it, x exports a dossier to a file.

The editor runs with the app suspended (Textual's ``App.suspend``); as soon as it exits, the
briefings are read again (the changed file at once, not at the next look), so the lists and the
detail show the edit; a briefing the edit broke shows its problems (F2) and the rest stays.
Where the terminal cannot be handed over (the app is served, or tested headless) a notification
gives the file and line instead. An export is written in a thread worker, atomically.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Uses the
editor's command lines, the dialogs, the briefings' template and the library's dossier.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.content import Content
from textual.message import Message

from dragoman.app.detail import BRIEFING_PREFIX
from dragoman.app.editor import EditorError, editor_command
from dragoman.app.screens.choose import AskScreen, ChooseScreen, Field
from dragoman.briefings.template import TemplateError, new_briefing
from dragoman.files import write_atomically
from dragoman.library.dossier import dossier_text
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.text import clip, printable


@dataclass(frozen=True)
class Place:
    """Where a briefing declares an entity."""

    path: str
    line: int
    briefing: str  # its title


def places(item: Entity | Briefing) -> list[Place]:
    """Every declaration of ``item``, oldest briefing first: the last is the one whose values
    the detail shows (the latest briefing's win); a briefing is its own one place."""
    if isinstance(item, Briefing):
        return [Place(item.path, item.line, item.title)]
    return [Place(b.path, d.line, b.title) for b, d in item.declarations]


def first_line_to_fill(text: str) -> int:
    """The line of a new briefing where the writing starts: the first commented example after
    the required fields (its summary), else the last line."""
    lines = text.splitlines()
    seen_date = False
    for number, line in enumerate(lines, 1):
        if line.startswith("date:"):
            seen_date = True
        elif seen_date and line.startswith("#"):
            return number
    return len(lines)


class Exported(Message):
    """An export ended: the file written, or why it was not."""

    def __init__(self, target: Path, what: str, error: str = "") -> None:
        super().__init__()
        self.target = target
        self.what = what
        self.error = error


class EditingApp(App[None]):
    """Editing at the line, new briefings, exports."""

    root: Path
    how: str
    library: Library | None
    item_here: Callable[[], Entity | Briefing | None]  # ViewsApp's
    go_to: Callable[..., None]  # NavigatingApp's
    _start_refresh: Callable[..., None]  # IndexingApp's
    ask_article: Callable[[Path], None]  # DraftingApp's
    set_status: Callable[[Content], None]  # IndexingApp's
    _open_after_refresh: str | None = None  # a new briefing, shown once it is read

    # -- e: edit at the line ---------------------------------------------------------------

    def action_edit(self) -> None:
        item = self.item_here()
        if item is None:
            self.notify("Open a briefing or an entity first: e edits it.", markup=False)
            return
        found = places(item)
        place = found[-1]
        note = ""
        if len(found) > 1:
            note = (
                f"{len(found)} briefings declare it; this is the latest, whose values are shown "
                '(ctrl+p "Edit another declaration" lists them all).'
            )
        self.edit_at(place.path, place.line, note)

    def action_edit_other(self) -> None:
        item = self.item_here()
        if item is None:
            self.notify("Open a briefing or an entity first.", markup=False)
            return
        choices = [
            (p.briefing, f"{p.path}:{p.line}", f"{number}") for number, p in enumerate(places(item))
        ]
        chosen = places(item)

        def edit(value: str | None) -> None:
            if value is not None:
                place = chosen[int(value)]
                self.call_later(self.edit_at, place.path, place.line)

        self.push_screen(ChooseScreen(f"Edit {item.name}: where it is declared", choices), edit)

    def edit_at(self, path: str, line: int, note: str = "") -> None:
        """Run the editor on ``path`` at ``line`` with the app suspended, then read the
        briefings again at once."""
        where = f"{path}, line {line}"
        try:
            call = editor_command(path, line)
        except EditorError as exc:
            self.notify(printable(f"{exc}. Edit {where}."), severity="warning", markup=False)
            return
        try:
            with self.suspend():
                done = subprocess.run(call.argv, check=False)
        except SuspendNotSupported:
            self.notify(
                printable(f"This terminal cannot be handed to an editor here: edit {where}."),
                severity="warning",
                markup=False,
                timeout=15,
            )
            return
        except OSError as exc:
            self.notify(
                printable(
                    f"The editor {call.argv[0]!r} could not be started ({exc.strerror or exc}); "
                    f"set $VISUAL or $EDITOR. Edit {where}."
                ),
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        if done.returncode != 0:
            self.notify(
                f"The editor exited with status {done.returncode}.",
                severity="warning",
                markup=False,
            )
        if not call.at_line:
            note = f"{call.name} was given the file alone: the line is {line}. {note}"
        if note:
            self.notify(printable(note), markup=False, timeout=8)
        self.set_status(Content("Reading the edited briefing…"))
        self._start_refresh(asked=True)

    # -- n: a new briefing -----------------------------------------------------------------

    def new_folder(self) -> Path | None:
        """Where ``n`` writes: the folder the app reads (a file's folder); never the samples."""
        if self.how == "bundled":
            return None
        return self.root if not self.root.is_file() else self.root.parent

    def action_new_briefing(self) -> None:
        folder = self.new_folder()
        if folder is None:
            self.notify(
                "These are the sample briefings bundled with dragoman: start dragoman on a folder "
                "of your own (dragoman PATH) to write new briefings there.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return

        def chosen(way: str | None) -> None:
            if way == "article":
                self.ask_article(folder)
            elif way == "blank":
                self.ask_blank(folder)

        choices = [
            ("A blank briefing", "from the template: you give its title, date and id", "blank"),
            (
                "From an article",
                "a text, Markdown or saved web page file: its people, organizations, events "
                "and proposals drafted, each guess commented for you to check",
                "article",
            ),
        ]
        self.push_screen(ChooseScreen("A new briefing", choices), chosen)

    def ask_blank(self, folder: Path) -> None:
        def check(answer: dict[str, str]) -> str | None:
            try:
                name, _ = new_briefing(answer["title"], answer["date"], answer["id"] or None)
            except TemplateError as exc:
                return exc.message
            if (folder / name).exists():
                return f"{folder / name} exists already: give another id, or edit that one (e)"
            taken = self.library.briefings.get(name.removesuffix(".yaml")) if self.library else None
            if taken is not None:
                return f"the id {taken.id!r} is taken by {taken.path}: give another id"
            return None

        fields = [
            Field("title", "Title", placeholder="what the meeting was"),
            Field("date", "Date (YYYY, YYYY-MM or YYYY-MM-DD)", datetime.date.today().isoformat()),
            Field("id", "Id (optional)", placeholder="the date and the title's words"),
        ]
        note = f"written in {folder}, then opened in your editor"
        self.push_screen(
            AskScreen("A new briefing", fields, check, note), partial(self._write_new, folder)
        )

    def _write_new(self, folder: Path, answer: dict[str, str] | None) -> None:
        if answer is None:
            return
        try:
            name, text = new_briefing(answer["title"], answer["date"], answer["id"] or None)
            path = folder / name
            folder.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:  # never over an existing file
                handle.write(text)
        except (TemplateError, OSError) as exc:
            message = exc.message if isinstance(exc, TemplateError) else str(exc)
            self.notify(
                printable(f"The briefing was not written: {message}"),
                severity="error",
                markup=False,
            )
            return
        self._open_after_refresh = BRIEFING_PREFIX + name.removesuffix(".yaml")
        self.notify(printable(f"Wrote {path}"), markup=False)
        self.call_later(self.edit_at, str(path), first_line_to_fill(text))

    def workflow_library_changed(self) -> None:
        """The briefings were read again: a new briefing is shown once it is there."""
        target = self._open_after_refresh
        library = self.library
        if target is None or library is None:
            return
        if target.removeprefix(BRIEFING_PREFIX) in library.briefings:
            self._open_after_refresh = None
            self.go_to(target)
            self.set_focus(self.query_one("#detail"))  # the lists' refill must not take it back

    # -- x: export a dossier ---------------------------------------------------------------

    def action_export(self) -> None:
        item = self.item_here()
        library = self.library
        if item is None or library is None:
            self.notify("Open a briefing or an entity first: x exports its dossier.", markup=False)
            return
        default = Path.cwd() / f"{item.id}.md"
        warned: list[Path] = []

        def check(answer: dict[str, str]) -> str | None:
            text = answer["file"].strip()
            if not text:
                return "give the file to write"
            target = Path(text).expanduser()
            if target.is_dir():
                return f"{target} is a folder: give a file name in it"
            if not target.parent.is_dir():
                return f"there is no folder {target.parent}"
            if target.exists() and target not in warned:
                warned.append(target)
                return f"{target} exists: Enter again replaces it, or give another name"
            return None

        def export(answer: dict[str, str] | None) -> None:
            if answer is not None:
                self.export_worker(library, item, Path(answer["file"].strip()).expanduser())

        field = Field("file", "File (.json writes JSON; any other name, Markdown)", str(default))
        title = f"Export the dossier of {clip(item.name, 80)[0]}"
        self.push_screen(AskScreen(title, [field], check), export)

    @work(thread=True, group="export", description="an export")
    def export_worker(self, library: Library, item: Entity | Briefing, target: Path) -> None:
        fmt = "json" if target.suffix.lower() == ".json" else "markdown"
        what = f"The dossier of {item.name} ({'JSON' if fmt == 'json' else 'Markdown'})"
        try:
            text = dossier_text(library, item, fmt)
            write_atomically(target, text.encode("utf-8"), private=False)
        except OSError as exc:
            self.post_message(Exported(target, what, exc.strerror or str(exc)))
            return
        self.post_message(Exported(target, what))

    def on_exported(self, message: Exported) -> None:
        if message.error:
            self.notify(
                printable(f"Cannot write {message.target}: {message.error}"),
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.notify(printable(f"{message.what} is in {message.target}"), markup=False, timeout=8)

    def editing_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                "Edit",
                "Edit where it is declared, at the line, in your editor (e)",
                self.action_edit,
            ),
            SystemCommand(
                "Edit another declaration",
                "Every briefing that declares it: choose one to edit",
                self.action_edit_other,
            ),
            SystemCommand(
                "New briefing",
                "Write one from the template, or draft one from an article, and edit it (n)",
                self.action_new_briefing,
            ),
            SystemCommand(
                "Export the dossier", "Write its dossier to a file (x)", self.action_export
            ),
        ]
