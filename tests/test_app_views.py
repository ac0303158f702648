"""The analyst's views in the app, driven key by key: the timeline (t), the proposal tracker (p),
who met whom (w), who has X met (m), a pair's card; each opens from the browser, starts from its
query, filters, opens a row in the detail pane and closes with escape. And a view of 30,000
events opens and scrolls.

Every test runs the real app on a virtual terminal with its own cache and config folders;
waits are on the app's own events (workers finishing, messages handled).
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    BRIEFINGS,
    SIZE,
    detail,
    detail_lines,
    hold_index_open,
    isolated_home,
    pane,
    screen_text,
    search_for,
    settle,
    shared_cache,
    wait_until,
)
from dragoman.app import DragomanApp
from dragoman.app.lines import Line, ViewList
from dragoman.app.screens.contacts import PairScreen, WhoMetScreen
from dragoman.app.screens.timeline import TimelineScreen, parse_filter
from dragoman.app.screens.tracker import TrackerScreen
from dragoman.app.screens.view import ViewScreen
from dragoman.briefings.dates import PartialDate
from dragoman.library.library import Library, load_library
from dragoman.search.index import Index

GIANG = "phan-van-giang"
IDMM = "asean-japan-idmm-2025"


async def started(pilot: Pilot[None]) -> DragomanApp:
    await settle(pilot)
    return pilot.app  # type: ignore[return-value]


def view_list(app: App[None]) -> ViewList:
    return app.screen.query_one(ViewList)


def rows(app: App[None]) -> list[Line]:
    return view_list(app).rows


def targets(app: App[None]) -> list[str]:
    return [line.target for line in rows(app) if line.target is not None]


def texts(app: App[None]) -> list[str]:
    return [line.text for line in rows(app)]


def title(app: App[None]) -> str:
    return str(app.screen.query_one(".view-title", Static).content)


def view_note(app: App[None]) -> str:
    return str(app.screen.query_one(".view-note", Static).content)


async def open_view(pilot: Pilot[None], key: str, kind: type[ViewScreen]) -> None:
    """Leave the search bar (tab), press the view's key, wait for its rows."""
    app = pilot.app
    if isinstance(app.focused, Input) and not isinstance(app.screen, ViewScreen):
        await pilot.press("tab")
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, kind), app.screen


async def choose(pilot: Pilot[None], target: str) -> None:
    """Walk the view's cursor to the row opening ``target`` and press Enter."""
    view = view_list(pilot.app)
    view.focus()
    await pilot.press("home")
    for _ in range(len(view.rows)):
        if view.current is not None and view.current.target == target:
            break
        await pilot.press("down")
    assert view.current is not None and view.current.target == target, target
    await pilot.press("enter")
    await settle(pilot)


# -- the timeline ------------------------------------------------------------------------------


async def test_t_opens_the_timeline_by_year_and_enter_opens_the_event() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_view(pilot, "t", TimelineScreen)
        assert title(app) == "Timeline: 7 events"
        assert texts(app)[0] == "2024"
        assert "2025" in texts(app)
        assert len(targets(app)) == 7
        first = rows(app)[1]
        assert first.text.startswith("2024        14th Japan-ASEAN Defence Vice-Ministerial Forum")
        assert first.text.endswith("Tokyo  ·  JP VN")
        # the cursor starts on the first event (the heading is passed over), and never rests on
        # a heading: up from the first event stays on it
        assert view_list(app).current == first
        await pilot.press("up")
        assert view_list(app).current == first
        await choose(pilot, IDMM)
        assert not isinstance(app.screen, ViewScreen)
        assert app.shown == IDMM
        assert app.history[-1] == IDMM
        assert app.focused is detail(app)
        assert detail_lines(app)[0].startswith("ASEAN-Japan Informal Defence Ministers' Meeting")


async def test_escape_closes_a_view_back_where_the_reader_was() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("down")  # the Events pane
        events = pane(app, "event")
        await pilot.press("j")
        before = (app.shown, events.cursor)
        assert app.focused is events
        for key, kind in (("t", TimelineScreen), ("p", TrackerScreen), ("w", WhoMetScreen)):
            await open_view(pilot, key, kind)
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, ViewScreen)
            assert app.focused is events
            assert (app.shown, events.cursor) == before
        # one view opened from another replaces it: escape goes straight back to the browser
        await open_view(pilot, "t", TimelineScreen)
        await open_view(pilot, "p", TrackerScreen)
        await open_view(pilot, "w", WhoMetScreen)
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is events


