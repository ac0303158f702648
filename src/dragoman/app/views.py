"""The app's screens over the browser: the analyst's views (t the timeline, p the proposal
tracker, w who met whom, m who has this party met), their palette entries, opening a view's
row in the detail pane, telling an open view that the library came or changed; and the reader
view (r) and the problems (F2).

A view is a screen over the browser (:mod:`dragoman.app.screens`); opening one from another
replaces it, so escape always returns to the browser as it was (a pair's card, opened from who
met whom, goes back to that list first).

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Uses
the views' screens, the detail's prefix, the rows and widgets, and the library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.widgets import Input

from dragoman.app.detail import BRIEFING_PREFIX, reading
from dragoman.app.detail_view import DetailView
from dragoman.app.lines import ViewList
from dragoman.app.rows import detail_target
from dragoman.app.screens.contacts import WhoMetScreen
from dragoman.app.screens.timeline import TimelineScreen
from dragoman.app.screens.tracker import TrackerScreen
from dragoman.app.screens.view import ViewScreen
from dragoman.app.widgets import EntityList
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity

if TYPE_CHECKING:
    from dragoman.search.index import Index


# (where, the class whose own keys act there): for the keys screen and the keys file
VIEW_KEY_GROUPS: list[tuple[str, type[DOMNode]]] = [
    ("In a view (t, p, w)", ViewScreen),
    ("In a view's list", ViewList),
    ("In the proposal tracker", TrackerScreen),
]


class ViewsApp(App[None]):
    """Opening the analyst's views, and the way back from them."""

    library: Library | None
    index: Index | None
    shown: str | None
    terms: frozenset[str]

    go_to: Callable[..., None]  # NavigatingApp's: show an entity, with history
    _resolve: Callable[[str], Entity | Briefing | None]  # NavigatingApp's

    def _query(self) -> str:
        """The browser's query, as typed."""
        return self.query_one("#search", Input).value

    def _open_view(self, screen: ViewScreen) -> None:
        """Show a view, in place of any view open now."""
        self._close_views()
        self.push_screen(screen)

    def _close_views(self) -> None:
        while isinstance(self.screen, ViewScreen):
            self.pop_screen()

    def action_timeline(self) -> None:
        self._open_view(TimelineScreen(self._query()))

    def action_proposals(self) -> None:
        self._open_view(TrackerScreen(self._query()))

    def action_who_met(self) -> None:
        self._open_view(WhoMetScreen(self._query()))

    def action_met(self) -> None:
        """Who has the person or organization shown met (from an event, its country)."""
        party = self._party_here()
        if party is None:
            self.notify(
                "m shows who a person, an organization or a country has met: open one first, "
                "or name one in who met whom (w).",
                markup=False,
            )
            return
        self._open_view(WhoMetScreen(self._query(), party=party))

    def _target_here(self) -> str | None:
        """What a key acts on: in a view, the entity or briefing of the row under its cursor
        (None on a heading, or a row of two parties); in the browser, the row under the cursor
        of the list in focus, else the entity (or ``briefing:ID``) the detail shows."""
        screen = self.screen
        if isinstance(screen, ViewScreen):
            current = screen.query_one(ViewList).current
            target = current.target if current is not None else None
            return target if target is not None and self._resolve(target) is not None else None
        focused = self.focused
        if isinstance(focused, EntityList) and focused.current is not None:
            return detail_target(focused.current)
        return self.shown

    def item_here(self) -> Entity | Briefing | None:
        """The entity or briefing a key acts on (see :meth:`_target_here`), if it exists."""
        target = self._target_here()
        return self._resolve(target) if target else None

    def _party_here(self) -> str | None:
        target = self._target_here()
        if target is None or target.startswith(BRIEFING_PREFIX):
            return None
        item = self._resolve(target)
        if not isinstance(item, Entity):
            return None
        if item.kind in ("person", "organization"):
            return item.id
        return item.text("country")  # an event held in a country

    def action_read(self) -> None:
        """The reader view of what the detail shows (the selected row's, from a list)."""
        from dragoman.app.screens.reader import ReaderScreen

        target = self._target_here()
        item = self._resolve(target) if target else None
        if item is None or self.library is None:
            self.notify("Open a briefing or an entity first.", markup=False)
            return
        texts = reading(self.library, item)
        self.push_screen(ReaderScreen(item.name, texts, self.terms))

    def action_problems(self) -> None:
        from dragoman.app.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.library.diagnostics if self.library else []))

    def open_from_view(self, target: str) -> None:
        """A view's row opened: the views close and the detail shows it, with history."""
        self._close_views()
        self.go_to(target)
        self.set_focus(self.query_one("#detail", DetailView))

    def views_library_changed(self) -> None:
        """The library came or changed: every open view works its rows out again."""
        for screen in self.screen_stack:
            if isinstance(screen, ViewScreen):
                screen.refill()

    def view_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand("Timeline", "The events of the query, by year (t)", self.action_timeline),
            SystemCommand(
                "Proposals", "What became of the proposals of the query (p)", self.action_proposals
            ),
            SystemCommand(
                "Who met whom",
                "Pairs of countries, or everyone a party met (w)",
                self.action_who_met,
            ),
        ]
