"""The briefing browser follows briefings changed while it runs: F5 (or ctrl+r) reads them at
once, and a watch on the folder reads them without a key.

Every test runs the real app on a small folder of its own (the corpus of search_fixtures), with
a private cache and config; waits are on the app's own state, bounded in time.
"""

from __future__ import annotations

import copy
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import dragoman.app.indexing as app_module
from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    SIZE,
    detail,
    detail_lines,
    ids,
    isolated_home,
    pane,
    search_for,
    settle,
    shared_cache,
    status_text,
    titles,
    wait_until,
)
from dragoman.app import DragomanApp
from dragoman.search.index import Index
from dragoman.search.storage.cache import _Lock, folder_cache
from search_fixtures import (
    KUALA_LUMPUR,
    KUALA_LUMPUR_BRIEFING,
    write_briefing,
)

GIANG = "phan-van-giang"
KOIZUMI = "koizumi-shinjiro"
NO_CHANGE = "No briefing changed."


@pytest.fixture
def no_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder is not looked at by itself during the test: only F5 reads it."""
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 3600.0)


def renamed_giang(name: str) -> dict[str, Any]:
    edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
    assert edited["people"][0]["id"] == GIANG
    edited["people"][0]["name"] = name
    return edited


def add_person(root: Path, number: int, date: str = "2026-01-02") -> str:
    """A new briefing declaring one new person, newer than every other: first in the lists."""
    person = f"tran-van-new-{number}"
    write_briefing(
        root,
        f"2026-new-{number}.yaml",
        {
            "id": f"2026-new-{number}",
            "title": f"New talks {number}",
            "date": date,
            "people": [{"id": person, "name": f"Tran Van New {number}", "country": "VN"}],
        },
    )
    return person


def messages(app: DragomanApp) -> list[str]:
    return [n.message for n in app._notifications]


def detail_text(app: DragomanApp) -> str:
    return "\n".join(detail_lines(app))


async def started(pilot: Pilot[None]) -> DragomanApp:
    app: DragomanApp = pilot.app  # type: ignore[assignment]
    await settle(pilot)
    assert app.library is not None
    return app


# --------------------------------------------------------------------------------------------


async def test_f5_reads_an_edited_briefing_into_the_lists_and_the_detail(
    root: Path, no_watch: None
) -> None:
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        library = app.library
        app.go_to(GIANG)
        await settle(pilot)
        assert detail_lines(app)[0] == "Phan Van Giang"
        assert "Phan Van Giang" in titles(app, "person")

        write_briefing(root, KUALA_LUMPUR, renamed_giang("Phan Van Zebra"))
        await pilot.press("f5")
        await wait_until(
            pilot,
            lambda: "Phan Van Zebra" in titles(app, "person"),
            "the new name in the People list",
        )
        await settle(pilot)
        assert "Phan Van Giang" not in titles(app, "person")
        assert app.library is not library
        assert app.library is app.index.library  # type: ignore[union-attr]
        assert app.shown == GIANG
        assert detail_lines(app)[0] == "Phan Van Zebra"
        assert "Phan Van Giang" not in detail_text(app)
        assert messages(app) == ["1 briefing changed: the lists and the detail show them now."]
        assert "Reading the changed briefings" not in status_text(app)
        assert "3 briefings" in status_text(app)
        # and a search finds the new name
        await search_for(pilot, "zebra")
        assert ids(app, "person") == [GIANG]


async def test_a_change_is_picked_up_without_a_key(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.05)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        person = add_person(root, 1)
        await wait_until(
            pilot, lambda: person in ids(app, "person"), "the new person in the People list"
        )
        assert "Tran Van New 1" in titles(app, "person")
        await wait_until(
            pilot,
            lambda: "1 briefing changed: the lists and the detail show them now." in messages(app),
            "the notification",
        )
        (root / KUALA_LUMPUR).unlink()
        await wait_until(
            pilot, lambda: GIANG not in ids(app, "person"), "a deleted briefing's person gone"
        )
        assert app.is_running


async def test_deleting_the_briefing_of_the_entity_shown_shows_it_gone(
    root: Path, no_watch: None
) -> None:
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.go_to(GIANG)
        detail(app).focus()
        await settle(pilot)
        assert detail_lines(app)[0] == "Phan Van Giang"

        (root / KUALA_LUMPUR).unlink()
        await pilot.press("f5")
        await wait_until(
            pilot,
            lambda: f"{GIANG} is no longer in the briefings" in detail_text(app),
            "the gone view in the detail",
        )
        await settle(pilot)
        assert app.is_running
        assert GIANG not in ids(app, "person")
        assert "2 briefings" in status_text(app)
        assert "1 briefing changed: the lists and the detail show them now." in messages(app)
        # the app still answers keys: back out to a list and walk it
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        await search_for(pilot, "koizumi")
        assert ids(app, "person") == [KOIZUMI]


async def test_f5_with_nothing_changed_says_so(root: Path, no_watch: None) -> None:
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        library, before = app.library, {k: ids(app, k) for k in ("person", "event")}
        await pilot.press("f5")
        await wait_until(pilot, lambda: NO_CHANGE in messages(app), "the notification")
        await settle(pilot)
        assert messages(app) == [NO_CHANGE]
        assert app.library is library
        assert {k: ids(app, k) for k in ("person", "event")} == before
        assert "Reading the changed briefings" not in status_text(app)


async def test_f5_while_another_dragoman_writes_says_try_again(root: Path, no_watch: None) -> None:
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        library = app.library
        write_briefing(root, KUALA_LUMPUR, renamed_giang("Phan Van Zebra"))
        writer = _Lock(folder_cache(root) / "lock")
        assert writer.acquire(wait=False)
        try:
            await pilot.press("f5")
            await wait_until(
                pilot,
                lambda: "another dragoman is writing the index; try again" in messages(app),
                "the notification",
            )
            await settle(pilot)
            assert app.library is library
            assert "Phan Van Giang" in titles(app, "person")
        finally:
            writer.release()
        await pilot.press("f5")
        await wait_until(
            pilot, lambda: "Phan Van Zebra" in titles(app, "person"), "the change read"
        )


async def test_the_cursor_stays_on_its_row_when_the_query_is_the_same(
    root: Path, no_watch: None
) -> None:
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        people = pane(app, "person")
        for query, number in (("", 1), ("van", 2)):
            if query:
                await search_for(pilot, query)
            people.focus()
            assert people.select_id(GIANG)
            await settle(pilot)
            row = people.cursor
            person = add_person(root, number)
            await pilot.press("ctrl+r")  # the other key for the same action
            await wait_until(
                pilot, lambda p=person: p in ids(app, "person"), f"the new person ({query!r})"
            )
            await settle(pilot)
            shown = ids(app, "person")
            assert people.current is not None and people.current.id == GIANG, query
            assert people.cursor == shown.index(GIANG)
            if not query:  # newest first: the new person on top, every other row moved down
                assert shown[0] == person
                assert people.cursor == row + 1
            assert app.query_text == query
            assert app.shown == GIANG


async def test_f5_during_a_look_of_the_watch_is_answered(
    root: Path, no_watch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, gate = threading.Event(), threading.Event()
    real_refresh = Index.refresh

    def held_refresh(self: Index, *args: Any, **kwargs: Any) -> Any:
        entered.set()
        gate.wait(10)
        return real_refresh(self, *args, **kwargs)

    app = DragomanApp(root)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            monkeypatch.setattr(Index, "refresh", held_refresh)
            app._look()  # what the watch's timer calls
            await wait_until(pilot, entered.is_set, "the look to start")
            await pilot.press("f5")
            gate.set()
            await settle(pilot)
            assert NO_CHANGE in messages(app)
            assert "Reading the changed briefings" not in status_text(app)
    finally:
        gate.set()


async def test_a_change_another_dragoman_read_first_is_shown_too(
    root: Path, no_watch: None
) -> None:
    """Two dragomans on one folder: the other reads the edit first (its watch, or ``dragoman
    index``); this one's refresh then finds the index already up to date, and must still show
    what changed."""
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        write_briefing(root, KUALA_LUMPUR, renamed_giang("Phan Van Zebra"))
        other, report = Index.open(root)  # as another process would
        other.close()
        assert report.changed == 1
        await pilot.press("f5")
        await settle(pilot)
        assert app.library is app.index.library  # type: ignore[union-attr]
        assert "Phan Van Zebra" in titles(app, "person")


async def test_a_folder_still_being_written_is_caught_up_once_it_settles(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout or a pull writes files for a while: the app waits until two looks find the
    same changes, none just written, and then reads them all in one catch-up, never a folder
    caught half written."""
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.05)
    monkeypatch.setattr(app_module, "SETTLE_SECONDS", 1.0)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        first = add_person(root, 1)  # written now: the folder is being written
        await wait_until(
            pilot, lambda: "waiting for the writing to end" in status_text(app), "the wait"
        )
        assert first not in ids(app, "person")
        second = add_person(root, 2)  # the pull goes on
        past = time.time() - 60
        for number in (1, 2):
            os.utime(root / f"2026-new-{number}.yaml", (past, past))  # and ends
        await wait_until(
            pilot,
            lambda: first in ids(app, "person") and second in ids(app, "person"),
            "both new people",
        )
        assert "2 briefings changed: the lists and the detail show them now." in messages(app)
        assert not any(m.startswith("1 briefing changed") for m in messages(app))
        assert "waiting" not in status_text(app)