async def test_the_timeline_shows_what_the_query_finds() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "giang")
        count = len(pane(app, "event").rows)
        assert str(pane(app, "event").border_title) == f"Events ({count})"
        await open_view(pilot, "t", TimelineScreen)
        assert title(app) == f"Timeline: {count} events matching 'giang'"
        assert set(targets(app)) == {row.id for row in pane(app, "event").rows}


async def test_keys_of_the_views_are_typed_in_the_search_bar() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("t", "p", "w", "f", "m")
        await settle(pilot)
        assert not isinstance(app.screen, ViewScreen)
        assert app.query_one("#search", Input).value == "tpwfm"


async def test_the_timeline_filters_by_country_and_dates_and_says_what_it_cannot_read() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_view(pilot, "t", TimelineScreen)
        await pilot.press("tab")  # to the filter
        await pilot.press(*"VN 2025")
        await settle(pilot)
        assert title(app) == "Timeline: 2 events · Vietnam (VN); 2025"
        assert targets(app) == [IDMM, "asean-us-tea-reception-2025"]
        assert texts(app)[0] == "2025"
        app.screen.query_one(Input).value = "Cambodia 2024"
        await settle(pilot)
        assert targets(app) == ["vietnam-cambodia-meeting-tokyo-2024"]
        app.screen.query_one(Input).value = "US, Japan"
        await settle(pilot)
        assert len(targets(app)) == 7  # every event has Japan or the United States
        app.screen.query_one(Input).value = "XX"
        await settle(pilot)
        assert targets(app) == []
        assert "'XX' names no country" in view_note(app)
        assert "filter not understood" in screen_text(app)
        app.screen.query_one(Input).value = "2024-13"
        await settle(pilot)
        assert "the month must be 01 to 12" in view_note(app)
        # enter in the filter goes back to the rows
        app.screen.query_one(Input).value = "..2024"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is view_list(app)
        assert len(targets(app)) == 5


def test_a_timeline_filter_reads_countries_and_spans_of_dates() -> None:
    library = load_library(BRIEFINGS)
    countries, bounds = parse_filter(library, "vn jp 2019..2021-06")
    assert countries == ["VN", "JP"]
    assert bounds is not None
    assert (bounds.start, bounds.end) == (PartialDate(2019), PartialDate(2021, 6))
    countries, bounds = parse_filter(library, "South Korea, Japan")
    assert countries == ["KR", "JP"]
    assert bounds is None
    assert parse_filter(library, "") == ([], None)
    with pytest.raises(ValueError, match="one date or span"):
        parse_filter(library, "2019 2020")


# -- the proposal tracker ----------------------------------------------------------------------


async def test_p_opens_the_tracker_with_status_words_and_trails() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_view(pilot, "p", TrackerScreen)
        assert title(app) == "Proposals: 30 proposals · 18 proposed, 9 agreed, 3 in-progress"
        assert len(targets(app)) == 30
        for line in rows(app):
            status_text, status_style = line.pieces[0]
            # never colour alone: the word is written, in the status's own style
            assert status_text.strip() == status_style
            assert status_style in ("proposed", "agreed", "in-progress")
        by_id = {line.target: line.text for line in rows(app)}
        assert by_id["vietnam-thailand-6th-defence-policy-dialogue"].endswith("in-progress 2024")
        assert "1 proposed ✓" in view_note(app)
        # 1 hides the proposed, 2 the agreed; 0 shows them all again
        await pilot.press("1")
        await settle(pilot)
        assert len(targets(app)) == 12
        assert title(app).startswith("Proposals: 12 proposals (of 30)")
        assert "1 proposed ·" in view_note(app)
        await pilot.press("2")
        await settle(pilot)
        assert {line.pieces[0][1] for line in rows(app)} == {"in-progress"}
        await pilot.press("0")
        await settle(pilot)
        assert len(targets(app)) == 30
        await choose(pilot, "vietnam-thailand-6th-defence-policy-dialogue")
        assert app.shown == "vietnam-thailand-6th-defence-policy-dialogue"
        assert pane(app, "proposal").current.id == app.shown  # type: ignore[union-attr]


