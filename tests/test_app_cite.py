"""y, c and o in the app, driven key by key: the id and the citation of the selected row (in a
list, the detail or a view) are copied and a notification says what; o opens a source URL with
the browser (a fake here: no test ever starts a real one), asks which when there are several,
refuses what is not http(s), shows and copies the URL when no browser can open it; the keys are
on F1, remappable and in the palette.

Every test runs the real app on a virtual terminal with its own cache and config folders;
waits are on the app's own events (workers finishing, messages handled).
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

import json
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    BRIEFINGS,
    SIZE,
    detail,
    empty_folder,
    isolated_home,
    pane,
    screen_text,
    settle,
    shared_cache,
    wait_until,
)
from dragoman.app import DragomanApp, citing
from dragoman.app.screens.choose import ChooseScreen
from dragoman.app.screens.help import HelpScreen
from dragoman.app.screens.timeline import TimelineScreen
from dragoman.library.citation import citation

GIANG = "phan-van-giang"
ONE, TWO = "https://example.org/one", "https://example.org/two?x=1"


class FakeBrowser(webbrowser.BaseBrowser):
    """A GUI browser that only notes the URLs it is asked to open."""

    def __init__(self, answer: bool = True) -> None:
        super().__init__("fake")
        self.opened: list[str] = []
        self.answer = answer

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return self.answer


class FakeConsoleBrowser(webbrowser.GenericBrowser, FakeBrowser):
    """A browser that runs in the terminal (as lynx does), faked in the same way."""

    def __init__(self) -> None:
        FakeBrowser.__init__(self)

    open = FakeBrowser.open


@pytest.fixture(autouse=True)
def no_real_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test finds the machine's browser: each gives the one it wants."""
    monkeypatch.setattr(citing, "find_browser", lambda: None)


def use_browser(monkeypatch: pytest.MonkeyPatch, browser: webbrowser.BaseBrowser) -> None:
    monkeypatch.setattr(citing, "find_browser", lambda: browser)


@pytest.fixture
def sourced_folder(tmp_path: Path) -> Path:
    """Briefings with source URLs: Nguyen in two (two URLs), Mallory in one whose URL is not
    http(s)."""
    folder = tmp_path / "sourced"
    folder.mkdir()
    nguyen = {"id": "nguyen", "name": "Nguyen Van A", "role": "Attaché", "country": "VN"}
    meeting = {"id": "e-one", "title": "A meeting", "date": "2024-01-04"}
    briefings = [
        ("b-one", "The first report", "2024-01-05", {"publisher": "Daily", "url": ONE}),
        ("b-two", "The second report", "2025-02-01", {"publisher": "QDND", "url": TWO}),
        ("b-js", "A report with a bad link", "2023", {"url": "javascript:alert(1)"}),
    ]
    for id_, title, date, source in briefings:
        briefing = {"id": id_, "title": title, "date": date, "source": source}
        if id_ == "b-js":
            briefing["people"] = [{"id": "mallory", "name": "Mallory"}]
        else:
            briefing["people"] = [nguyen]
        if id_ == "b-one":
            briefing["events"] = [meeting]
        (folder / f"{id_}.yaml").write_text(json.dumps(briefing), encoding="utf-8")
    return folder


async def started(pilot: Pilot[None]) -> DragomanApp:
    await settle(pilot)
    return pilot.app  # type: ignore[return-value]


async def showing(pilot: Pilot[None], target: str) -> DragomanApp:
    """The app with ``target`` in the detail pane, which has the focus."""
    app = await started(pilot)
    app.go_to(target)
    detail(app).focus()
    await settle(pilot)
    assert app.shown == target
    return app


def last_note(app: DragomanApp) -> str:
    return list(app._notifications)[-1].message


# -- copying ----------------------------------------------------------------------------------


async def test_y_copies_the_id_of_the_row_under_the_cursor() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab")  # out of the search bar, to the first list
        row = pane(app, "event").current
        assert row is not None
        await pilot.press("y")
        assert app.clipboard == row.id
        assert last_note(app) == f"Copied the id {row.id}"
        await pilot.press("down", "y")
        assert pane(app, "event").current is not None
        assert app.clipboard == pane(app, "event").current.id != row.id  # type: ignore[union-attr]


async def test_c_copies_the_citation_of_what_the_detail_shows() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, GIANG)
        await pilot.press("c")
        assert app.library is not None
        giang = app.library.get(GIANG)
        assert giang is not None
        text = citation(app.library, giang)
        assert app.clipboard == text + "\n"
        assert app.clipboard.startswith("Phan Van Giang · person · 2025-11-01\n[1] ASEAN-Japan")
        note = last_note(app)
        assert note.startswith("Copied a citation with 1 source:\nPhan Van Giang · person")
        assert all(len(line) <= citing.NOTE_WIDTH for line in note.split("\n"))
        await pilot.press("y")
        assert app.clipboard == GIANG


async def test_copying_in_a_view_takes_its_row() -> None:
    """The actions act on a view's row (a view is modal: its screen must bind the keys)."""
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab", "t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        item = app.item_here()
        assert item is not None and item.kind == "event"
        await app.run_action("app.copy_id")
        assert app.clipboard == item.id
        await app.run_action("app.cite")
        assert app.library is not None
        assert app.clipboard == citation(app.library, item) + "\n"


async def test_with_nothing_selected_the_keys_say_so(empty_folder: Path) -> None:
    app = DragomanApp(empty_folder)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab")
        for key in ("y", "c", "o"):
            await pilot.press(key)
            assert last_note(app).startswith("Nothing selected to ")
        assert app.clipboard == ""


