"""What the analyst sees, screen by screen, compared with the accepted pictures in __snapshots__/.

After a deliberate change of the layout, look at the new pictures and accept them with
``pytest tests/test_app_snapshots.py --snapshot-update``. The briefings folder is always given
as the relative path ``briefings`` (shown in the status line), opened from a fixed folder, and
every index is built anew, so the status line reads the same on every machine.
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    PROJECT,
    SIZE,
    broken_folder,
    empty_folder,
    fresh_cache,
    isolated_home,
    settle,
    shared_cache,
)
from dragoman.app import DragomanApp

SMALL = (80, 24)
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def steady(*keys: str, query: str = "") -> RunBefore:
    """Before the picture: a still cursor, the index open, ``query`` in the search bar (as if
    pasted) and its results in the panes, then ``keys`` pressed and everything settled."""

    async def run_before(pilot: Pilot[None]) -> None:
        search = pilot.app.query_one("#search", Input)
        search.cursor_blink = False
        await settle(pilot)
        if query:
            search.value = query
            search.cursor_position = len(query)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.wait_for_scheduled_animations()
        await settle(pilot)

    return run_before


# The panes show what matches "giang"; Down goes to him (the person named), Enter opens him.
OPEN_GIANG = steady("down", "enter", query="giang")


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch, fresh_cache: Path) -> Path:
    monkeypatch.chdir(PROJECT)
    return Path("briefings")


@pytest.fixture
def in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_cache: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("briefings")


def test_start_screen(snap_compare: SnapCompare, in_project: Path) -> None:
    assert snap_compare(DragomanApp(in_project), terminal_size=SIZE, run_before=steady())


def test_giang_found_and_opened(snap_compare: SnapCompare, in_project: Path) -> None:
    app = DragomanApp(in_project)
    assert snap_compare(app, terminal_size=SIZE, run_before=OPEN_GIANG)
    assert app.shown == "phan-van-giang"


def test_help_screen(
    snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_cache: Path
) -> None:
    # The help names the keys file, so the config folder is given relative to a temporary
    # working folder (holding a copy of the bundled briefings) to read the same everywhere.
    shutil.copytree(PROJECT / "briefings", tmp_path / "briefings")
    (tmp_path / "config").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAGOMAN_CONFIG_DIR", "config")
    app = DragomanApp(Path("briefings"))
    assert snap_compare(app, terminal_size=SIZE, run_before=steady("f1"))
    assert str(app.keys_path) == "config/keys.toml"


def test_problems_screen_with_a_broken_briefing(
    snap_compare: SnapCompare, broken_folder: Path, in_tmp: Path
) -> None:
    assert (in_tmp / "broken.yaml").is_file()
    assert snap_compare(DragomanApp(in_tmp), terminal_size=SIZE, run_before=steady("f2"))


def test_empty_folder(snap_compare: SnapCompare, empty_folder: Path, in_tmp: Path) -> None:
    assert in_tmp.is_dir()
    assert snap_compare(DragomanApp(in_tmp), terminal_size=SIZE, run_before=steady())


def test_start_screen_small(snap_compare: SnapCompare, in_project: Path) -> None:
    assert snap_compare(DragomanApp(in_project), terminal_size=SMALL, run_before=steady())


def test_giang_found_and_opened_small(snap_compare: SnapCompare, in_project: Path) -> None:
    app = DragomanApp(in_project)
    assert snap_compare(app, terminal_size=SMALL, run_before=OPEN_GIANG)
    assert app.shown == "phan-van-giang"


# The analyst's views, each opened from the browser (tab leaves the search bar), at both sizes.
VIEWS = {
    "timeline": steady("tab", "t"),
    "tracker": steady("tab", "p"),
    "who_met": steady("tab", "w"),
    "pair_card": steady("tab", "w", "enter"),
    "facets": steady("tab", "f"),
}


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(
    snap_compare: SnapCompare, in_project: Path, view: str, size: tuple[int, int]
) -> None:
    assert snap_compare(DragomanApp(in_project), terminal_size=size, run_before=VIEWS[view])