async def test_the_tracker_shows_the_proposals_the_query_finds() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "thailand")
        found = {row.id for row in pane(app, "proposal").rows}
        await open_view(pilot, "p", TrackerScreen)
        assert set(targets(app)) == found
        assert "matching 'thailand'" in title(app)


# -- who met whom ------------------------------------------------------------------------------


async def test_w_lists_pairs_of_countries_and_enter_shows_the_pairs_card() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_view(pilot, "w", WhoMetScreen)
        assert title(app) == "Who met whom: 11 pairs of countries, most met first"
        first = rows(app)[0]
        assert first.text == "  6 events  Japan (JP) · Vietnam (VN)  2024 … 2025-11-01"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PairScreen)
        assert (
            title(app)
            == "Japan (JP) and Vietnam (VN): 6 shared events, first 2024, last 2025-11-01"
        )
        lines = texts(app)
        assert lines[0] == "Shared events: 6"
        assert "    Vietnam (VN): Phan Van Giang (Minister of National Defence)" in lines
        assert "    Japan (JP): Koizumi Shinjiro (Minister of Defense)" in lines
        assert "    Japan (JP): no one named (held there)" in lines
        assert "Proposals between them: 20" in lines
        # escape goes back to the list of pairs, then to the browser
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WhoMetScreen)
        await pilot.press("enter")
        await settle(pilot)
        await choose(pilot, IDMM)
        assert not isinstance(app.screen, ViewScreen)
        assert app.shown == IDMM


async def test_who_has_vietnam_met_then_vietnam_and_malaysia() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_view(pilot, "w", WhoMetScreen)
        await pilot.press("tab", *"vietnam", "enter")
        await settle(pilot)
        assert title(app) == "Who has Vietnam (VN) met: 6 parties (countries)"
        assert [t.split()[-1] for t in targets(app)] == ["JP", "MY", "US", "KH", "LA", "TH"]
        assert texts(app)[1] == "  3 events  Malaysia (MY)  2024 … 2025-11-01"
        assert app.focused is view_list(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PairScreen)
        assert title(app).startswith("Vietnam (VN) and Malaysia (MY): 3 shared events")
        # a name that fits nobody is said so, plainly
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one(Input).value = "[b]nobody[/b]"
        await settle(pilot)
        assert "'[b]nobody[/b]' names no person, organization or country" in view_note(app)


async def test_m_on_a_person_shows_who_he_has_met() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.go_to(GIANG)
        detail(app).focus()
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, WhoMetScreen)
        assert title(app) == "Who has Phan Van Giang met: 3 parties (people)"
        assert texts(app)[0] == "   1 event  Koizumi Shinjiro  2025-11-01"
        await pilot.press("enter")
        await settle(pilot)
        assert title(app).startswith("Phan Van Giang and Koizumi Shinjiro: 1 shared event")
        # from an event, m shows who its country has met
        await pilot.press("escape", "escape")
        await settle(pilot)
        app.go_to(IDMM)
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert title(app).startswith("Who has Malaysia (MY) met")


# -- everywhere --------------------------------------------------------------------------------


async def test_the_palette_opens_each_view() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for name in ("Timeline", "Proposals", "Who met whom"):
            assert name in commands
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"timeline")
        await wait_until(pilot, lambda: "events of the query" in screen_text(app), "the entry")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)


async def test_a_keys_file_remaps_the_views_keys(isolated_home: dict[str, Path]) -> None:
    (isolated_home["config"] / "keys.toml").write_text('[keys]\n"app.timeline" = "ctrl+t"\n')
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert [n for n in app._notifications if n.severity == "warning"] == []
        await pilot.press("tab", "t")
        await settle(pilot)
        assert not isinstance(app.screen, ViewScreen)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        await open_view(pilot, "p", TrackerScreen)
        await pilot.press("ctrl+t")  # in a view too
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)


async def test_a_view_opened_while_the_briefings_are_read_fills_when_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = hold_index_open(monkeypatch)
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline")
        await pilot.pause()
        assert rows(app) == []
        assert "reading the briefings" in screen_text(app)
        gate.set()
        await wait_until(pilot, lambda: len(targets(app)) == 7, "the timeline filled")


