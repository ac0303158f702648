"""The facets panel (f): a side panel of the browser counting the query's results by kind,
country, year, tag, area, status and type, each value with the number of results the query has
with that filter added; updated as you type, after the lists.

Enter on a value adds its filter (``country:VN``, ``date:2024``) to the text of the search bar
and searches again: the query in the bar stays the one truth, visible and editable. The counts
are worked out in a thread worker (:func:`dragoman.search.facets.facets`) that posts them back.

A part of :class:`~dragoman.app.app.DragomanApp`, which holds the state declared here. Uses the
virtual list, the countries' names, and (in the worker) the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.widgets import Input

from dragoman.app.lines import Line, ViewList
from dragoman.briefings.fields import STATUSES
from dragoman.library.countries import country_name

if TYPE_CHECKING:
    from dragoman.search.facets import Facets
    from dragoman.search.index import Index

FACET_TITLES = {
    "kind": "Kind",
    "country": "Country",
    "year": "Year",
    "tag": "Tag",
    "area": "Area",
    "status": "Status",
    "type": "Type",
}


@dataclass
class FacetsDone(Message):
    """The facets of the query of search ``serial``; ``error`` when it could not be counted."""

    serial: int
    facets: Facets | None
    error: str = ""


def facet_rows(found: Facets) -> list[Line]:
    """A heading per facet that has values, then its values, most first, with their counts;
    Enter on a value adds its filter."""
    from dragoman.search.facets import FACETS, facet_filter

    lines: list[Line] = []
    for name in FACETS:
        values = found.counts.get(name, {})
        if not values:
            continue
        if lines:
            lines.append(Line((("", ""),)))
        lines.append(Line(((FACET_TITLES.get(name, name), "heading"),)))
        for value, count in values.items():
            pieces = [(f"{count:>6,}  ", "muted"), (value, value if value in STATUSES else "")]
            if name == "country" and (known := country_name(value)) != value:
                pieces.append((f"  {known}", "muted"))
            lines.append(Line(tuple(pieces), facet_filter(name, value)))
    return lines


def with_filter(text: str, added: str) -> str:
    """The query with a filter added at its end (once)."""
    if added in text.split():
        return text
    return f"{text.rstrip()} {added}".strip()


class FacetsApp(App[None]):
    """Showing, filling and using the facets panel."""

    index: Index | None
    serial: int
    query_text: str

    def facets_panel(self) -> ViewList:
        panel = ViewList(id="facets")
        panel.border_title = "Facets"
        panel.empty_text = "counting…"
        return panel

    @property
    def facets_shown(self) -> bool:
        return self.has_class("-facets")

    def action_facets(self) -> None:
        shown = not self.facets_shown
        self.set_class(shown, "-facets")
        panel = self.query_one("#facets", ViewList)
        if shown:
            self.set_focus(panel)
            self.update_facets()
        elif panel.has_focus:
            self.set_focus(self.query_one("#search", Input))

    def update_facets(self) -> None:
        """Count the facets of the query shown, when the panel is."""
        if self.facets_shown and self.index is not None:
            self.facets_worker(self.index, self.serial, self.query_text)

    @work(thread=True, exclusive=True, group="facets", description="the facets of a query")
    def facets_worker(self, index: Index, serial: int, text: str) -> None:
        from dragoman.search.facets import facets
        from dragoman.search.query import QueryError

        try:
            message = FacetsDone(serial, facets(index, text, as_you_type=True))
        except QueryError as exc:
            message = FacetsDone(serial, None, exc.message)
        except Exception as exc:  # the index files were damaged under us: the search says so
            message = FacetsDone(serial, None, f"the facets could not be counted ({exc})")
        self.post_message(message)

    def on_facets_done(self, message: FacetsDone) -> None:
        if message.serial != self.serial:
            return  # a newer query is on its way
        panel = self.query_one("#facets", ViewList)
        found = message.facets
        if found is None:
            panel.border_title = "Facets"
            panel.empty_text = message.error or "no facets"
            panel.set_rows([])
            return
        panel.border_title = f"Facets ({found.total:,} results)"
        panel.empty_text = "no result to count"
        panel.set_rows(facet_rows(found))

    @on(ViewList.Chosen, "#facets")
    def on_facet_chosen(self, event: ViewList.Chosen) -> None:
        if event.line.target is None:
            return
        search = self.query_one("#search", Input)
        search.value = with_filter(search.value, event.line.target)
        search.cursor_position = len(search.value)
