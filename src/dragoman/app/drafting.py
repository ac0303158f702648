"""A new briefing drafted from an article, in the app: ``n`` offers it beside the blank one.

A dialog asks for the article's file (text, Markdown or a saved web page) and, optionally, when
and by whom it was published and its web address; the draft is made in a thread worker with what
the library knows (:mod:`dragoman.draft`, as ``dragoman draft`` makes it), written into the
folder the app reads (never over a file), and opened in the editor; once the briefings are read
again the new briefing is shown.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Uses the
dialogs, the detail's prefixes and the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message

from dragoman.app.detail import BRIEFING_PREFIX
from dragoman.app.screens.choose import AskScreen, Field
from dragoman.library.library import Library
from dragoman.text import count, printable


class Drafted(Message):
    """A draft was written (its file, its briefing's id and what it holds), or why not."""

    def __init__(self, path: Path | None, briefing: str, holds: str, error: str = "") -> None:
        super().__init__()
        self.path = path
        self.briefing = briefing
        self.holds = holds
        self.error = error


def _article_path(given: str) -> Path:
    return Path(given.strip()).expanduser()


def check_article(answer: dict[str, str]) -> str | None:
    """Why the dialog's answer cannot be drafted (shown in the dialog), or None."""
    from dragoman.draft.compose import OptionError, options_for

    given = answer["article"].strip()
    if not given:
        return "give the article's file (text, Markdown or a saved web page)"
    path = _article_path(given)
    if path.is_dir():
        return f"{path} is a folder: give the article's file"
    if not path.exists():
        return f"{path}: there is no such file"
    if not path.is_file():
        return f"{path} is not a regular file (a device, a pipe or a socket): give an article"
    try:
        options_for(path, answer["publisher"], answer["url"], answer["published"])
    except OptionError as exc:
        return str(exc)
    return None


def free_path(folder: Path, briefing: str) -> Path:
    """``folder/ID.yaml``, or ``ID-2.yaml``... when a file has that name already."""
    path, n = folder / f"{briefing}.yaml", 2
    while path.exists():
        path, n = folder / f"{briefing}-{n}.yaml", n + 1
    return path


class DraftingApp(App[None]):
    """``n``'s second way: a briefing drafted from an article."""

    library: Library | None
    edit_at: Callable[..., None]  # EditingApp's
    _open_after_refresh: str | None = None  # EditingApp's: shown once it is read

    def ask_article(self, folder: Path) -> None:
        fields = [
            Field(
                "article",
                "Article file: text, Markdown or a saved web page",
                placeholder="a path, from the folder dragoman was started in",
            ),
            Field("published", "Published (optional: YYYY, YYYY-MM or YYYY-MM-DD)"),
            Field("publisher", "Publisher (optional)"),
            Field("url", "Web address (optional)"),
        ]
        note = f"drafted into {folder}, then opened in your editor"
        self.push_screen(
            AskScreen("A new briefing from an article", fields, check_article, note),
            partial(self._draft, folder),
        )

    def _draft(self, folder: Path, answer: dict[str, str] | None) -> None:
        if answer is None:
            return
        self.notify(printable(f"Drafting a briefing from {answer['article'].strip()}…"))
        self.draft_worker(folder, answer, self.library)

    @work(thread=True, group="draft")
    def draft_worker(self, folder: Path, answer: dict[str, str], library: Library | None) -> None:
        """Always posts one :class:`Drafted`."""
        from dragoman.draft.article import ArticleError
        from dragoman.draft.compose import (
            OptionError,
            check_size,
            draft_article,
            draft_yaml,
            options_for,
        )
        from dragoman.draft.gazetteer import Gazetteer
        from dragoman.draft.reading import read_article

        path = _article_path(answer["article"])
        try:
            options = options_for(path, answer["publisher"], answer["url"], answer["published"])
            article = read_article(path)
            check_size(article, str(path))
            draft = draft_article(article, Gazetteer.from_library(library), options)
            text = draft_yaml(draft)
            target = free_path(folder, draft.id)
            folder.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as handle:  # never over an existing file
                handle.write(text)
        except (ArticleError, OptionError, OSError) as exc:
            why = exc.message if isinstance(exc, ArticleError) else str(exc)
            self.post_message(Drafted(None, "", "", why))
            return
        except Exception as exc:  # the app stays up, whatever the article holds
            self.post_message(Drafted(None, "", "", f"the draft failed ({type(exc).__name__})"))
            return
        holds = ", ".join(
            [
                count(len(draft.people), "person", "people"),
                count(len(draft.organizations), "organization"),
                count(len(draft.events), "event"),
                count(len(draft.proposals), "proposal"),
            ]
        )
        self.post_message(Drafted(target, draft.id, holds))

    def on_drafted(self, message: Drafted) -> None:
        if message.path is None:
            self.notify(
                printable(f"No draft was written: {message.error}"),
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self._open_after_refresh = BRIEFING_PREFIX + message.briefing
        self.notify(
            printable(
                f"Drafted {message.path} ({message.holds}): check each commented value, "
                "then delete the comment"
            ),
            markup=False,
            timeout=10,
        )
        self.call_later(self.edit_at, str(message.path), 1)