# -- 30,000 rows -------------------------------------------------------------------------------


class Host(App[None]):
    """Just enough of the app for a view: a library, no index, and where a row opens."""

    def __init__(self, library: Library) -> None:
        super().__init__(css_path=None)
        self.library: Library | None = library
        self.index: Index | None = None
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("browser")

    def open_from_view(self, target: str) -> None:
        self.opened.append(target)


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("many")
    lines = ["id: 2020-01-01-many", "title: Many events", "date: 2020-01-01", "events:"]
    codes = ("VN", "JP", "MY", "US", "TH")
    for n in range(30_000):
        lines.append(
            f"  - {{id: event-{n:05d}, title: Meeting {n}, "
            f"date: {1995 + n % 30}-{1 + n % 12:02d}-{1 + n % 28:02d}, country: {codes[n % 5]}}}"
        )
    (folder / "many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    library = load_library(folder)
    assert len(library.entities) == 30_000
    return library


async def test_a_timeline_of_30000_events_opens_and_scrolls(big_library: Library) -> None:
    app = Host(big_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TimelineScreen(""))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: len(rows(app)) > 0, "the rows")
        assert len(targets(app)) == 30_000
        assert title(app) == "Timeline: 30,000 events"
        view = view_list(app)
        await pilot.press("end")
        await pilot.pause()
        last = view.current
        assert last is not None and last.target is not None
        assert last.text in screen_text(app)  # drawn: the list scrolled to it
        await pilot.press("pageup", "pageup", "up")
        await pilot.pause()
        assert view.current is not None and view.current.text in screen_text(app)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.opened == [targets(app)[0]]
        # a filter runs over all of them too
        app.screen.query_one(Input).value = "VN 2000"
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Vietnam (VN)" in title(app), "the filtered rows")
        assert len(targets(app)) == 1_000


# -- the facets panel --------------------------------------------------------------------------


def facets_panel(app: DragomanApp) -> ViewList:
    return app.query_one("#facets", ViewList)


async def test_f_shows_the_facets_of_the_query_and_enter_adds_a_filter_to_the_search() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        panel = facets_panel(app)
        assert not panel.display
        await pilot.press("tab", "f")
        await settle(pilot)
        assert panel.display and app.focused is panel
        lines = [line.text for line in panel.rows]
        assert lines[:3] == ["Kind", "    30  proposal", "    15  organization"]
        for heading_ in ("Country", "Year", "Tag", "Area", "Status", "Type"):
            assert heading_ in lines
        assert "     3  VN  Vietnam" in lines
        assert str(panel.border_title) == "Facets (63 results)"
        # typed in the search bar, the counts follow the query
        await search_for(pilot, "giang")
        country = [line.target for line in panel.rows if (line.target or "").startswith("country:")]
        assert country == ["country:MY", "country:US", "country:VN"]
        panel.focus()
        await choose(pilot, "country:MY")
        assert app.query_one("#search", Input).value == "giang country:MY"
        assert app.query_text == "giang country:MY"
        assert str(panel.border_title) == "Facets (2 results)"
        assert app.focused is panel  # to narrow again
        # a value already in the query is not added twice
        await choose(pilot, "country:MY")
        assert app.query_one("#search", Input).value == "giang country:MY"
        await pilot.press("f")
        await settle(pilot)
        assert not panel.display
        assert app.focused is app.query_one("#search", Input)


async def test_the_facets_of_a_query_not_understood_say_why() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab", "f")
        await search_for(pilot, "date:20x")
        assert facets_panel(app).rows == []
        assert "date" in facets_panel(app).empty_text


async def test_on_a_narrow_terminal_the_facets_take_the_detail_panes_place() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("tab", "f")
        await settle(pilot)
        assert not app.query_one("#right").display
        assert "Kind" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert app.query_one("#right").display


def test_docs_keys_names_every_binding_id() -> None:
    """A key that can be remapped is in docs/keys.md under its id."""
    doc = (BRIEFINGS.parent / "docs" / "keys.md").read_text(encoding="utf-8")
    known = {b.id for b in DragomanApp(BRIEFINGS)._all_binding_defs() if b.id}
    assert {"app.timeline", "app.proposals", "app.who_met", "app.facets"} <= known
    assert sorted(i for i in known if f"`{i}`" not in doc) == []
