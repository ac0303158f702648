"""y and c through a real terminal: the installed ``dragoman`` command in a pseudo-terminal, on
the bundled briefings, writes the id and then the citation of the selected row as OSC 52
clipboard sequences (what a terminal, or tmux with ``set-clipboard on``, copies), and shows a
notification saying what it copied.

Uses the pseudo-terminal of :mod:`test_hostile_pty`; waits are for what the terminal shows.
"""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dragoman.library.citation import citation
from dragoman.library.library import load_library
from test_hostile_pty import DRAGOMAN, Terminal, private_env

BUNDLED = Path(__file__).resolve().parent.parent / "briefings"
# OSC 52 to the clipboard, ended by BEL or by ST
CLIPBOARD = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
    pytest.mark.skipif(
        not DRAGOMAN.exists(), reason=f"the dragoman command is not installed at {DRAGOMAN}"
    ),
]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """dragoman on the bundled briefings, with its cache, config and home inside ``tmp_path``."""
    env = private_env(tmp_path / "home")
    term = Terminal([str(DRAGOMAN), str(BUNDLED)], cwd=tmp_path, env=env)
    try:
        yield term
    finally:
        term.close()


def copied(data: bytes) -> list[str]:
    """Every text written to the clipboard, in order."""
    return [base64.b64decode(m).decode("utf-8") for m in CLIPBOARD.findall(data)]


def test_y_and_c_write_the_clipboard_through_the_terminal(terminal: Terminal) -> None:
    library = load_library(BUNDLED)
    newest = library.of_kind("event")[0]  # the events pane lists the newest first
    term = terminal
    term.wait_for("index rebuilt")
    term.wait_for("Events (7)")
    term.send(b"\t")  # out of the search bar: the events pane, its first row selected
    term.wait_for("⏎ Open")
    assert copied(bytes(term.output)) == []
    term.send(b"y")
    term.wait_for(f"Copied the id {newest.id}")
    assert copied(bytes(term.output[term.mark :])) == [newest.id]
    term.send(b"c")
    term.wait_for("Copied a citation with 1 source:")
    assert copied(bytes(term.output[term.mark :])) == [citation(library, newest) + "\n"]
    term.send(b"\x03")  # ctrl+c quits
    assert term.wait_for_exit() == 0