def test_a_look_at_the_folder_counts_what_changed_without_reading_it(root: Path) -> None:
    past = time.time() - 60
    for path in root.glob("*.yaml"):  # written long ago: their times are trusted
        os.utime(path, (past, past))
    index, _ = Index.open(root)
    try:
        assert index.pending() == (0, 0)
        add_person(root, 1)
        (root / KUALA_LUMPUR).unlink()
        count, newest = index.pending()
        assert count == 2  # one new, one gone
        assert newest == (root / "2026-new-1.yaml").stat().st_mtime_ns
    finally:
        index.close()


async def test_the_wait_is_no_longer_said_once_the_folder_is_quiet(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file touched again and again (its time moves, its content does not) is said to be
    changing; once it is left alone the look finds nothing new to read, and the status says
    so no longer."""
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.05)
    monkeypatch.setattr(app_module, "SETTLE_SECONDS", 0.2)
    monkeypatch.setattr(app_module, "SETTLE_SAY_AFTER", 0.3)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        path = root / KUALA_LUMPUR

        def touched_and_said() -> bool:
            os.utime(path)  # written again, the same
            return "changing on disk" in status_text(app)

        await wait_until(pilot, touched_and_said, "the wait said", timeout=10)
        past = time.time() - 60
        os.utime(path, (past, past))
        await wait_until(
            pilot,
            lambda: "changing on disk" not in status_text(app) and "briefings" in status_text(app),
            "the status as usual",
            timeout=15,
        )
