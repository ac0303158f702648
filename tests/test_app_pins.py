"""Pins in the app, driven key by key: ``b`` pins the person under the cursor, ``B`` lists the
pins, Enter opens one in the detail pane, and a new run of the app still has them; ``b`` in
the pins view unpins a row (a missing one too); a damaged pins file is said and set aside, a
pins folder that cannot be written is said, and the app goes on; the keys are in F1, in
docs/keys.md, in the palette, and remappable.

Every test runs the real app on a virtual terminal with its own cache, config and data
folders; waits are on the app's own events.
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    BRIEFINGS,
    SIZE,
    isolated_home,
    pane,
    screen_text,
    search_for,
    settle,
    shared_cache,
    wait_until,
)
from dragoman.app import DragomanApp
from dragoman.app.lines import ViewList
from dragoman.app.screens.help import HelpScreen
from dragoman.app.screens.pins import PinsScreen
from dragoman.library.pins import DATA_ENV, load_pins, pins_path, save_pins, toggled_key

GIANG = "phan-van-giang"


@pytest.fixture(autouse=True)
def data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This test's own data folder, where the pins are kept: never the analyst's."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


async def started(pilot: Pilot[None]) -> DragomanApp:
    await settle(pilot)
    return pilot.app  # type: ignore[return-value]


def said(app: DragomanApp) -> list[str]:
    return [n.message for n in app._notifications]


def pinned_ids() -> list[str]:
    return [pin.id for pin in load_pins(BRIEFINGS).pins.items]


def view_texts(app: DragomanApp) -> list[str]:
    return [line.text for line in app.screen.query_one(ViewList).rows]


async def on_giang_in_people(pilot: Pilot[None]) -> None:
    """The cursor on Phan Van Giang in the People list, the list in focus."""
    await search_for(pilot, "giang")
    people = pane(pilot.app, "person")  # type: ignore[arg-type]
    people.focus()
    people.select_id(GIANG)
    await settle(pilot)
    assert people.current is not None and people.current.id == GIANG


async def test_b_pins_B_lists_enter_opens_and_a_restart_keeps_them() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_giang_in_people(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert pinned_ids() == [GIANG]
        assert "Pinned Phan Van Giang (person); B shows the pins" in said(app)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, PinsScreen)
        assert "Pins: 1 pin" in screen_text(app)
        [row] = view_texts(app)
        assert row.split() == ["person", "2025-11-01", "Phan", "Van", "Giang"]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PinsScreen)
        assert app.shown == GIANG
        assert app.focused is app.query_one("#detail")

    again = DragomanApp(BRIEFINGS)  # a restart
    async with again.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab", "B")
        await settle(pilot)
        assert isinstance(again.screen, PinsScreen)
        assert [t.split()[1] for t in view_texts(again)] == ["2025-11-01"]
        assert "Phan Van Giang" in screen_text(again)


async def test_b_again_unpins_and_a_briefing_pins_too() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_giang_in_people(pilot)
        await pilot.press("b", "b")
        await settle(pilot)
        assert pinned_ids() == []
        assert said(app)[-1] == "Unpinned Phan Van Giang"
        briefings = pane(app, "briefing")
        briefings.focus()
        await settle(pilot)
        briefing = briefings.current
        assert briefing is not None
        await pilot.press("b", "B")
        await settle(pilot)
        assert [(p.kind, p.id) for p in load_pins(BRIEFINGS).pins.items] == [
            ("briefing", briefing.id)
        ]
        assert view_texts(app)[0].startswith("briefing")
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown == f"briefing:{briefing.id}"


async def test_b_in_the_pins_view_unpins_a_missing_pin_too() -> None:
    pins = toggled_key(load_pins(BRIEFINGS).pins, "person", GIANG, "Phan Van Giang")
    save_pins(toggled_key(pins, "person", "gone-person", "[b]Someone gone[/b]"))
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("tab", "B")
        await settle(pilot)
        assert "Pins: 2 pins · 1 missing" in screen_text(app)
        texts = view_texts(app)
        assert texts[0].split() == ["person", "missing", "[b]Someone", "gone[/b]"]
        await pilot.press("enter")  # a missing pin stays, and says why
        await settle(pilot)
        assert isinstance(app.screen, PinsScreen)
        assert "is no longer in the briefings; b unpins it" in said(app)[-1]
        await pilot.press("b")
        await settle(pilot)
        assert pinned_ids() == [GIANG]
        assert said(app)[-1] == "Unpinned [b]Someone gone[/b]"
        assert [t.split()[1] for t in view_texts(app)] == ["2025-11-01"]
        assert "Pins: 1 pin" in screen_text(app)
        await pilot.press("b")  # the last one: the view says there is none
        await settle(pilot)
        assert pinned_ids() == []
        assert "no pins" in screen_text(app)


async def test_a_damaged_pins_file_is_set_aside_said_and_the_app_goes_on() -> None:
    path = pins_path(BRIEFINGS)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not json")
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await wait_until(pilot, lambda: any("set aside" in m for m in said(app)), "the notice")
        [aside] = [p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.damaged")]
        assert aside.read_bytes() == b"\x00not json"
        notice = next(m for m in said(app) if "set aside" in m)
        assert str(path) in notice and str(aside) in notice
        await on_giang_in_people(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert pinned_ids() == [GIANG]


async def test_a_pins_folder_that_cannot_be_written_is_said(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(blocker / "data"))
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_giang_in_people(pilot)
        await pilot.press("b")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "could not be saved" in errors[0]
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, PinsScreen)  # the app goes on, with no pin
        assert view_texts(app) == []


async def test_the_palette_pins_and_opens_the_pins() -> None:
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Pins", "Pin or unpin"} <= commands
        await on_giang_in_people(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"pin or unpin")
        await wait_until(pilot, lambda: "Pin the selected" in screen_text(app), "the entry")
        await pilot.press("enter")
        await settle(pilot)
        assert pinned_ids() == [GIANG]
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"pins")
        await wait_until(pilot, lambda: "What you pinned" in screen_text(app), "the entry")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PinsScreen)


async def test_the_pin_keys_are_in_f1_and_remappable(isolated_home: dict[str, Path]) -> None:
    (isolated_home["config"] / "keys.toml").write_text(
        '[keys]\n"app.pin" = "z"\n"app.pins" = "Z"\n', encoding="utf-8"
    )
    app = DragomanApp(BRIEFINGS)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert [n for n in app._notifications if n.severity == "warning"] == []
        await on_giang_in_people(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert pinned_ids() == []  # b is no longer the key
        await pilot.press("z", "Z")
        await settle(pilot)
        assert pinned_ids() == [GIANG]
        assert isinstance(app.screen, PinsScreen)
        await pilot.press("z")  # in the view too
        await settle(pilot)
        assert pinned_ids() == []
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "pin or unpin it" in text
        assert "the pins: what you follow" in text


def test_docs_keys_names_the_pin_keys() -> None:
    doc = (BRIEFINGS.parent / "docs" / "keys.md").read_text(encoding="utf-8")
    assert "`app.pin`" in doc and "`app.pins`" in doc
