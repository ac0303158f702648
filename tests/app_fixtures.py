"""Shared fixtures for the app tests: a private cache and config folder, briefing folders with
known problems, and helpers that wait for the app to settle and read what is on the screen.

Import the fixtures you use into the test module (pytest finds fixtures by their names in the
module): importing ``isolated_home`` (autouse) and ``shared_cache`` (which it uses) keeps every
test of the module away from the analyst's own ``~/.cache`` and ``~/.config``.
"""

from __future__ import annotations

import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from dragoman.app import DragomanApp
from dragoman.app.detail_view import DetailView
from dragoman.app.widgets import EntityList
from dragoman.search.index import Index

PROJECT = Path(__file__).resolve().parent.parent
BRIEFINGS = PROJECT / "briefings"
SIZE = (120, 40)
KINDS = ("event", "person", "proposal", "organization", "briefing")

# A briefing whose text tries every trick a terminal or Textual's markup might act on. YAML
# refuses raw control characters, so they are written as escapes inside double quotes.
HOSTILE_YAML = r"""
id: 2025-01-01-hostile
title: "[@click=app.quit]Quit now[/] [bold]x[/] [/foo] [$var] ends with a backslash\\"
date: 2025-01-01
summary: "clipboard \e]52;c;aGk=\a title \e]0;owned\a csi \x9b31m nul \x00 bell \a end"
text: "[@click=app.quit]text link[/]\nsecond line \e[2J"
people:
  - id: quit-now
    name: "[@click=app.quit]Quit now[/]"
    aliases: [quit now]
    role: "[bold]x[/] [/foo] [$var] \e]0;title\a"
    summary: "\x9b31m red \x00 nul"
events:
  - id: hostile-meeting
    title: "[@click=app.quit]Meeting[/] \e]52;c;aGk=\a\\"
    date: 2025-01-01
    participants: [quit-now]
"""

GOOD_YAML = """
id: 2025-03-01-good
title: A good briefing
date: 2025-03-01
people:
  - {id: nguyen-van-a, name: Nguyen Van A, role: Defence attaché, country: VN}
"""

# Line 6 indents a key under a list item's first key: a YAML syntax error at 6:10.
BROKEN_YAML = """\
id: 2025-03-02-broken
title: A broken briefing
date: 2025-03-02
people:
  - id: tran-thi-b
     name: Tran Thi B
"""


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One temporary cache folder for the session: the bundled briefings are indexed once."""
    return tmp_path_factory.mktemp("dragoman-cache")


@pytest.fixture(autouse=True)
def isolated_home(
    shared_cache: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Path]:
    """A temporary cache folder, an empty config folder (no keys file) and an empty data folder
    (no pins) for every test.

    The cache is a temporary folder shared by the session (every briefings folder gets its own
    index inside it); tests that must see an index built from nothing use ``fresh_cache``.
    """
    cache = shared_cache
    config = tmp_path_factory.mktemp("dragoman-config")
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
    monkeypatch.setenv("DRAGOMAN_DATA_DIR", str(tmp_path_factory.mktemp("dragoman-data")))
    monkeypatch.setenv("DRAGOMAN_CONFIG_DIR", str(config))
    monkeypatch.delenv("DRAGOMAN_BRIEFINGS", raising=False)
    monkeypatch.delenv("DRAGOMAN_MAX_FILE_SIZE", raising=False)
    return {"cache": cache, "config": config}


@pytest.fixture
def fresh_cache(
    isolated_home: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """An empty cache folder for this test alone: the index is always built anew."""
    cache = tmp_path_factory.mktemp("dragoman-fresh-cache")
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
    isolated_home["cache"] = cache
    return cache


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """Write briefing files (dedented) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def broken_folder(tmp_path: Path) -> Path:
    """``tmp_path/briefings`` with one good briefing and one with a YAML syntax error."""
    return write_folder(
        tmp_path / "briefings", {"good.yaml": GOOD_YAML, "broken.yaml": BROKEN_YAML}
    )


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    """``tmp_path/briefings`` with nothing in it."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    return folder


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "hostile", {"hostile.yaml": HOSTILE_YAML})


def hold_index_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make ``Index.open`` wait until the returned event is set (the index "takes long")."""
    gate = threading.Event()
    real_open = Index.open

    def slow_open(*args: object, **kwargs: object) -> object:
        gate.wait(10)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Index, "open", slow_open)
    return gate


# -- waiting -------------------------------------------------------------------------------


def _timer_pending(timer: object) -> bool:
    # Textual keeps the asyncio task of a one-shot timer until it is stopped; a timer is still
    # to fire while that task runs.
    task = getattr(timer, "_task", None)
    return task is not None and not task.done()


def _idle(app: object) -> bool:
    timers = [getattr(app, "_search_timer", None), getattr(app, "_detail_timer", None)]
    workers = app.workers  # type: ignore[attr-defined]
    return not any(_timer_pending(t) for t in timers) and all(w.is_finished for w in workers)


async def settle(pilot: Pilot[None], timeout: float = 10.0) -> None:
    """Wait until the debounce timers (search, detail) have fired, every worker is done and
    the messages they posted are handled: nothing pending before a pause, nor after it."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        idle_before = _idle(app)
        await pilot.pause()
        if idle_before and _idle(app):
            return
        if not all(worker.is_finished for worker in app.workers):
            await app.workers.wait_for_complete()
        elif not _idle(app):
            await pilot.pause(0.01)  # a debounce timer is still to fire
        assert time.monotonic() < deadline, "the app did not settle in time"


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 10.0
) -> None:
    """Process events until ``condition()`` holds; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)


async def search_for(pilot: Pilot[None], text: str) -> None:
    """Put ``text`` in the search bar (as a paste would) and wait for the panes to follow."""
    pilot.app.query_one("#search").value = text  # type: ignore[attr-defined]
    await settle(pilot)


# -- reading the screen --------------------------------------------------------------------


def screen_text(app: DragomanApp) -> str:
    """The text of every cell on the screen, one line per row, as the terminal would get it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def pane(app: DragomanApp, kind: str) -> EntityList:
    return app.query_one(f"#list-{kind}", EntityList)


def titles(app: DragomanApp, kind: str) -> list[str]:
    return [row.title for row in pane(app, kind).rows]


def ids(app: DragomanApp, kind: str) -> list[str]:
    return [row.id for row in pane(app, kind).rows]


def detail(app: DragomanApp) -> DetailView:
    return app.query_one("#detail", DetailView)


def detail_lines(app: DragomanApp) -> list[str]:
    view = detail(app)
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in view.options]


def link_index(app: DragomanApp, target: str) -> int:
    """The option index in the detail of the link to ``target``."""
    for number, option in enumerate(detail(app).options):
        if option.id == target and not option.disabled:
            return number
    raise AssertionError(f"no link to {target!r} in the detail: {detail_lines(app)}")


def status_text(app: DragomanApp) -> str:
    from textual.widgets import Static

    return str(app.query_one("#status", Static).content)


def crumbs_text(app: DragomanApp) -> str:
    from textual.widgets import Static

    return str(app.query_one("#crumbs", Static).content)
