"""e edits at the line, n writes a new briefing and opens it, x exports a dossier: the editor's
command line for each convention (unit), and the app driven through Pilot with a fake $EDITOR
(a small Python script that edits the file it is given and writes down how it was called).

Pilot's terminal is headless, where Textual cannot suspend the app; the tests that run an
editor replace ``App.suspend`` by a context that does nothing (the real suspension is tried in
a real terminal in test_app_terminal.py), and one test keeps it to see the notification.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
import textwrap
from pathlib import Path

import pytest
from textual.pilot import Pilot

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    SIZE,
    detail,
    detail_lines,
    isolated_home,
    pane,
    settle,
    shared_cache,
    status_text,
    wait_until,
    write_folder,
)
from dragoman.app import DragomanApp
from dragoman.app.editing import first_line_to_fill, places
from dragoman.app.editor import EditorError, editor_command, editor_name
from dragoman.app.screens.choose import AskScreen, ChooseScreen
from dragoman.briefings.template import new_briefing
from dragoman.library.dossier import dossier_text

# -- the editor's command line -------------------------------------------------------------


def nowhere(program: str) -> str | None:
    return None


@pytest.mark.parametrize(
    ("editor", "argv"),
    [
        ("vi", ["vi", "+12", "f.yaml"]),
        ("vim", ["vim", "+12", "f.yaml"]),
        ("nvim", ["nvim", "+12", "f.yaml"]),
        ("/usr/bin/nano", ["/usr/bin/nano", "+12", "f.yaml"]),
        ("emacs -nw", ["emacs", "-nw", "+12", "f.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "f.yaml"]),
        ("micro", ["micro", "+12", "f.yaml"]),
        ("kak", ["kak", "+12", "f.yaml"]),
        ("hx", ["hx", "+12", "f.yaml"]),
        ("helix", ["helix", "+12", "f.yaml"]),
        ("code --wait", ["code", "--wait", "--goto", "f.yaml:12"]),
        ("codium", ["codium", "--goto", "f.yaml:12"]),
        ("subl -w", ["subl", "-w", "f.yaml:12"]),
        ("zed --wait", ["zed", "--wait", "f.yaml:12"]),
        ("'/opt/My Editors/vim.basic'", ["/opt/My Editors/vim.basic", "+12", "f.yaml"]),
        ("C:/Tools/nvim.exe", ["C:/Tools/nvim.exe", "+12", "f.yaml"]),
    ],
)
def test_each_editor_gets_the_line_its_own_way(editor: str, argv: list[str]) -> None:
    call = editor_command("f.yaml", 12, {"EDITOR": editor}, nowhere)
    assert call.argv == argv
    assert call.at_line


def test_an_editor_of_no_known_convention_gets_the_file_alone() -> None:
    call = editor_command("f.yaml", 12, {"EDITOR": "ed"}, nowhere)
    assert call.argv == ["ed", "f.yaml"]
    assert not call.at_line


def test_visual_comes_before_editor_and_blank_ones_are_skipped() -> None:
    assert editor_command("f", 3, {"VISUAL": "nvim", "EDITOR": "nano"}, nowhere).argv[0] == "nvim"
    assert editor_command("f", 3, {"VISUAL": "  ", "EDITOR": "nano"}, nowhere).argv[0] == "nano"


def test_with_neither_the_first_editor_on_the_path_is_used_by_what_it_really_is(
    tmp_path: Path,
) -> None:
    real = tmp_path / "vim.basic"
    real.write_text("")
    link = tmp_path / "editor"
    link.symlink_to(real)  # Debian's `editor`, a link to the system's choice
    found = {"editor": str(link)}
    call = editor_command("f.yaml", 7, {}, found.get)
    assert call.argv == [str(link), "+7", "f.yaml"]
    assert call.name == "vim"
    assert editor_command("f.yaml", 7, {}, {"nano": "/bin/nano"}.get).argv == [
        "/bin/nano",
        "+7",
        "f.yaml",
    ]


def test_no_editor_at_all_or_one_that_cannot_be_read_says_what_to_set() -> None:
    with pytest.raises(EditorError, match=r"set \$VISUAL or \$EDITOR"):
        editor_command("f", 1, {}, nowhere)
    with pytest.raises(EditorError, match=r"\$EDITOR cannot be read"):
        editor_command("f", 1, {"EDITOR": "vim 'unclosed"}, nowhere)


def test_line_numbers_start_at_one() -> None:
    assert editor_command("f", 0, {"EDITOR": "vi"}, nowhere).argv == ["vi", "+1", "f"]


def test_editor_names_lose_their_folder_version_and_exe() -> None:
    assert editor_name("/usr/bin/vim.tiny", nowhere) == "vim"
    assert editor_name("NVIM.EXE", nowhere) == "nvim"
    assert editor_name("code-insiders", nowhere) == "code-insiders"


# -- where an entity is declared, where a new briefing is written at ----------------------

FIRST = """
id: 2024-first
title: First
date: 2024-01-01
people:
  - id: nguyen-van-a
    name: Nguyen Van A
    role: Defence attaché
    country: VN
