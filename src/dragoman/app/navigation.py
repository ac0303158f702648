"""The app's detail pane and history: showing the selected entity, following links, back and
forward, the breadcrumb.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here.

Uses the detail's content, the rows and widgets, and the library.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App
from textual.css.query import NoMatches
from textual.timer import Timer

from dragoman.app.breadcrumb import Breadcrumb
from dragoman.app.detail import (
    BRIEFING_PREFIX,
    briefing_options,
    entity_options,
    gone_options,
    loading_options,
)
from dragoman.app.detail_view import DetailView
from dragoman.app.rows import PANES, detail_target
from dragoman.app.widgets import EntityList
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.text import clip

HISTORY_LIMIT = 200


class NavigatingApp(App[None]):
    """The detail of the selected entity, the links followed, and the way back."""

    root: Path
    library: Library | None
    terms: frozenset[str]
    history: list[str]
    position: int
    shown: str | None
    _detail_timer: Timer | None
    best_kind: str | None = None  # the pane of the query's best hit (a person named, say)

    def panes_in_order(self) -> list[str]:
        """The kinds of the panes, the one holding the query's best hit first."""
        kinds = [kind for kind, _ in PANES]
        if self.best_kind in kinds:
            kinds.remove(self.best_kind)
            kinds.insert(0, self.best_kind)
        return kinds

    # -- the detail pane and history --------------------------------------------------------

    @on(EntityList.Highlighted)
    def on_row_highlighted(self, event: EntityList.Highlighted) -> None:
        if not event.entity_list.has_focus:
            return
        if self._detail_timer is not None:
            self._detail_timer.stop()
        target = detail_target(event.row)
        self._detail_timer = self.set_timer(0.03, lambda: self.show_detail(target))

    @on(EntityList.Selected)
    def on_row_selected(self, event: EntityList.Selected) -> None:
        target = detail_target(event.row)
        self.go_to(target)
        self.set_focus(self.query_one("#detail", DetailView))

    @on(DetailView.LinkChosen)
    def on_link_chosen(self, event: DetailView.LinkChosen) -> None:
        self.go_to(event.target)

    def go_to(self, target: str, *, push: bool = True) -> None:
        """Show an entity (or ``briefing:ID``) and select it in its pane."""
        if self.library is None:
            return
        if push:
            del self.history[self.position + 1 :]
            if not self.history or self.history[-1] != target:
                self.history.append(target)
            if len(self.history) > HISTORY_LIMIT:
                del self.history[0]
            self.position = len(self.history) - 1
        self.show_detail(target)
        item = self._resolve(target)
        if item is not None:
            pane = self.query_one(f"#list-{item.kind}", EntityList)
            pane.select_id(item.id)
        self.update_crumbs()

    def _resolve(self, target: str) -> Entity | Briefing | None:
        library = self.library
        if library is None:
            return None
        if target.startswith(BRIEFING_PREFIX):
            return library.briefings.get(target[len(BRIEFING_PREFIX) :])
        return library.entities.get(target) or library.briefings.get(target)

    def show_detail(self, target: str) -> None:
        try:
            detail = self.query_one("#detail", DetailView)
        except NoMatches:  # a timer fired while the app closes: nothing left to draw on
            return
        library = self.library
        if library is None:  # shown as soon as every briefing is read
            self.shown = target
            detail.show(loading_options(str(self.root)))
            return
        item = self._resolve(target)
        if item is None:  # gone since (deleted, renamed): never leave the old detail up
            self.shown = target
            detail.show(gone_options(target))
            detail.border_title = "Detail"
            return
        self.shown = target
        if isinstance(item, Briefing):
            detail.show(briefing_options(library, item, self.terms))
        else:
            detail.show(entity_options(library, item, self.terms))
        detail.border_title = f"{item.kind.capitalize()}"

    def refresh_detail(self) -> None:
        """Draw the detail again (its search terms changed). It runs from a timer, which may
        fire while the app is closing: with the panes gone there is nothing to draw."""
        try:
            if self.shown is not None:
                self.show_detail(self.shown)
                return
            for kind in self.panes_in_order():
                pane = self.query_one(f"#list-{kind}", EntityList)
                if pane.current is not None:
                    row = pane.current
                    self.show_detail(detail_target(row))
                    return
        except NoMatches:
            return

    def update_crumbs(self) -> None:
        names = []
        for target in self.history[: self.position + 1]:
            item = self._resolve(target)
            names.append(clip(item.name if item is not None else target, 100)[0])
        self.query_one("#crumbs", Breadcrumb).show_trail(
            names, self.position, len(self.history) - self.position - 1
        )

    def action_history_back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.go_to(self.history[self.position], push=False)
        else:
            self.bell()

    def action_history_forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self.go_to(self.history[self.position], push=False)
        else:
            self.bell()
