"""Who met whom (w), who has X met (m on a person, an organization or a country), and the card
of one pair.

:class:`WhoMetScreen` lists every two countries that took part in one event, most shared events
first, with their names beside their codes; its filter names a party (``VN``, ``Japan``,
``giang``) and the list becomes everyone that party has met. Enter on a row opens
:class:`PairScreen`: the events both took part in, in date order, each side's people there with
their roles, and the proposals between them; Enter there opens an event or a proposal in the
browser's detail pane, escape goes back to the list.

Uses the view's frame and the library's parties, countries and who-met-whom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dragoman.app.lines import Line
from dragoman.app.screens.view import Computed, ViewScreen, counted, heading, note
from dragoman.library.contacts import (
    Contact,
    CountryPair,
    Pair,
    contacts,
    country_pairs,
    pair,
    side_people,
)
from dragoman.library.countries import country_name
from dragoman.library.library import Library
from dragoman.library.parties import Party, PartyError, party_of, resolve_party

if TYPE_CHECKING:
    from dragoman.search.index import Index

PAIR = "pair"  # a row's target naming two parties: "pair A B" (ids and codes hold no space)


def pair_target(a: str, b: str) -> str:
    return f"{PAIR} {a} {b}"


def labelled(party: Party) -> str:
    """A party as a row shows it: ``Vietnam (VN)`` for a country, the name for the others."""
    if party.kind == "country":
        return f"{country_name(party.key)} ({party.key})"
    return party.name


def _span(first: object, last: object) -> str:
    return str(first) if str(first) == str(last) else f"{first} … {last}"


def pair_rows(found: list[CountryPair]) -> list[Line]:
    return [
        Line(
            (
                (f"{counted(p.meetings, 'event'):>10}  ", "accent"),
                (f"{country_name(p.a)} ({p.a}) · {country_name(p.b)} ({p.b})", ""),
                (f"  {_span(p.first, p.last)}", "muted"),
            ),
            pair_target(p.a, p.b),
        )
        for p in found
    ]


def contact_rows(of: Party, found: list[Contact]) -> list[Line]:
    rows = []
    for c in found:
        party = (
            Party(c.party.key, "country", country_name(c.party.key))
            if of.kind == "country"
            else c.party
        )
        rows.append(
            Line(
                (
                    (f"{counted(c.meetings, 'event'):>10}  ", "accent"),
                    (labelled(party), ""),
                    (f"  {_span(c.first, c.last)}", "muted"),
                ),
                pair_target(of.key, c.party.key),
            )
        )
    return rows


class WhoMetScreen(ViewScreen):
    """Every pair of countries that met; or, with a party named, everyone it has met."""

    FILTER = "Who has … met: a country, a person or an organization (VN, Japan, giang)"
    HELP = "enter: the pair's card · tab: the filter · t p w: other views · esc: close"

    def __init__(self, query: str = "", party: str = "") -> None:
        super().__init__(query)
        self.party = party  # the filter to start with (m on a party)

    def on_mount(self) -> None:
        super().on_mount()
        if self.party:
            from textual.widgets import Input

            self.query_one(Input).value = self.party

    def title_text(self) -> str:
        return "Who met whom"

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        if not wanted.strip():
            found = country_pairs(library)
            title = f"Who met whom: {counted(len(found), 'pair')} of countries, most met first"
            if self.search_text.strip():
                title += " (over every event, not only the query's)"
            return Computed(
                title, pair_rows(found), empty="no two countries took part in one event"
            )
        try:
            of = resolve_party(library, wanted)
        except PartyError as exc:
            return Computed("Who met whom", [], exc.message, error=True, empty="no such party")
        met = contacts(library, of)
        kinds = "countries" if of.kind == "country" else "people"
        title = f"Who has {labelled(of)} met: {counted(len(met), 'party', 'parties')} ({kinds})"
        return Computed(title, contact_rows(of, met), empty=f"{of.name} has met no one")

    def open(self, target: str) -> None:
        _, a, b = target.split(" ")
        library = self.host.library
        if library is None:
            return
        first, second = party_of(library, a), party_of(library, b)
        if first is not None and second is not None:
            self.app.push_screen(PairScreen(first, second))


def card_rows(library: Library, found: Pair) -> list[Line]:
    a, b = labelled(found.a), labelled(found.b)
    lines = [heading(f"Shared events: {len(found.meetings):,}")]
    for m in found.meetings:
        e = m.event
        place = e.text("place")
        pieces = [(f"{e.date!s:<10}  ", "muted"), (e.name, "")]
        if place:
            pieces.append((f"  ·  {place}", "muted"))
        lines.append(Line(tuple(pieces), e.id))
        lines.append(note(f"    {a}: {side_people(library, m.a_people, e, found.a)}"))
        lines.append(note(f"    {b}: {side_people(library, m.b_people, e, found.b)}"))
    lines.append(heading(f"Proposals between them: {len(found.proposals):,}"))
    for p in found.proposals:
        status = p.text("status") or "proposed"
        lines.append(Line(((f"{status:<13}", status), (p.name, "")), p.id))
    return lines


class PairScreen(ViewScreen):
    """Two parties: the events both took part in, their people there, the proposals between."""

    HELP = "enter opens the event or proposal · escape back to the list"

    def __init__(self, a: Party, b: Party) -> None:
        super().__init__("")
        self.a, self.b = a, b

    def title_text(self) -> str:
        return f"{labelled(self.a)} and {labelled(self.b)}"

    def compute(self, library: Library, index: Index | None, wanted: str) -> Computed:
        found = pair(library, self.a, self.b)
        title = f"{self.title_text()}: {counted(len(found.meetings), 'shared event')}"
        if found.first is not None:
            title += f", first {found.first}, last {found.last}"
        return Computed(title, card_rows(library, found), empty="they never met")
