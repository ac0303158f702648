"""The app's keys that take something out of it: y copies the id, c a citation (the name, kind
and date, then one plain line per source briefing), o opens the source URL in the browser.

What a key acts on is :meth:`~dragoman.app.views.ViewsApp.item_here`: the row under the cursor
of a list or a view, else what the detail shows. Copying goes through Textual's
``copy_to_clipboard`` (OSC 52: it works over SSH, and in tmux with ``set-clipboard on``), and a
notification says what was copied. Only http(s) URLs are opened (the library's
:func:`~dragoman.library.citation.url_refusal`); several URLs ask which; a GUI browser opens in
a thread worker, a console browser (lynx, w3m, a ``$BROWSER`` command) gets the terminal while
the app is suspended; no browser shows the URL and copies it.

The browser is found and run by the module's functions :func:`find_browser` and
:func:`open_url`, which tests replace. A part of :class:`~dragoman.app.app.DragomanApp`. Uses
the chooser dialog, the library's citation and :mod:`dragoman.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.message import Message

from dragoman.app.screens.choose import ChooseScreen
from dragoman.library.citation import citation, plain, source_urls, url_refusal
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.text import count

if TYPE_CHECKING:
    from webbrowser import BaseBrowser

NOTE_WIDTH = 100  # a line of a notification, at most
NOTE_LINES = 4  # lines of a citation shown in its notification

Outcome = Literal["opened", "failed", "no-browser", "console"]


def find_browser() -> BaseBrowser | None:
    """The user's browser as :mod:`webbrowser` finds it ($BROWSER first), or None."""
    import webbrowser

    try:
        return webbrowser.get()
    except webbrowser.Error:
        return None


def is_console(browser: BaseBrowser) -> bool:
    """Whether ``browser`` runs in this terminal (lynx, w3m, elinks, a ``$BROWSER`` command),
    so that it must have the terminal to itself while it runs."""
    import webbrowser

    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


def open_url(browser: BaseBrowser, url: str) -> bool:
    """Open ``url`` in ``browser`` (a new tab where it can); whether it says it did."""
    try:
        return bool(browser.open(url, new=2))
    except OSError:
        return False


@dataclass
class BrowserDone(Message):
    """The browser worker's answer: the URL opened, or why not; a console browser to run."""

    url: str
    outcome: Outcome
    browser: BaseBrowser | None = None


def _short(text: str) -> str:
    """A text for a notification: its first lines, each cut to fit."""
    lines = text.split("\n")
    shown = [line if len(line) <= NOTE_WIDTH else line[: NOTE_WIDTH - 1] + "…" for line in lines]
    if len(shown) > NOTE_LINES:
        shown = [*shown[: NOTE_LINES - 1], f"… and {count(len(lines) - NOTE_LINES + 1, 'line')}"]
    return "\n".join(shown)


class CitingApp(App[None]):
    """Copying ids and citations, opening sources."""

    library: Library | None
    item_here: Callable[[], Entity | Briefing | None]  # ViewsApp's: what a key acts on

    def citing_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                "Copy id", "Copy the id of the selected entity or briefing (y)", self.action_copy_id
            ),
            SystemCommand(
                "Copy a citation",
                "Title, date and each source with publisher, date and URL (c)",
                self.action_cite,
            ),
            SystemCommand(
                "Open the source",
                "Open the source URL of its briefing in the browser (o)",
                self.action_open_source,
            ),
        ]

    def _selected(self, what: str) -> Entity | Briefing | None:
        item = self.item_here()
        if item is None or self.library is None:
            self.notify(
                f"Nothing selected to {what}: move to a row, or open an entity first.",
                markup=False,
            )
            return None
        return item

    # -- copying ---------------------------------------------------------------------------

    def action_copy_id(self) -> None:
        item = self._selected("copy the id of")
        if item is None:
            return
        self.copy_to_clipboard(item.id)
        self.notify(f"Copied the id {plain(item.id)}", title="Copied", markup=False)

    def action_cite(self) -> None:
        item = self._selected("cite")
        if item is None or self.library is None:
            return
        text = citation(self.library, item)
        self.copy_to_clipboard(text + "\n")
        sources = count(text.count("\n"), "source")
        self.notify(
            f"Copied a citation with {sources}:\n{_short(text)}", title="Copied", markup=False
        )

    # -- opening the source ----------------------------------------------------------------

    def action_open_source(self) -> None:
        item = self._selected("open the source of")
        if item is None or self.library is None:
            return
        urls = source_urls(self.library, item)
        if not urls:
            briefings = "its briefing gives" if isinstance(item, Briefing) else "its briefings give"
            self.notify(
                f"No source URL to open: {briefings} none ({plain(item.name)}).",
                severity="warning",
                markup=False,
            )
            return
        if len(urls) == 1:
            self.open_source(urls[0][1])
            return
        choices = [(title, url, url) for title, url in urls]
        self.push_screen(
            ChooseScreen(f"Open which source of {item.name}?", choices),
            lambda url: self.open_source(url) if url else None,
        )

    def open_source(self, url: str) -> None:
        """Open ``url`` in the browser if it is an http(s) address; else say why not."""
        refused = url_refusal(url)
        if refused:
            self.notify(
                f"Not opened: {refused}.\n{plain(url)}",
                title="Refused",
                severity="error",
                markup=False,
            )
            return
        self.browse(url)

    @work(thread=True, group="browser")
    def browse(self, url: str) -> None:
        """Find the browser and open a GUI one here, off the screen's thread; a console one is
        handed back to run while the app is suspended."""
        browser = find_browser()
        if browser is None:
            self.post_message(BrowserDone(url, "no-browser"))
        elif is_console(browser):
            self.post_message(BrowserDone(url, "console", browser))
        else:
            self.post_message(BrowserDone(url, "opened" if open_url(browser, url) else "failed"))

    @on(BrowserDone)
    def on_browser_done(self, message: BrowserDone) -> None:
        url, outcome = message.url, message.outcome
        if outcome == "console" and message.browser is not None:
            try:
                with self.suspend():
                    outcome = "opened" if open_url(message.browser, url) else "failed"
            except SuspendNotSupported:
                self._show_url(url, "The browser runs in the terminal, which cannot be lent here")
                return
        if outcome == "opened":
            self.notify(f"Opened in the browser: {plain(url)}", markup=False)
        elif outcome == "failed":
            self._show_url(url, "The browser did not open it")
        else:
            self._show_url(url, "No browser found")

    def _show_url(self, url: str, why: str) -> None:
        """Say why the URL was not opened, show it, and copy it to open by hand."""
        self.copy_to_clipboard(url)
        self.notify(
            f"{why}; the URL is copied to the clipboard:\n{plain(url)}",
            severity="warning",
            timeout=15,
            markup=False,
        )
