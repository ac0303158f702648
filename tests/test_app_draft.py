"""n's second way: a briefing drafted from an article, in the app. The dialog refuses what cannot
be drafted with the reason; a draft is written into the folder (never over a file) with what the
library knows, opened in the editor, and shown once read; an article that cannot be read is a
notification, never a crash."""

# Fixtures imported from app_fixtures and test_editing are requested by naming them:
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path

import pytest

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    SIZE,
    isolated_home,
    settle,
    shared_cache,
    wait_until,
    write_folder,
)
from dragoman.app import DragomanApp
from dragoman.app.drafting import free_path
from dragoman.app.screens.choose import AskScreen, ChooseScreen
from test_editing import calls, editor, opened  # noqa: F401

LIBRARY = """
id: 2024-03-01-hanoi-talks
title: Talks in Hanoi
date: 2024-03-01
people:
  - id: samuel-paparo
    name: Samuel Paparo
    rank: Admiral
    country: US
"""

ARTICLE = (
    "Hanoi hosts U.S. Indo-Pacific commander\n\n"
    "On 4 March 2025 in Hanoi, Senior Lieutenant General Nguyen Tan Cuong, Chief of the General "
    "Staff of the Vietnam People's Army, received Admiral Samuel Paparo, Commander of the U.S. "
    "Indo-Pacific Command. The two sides agreed to continue cooperation on war legacy issues.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "briefings", {"2024-03-01-hanoi-talks.yaml": LIBRARY})


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "paparo.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _fill(app: DragomanApp, **values: str) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#ask-{name}").value = value  # type: ignore[attr-defined]
    app.screen.query_one("#ask-article").focus()


def _note(app: DragomanApp) -> str:
    return str(app.screen.query_one(".dialog-note").render().plain)  # type: ignore[attr-defined]


async def _ask_article(app: DragomanApp) -> None:
    pilot = app._pilot  # type: ignore[attr-defined]
    await opened(pilot, "samuel-paparo")
    await pilot.press("n")
    assert isinstance(app.screen, ChooseScreen)
    await pilot.press("down", "enter")
    assert isinstance(app.screen, AskScreen)


ENTER_ALL = ("enter", "enter", "enter", "enter")  # down the four lines, then answer


async def test_n_drafts_a_briefing_from_an_article_opens_it_and_shows_it(
    folder: Path, article: Path, editor: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _ask_article(app)
        _fill(app, article=str(article), published="2025-03-05", publisher="VNA")
        await pilot.press(*ENTER_ALL)
        written = folder / "2025-03-04-hanoi-hosts-u-s-indo-pacific-commander.yaml"
        await wait_until(pilot, lambda: bool(calls(editor)), "the editor")
        assert calls(editor) == [["+1", str(written)]]
        await wait_until(pilot, lambda: app.shown == "briefing:" + written.stem, "the draft")
        await settle(pilot)
        assert app.library is not None and not app.library.errors
        drafted = app.library.briefings[written.stem]
        people = {id_ for kind, id_ in drafted.declares if kind == "person"}
        assert people == {"samuel-paparo", "nguyen-tan-cuong"}  # a known one keeps its id
        assert "  publisher: VNA\n" in written.read_text(encoding="utf-8")
        assert any("Drafted" in n.message and "2 people" in n.message for n in app._notifications)


async def test_the_article_dialog_says_what_cannot_be_drafted(
    folder: Path, article: Path, editor: Path, tmp_path: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _ask_article(app)
        for values, says in [
            ({"article": ""}, "give the article's file"),
            ({"article": str(tmp_path / "nowhere.txt")}, "there is no such file"),
            ({"article": str(tmp_path)}, "is a folder"),
            ({"article": str(article), "published": "last week"}, "is not a date"),
            ({"article": str(article), "published": "", "url": "ftp://x"}, "not a web address"),
        ]:
            _fill(app, **values)
            await pilot.press(*ENTER_ALL)
            assert isinstance(app.screen, AskScreen)
            assert says in _note(app)
        await pilot.press("escape")
        assert calls(editor) == []
        assert sorted(p.name for p in folder.iterdir()) == ["2024-03-01-hanoi-talks.yaml"]


async def test_an_article_that_cannot_be_read_is_a_notification(
    folder: Path, editor: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _ask_article(app)
        _fill(app, article=str(scan))
        await pilot.press(*ENTER_ALL)
        await wait_until(
            pilot,
            lambda: any("No draft was written" in n.message for n in app._notifications),
            "the refusal",
        )
        assert calls(editor) == []
        assert app.is_running


def test_a_draft_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "2025-talks.yaml").write_text("x")
    (tmp_path / "2025-talks-2.yaml").write_text("x")
    assert free_path(tmp_path, "2025-talks") == tmp_path / "2025-talks-3.yaml"
    assert free_path(tmp_path, "2025-other") == tmp_path / "2025-other.yaml"


def test_a_long_field_name_keeps_a_space_before_its_value() -> None:
    """A draft fills ``source.publisher``, longer than the detail's column of names."""
    from dragoman.app.detail import _field

    assert str(_field("source.publisher", "AFP", frozenset()).prompt) == "source.publisher AFP"
    assert str(_field("date", "2025", frozenset()).prompt) == "date         2025"


async def test_the_article_dialog_fits_a_terminal_of_80_by_24(folder: Path, editor: Path) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        app._pilot = pilot  # type: ignore[attr-defined]
        await _ask_article(app)
        await pilot.pause()
        screen = app.screen
        for widget in [*screen.query("Input"), *screen.query(".dialog-note, .dialog-foot")]:
            region = widget.region
            assert region.height >= 1 and region.bottom <= 24, widget
