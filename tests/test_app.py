"""The briefing browser driven key by key (and click by click) as an analyst would use it.

Every test runs the real app on a 120x40 virtual terminal with its own cache and config
folders; waits are on the app's own events (workers finishing, debounce timers firing).
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.table import Table
from textual import events
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

import dragoman.search.panes as search_module
from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    BRIEFINGS,
    KINDS,
    SIZE,
    broken_folder,
    crumbs_text,
    detail,
    detail_lines,
    empty_folder,
    fresh_cache,
    hold_index_open,
    hostile_folder,
    ids,
    isolated_home,
    link_index,
    pane,
    screen_text,
    search_for,
    settle,
    shared_cache,
    status_text,
    titles,
    wait_until,
)
from dragoman.app import DragomanApp
from dragoman.app.breadcrumb import fit_trail, shorten
from dragoman.app.detail import entity_options, highlighted
from dragoman.app.detail_view import DetailView
from dragoman.app.messages import SearchDone
from dragoman.app.screens.help import HelpScreen, binding_rows, shown_keys
from dragoman.app.screens.problems import ProblemsScreen
from dragoman.app.screens.reader import ReaderScreen
from dragoman.app.widgets import EntityList, Row, plain
from dragoman.library.library import load_library
from dragoman.search.index import Index
from dragoman.search.panes import search_panes
from dragoman.search.query import QueryError, parse

FULL_TITLES = {
    "event": "Events (7)",
    "person": "People (9)",
    "proposal": "Proposals (30)",
    "organization": "Organizations (15)",
    "briefing": "Briefings (2)",
}
TEA_RECEPTION = "asean-us-tea-reception-2025"
IDMM = "asean-japan-idmm-2025"
GIANG = "phan-van-giang"


def pane_titles(app: DragomanApp) -> dict[str, str]:
    return {kind: str(pane(app, kind).border_title) for kind in KINDS}


def focused(app: DragomanApp) -> Widget | None:
    return app.focused


def search_bar(app: DragomanApp) -> Input:
    return app.query_one("#search", Input)


def control_characters(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]


async def started(pilot: Pilot[None]) -> DragomanApp:
    await settle(pilot)
    return pilot.app  # type: ignore[return-value]


async def open_from_list(pilot: Pilot[None], kind: str, entity_id: str) -> None:
    """Focus a pane, walk its cursor to the row and press Enter, as a reader would."""
    app = pilot.app
    entity_list = pane(app, kind)  # type: ignore[arg-type]
    entity_list.focus()
    steps = [row.id for row in entity_list.rows].index(entity_id)
    await pilot.press("g", *["j"] * steps, "enter")
    await settle(pilot)
    expected = f"briefing:{entity_id}" if kind == "briefing" else entity_id
    assert app.shown == expected  # type: ignore[attr-defined]


async def move_to_link(pilot: Pilot[None], target: str) -> None:
    """In the focused detail, press Down until the link to ``target`` is highlighted."""
    app: DragomanApp = pilot.app  # type: ignore[assignment]
    view = detail(app)
    assert focused(app) is view
    wanted = link_index(app, target)
    for _ in range(view.option_count):
        if view.highlighted == wanted:
            return
        await pilot.press("down")
    assert view.highlighted == wanted, f"Down never reached the link to {target}"


# -- 1. start-up -------------------------------------------------------------------------------


async def test_start_up_fills_every_pane_newest_first() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert pane_titles(app) == FULL_TITLES
        for kind in KINDS:
            dates = [row.date for row in pane(app, kind).rows]
            assert dates == sorted(dates, reverse=True), f"{kind} pane is not newest first"
        assert ids(app, "briefing")[0] == "2025-11-01-kuala-lumpur-asean-japan-idmm"
        assert "2 briefings · 61 entities" in status_text(app)
        assert str(BRIEFINGS) in status_text(app)
        assert focused(app) is search_bar(app)
        # the newest event is shown without a click, and nothing was pushed on the history
        assert app.shown == TEA_RECEPTION
        assert app.history == []
        # in full: the last line of its long summary is there too
        region = detail(app).content_region
        shown = " ".join(
            line[region.x : region.right].strip()
            for line in screen_text(app).splitlines()[region.y : region.bottom]
        )
        assert "restated Vietnam's East Sea position." in shown


async def test_status_says_opening_until_the_index_is_ready(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: Path
) -> None:
    gate = hold_index_open(monkeypatch)
    app = DragomanApp(BRIEFINGS)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Opening" in status_text(app)
            assert pane(app, "person").render_line(0).text.strip() == "opening…"
            # typing before the index is ready is not lost: the query runs once it opens
            await pilot.press(*"giang")
            gate.set()
            await settle(pilot)
            assert ids(app, "person") == [GIANG]
            assert pane_titles(app)["person"] == "People (1)"
    finally:
        gate.set()


async def test_a_second_start_shows_the_last_index_before_every_briefing_is_read(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: Path
) -> None:
    index, _ = Index.open(BRIEFINGS)  # an earlier session left an index
    index.close()
    gate = hold_index_open(monkeypatch)
    app = DragomanApp(BRIEFINGS)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: bool(pane(app, "person").rows), "the peeked lists")
            assert app.library is None
            assert "as it was last time" in status_text(app)
            assert pane_titles(app)["person"] == "People (9)"
            await pilot.press(*"giang")
            await wait_until(pilot, lambda: ids(app, "person") == [GIANG], "a search")
            await pilot.press("enter")
            await pilot.pause()
            assert "Reading the briefings" in screen_text(app)
            gate.set()
            await settle(pilot)
            assert app.library is not None
            assert ids(app, "person") == [GIANG]
            assert "Reading the briefings" not in screen_text(app)
            focused = app.focused
            assert isinstance(focused, EntityList) and focused.current is not None
            assert detail(app).border_title == focused.current.kind.capitalize()
            assert focused.current.title[:30] in screen_text(app)
    finally:
        gate.set()


async def test_a_folder_that_is_gone_is_reported_and_the_app_keeps_running(
    tmp_path: Path,
) -> None:
    gone = tmp_path / "gone"
    app = DragomanApp(gone)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.is_running
        assert "0 briefings · 0 entities" in status_text(app)
        assert "1 error, 0 warnings (F2)" in status_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert str(gone) in screen_text(app)


async def test_rebuilding_the_index_keeps_the_query_and_the_entity_shown() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "giang")
        app.go_to(GIANG)
        before = app.index
        app.action_rebuild()  # "Rebuild the index" in the command palette
        await pilot.pause()
        await settle(pilot)
        assert app.index is not before
        assert "index rebuilt" in status_text(app)
        assert pane_titles(app)["person"] == "People (1)"
        assert app.shown == GIANG
        await search_for(pilot, "laos")  # the new index answers
        assert "vietnam-laos-meeting-tokyo-2024" in ids(app, "event")


def failing_search(monkeypatch: pytest.MonkeyPatch, failures: int | None) -> dict[str, int]:
    """Make the app's searches for "boom" fail as a damaged index does: ``failures`` times, or
    (None) until ``counts["mended"]`` is set. Counts the searches and the index openings."""
    real_search, real_open = search_panes, Index.open
    counts = {"searches": 0, "opens": 0}

    def search(index: object, text: str, **kwargs: object) -> object:
        if "boom" in text:
            counts["searches"] += 1
            always = failures is None and not counts.get("mended")
            if always or (failures is not None and counts["searches"] <= failures):
                raise OSError("the index segment is truncated")
        return real_search(index, text.replace("boom", "giang"), **kwargs)  # type: ignore[arg-type]

    def open_index(*args: object, **kwargs: object) -> object:
        counts["opens"] += 1
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "search_panes", search)
    monkeypatch.setattr(Index, "open", open_index)
    return counts


async def test_a_damaged_index_is_rebuilt_and_the_search_runs_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counts = failing_search(monkeypatch, failures=1)
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "boom")
        await settle(pilot)
        assert counts == {"searches": 2, "opens": 2}
        assert [n.message for n in app._notifications] == [
            "The search index was damaged; rebuilding it from the briefings."
        ]
        assert "index rebuilt" in status_text(app)
        assert ids(app, "person") == [GIANG]


async def test_a_search_that_keeps_failing_rebuilds_the_index_once_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counts = failing_search(monkeypatch, failures=None)
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        search_bar(app).value = "boom"
        await wait_until(
            pilot,
            lambda: "the search failed" in status_text(app) or counts["opens"] > 2,
            "the failure reported or the index rebuilt again and again",
        )
        opens, status = counts["opens"], status_text(app)
        counts["mended"] = 1  # whatever the app does, let it come to rest before it closes
        await settle(pilot)
    assert opens == 2
    assert "the search failed (OSError)" in status


# -- 2. searching as you type ----------------------------------------------------------------


async def test_typing_searches_as_you_type_and_clearing_brings_everything_back() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("g", "i", "a")
        await settle(pilot)
        assert search_bar(app).value == "gia"
        assert ids(app, "person") == [GIANG]
        assert titles(app, "person") == ["Phan Van Giang"]
        assert pane_titles(app)["person"] == "People (1)"
        assert pane(app, "event").render_line(0).text.strip() == "no match"
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert search_bar(app).value == ""
        assert pane_titles(app) == FULL_TITLES
        assert "2 briefings · 61 entities" in status_text(app)
        # keys that mean something elsewhere are text in the search bar
        await pilot.press("q", "question_mark", "left_square_bracket")
        await settle(pilot)
        assert app.is_running
        assert not isinstance(app.screen, HelpScreen)
        assert search_bar(app).value == "q?["
        assert app.history == []


async def test_only_the_results_of_the_last_query_are_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_search = search_panes
    japan_started, release_japan = threading.Event(), threading.Event()

    def slow_for_japan(index: object, text: str, **kwargs: object) -> object:
        if text == "japan":
            japan_started.set()
            release_japan.wait(10)
        return real_search(index, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_module, "search_panes", slow_for_japan)
    app = DragomanApp(BRIEFINGS)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            laos = real_search(app.index, "laos")  # type: ignore[arg-type]
            laos_rows = {kind: [hit.id for hit in laos.panes[kind][1]] for kind in KINDS}
            assert "vietnam-laos-meeting-tokyo-2024" in laos_rows["event"]
            assert IDMM not in laos_rows["event"]
            # typed one after the other within the search delay: only the last one shows
            search_bar(app).value = "cambodia"
            search_bar(app).value = "laos"
            await settle(pilot)
            assert {kind: ids(app, kind) for kind in KINDS} == laos_rows
            await search_for(pilot, "")

            # a slow search overtaken by a newer one: its results never replace the newer ones
            search_bar(app).value = "japan"
            await wait_until(pilot, japan_started.is_set, "the search for japan to start")
            japan_serial = app.serial
            search_bar(app).value = "laos"
            await wait_until(
                pilot,
                lambda: {kind: ids(app, kind) for kind in KINDS} == laos_rows,
                "the results for laos",
            )
            release_japan.set()
            await settle(pilot)
            assert {kind: ids(app, kind) for kind in KINDS} == laos_rows
            # and a result of an older query that does get through is dropped on arrival
            japan = real_search(app.index, "japan")  # type: ignore[arg-type]
            app.post_message(SearchDone(japan_serial, japan))
            await settle(pilot)
            assert {kind: ids(app, kind) for kind in KINDS} == laos_rows
    finally:
        release_japan.set()


async def test_a_wrong_query_explains_itself_and_a_typo_gets_a_did_you_mean() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, '"unclosed')
        assert app.is_running
        assert "no closing quote" in status_text(app)
        await search_for(pilot, "kind:nope")
        assert "kind:nope is not a kind" in status_text(app)

        await search_for(pilot, "phan van gaing")
        assert all(pane(app, kind).rows == [] for kind in KINDS)
        assert "Nothing matches 'phan van gaing'" in status_text(app)
        assert "did you mean: phan van giang" in status_text(app)
        assert pane(app, "person").render_line(0).text.strip() == "no match"

        await search_for(pilot, "phan van giang")
        assert ids(app, "person") == [GIANG]
        assert "2 briefings · 61 entities" in status_text(app)


async def test_results_start_at_the_best_match_and_enter_goes_to_them() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        # every pane shows its best matches from the top, whatever row was current before
        await search_for(pilot, "giang")
        assert len(pane(app, "proposal").rows) > pane(app, "proposal").size.height
        assert {kind: (pane(app, kind).cursor, pane(app, kind).scroll_y) for kind in KINDS} == {
            kind: (0, 0) for kind in KINDS
        }
        await search_for(pilot, "")
        # a paste followed at once by Enter: both arrive before the search delay is over, and
        # Enter goes to the results of what was pasted (Events has none for "gia")
        search_bar(app).value = "gia"
        await search_bar(app).action_submit()
        await settle(pilot)
        assert ids(app, "event") == []
        assert focused(app) is pane(app, "person")
        assert app.shown == GIANG


# -- 3. moving between panes and rows --------------------------------------------------------


async def test_down_from_the_search_lands_on_the_best_match() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "giang")
        assert len(pane(app, "event").rows) == 2  # events hold the name; the person is named
        await pilot.press("down")
        await settle(pilot)
        people = pane(app, "person")
        assert focused(app) is people
        assert people.cursor == 0
        assert app.shown == people.rows[0].id == GIANG
        await search_for(pilot, "maritime")  # no one is named: the best match is elsewhere
        search_bar(app).focus()
        await pilot.press("down")
        await settle(pilot)
        assert focused(app) is not people


async def test_moving_between_the_search_and_the_panes() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("down")
        assert focused(app) is pane(app, "event")
        await pilot.press("left_square_bracket", "right_square_bracket")  # no history yet
        await settle(pilot)
        assert app.history == []
        assert app.shown == pane(app, "event").current.id  # type: ignore[union-attr]
        await pilot.press("tab")
        assert focused(app) is pane(app, "person")
        await pilot.press("shift+tab")
        assert focused(app) is pane(app, "event")
        await pilot.press("slash")
        assert focused(app) is search_bar(app)
        await search_for(pilot, "gia")
        await pilot.press("enter")  # Events has nothing for "gia": People is the first
        await settle(pilot)
        assert focused(app) is pane(app, "person")
        assert app.shown == GIANG
        await pilot.press("tab")  # Tab goes through every pane in order, empty ones too
        assert pane(app, "proposal").rows == []
        assert focused(app) is pane(app, "proposal")


async def test_keys_typed_ahead_follow_the_focus() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "giang")
        assert ids(app, "person") == [GIANG]
        # the terminal delivers Down, Tab and Enter before the app has handled the first:
        # Down to the best match (the person named), Tab to the proposals, Enter opens one
        for key, character in (("down", None), ("tab", "\t"), ("enter", "\r")):
            app._driver.send_message(events.Key(key, character))  # type: ignore[union-attr]
        await settle(pilot)
        assert app.shown == ids(app, "proposal")[0]


async def test_keys_typed_ahead_in_the_search_bar_keep_their_order() -> None:
    """Textual runs a key binding only once the key reaches the app, after the characters typed
    since are in the bar; the search bar runs its keys in the order typed."""
    app = DragomanApp(BRIEFINGS)
    typed: dict[str, str | None] = {"ctrl+u": "\x15", "home": None, "end": None, "tab": "\t"}

    def send(*keys: str) -> None:
        for key in keys:
            app._driver.send_message(events.Key(key, typed.get(key, key)))  # type: ignore[union-attr]

    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        send(*"giang", "ctrl+u", *"tokyo")  # ctrl+u once erased "tokyo" too
        await settle(pilot)
        assert search_bar(app).value == "tokyo"
        assert app.query_text == "tokyo"
        send("ctrl+u", *"ab", "home", "x")
        await settle(pilot)
        assert search_bar(app).value == "xab"
        send("end", "ctrl+u", *"giang", "tab", "b")  # b, typed after tab, pins a row
        await settle(pilot)
        assert search_bar(app).value == "giang"
        assert focused(app) is not search_bar(app)
        assert app._notifications and "Pinned" in list(app._notifications)[-1].message


async def test_list_keys_move_the_cursor_and_the_detail_follows() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        proposals = pane(app, "proposal")
        proposals.focus()
        rows = proposals.rows
        assert proposals.cursor == 0
        await pilot.press("j", "j")
        await settle(pilot)
        assert proposals.cursor == 2
        assert app.shown == rows[2].id
        await pilot.press("k")
        assert proposals.cursor == 1
        await pilot.press("G")
        await settle(pilot)
        assert proposals.cursor == len(rows) - 1
        assert app.shown == rows[-1].id
        assert rows[-1].title[:30] in screen_text(app)  # the last row is scrolled into view
        await pilot.press("g", "pagedown")
        assert proposals.cursor == min(len(rows) - 1, proposals.size.height - 1) > 1
        await pilot.press("pageup")
        assert proposals.cursor == 0
        await pilot.press("end", "down")  # at the bottom the cursor stays
        assert proposals.cursor == len(rows) - 1
        await pilot.press("home", "up")
        await settle(pilot)
        assert proposals.cursor == 0
        assert app.shown == rows[0].id
        assert rows[0].title[:30] in screen_text(app)
        assert app.history == []  # moving the cursor shows an entity, it does not push history


async def test_a_row_cut_short_ends_in_an_ellipsis_in_every_pane() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        lines = screen_text(app).splitlines()
        cut_without_ellipsis: dict[str, list[str]] = {}
        for kind in KINDS:
            entity_list = pane(app, kind)
            region = entity_list.scrollable_content_region
            for y in range(region.y, region.bottom):
                number = y - region.y + int(entity_list.scroll_y)
                if number >= len(entity_list.rows):
                    break
                row = entity_list.rows[number]
                full = f" {row.date:<10} {row.title}" + (f"  {row.extra}" if row.extra else "")
                shown = lines[y][region.x : region.right]
                if len(full) > region.width and not shown.endswith("…"):
                    cut_without_ellipsis.setdefault(kind, []).append(shown)
        assert cut_without_ellipsis == {}


async def test_a_briefing_opens_with_its_declarations() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        tokyo = "2024-tokyo-japan-asean-vice-ministerial-forum"
        app.go_to(f"briefing:{tokyo}")
        detail(app).focus()
        await settle(pilot)
        assert app.shown == f"briefing:{tokyo}"
        assert pane(app, "briefing").current.id == tokyo  # type: ignore[union-attr]
        assert detail(app).border_title == "Briefing"
        lines = detail_lines(app)
        assert lines[0].startswith("14th Japan-ASEAN Defence Vice-Ministerial")
        assert "japan-asean-dvmf-14" in {o.id for o in detail(app).options}
        # following a declared entity from the briefing works like any other link
        await move_to_link(pilot, "japan-asean-dvmf-14")
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown == "japan-asean-dvmf-14"
        assert pane(app, "event").current.id == "japan-asean-dvmf-14"  # type: ignore[union-attr]


# -- 4. following links and the history ------------------------------------------------------


async def test_following_links_back_and_forward() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await open_from_list(pilot, "person", GIANG)
        assert focused(app) is detail(app)
        assert app.history == [GIANG]
        assert detail(app).border_title == "Person"
        assert detail_lines(app)[0] == "Phan Van Giang"
        assert "role         Minister of National Defence" in detail_lines(app)
        assert crumbs_text(app) == "Phan Van Giang"

        await move_to_link(pilot, IDMM)
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown == IDMM
        assert detail(app).border_title == "Event"
        idmm_title = "ASEAN-Japan Informal Defence Ministers' Meeting, Kuala Lumpur"
        assert detail_lines(app)[0] == idmm_title
        # the count and the current entity show first; the step before gives way to them
        crumbs = crumbs_text(app)
        assert crumbs.startswith("◀ 1  ")
        assert idmm_title[:40] in crumbs
        assert cell_len(crumbs) <= app.query_one("#crumbs").size.width
        # the pane follows the detail
        assert pane(app, "event").current.id == IDMM  # type: ignore[union-attr]

        await pilot.press("backspace")
        await settle(pilot)
        assert app.shown == GIANG
        assert crumbs_text(app) == "Phan Van Giang  1 ▶"

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.shown == IDMM
        assert app.history == [GIANG, IDMM]
        assert app.position == 1

        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.shown == GIANG
        # a new jump after going back drops what was ahead
        await move_to_link(pilot, "vietnam-mnd")
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown == "vietnam-mnd"
        assert app.history == [GIANG, "vietnam-mnd"]
        assert app.position == 1
        assert "▶" not in crumbs_text(app)
        await pilot.press("alt+right")  # nothing ahead: stays put
        await settle(pilot)
        assert app.shown == "vietnam-mnd"
        await pilot.press("alt+left")
        await settle(pilot)
        assert app.shown == GIANG


async def test_the_breadcrumb_keeps_the_last_four_names_and_the_history_200_steps() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        trail = [GIANG, IDMM, "koizumi-shinjiro", "japan-mod", "koizumi-shinjiro"]
        for target in trail:
            app.go_to(target)  # what Enter on a link or a palette choice does
        await settle(pilot)
        assert app.history == trail
        crumbs = crumbs_text(app)
        assert crumbs.startswith("◀ 4  … › ")
        assert crumbs.endswith("Japanese Ministry of Defense › Koizumi Shinjiro")
        assert "Phan Van Giang" not in crumbs
        # the same target twice in a row is one step
        app.go_to("koizumi-shinjiro")
        await settle(pilot)
        assert len(app.history) == 5
        # the history keeps the last 200 steps
        for step in range(200):
            app.go_to(GIANG if step % 2 else "vietnam-mnd")
        await settle(pilot)
        assert len(app.history) == 200
        assert app.position == 199
        assert crumbs_text(app).startswith("◀ 199  … › ")
        detail(app).focus()
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.shown == "vietnam-mnd"
        assert app.position == 198


# -- 5. the command palette ------------------------------------------------------------------


async def test_palette_goes_to_a_person_typed_without_accents() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"chien")
        await wait_until(
            pilot, lambda: "Hoàng Xuân Chiến  person" in screen_text(app), "the palette hit"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.shown == "hoang-xuan-chien"
        assert detail_lines(app)[0] == "Hoàng Xuân Chiến"
        assert app.history == ["hoang-xuan-chien"]
        assert pane(app, "person").current.id == "hoang-xuan-chien"  # type: ignore[union-attr]


# -- 6. help and problems --------------------------------------------------------------------


async def test_help_and_problems_open_and_close() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("Keys", "backspace, alt+left, [", "alt+right, ]", "ctrl+p", "f2"):
            assert expected in text
        assert "keys.toml" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        # ? opens it too, when not typing in the search bar
        await pilot.press("down", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert focused(app) is pane(app, "event")
        # F2: the bundled briefings load cleanly
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.library is not None
        assert app.library.diagnostics == []
        assert "No problems: every briefing loaded cleanly." in screen_text(app)
        assert "Problems: 0 errors, 0 warnings" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_a_broken_briefing_is_counted_and_listed_with_file_and_line(
    broken_folder: Path,
) -> None:
    app = DragomanApp(broken_folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "1 briefing · 1 entity" in status_text(app)
        assert "1 error, 0 warnings (F2)" in status_text(app)
        assert pane_titles(app)["person"] == "People (1)"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "Problems: 1 error, 0 warnings" in text
        assert f"{broken_folder / 'broken.yaml'}:6:10" in text
        assert "yaml-syntax" in text
        assert "mapping values are not allowed in this context" in text
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


# -- 7. quitting -----------------------------------------------------------------------------


async def quit_with(pilot: Pilot[None], key: str) -> None:
    """Press ``key`` and wait for the app to end, with exit status 0."""
    app = pilot.app
    await pilot.press(key)
    await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert app.return_code in (0, None)


async def test_q_quits_from_a_list() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("down")
        assert focused(app) is pane(app, "event")
        await quit_with(pilot, "q")
    assert app.return_code == 0


async def test_ctrl_c_quits_even_from_the_search_bar() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "gia")
        assert focused(app) is search_bar(app)
        await quit_with(pilot, "ctrl+c")
    assert app.return_code == 0


async def test_the_footer_is_honest_about_quitting_from_the_search_bar() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert focused(app) is search_bar(app)
        footer = screen_text(app).splitlines()[-1]
        assert "^q Quit" in footer
        assert " q Quit" not in footer.replace("^q Quit", "")
        await pilot.press("q")  # q types: the search bar has the focus
        await settle(pilot)
        assert app.is_running
        assert search_bar(app).value == "q"
        await quit_with(pilot, "ctrl+q")
    assert app.return_code == 0


async def test_q_quits_from_the_detail() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.go_to(GIANG)
        detail(app).focus()
        await settle(pilot)
        await quit_with(pilot, "q")
    assert app.return_code == 0


def every_binding() -> list[tuple[str, Binding]]:
    return [
        (where, b)
        for where, cls in (("app", DragomanApp), ("list", EntityList), ("detail", DetailView))
        for b in cls.BINDINGS
        if isinstance(b, Binding)
    ]


def test_every_binding_has_an_id_and_says_what_it_does() -> None:
    for where, binding in every_binding():
        assert binding.id and binding.id.startswith(f"{where}."), binding
        assert binding.tooltip, binding


async def test_the_keys_screen_lists_every_binding_with_its_keys() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = binding_rows(app.screen.groups, app.remapped)
        for _, binding in every_binding():
            assert (shown_keys(binding.key), binding.tooltip) in [r[1:] for r in listed], binding
        options = app.screen.query_one(OptionList).options
        assert len([o for o in options if isinstance(o.prompt, Table)]) == len(listed)
        # the one F1 used to leave out, on the screen
        assert "f5, ctrl+r" in screen_text(app)
        assert "read the briefings changed since" in screen_text(app)


async def test_the_palette_has_one_entry_per_action() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        titles_ = [c.title for c in app.get_system_commands(app.screen)]
        assert len(titles_) == len(set(titles_)), titles_
        assert titles_.count("Keys") == 1


# -- 8. an empty folder ----------------------------------------------------------------------


async def test_an_empty_folder_explains_how_to_start(empty_folder: Path) -> None:
    app = DragomanApp(empty_folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        lines = detail_lines(app)
        assert lines[0] == "No briefings here yet"
        assert f"dragoman read {empty_folder} and found no .yaml or .yml briefing." in lines
        for kind in KINDS:
            assert pane(app, kind).rows == []
            assert pane(app, kind).render_line(0).text.strip() == "no briefings"
        assert "0 briefings · 0 entities" in status_text(app)
        # nothing to move to, nothing to break
        await pilot.press("down", "enter", "escape", "backspace")
        await search_for(pilot, "giang")
        assert app.is_running
        assert lines == detail_lines(app)


# -- 9. escape -------------------------------------------------------------------------------


async def test_escape_clears_the_query_then_backs_out_one_step_at_a_time() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, "giang")
        assert pane_titles(app)["person"] == "People (1)"
        await pilot.press("escape")
        await settle(pilot)
        assert search_bar(app).value == ""
        assert pane_titles(app) == FULL_TITLES
        assert focused(app) is search_bar(app)

        app.go_to(GIANG)
        detail(app).focus()
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert focused(app) is pane(app, "person")  # the pane of what is shown
        assert pane(app, "person").current.id == GIANG  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert focused(app) is search_bar(app)


# -- 10. remapped keys -----------------------------------------------------------------------


async def test_a_keys_file_remaps_back(isolated_home: dict[str, Path]) -> None:
    (isolated_home["config"] / "keys.toml").write_text('[keys]\n"app.back" = "b"\n')
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert [n for n in app._notifications if n.severity == "warning"] == []
        for target in (GIANG, IDMM, "vietnam-mnd"):
            app.go_to(target)
        detail(app).focus()
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert app.shown == IDMM
        await pilot.press("backspace")  # the keys file replaced the default keys
        await settle(pilot)
        assert app.shown == IDMM
        await pilot.press("b")
        await settle(pilot)
        assert app.shown == GIANG
        # the help screen tells which keys were remapped
        await pilot.press("f1")
        await pilot.pause()
        assert "Remapped in your keys file" in screen_text(app)
        assert "app.back" in screen_text(app)


async def test_an_unknown_binding_in_the_keys_file_warns_and_the_app_runs(
    isolated_home: dict[str, Path],
) -> None:
    (isolated_home["config"] / "keys.toml").write_text(
        '[keys]\n"app.nowhere" = "x"\n"list.down" = "n"\n'
    )
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert "there is no binding 'app.nowhere'" in warnings[0].message
        assert app.is_running
        # the good line of the same file still applies
        await pilot.press("down")
        before = pane(app, "event").cursor
        await pilot.press("n")
        assert pane(app, "event").cursor == before + 1


async def test_a_keys_file_that_is_not_toml_warns_and_keeps_the_default_keys(
    isolated_home: dict[str, Path],
) -> None:
    (isolated_home["config"] / "keys.toml").write_text("[keys\n")
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert "not valid TOML" in warnings[0].message
        await pilot.press("down")
        before = pane(app, "event").cursor
        await pilot.press("j")
        assert pane(app, "event").cursor == before + 1


# -- 11. the mouse ---------------------------------------------------------------------------


def screen_position(app: DragomanApp, text: str, widget_id: str) -> tuple[int, int]:
    """Where ``text`` is drawn inside the widget ``widget_id`` (screen x, y)."""
    region = app.query_one(widget_id).region
    lines = screen_text(app).splitlines()
    for y in range(region.y, region.bottom):
        x = lines[y].find(text, region.x, region.right)
        if x >= 0:
            return x, y
    raise AssertionError(f"{text!r} is not drawn in {widget_id}")


async def test_a_click_opens_the_row_under_the_pointer() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        # in a pane that is not focused (it grows when the click focuses it)
        assert focused(app) is search_bar(app)
        x, y = screen_position(app, "Phan Van Giang", "#list-person")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.shown == GIANG
        # in the focused pane
        pane(app, "person").focus()
        await settle(pilot)
        x, y = screen_position(app, "Pete Hegseth", "#list-person")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.shown == "pete-hegseth"
        assert app.history == [GIANG, "pete-hegseth"]


async def test_a_click_below_the_rows_opens_nothing_and_a_click_on_a_link_follows_it() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        people = pane(app, "person")
        people.focus()
        await settle(pilot)
        assert len(people.rows) < people.size.height
        await pilot.click("#list-person", offset=(5, people.region.height - 2))
        await settle(pilot)
        assert app.history == []
        assert focused(app) is people
        # a click on a row opens it and the detail takes the focus, as Enter does
        await pilot.click("#list-person", offset=(5, 2))  # the second row
        await settle(pilot)
        assert focused(app) is detail(app)
        assert app.shown == people.rows[1].id
        assert app.history == [app.shown]

        app.go_to(GIANG)
        await settle(pilot)
        x, y = screen_position(app, "→ Vietnamese Ministry of National Defence", "#detail")
        await pilot.click(offset=(x + 4, y))
        await settle(pilot)
        assert app.shown == "vietnam-mnd"
        assert app.history[-2:] == [GIANG, "vietnam-mnd"]
        # a click on plain text (a heading) follows nothing
        x, y = screen_position(app, "APPEARS IN", "#detail")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.shown == "vietnam-mnd"


# -- 12. hostile text is shown literally -----------------------------------------------------


async def test_markup_and_escape_sequences_in_briefings_are_shown_as_text(
    hostile_folder: Path,
) -> None:
    app = DragomanApp(hostile_folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert titles(app, "person") == ["[@click=app.quit]Quit now[/]"]
        assert titles(app, "event") == ["[@click=app.quit]Meeting[/] \x1b]52;c;aGk=\x07\\"]
        assert titles(app, "briefing") == [
            "[@click=app.quit]Quit now[/] [bold]x[/] [/foo] [$var] ends with a backslash\\"
        ]
        screens = [screen_text(app)]

        for target in ("quit-now", "hostile-meeting", "briefing:2025-01-01-hostile"):
            app.go_to(target)
            await settle(pilot)
            assert app.shown == target
            screens.append(screen_text(app))

        # clicking on the text that looks like an action does nothing but open the row
        x, y = screen_position(app, "[@click=app.quit]Quit now", "#list-person")
        await pilot.click(offset=(x + 2, y))
        await settle(pilot)
        assert app.is_running

        # the palette shows the names as typed too
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"quit")
        await wait_until(pilot, lambda: "hostile-meeting" in screen_text(app), "the palette hit")
        screens.append(screen_text(app))
        assert "[@click=app.quit]Meeting[/] \\x1b]52;c;aGk=\\x07\\  event" in screens[-1]
        # what a chosen hit writes into the palette's input is escaped too
        options = app.screen.query_one(CommandList).options
        hits = [str(option.hit.text) for option in options]  # type: ignore[attr-defined]
        assert "[@click=app.quit]Meeting[/] \\x1b]52;c;aGk=\\x07\\" in hits
        assert all(control_characters(hit) == [] for hit in hits), hits
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running

        everything = "\n".join(screens)
        assert "[@click=app.quit]Quit now[/]" in everything
        assert "[bold]x[/] [/foo] [$var]" in everything
        assert "ends with a backslash\\" in everything
        assert "\\x1b]52;c;aGk=\\x07" in everything
        assert "\\x1b]0;owned\\x07" in everything
        assert "\\x9b31m" in everything
        assert "\\x00" in everything
        assert "\\x1b[2J" in everything
        assert control_characters(everything) == []


# -- 13. properties of the rendering helpers -------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["[", "]", "/", "@", "$", "\\", "\x1b", "\x07", "\x9b", "\x00", "\n"]),
    ),
    max_size=60,
)
TERMS = st.frozensets(st.text(alphabet="abcdefghij[]\\", min_size=1, max_size=4), max_size=3)


def _no_control(text: str) -> bool:
    return all(unicodedata.category(c) not in ("Cc", "Cf") for c in text)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(text=ANY_TEXT, style=st.sampled_from(["", "bold", "$text-muted"]))
def test_plain_never_lets_a_control_character_through(text: str, style: str) -> None:
    content = plain(text, style)
    assert _no_control(content.plain)
    if all(c.isprintable() or c == " " for c in text):
        assert content.plain == text  # ordinary text, brackets included, is kept as typed


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(text=ANY_TEXT, terms=TERMS)
def test_highlighted_never_lets_a_control_character_through(
    text: str, terms: frozenset[str]
) -> None:
    content = highlighted(text, terms, "bold")
    assert _no_control(content.plain)
    assert content.plain == plain(text).plain  # marking changes styles, never the text


async def test_a_list_row_never_draws_a_control_character() -> None:
    # One app, many rows: Hypothesis inside a running app would restart it per example.
    examples: list[tuple[str, str, str]] = []

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(title=ANY_TEXT, extra=ANY_TEXT, date=st.text(max_size=12))
    def collect(title: str, extra: str, date: str) -> None:
        examples.append((title, extra, date))

    collect()
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        entity_list = pane(app, "event")
        rows = [
            Row(f"row-{n}", "event", title, date, extra)
            for n, (title, extra, date) in enumerate(examples)
        ]
        entity_list.set_rows(rows)
        await pilot.pause()
        for number in range(len(rows)):
            entity_list.cursor = number
            strip = entity_list.render_line(number - int(entity_list.scroll_y))
            assert _no_control(strip.text), (rows[number], strip.text)
            assert strip.cell_length == entity_list.scrollable_content_region.width
        assert _no_control(screen_text(app).replace("\n", ""))


async def test_a_briefing_of_megabytes_is_shown_in_part_and_the_app_keeps_answering(
    tmp_path: Path,
) -> None:
    """A 3.5 MB text in one paragraph (under the size cap) took the app half a minute to draw;
    the detail pane shows the start of it and says how much is left out."""
    words = "word " * 700_000
    names = "Name " * 20_000
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "big.yaml").write_text(
        f'id: 2025-01-01-big\ntitle: Big briefing\ndate: 2025-01-01\ntext: "{words}"\n'
        f"people:\n  - id: some-one\n    name: {names}\n",
        encoding="utf-8",
    )
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.go_to("briefing:2025-01-01-big")
        await settle(pilot)
        lines = detail_lines(app)
        assert sum(len(line) for line in lines) < 20_000
        assert any("more characters; the whole text is in the file" in line for line in lines)
        app.go_to("some-one")
        await settle(pilot)
        assert any("more characters" in line for line in detail_lines(app))
        assert len(pane(app, "person").rows[0].title) <= 300
        app.query_one("#search", Input).focus()
        await pilot.press("x")
        await settle(pilot)
        assert app.query_one("#search", Input).value == "x"


async def test_quitting_while_the_detail_is_due_to_be_drawn_again_raises_nothing() -> None:
    """The detail is drawn again once typing pauses, from a timer; quitting before it fires
    (or as it fires) must close the app cleanly."""
    for delay in (0.0, 0.01, 0.2):
        app = DragomanApp(BRIEFINGS)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"giang")
            await wait_until(pilot, lambda a=app: a.query_text == "giang", "the search")
            await pilot.pause(delay)
            app.exit()
        assert app.return_code in (0, None)


def test_the_detail_labels_every_value_of_a_briefings_source(bundled_briefings: Path) -> None:
    library = load_library(bundled_briefings)
    options = entity_options(library, library.entities["phan-van-giang"], frozenset())
    briefing_rows = [str(o.prompt) for o in options if str(o.id or "").startswith("briefing:")]
    assert briefing_rows
    assert all("translator: Tran Hoai" in row for row in briefing_rows)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"unclosed', "has no closing quote"),
        ("knd:event", "there is no filter knd:; did you mean kind:? Filters: "),
    ],
)
async def test_a_query_not_understood_shows_no_results_and_the_reason_whole(
    query: str, reason: str
) -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search_for(pilot, query)
        for kind in KINDS:
            assert ids(app, kind) == [], kind
            assert pane(app, kind).border_title.endswith("(0)")
        lines = detail_lines(app)
        assert lines[0] == "The query is not understood"
        with pytest.raises(QueryError) as caught:
            parse(query)
        assert reason in caught.value.message
        assert caught.value.message in lines  # whole, however long
        await search_for(pilot, "giang")  # a query understood brings results back
        assert ids(app, "person") == ["phan-van-giang"]
        assert detail_lines(app)[0] != "The query is not understood"


async def test_a_folder_where_nothing_loads_says_how_many_files_failed(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    for n in range(3):
        (folder / f"b{n}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        lines = detail_lines(app)
        assert lines[0] == "No briefing could be loaded"
        assert any("read 3 files" in line and "3 errors in all" in line for line in lines)
        assert any("F2" in line for line in lines)
        assert not any("found no .yaml" in line for line in lines)


def trail_text(parts: tuple[str, bool, list[str], str, str]) -> str:
    head, left_out, earlier, current, tail = parts
    steps = "".join(f"{name} › " for name in earlier)
    return f"{head}{'… › ' if left_out else ''}{steps}{current}{tail}"


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(st.text(min_size=1, max_size=90), min_size=1, max_size=8),
    back=st.integers(0, 250),
    forward=st.integers(0, 250),
    width=st.integers(20, 200),
)
def test_the_breadcrumb_always_shows_the_counts_and_the_current_entity(
    names: list[str], back: int, forward: int, width: int
) -> None:
    parts = fit_trail(names, back, forward, width)
    text = trail_text(parts)
    head, _, _, current, tail = parts
    assert cell_len(text) <= width
    assert (head == f"◀ {back}  ") == bool(back)
    assert (tail == f"  {forward} ▶") == bool(forward)
    room = width - cell_len(head) - cell_len(tail)
    if cell_len(names[-1]) < room:
        assert current == names[-1]  # whole, as long as the line can hold it
    else:
        assert current == shorten(names[-1], room)


def test_the_breadcrumb_shortens_earlier_steps_before_the_current_one() -> None:
    trail = ["Phan Van Giang", "Tea reception between ASEAN defence ministers and U.S. Secretary"]
    trail.append("Build the capacity of maritime law enforcement forces")
    text = trail_text(fit_trail(trail, 2, 1, 80))
    assert text.startswith("◀ 2  ")
    assert text.endswith("Build the capacity of maritime law enforcement forces  1 ▶")
    assert cell_len(text) <= 80


# -- reading a detail to its end, and the reader view -----------------------------------------

TOKYO = "2024-tokyo-japan-asean-vice-ministerial-forum"


def squeeze_screen(app: DragomanApp) -> str:
    return "".join(screen_text(app).split())


def squeeze_detail(app: DragomanApp) -> str:
    """The detail pane's text as drawn, without whitespace (wrapping moves only that)."""
    region = detail(app).content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "".join("".join(s.text[region.x : region.right].split()) for s in strips)