"""

SECOND = """
id: 2025-second
title: Second
date: 2025-02-01
organizations:
  - {id: vn-mnd, name: Ministry of National Defence, country: VN}
people:
  - id: nguyen-van-a
    name: Nguyen Van A
    role: Defence attache
    country: VN
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "briefings", {"first.yaml": FIRST, "second.yaml": SECOND})


def test_the_new_briefing_opens_where_the_writing_starts() -> None:
    _, text = new_briefing("Talks", "2025-03")
    line = first_line_to_fill(text)
    assert text.splitlines()[line - 1].startswith("# summary:")


# -- the app -------------------------------------------------------------------------------

FAKE_EDITOR = """
import json, sys
args = sys.argv[1:]
with open(sys.argv[0] + ".calls", "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
path = args[-1]
with open(path, encoding="utf-8") as f:
    text = f.read()
old, new = {swap}
with open(path, "w", encoding="utf-8") as f:
    f.write(text.replace(old, new))
"""


def fake_editor(tmp_path: Path, old: str, new: str) -> Path:
    script = tmp_path / "fake-editor.py"
    script.write_text(textwrap.dedent(FAKE_EDITOR).format(swap=repr((old, new))))
    return script


def calls(script: Path) -> list[list[str]]:
    log = Path(str(script) + ".calls")
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR is a script named `nano` (so it is given `+LINE FILE`), and the app runs it
    without suspending (Pilot's terminal cannot be suspended)."""
    script = fake_editor(tmp_path, "Defence attache", "Defence attaché (edited)")
    named = tmp_path / "bin" / "nano"
    named.parent.mkdir()
    named.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} {script} "$@"\n')
    named.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(named))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(DragomanApp, "suspend", lambda self: contextlib.nullcontext())
    return script


async def opened(pilot: Pilot[None], target: str) -> DragomanApp:
    app = pilot.app
    assert isinstance(app, DragomanApp)
    await settle(pilot)
    app.go_to(target)
    app.set_focus(detail(app))
    await settle(pilot)
    return app


async def test_e_edits_the_latest_declaration_at_its_line_and_the_detail_shows_it_at_once(
    folder: Path, editor: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        assert app.library is not None
        person = app.library.entities["nguyen-van-a"]
        latest = places(person)[-1]
        assert latest.path.endswith("second.yaml")
        await pilot.press("e")
        await wait_until(
            pilot,
            lambda: "(edited)" in "\n".join(detail_lines(app)),
            "the edit in the detail",
        )
        assert calls(editor) == [[f"+{latest.line}", latest.path]]
        line = (folder / "second.yaml").read_text().splitlines()[latest.line - 1]
        assert "id: nguyen-van-a" in line
        assert "2 briefings declare it" in "\n".join(n.message for n in app._notifications)


async def test_an_edit_that_breaks_the_briefing_shows_its_problems_and_keeps_the_rest(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: Path
) -> None:
    script = fake_editor(tmp_path, "organizations:", "organizations: [")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {script}")
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "vn-mnd")
        await pilot.press("e")
        await wait_until(pilot, lambda: "1 error" in status_text(app), "the error in the status")
        assert app.library is not None
        assert "nguyen-van-a" in app.library.entities  # from first.yaml: nothing else is lost
        assert "2024-first" in app.library.briefings


async def test_where_the_terminal_cannot_be_handed_over_a_notification_gives_file_and_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "vi")
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "briefing:2024-first")
        await pilot.press("e")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(
            "cannot be handed to an editor" in m and "first.yaml, line 1" in m for m in said
        ), said