async def test_a_long_citation_is_shortened_in_its_notification(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(8):
        briefing = {
            "id": f"b-{n}",
            "title": "A report whose title goes on " + "and on " * 30,
            "date": f"202{n}",
            "people": [{"id": "nguyen", "name": "Nguyen Van A"}],
        }
        (folder / f"b-{n}.yaml").write_text(json.dumps(briefing), encoding="utf-8")
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "nguyen")
        await pilot.press("c")
        assert app.clipboard.count("\n") == 9  # the whole citation: a head and 8 sources
        lines = last_note(app).split("\n")
        assert lines[0] == "Copied a citation with 8 sources:"
        assert len(lines) == 1 + citing.NOTE_LINES
        assert lines[-1] == "… and 6 lines"
        assert all(len(line) <= citing.NOTE_WIDTH for line in lines)


# -- opening the source -----------------------------------------------------------------------


async def test_o_with_one_url_opens_it(
    sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "e-one")
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [ONE]
        assert last_note(app) == f"Opened in the browser: {ONE}"


async def test_o_with_several_urls_asks_which(
    sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "nguyen")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ChooseScreen)
        assert app.screen.choices == [
            ("The first report", ONE, ONE),
            ("The second report", TWO, TWO),
        ]
        shown = screen_text(app)
        assert "Open which source of Nguyen Van A?" in shown and TWO in shown
        await pilot.press("escape")  # nothing opened
        await settle(pilot)
        assert not isinstance(app.screen, ChooseScreen) and browser.opened == []
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ChooseScreen)
        assert browser.opened == [TWO]


async def test_o_refuses_a_url_that_is_not_http(
    sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "mallory")
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == []
        note = list(app._notifications)[-1]
        assert note.severity == "error"
        assert note.message == (
            "Not opened: only http and https addresses are opened, not javascript:.\n"
            "javascript:alert(1)"
        )
        assert not note.markup


async def test_o_with_no_url_says_so() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, GIANG)
        await pilot.press("o")
        await settle(pilot)
        assert last_note(app) == "No source URL to open: its briefings give none (Phan Van Giang)."


async def test_with_no_browser_the_url_is_shown_and_copied(sourced_folder: Path) -> None:
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "e-one")
        await pilot.press("o")
        await settle(pilot)
        assert last_note(app) == f"No browser found; the URL is copied to the clipboard:\n{ONE}"
        assert app.clipboard == ONE


async def test_a_browser_that_fails_shows_the_url(
    sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser(answer=False)
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "e-one")
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [ONE]
        assert last_note(app).startswith("The browser did not open it; the URL is copied")
        assert app.clipboard == ONE


async def test_a_console_browser_runs_while_the_app_is_suspended(
    sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeConsoleBrowser()
    assert citing.is_console(browser)
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    suspended: list[str] = []

    @contextmanager
    def suspend() -> Iterator[None]:
        suspended.append("in")
        yield
        suspended.append("out")

    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "e-one")
        # a virtual terminal cannot be lent: the URL is shown instead
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == []
        assert ONE in last_note(app) and app.clipboard == ONE
        # a real one is: the browser runs between the suspension and the resumption
        monkeypatch.setattr(app, "suspend", suspend)
        real_open = browser.open
        monkeypatch.setattr(
            browser, "open", lambda url, *a, **k: suspended == ["in"] and real_open(url)
        )
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [ONE] and suspended == ["in", "out"]
        assert last_note(app) == f"Opened in the browser: {ONE}"


def test_which_browsers_run_in_the_terminal() -> None:
    assert citing.is_console(webbrowser.GenericBrowser("lynx"))
    assert not citing.is_console(webbrowser.BackgroundBrowser("xdg-open"))
    assert citing.is_console(webbrowser.Elinks("elinks"))
    assert not citing.is_console(webbrowser.Chrome("google-chrome"))
    assert not citing.is_console(FakeBrowser())


# -- the keys ---------------------------------------------------------------------------------


async def test_the_keys_are_on_f1_and_in_the_palette() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Copy id", "Copy a citation", "Open the source"):
            assert titles.count(title) == 1, title
        await pilot.press("tab", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "copy its id" in shown
        assert "copy a citation: title, date, and each source" in shown
        assert "open the source URL of its briefing" in shown
        await pilot.press("escape")
        await pilot.pause()
        # from the palette, on the row selected before it opened
        row = pane(app, "event").current
        assert row is not None
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"copy a citation")
        await wait_until(pilot, lambda: "Title, date and each source" in screen_text(app), "it")
        await pilot.press("enter")
        await settle(pilot)
        assert app.clipboard.startswith(row.title)


async def test_a_keys_file_remaps_y_c_and_o(
    isolated_home: dict[str, Path], sourced_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated_home["config"] / "keys.toml").write_text(
        '[keys]\n"app.copy_id" = "ctrl+y"\n"app.cite" = "ctrl+k"\n"app.open_source" = "ctrl+o"\n'
    )
    browser = FakeBrowser()
    use_browser(monkeypatch, browser)
    app = DragomanApp(sourced_folder)
    async with app.run_test(size=SIZE) as pilot:
        await showing(pilot, "e-one")
        assert [n for n in app._notifications if n.severity == "warning"] == []
        await pilot.press("y", "c", "o")  # the keys file replaced them
        await settle(pilot)
        assert app.clipboard == "" and browser.opened == []
        await pilot.press("ctrl+y")
        assert app.clipboard == "e-one"
        await pilot.press("ctrl+k")
        assert app.clipboard.startswith("A meeting · event · 2024-01-04\n")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert browser.opened == [ONE]