async def open_tokyo(pilot: Pilot[None]) -> DragomanApp:
    app = await started(pilot)
    await search_for(pilot, "tokyo")
    await open_from_list(pilot, "briefing", TOKYO)
    assert focused(app) is detail(app)
    return app


def last_text_line(app: DragomanApp) -> str:
    library = app.library
    assert library is not None
    text = library.briefings[TOKYO].text("text")
    assert text
    return text.strip().splitlines()[-1].strip()


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_every_part_of_a_briefing_is_reached_by_keyboard(size: tuple[int, int]) -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=size) as pilot:
        await open_tokyo(pilot)
        view = detail(app)
        assert view.scroll_y == 0  # it opens at its top
        assert view.max_scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert view.scroll_y == view.max_scroll_y  # End reaches the text's end, not the last link
        assert "".join(last_text_line(app)[-30:].split()) in squeeze_detail(app)
        await pilot.press("home")
        await settle(pilot)
        assert view.scroll_y == 0
        await pilot.press("home", "pagedown")
        await settle(pilot)
        assert view.scroll_y > 0
        if size != SIZE:
            return  # the walk below, a key at a time, once is enough
        await pilot.press("home")
        # Down walks the links, then the text, and never wraps back to the top
        seen = [view.scroll_y]
        links = [view.highlighted]
        await pilot.press("j")  # the key, once; then its action, as fast as a held key
        for _ in range(view.option_count + view.max_scroll_y + 5):
            view.action_cursor_down()
            seen.append(view.scroll_y)
            links.append(view.highlighted)
        await settle(pilot)
        picked = [n for n in links if n is not None]
        assert picked == sorted(picked)  # never back to an earlier link
        assert seen == sorted(seen)
        assert seen[-1] == view.max_scroll_y
        # a link highlighted is always one in view
        if view.highlighted is not None:
            line = view._index_to_line[view.highlighted]
            assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_the_reader_view_shows_the_whole_text_with_the_matched_words_marked() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tokyo(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        statics = [s for s in app.screen.query(Static) if "paragraph" in s.classes]
        library = app.library
        assert library is not None
        text = library.briefings[TOKYO].text("text") or ""
        paragraphs = [p.strip() for p in text.strip().split("\n\n")]
        assert [str(s.content) for s in statics] == paragraphs  # whole, every paragraph
        marked = [
            str(s.content)[span.start : span.end]
            for s in statics
            for span in s.content.spans
            if "bold" in str(span.style)
        ]
        assert marked and all(word.lower() == "tokyo" for word in marked)
        await pilot.press("G")
        await settle(pilot)
        scroller = app.screen.query_one("#reader-text")
        assert scroller.scroll_y == scroller.max_scroll_y > 0
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReaderScreen)


async def test_at_80x24_every_list_keeps_rows_and_a_person_opens_at_the_top() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await search_for(pilot, "tokyo")
        for kind in KINDS:
            rows = len(pane(app, kind).rows)
            height = pane(app, kind).content_region.height
            assert height >= min(rows, 2), (kind, height)  # a list with results shows some
            if rows == 0:
                assert pane(app, kind).outer_size.height == 1  # an empty one folds to its title
        await open_from_list(pilot, "person", "sanitchanog-sangkachantra")
        view = detail(app)
        assert view.scroll_y == 0
        shown = squeeze_detail(app)
        for expected in ("SanitchanogSangkachantra", "rankGeneral", "rolePermanentSecretary"):
            assert expected in shown


async def test_down_moves_on_from_a_link_that_is_the_first_line() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        view = detail(app)
        view.focus()
        view.show([Option("first", id="a"), Option("second", id="b")])
        await settle(pilot)
        assert view.highlighted == 0
        await pilot.press("down")
        assert view.highlighted == 1
        await pilot.press("up")
        assert view.highlighted == 0
