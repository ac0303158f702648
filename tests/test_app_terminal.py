"""The installed ``dragoman`` command in a real terminal (tmux): start, search, open, follow a
link, go back, quit with exit status 0; the analyst's views (t, p, w) and the facets panel (f).

tmux runs on a private socket of its own, so an analyst's tmux sessions are never touched, and
the app gets temporary cache and config folders through its environment.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app_fixtures import PROJECT

TMUX = shutil.which("tmux")
DRAGOMAN = Path(sys.executable).parent / "dragoman"

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: no real terminal to test in"),
    pytest.mark.skipif(
        not DRAGOMAN.exists(), reason=f"the dragoman command is not installed at {DRAGOMAN}"
    ),
]


@dataclass
class Terminal:
    socket: str
    session: str = "dragoman"

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [str(TMUX), "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Poll the screen until ``check(screen)`` holds; fail with the last screen after
        ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if check(shown):
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"never saw {what} on the terminal; last screen:\n{shown}")
            time.sleep(0.05)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        return self.wait_until(lambda shown: text in shown, repr(text), timeout)


def footer(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def focused_pane(screen: str) -> str | None:
    """The list pane drawn tallest (the focused one grows), or None when all are equal."""
    lines = screen.splitlines()
    tops = [(n, line[3:].split(" (")[0]) for n, line in enumerate(lines) if line.startswith("╭─ ")]
    if len(tops) < 2:
        return None
    bottoms = [n for n, line in enumerate(lines) if line.startswith("╰")]
    heights = {}
    for (top, title), (following, _) in zip(tops, [*tops[1:], (bottoms[-1] + 1, "")], strict=True):
        heights[title] = following - top
    tallest = max(heights.values())
    winners = [title for title, height in heights.items() if height == tallest]
    return winners[0] if len(winners) == 1 else None


@contextlib.contextmanager
def running(
    tmp_path: Path, folder: str = "briefings", cwd: Path = PROJECT, **extra: str
) -> Iterator[Terminal]:
    """The app on ``folder`` in a tmux terminal of 120x40, with its own cache and config
    folders and the ``extra`` environment; the server is killed afterwards."""
    cache, config = tmp_path / "cache", tmp_path / "config"
    cache.mkdir(mode=0o700)
    config.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "DRAGOMAN_"))}
    env.update(
        DRAGOMAN_CACHE_DIR=str(cache),
        DRAGOMAN_CONFIG_DIR=str(config),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    term = Terminal(socket=f"dragoman-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    # The shell reports the exit status, then waits so the pane can still be read.
    command = f"'{DRAGOMAN}' '{folder}'; echo EXIT=$?; exec sleep 600"
    variables = {"DRAGOMAN_CACHE_DIR": str(cache), "DRAGOMAN_CONFIG_DIR": str(config), **extra}
    settings = [arg for name, value in variables.items() for arg in ("-e", f"{name}={value}")]
    subprocess.run(
        [
            str(TMUX),
            "-L",
            term.socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            term.session,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            str(cwd),
            *settings,
            "sh",
            "-c",
            command,
        ],
        env=env,
        check=True,
        timeout=10,
    )
    socket_path = ""
    try:
        socket_path = term.tmux("display-message", "-p", "#{socket_path}").strip()
        yield term
    finally:
        subprocess.run(
            [str(TMUX), "-L", term.socket, "kill-server"],
            capture_output=True,
            timeout=10,
            check=False,
        )
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    with running(tmp_path) as term:
        yield term


def test_search_open_follow_back_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("People (9)")
    terminal.wait_for("index rebuilt")

    terminal.type("giang")
    terminal.wait_for("People (1)")

    # Each key waits until the previous one shows, as a reader looking at the screen would.
    terminal.send("Down")  # to the pane of the best match (the person named), which grows
    terminal.wait_until(lambda shown: focused_pane(shown) == "People", "the People pane focused")
    terminal.send("Enter")  # open Phan Van Giang (shown already): the detail takes the keys
    shown = terminal.wait_until(lambda shown: "Follow link" in footer(shown), "the detail focused")
    assert "role         Minister of National Defence" in shown
    assert "Phan Van Giang" in shown

    terminal.send("Enter")  # follow the first link: his ministry
    shown = terminal.wait_for("Phan Van Giang › Vietnamese Ministry of National Defence")
    assert "◀ 1" in shown

    terminal.send("BSpace")
    shown = terminal.wait_for("1 ▶")
    assert "role         Minister of National Defence" in shown

    terminal.send("q")
    shown = terminal.wait_for("EXIT=0")
    assert "People (" not in shown  # the app gave the screen back


def test_read_a_briefing_to_its_end_then_quit_from_the_search_bar(terminal: Terminal) -> None:
    terminal.wait_for("People (9)")
    terminal.type("tokyo")
    terminal.wait_for("Briefings (1)")
    terminal.send("Down")  # to the best match: the briefing with Tokyo in its title
    terminal.wait_until(lambda shown: focused_pane(shown) == "Briefings", "Briefings focused")
    terminal.send("Enter")  # open the briefing (its top shows): the detail takes the keys
    terminal.wait_until(lambda shown: "Follow link" in footer(shown), "the detail focused")
    terminal.wait_for("briefing · 2024-tokyo-japan-asean-vice-ministerial-forum")
    terminal.send("End")  # past the links, to the end of its text
    shown = terminal.wait_for("Japanese capital.")
    assert "briefing · 2024-tokyo" not in shown
    terminal.send("r")  # the reader view: the whole text, in a page of its own
    terminal.wait_for("escape closes · j/k, space, pgup/pgdn, g/G move")
    terminal.send("G")
    terminal.wait_for("Japanese capital.")
    terminal.send("Escape")
    terminal.wait_until(lambda shown: "escape closes · j/k" not in shown, "the reader closed")
    terminal.send("/")  # the search bar: q is typed there, ctrl+q quits
    # the footer shows the search bar's keys: the detail's (Follow link, Read) are gone
    terminal.wait_until(lambda shown: "r Read" not in footer(shown), "the search bar focused")
    terminal.send("q")
    terminal.wait_until(lambda shown: "▊  q " in shown, "q typed into the query")
    assert "^q Quit" in terminal.screen()
    terminal.send("C-q")
    shown = terminal.wait_for("EXIT=0")
    assert "People (" not in shown


def test_the_analysts_views_and_the_facets_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("People (9)")
    terminal.wait_for("index rebuilt")
    terminal.send("Tab")  # out of the search bar: t, p, w and f are keys there, not letters
    terminal.wait_until(lambda shown: focused_pane(shown) == "Events", "the Events pane focused")

    terminal.send("t")  # the timeline, by year
    terminal.wait_for("Timeline: 7 events")
    terminal.wait_for("14th Japan-ASEAN Defence Vice-Ministerial Forum  ·  Tokyo  ·  JP VN")
    terminal.send("Tab")  # to the filter: the footer keeps only what works while typing
    terminal.wait_until(
        lambda shown: "esc Back" in footer(shown) and "Open" not in footer(shown),
        "the filter focused",
    )
    terminal.type("VN 2025")
    terminal.wait_for("Timeline: 2 events · Vietnam (VN); 2025")
    terminal.send("Enter")  # back to the rows
    terminal.wait_until(lambda shown: "Open" in footer(shown), "the rows focused")
    terminal.send("Enter")  # open the first: the view closes, the detail shows it
    terminal.wait_until(  # the screen is drawn again in pieces: wait for the whole of it
        lambda shown: "event · asean-japan-idmm-2025" in shown and "Timeline:" not in shown,
        "the event in the detail, the timeline closed",
    )

    terminal.send("p")  # from the detail: the tracker
    terminal.wait_for("Proposals: 30 proposals")
    terminal.wait_for("in-progress  Preparations for the 2nd Vietnam-Cambodia")
    terminal.send("1")  # hide the proposed
    terminal.wait_for("Proposals: 12 proposals (of 30)")

    terminal.send("w")  # another view in its place
    terminal.wait_for("6 events  Japan (JP) · Vietnam (VN)")
    terminal.send("Enter")  # the pair's card
    terminal.wait_for("Japan (JP) and Vietnam (VN): 6 shared events")
    terminal.send("Escape")  # back to the pairs, then to the browser as it was
    terminal.wait_for("Who met whom: 11 pairs")
    terminal.send("Escape")
    terminal.wait_until(
        lambda shown: "event · asean-japan-idmm-2025" in shown and "Who met whom" not in shown,
        "the browser as it was",
    )

    terminal.send("f")  # the facets of the query: everything
    terminal.wait_for("Facets (63 results)")
    for _ in range(5):  # past the kinds, down to Japan, the first country
        terminal.send("Down")
    terminal.send("Enter")
    terminal.wait_for("country:JP")
    terminal.wait_for("Facets (8 results)")
    terminal.send("C-q")
    terminal.wait_for("EXIT=0")


# An editor that shows how it was called, waits for Enter (the reader "editing"), then changes
# the role of the person and exits.
FAKE_EDITOR = """#!/bin/sh
echo "FAKE EDITOR $*"
read answer
sed -i 's/role: Minister of National Defence$/role: Minister of National Defence (edited)/' "$2"
"""


def test_e_hands_the_terminal_to_the_editor_and_the_edit_shows_when_it_exits(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(PROJECT / "briefings", folder)
    editor = tmp_path / "vi"  # named vi, so it is given +LINE FILE
    editor.write_text(FAKE_EDITOR)
    editor.chmod(0o755)
    with running(tmp_path, str(folder), cwd=tmp_path, EDITOR=str(editor), VISUAL="") as term:
        term.wait_for("index rebuilt")
        term.type("giang")
        term.wait_for("People (1)")
        term.send("Down")  # to him: the person named
        term.wait_until(lambda shown: focused_pane(shown) == "People", "the People pane focused")
        term.send("e")
        shown = term.wait_for("FAKE EDITOR +")
        assert "People (" not in shown  # the app gave the terminal to the editor
        called = shown[shown.index("FAKE EDITOR +") :].split()
        line, path = int(called[2][1:]), called[3]
        assert "id: phan-van-giang" in Path(path).read_text().splitlines()[line - 1]
        term.send("Enter")  # the editor saves and exits
        term.wait_for("1 briefing changed")
        term.send("Enter")  # open him: his role as edited
        term.wait_for("Minister of National Defence (edited)")
