"""The timeline view (t): what happened, in what order, and who took part.

The events the browser's query finds (every event with none), by year under a heading, each
row its date, title, place and the countries taking part (the timeline's own text:
:func:`~dragoman.library.timeline.event_line`). The filter narrows by countries and dates:
``VN 2019..2021``, ``Japan, Malaysia 2024``, ``..2020-06``. Enter opens the event in the
browser's detail pane.

Uses the view's frame, the library's timeline, parties and countries, and the dates.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dragoman.app.lines import Line
from dragoman.app.screens.view import (
    Computed,
    ViewScreen,
    counted,
    heading,
    query_ids,
    query_note,
)
from dragoman.briefings.dates import PartialDate
from dragoman.library.countries import country_name
from dragoman.library.library import Library
from dragoman.library.parties import PartyError, resolve_party
from dragoman.library.timeline import DateBounds, TimelineEvent, end_of, event_line, timeline

if TYPE_CHECKING:
    from dragoman.search.index import Index

_DATE_WORD = re.compile(r"[0-9.][0-9.-]*")


class FilterError(ValueError):
    """A filter that cannot be understood; the message says what to write."""


def parse_filter(library: Library, text: str) -> tuple[list[str], DateBounds | None]:
    """Countries and dates from a timeline's filter: a word of digits is a date (``2019``) or a
    span of dates (``2019..2021``, ``2019-03..``, ``..2020``); the rest, split at commas, are
    countries by code or name (``VN JP``, ``south korea, japan``). Raises
    :class:`FilterError`."""
    dates = [w for w in text.split() if _DATE_WORD.fullmatch(w)]
    rest = " ".join(w for w in text.split() if not _DATE_WORD.fullmatch(w))
    bounds: DateBounds | None = None
    if len(dates) > 1:
        raise FilterError("one date or span of dates at most, e.g. 2019..2021")
    if dates:
        bounds = _bounds(dates[0])
    countries: list[str] = []
    for part in rest.split(","):
        words = part.split()
        if not words:
            continue
        # two-letter words alone are codes (VN JP); anything else is one country's name
        names = words if all(len(w) == 2 for w in words) else [" ".join(words)]
        for name in names:
            try:
                countries.append(resolve_party(library, name, kinds=("country",)).key)
            except PartyError as exc:
                raise FilterError(exc.message) from exc
    return list(dict.fromkeys(countries)), bounds


def _bounds(word: str) -> DateBounds:
    try:
        if ".." not in word:
            date = PartialDate.parse(word)
            return DateBounds(date, date)
        start, _, end = word.partition("..")
        return DateBounds(
            PartialDate.parse(start) if start else None, PartialDate.parse(end) if end else None
        )
    except ValueError as exc:
        raise FilterError(str(exc)) from exc


def timeline_rows(items: list[TimelineEvent]) -> list[Line]:
    """A heading per year, then a row per event: date (to its end), the timeline's line."""
    lines: list[Line] = []
    year: int | None = None
    for item in items:
        event = item.event
        if event.date.year != year:
            if year is not None:
                lines.append(Line((("", ""),)))  # a blank line between two years
            year = event.date.year
            lines.append(heading(f"{year:04d}"))
        end = end_of(event)
        shown = f"{event.date}–{end}" if end is not None else str(event.date)
        lines.append(Line(((f"{shown:<10}  ", "muted"), (event_line(item), "")), event.id))
    return lines


def describe(countries: list[str], bounds: DateBounds | None) -> str:
    parts = []
    if countries:
        parts.append(", ".join(f"{country_name(c)} ({c})" for c in countries))
    if bounds is not None:
        start = str(bounds.start) if bounds.start else "…"
        end = str(bounds.end) if bounds.end else "…"
        parts.append(start if start == end else f"{start} to {end}")
    return "; ".join(parts)


class TimelineScreen(ViewScreen):
    """What happened, by year, and who took part."""

    FILTER = "Filter: countries and dates, e.g. VN 2019..2021, Japan 2024, ..2020-06"
    HELP = "enter: the event · tab: the filter · t p w: other views · esc: close"

    def title_text(self) -> str:
        return f"Timeline: events{query_note(self.search_text)}"

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        ids = query_ids(index, self.search_text, "event")
        try:
            countries, bounds = parse_filter(library, wanted)
        except FilterError as exc:
            return Computed(
                self.title_text(), [], str(exc), error=True, empty="filter not understood"
            )
        items = timeline(library, bounds=bounds, countries=countries, ids=ids)
        title = f"Timeline: {counted(len(items), 'event')}{query_note(self.search_text)}"
        narrowed = describe(countries, bounds)
        if narrowed:
            title += f" · {narrowed}"
        return Computed(title, timeline_rows(items), empty="no event")