async def test_another_declaration_is_chosen_from_the_palette_command(
    folder: Path, editor: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        app.action_edit_other()
        await pilot.pause()
        await pilot.press("enter")  # the first: the oldest briefing
        await wait_until(pilot, lambda: bool(calls(editor)), "the editor to run")
        assert calls(editor)[0][-1].endswith("first.yaml")
        await settle(pilot)


async def test_n_asks_title_and_date_writes_the_briefing_opens_it_and_shows_it(
    folder: Path, editor: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        await pilot.press("n")
        assert isinstance(app.screen, ChooseScreen)  # a blank briefing, or from an article
        await pilot.press("enter")  # the first: blank
        assert isinstance(app.screen, AskScreen)
        await pilot.press("enter", "enter", "enter")  # no title: refused, the dialog stays
        assert isinstance(app.screen, AskScreen)
        app.screen.query_one("#ask-title").value = "Talks in Hanoi"  # type: ignore[attr-defined]
        app.screen.query_one("#ask-date").value = "2025-03"  # type: ignore[attr-defined]
        app.screen.query_one("#ask-title").focus()
        await pilot.press("enter", "enter", "enter")
        written = folder / "2025-03-talks-in-hanoi.yaml"
        await wait_until(
            pilot, lambda: app.shown == "briefing:2025-03-talks-in-hanoi", "the new briefing"
        )
        [call] = calls(editor)
        assert call == [f"+{first_line_to_fill(written.read_text())}", str(written)]


async def test_n_refuses_an_id_already_taken_and_the_bundled_samples(
    folder: Path, editor: Path
) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        await pilot.press("n", "enter")
        app.screen.query_one("#ask-title").value = "Again"  # type: ignore[attr-defined]
        app.screen.query_one("#ask-id").value = "2024-first"  # type: ignore[attr-defined]
        await pilot.press("enter", "enter", "enter")
        assert isinstance(app.screen, AskScreen)
        assert "is taken by" in app.screen.query_one(".dialog-note").render().plain  # type: ignore[union-attr]
        await pilot.press("escape")
        assert calls(editor) == []
    bundled = DragomanApp(folder, how="bundled")
    async with bundled.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bundled.set_focus(pane(bundled, "event"))
        await pilot.press("n")
        assert not isinstance(bundled.screen, AskScreen | ChooseScreen)
        assert any("bundled" in n.message for n in bundled._notifications)


async def test_x_exports_the_dossier_and_asks_before_replacing_a_file(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        await pilot.press("x")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("enter")
        await settle(pilot)
        written = out / "nguyen-van-a.md"
        assert app.library is not None
        person = app.library.entities["nguyen-van-a"]
        assert written.read_text() == dossier_text(app.library, person)
        assert oct(written.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
        # again, to JSON: the name says the format
        await pilot.press("x")
        app.screen.query_one("#ask-file").value = "dossier.json"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert json.loads((out / "dossier.json").read_text())["id"] == "nguyen-van-a"
        # a file there already: Enter once warns, twice replaces
        (out / "nguyen-van-a.md").write_text("old")
        await pilot.press("x", "enter")
        assert isinstance(app.screen, AskScreen)
        assert (out / "nguyen-van-a.md").read_text() == "old"
        await pilot.press("enter")
        await settle(pilot)
        assert (out / "nguyen-van-a.md").read_text() == dossier_text(app.library, person)


async def test_x_into_a_place_that_cannot_be_written_says_so(folder: Path, tmp_path: Path) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "nguyen-van-a")
        await pilot.press("x")
        app.screen.query_one("#ask-file").value = str(tmp_path / "nowhere" / "d.md")  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert "there is no folder" in app.screen.query_one(".dialog-note").render().plain  # type: ignore[union-attr]
        app.screen.query_one("#ask-file").value = "/proc/dragoman-dossier.md"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Cannot write /proc/dragoman-dossier.md") for m in said), said


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


async def test_the_keys_act_on_the_row_of_a_view(folder: Path, editor: Path) -> None:
    """A view is a modal screen: its own bindings carry the workflow's keys to its rows."""
    from dragoman.app.screens.timeline import TimelineScreen

    two = write_folder(
        folder.parent / "with-event",
        {
            "e.yaml": """
            id: 2025-talks
            title: Talks
            date: 2025-03-01
            events:
              - {id: hanoi-talks, title: Hanoi talks, date: 2025-03-01, country: VN}
            """
        },
    )
    app = DragomanApp(two)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.set_focus(pane(app, "event"))
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen), "the timeline")
        await settle(pilot)
        await pilot.press("down")  # from the year's heading to the event
        await pilot.press("y")
        assert app.clipboard == "hanoi-talks"
        await pilot.press("e")
        await wait_until(pilot, lambda: bool(calls(editor)), "the editor to run")
        [call] = calls(editor)
        assert call[-1].endswith("e.yaml")
        await settle(pilot)


async def test_a_person_who_chaired_and_attended_one_event_is_shown_with_both_links(
    tmp_path: Path,
) -> None:
    """One target linked twice in a detail: each link is a line, Enter on either opens it."""
    folder = write_folder(
        tmp_path / "twice",
        {
            "t.yaml": """
            id: 2025-twice
            title: Twice
            date: 2025-03-01
            people:
              - {id: tran-van-b, name: Tran Van B, country: VN}
            events:
              - id: hanoi-talks
                title: Hanoi talks
                date: 2025-03-01
                chairs: [tran-van-b]
                participants: [tran-van-b]
            """
        },
    )
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, "tran-van-b")
        links = [o for o in detail(app).options if o.id and o.id.startswith("hanoi-talks")]
        assert len(links) == 2
        detail(app).highlighted = detail(app).get_option_index(links[1].id or "")
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown == "hanoi-talks"
