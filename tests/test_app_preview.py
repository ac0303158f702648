"""The app on a large folder never indexed: it answers from a preview of the newest briefings
while its first build runs, says so, and shows the whole folder once the build ends."""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

import dragoman.search.preview as preview_module
from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    SIZE,
    fresh_cache,
    hold_index_open,
    ids,
    isolated_home,
    pane,
    screen_text,
    settle,
    shared_cache,
    status_text,
    wait_until,
)
from dragoman.app import DragomanApp
from search_fixtures import write_corpus

GIANG = "phan-van-giang"


async def test_a_search_during_a_first_build_answers_from_the_newest_briefings(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: Path, tmp_path: Path
) -> None:
    root = write_corpus(tmp_path / "briefings")
    monkeypatch.setenv("DRAGOMAN_PREVIEW_FROM", "1")
    monkeypatch.setattr(preview_module, "PREVIEW_MOST", 1)  # the newest briefing alone
    gate = hold_index_open(monkeypatch)  # the first build "takes long"
    app = DragomanApp(root)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: bool(pane(app, "person").rows), "the preview")
            assert app.index is not None and app.index.partial is not None
            assert "searching the 1 newest of 3 briefings · index: building…" in status_text(app)
            # (the build's worker is held: waits are for what the screen shows)
            app.query_one("#search", Input).value = "giang"  # in the newest briefing
            await wait_until(pilot, lambda: ids(app, "person") == [GIANG], "an answer")
            app.query_one("#search", Input).value = "somchai"  # in an older one, not read yet
            await wait_until(
                pilot,
                lambda: "none in the 1 newest briefings yet" in screen_text(app),
                "no answer, and why",
            )
            await pilot.press("f5")  # nothing to catch up with while it builds
            await wait_until(
                pilot,
                lambda: any(
                    n.message == "The briefings are still being read." for n in app._notifications
                ),
                "the refresh declined",
            )
            gate.set()
            await wait_until(
                pilot, lambda: app.index is not None and app.index.partial is None, "the build"
            )
            await settle(pilot)
            assert ids(app, "person") == ["somchai-jaidee"]
            assert "searching the" not in status_text(app)
            assert "3 briefings" in status_text(app)
    finally:
        gate.set()


async def test_a_small_folder_is_built_whole_before_the_first_answer(
    monkeypatch: pytest.MonkeyPatch, fresh_cache: Path, tmp_path: Path
) -> None:
    root = write_corpus(tmp_path / "briefings")  # three briefings: below the preview's size
    gate = hold_index_open(monkeypatch)
    app = DragomanApp(root)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.index is None and "Opening" in status_text(app)
            gate.set()
            await settle(pilot)
            assert app.index is not None and app.index.partial is None
    finally:
        gate.set()
