"""The installed ``dragoman`` command in a pseudo-terminal, on briefings full of escape
sequences and markup: every byte the app writes is collected, and none of the payloads reaches
the terminal as a sequence it would act on (clipboard, title, hyperlink, C1 CSI, bell); the
reader sees them escaped instead (``\\x1b]52;...``).

Textual writes legitimate sequences of its own (CSI for the cursor and colours, DEC private
modes, an OSC 22 pointer shape ending in BEL); the assertions are on the payloads' forms, each
of which carries ``PWNED``.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import dragoman
from dragoman.text import printable
from hostile_fixtures import MARKER, PAYLOADS, RAW_FILE, dump, write_hostile_folder

DRAGOMAN = Path(sys.executable).parent / "dragoman"
SOURCE = str(Path(dragoman.__file__).resolve().parent.parent)
COLUMNS, LINES = 120, 40
WAIT = 15.0  # seconds for any one thing to show; the whole test takes about three

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
    pytest.mark.skipif(
        not DRAGOMAN.exists(), reason=f"the dragoman command is not installed at {DRAGOMAN}"
    ),
]

# What a terminal would act on, as bytes; each is looked for in everything the app wrote.
CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")
OSC = re.compile(rb"\x1b\](\d*)[;]?(.*?)(?:\x07|\x1b\\)", re.DOTALL)
OTHER_ESCAPE = re.compile(rb"\x1b[@-Z\\-_]")
C1 = re.compile("[\x80-\x9f]")


def visible(data: bytes) -> str:
    """The text a terminal would show: every escape sequence taken out."""
    text = OSC.sub(b"", data)
    text = CSI.sub(b"", text)
    text = OTHER_ESCAPE.sub(b"", text)
    return text.decode("utf-8", errors="replace")


class Terminal:
    """A pseudo-terminal of 120x40 running one command; reads everything it writes."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        try:
            self.master, slave = pty.openpty()
        except OSError as exc:  # no /dev/ptmx in some sandboxes
            pytest.skip(f"cannot open a pseudo-terminal: {exc}")
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.output = bytearray()
        self.mark = 0
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)

    def read(self, timeout: float) -> int:
        """Read what is written within ``timeout`` seconds: how many bytes, or -1 once the
        terminal is closed (the command exited and everything it wrote was read)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: nothing is left to read and nobody writes any more
            return -1
        self.output.extend(chunk)
        return len(chunk) or -1

    def send(self, data: bytes) -> None:
        """Type ``data``; what is waited for next must be written after this."""
        self.mark = len(self.output)
        os.write(self.master, data)

    def wait_for(self, text: str, timeout: float = WAIT) -> None:
        """Read until ``text`` is shown (written since the last key sent)."""
        deadline = time.monotonic() + timeout
        while text not in visible(bytes(self.output[self.mark :])):
            left = deadline - time.monotonic()
            if left <= 0 or self.read(min(left, 0.2)) < 0:
                shown = visible(bytes(self.output[self.mark :]))[-3000:]
                pytest.fail(f"never saw {text!r}; the terminal showed last:\n{shown}")

    def wait_for_exit(self, timeout: float = WAIT) -> int:
        """Read until the command exits, then what it left in the terminal; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        while self.read(0.05) > 0:
            pass
        return self.process.wait(timeout=max(deadline - time.monotonic(), 0.1))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self.master)


def private_env(home: Path) -> dict[str, str]:
    """The environment of dragoman in a pseudo-terminal: its home, cache, config and data
    folders made inside ``home``, never the reader's own."""
    for sub in ("cache", "config", "data", "state", "dragoman-cache", "dragoman-config"):
        (home / sub).mkdir(parents=True, mode=0o700)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": SOURCE,  # the dragoman these tests import, whatever the venv points to
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "DRAGOMAN_CACHE_DIR": str(home / "dragoman-cache"),
        "DRAGOMAN_CONFIG_DIR": str(home / "dragoman-config"),
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }


@pytest.fixture
def hostile_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """dragoman on a folder of hostile briefings (its own name hostile too), with its cache,
    config and home inside ``tmp_path``."""
    folder = write_hostile_folder(tmp_path / f"briefings {PAYLOADS['osc2-st']}")
    (folder / "payloads.yaml").write_text(dump(PAYLOAD_BRIEFING), encoding="utf-8")
    env = private_env(tmp_path / "home")
    terminal = Terminal([str(DRAGOMAN), folder.name], cwd=tmp_path, env=env)
    try:
        yield terminal
    finally:
        terminal.close()


PAYLOAD_WORD = "zqxpayload"
# Short names that begin with a payload, so that list rows (cut at the pane's width) show it.
PAYLOAD_BRIEFING = {
    "id": "2025-01-02-payloads",
    "title": "Payloads",
    "date": "2025-01-02",
    "organizations": [
        {"id": f"payload-{name}", "name": f"{payload} {PAYLOAD_WORD}", "kind": payload}
        for name, payload in PAYLOADS.items()
    ],
}


def assert_no_payload_reached_the_terminal(data: bytes) -> None:
    oscs: list[tuple[bytes, bytes]] = OSC.findall(data)
    assert b"\x1b]52" not in data, "an OSC 52 clipboard write"
    assert [o for o in oscs if o[0] in (b"0", b"1", b"2")] == [], "a window title was set"
    assert [o for o in oscs if o[0] == b"8" and b"pwned" in o[1].lower()] == [], "an OSC 8 link"
    assert [o for o in oscs if b"PWNED" in o[1]] == [], "a payload inside an OSC"
    assert b"\x1b[2J\x1b[31mPWNED" not in data, "the payload's CSI"
    text = data.decode("utf-8", errors="replace")
    assert "\ufffd" not in text, "bytes that are not UTF-8 (a lone 0x9b?)"
    assert C1.findall(text) == [], "a C1 control character (U+009B is CSI)"
    assert b"\xc2\x9b" not in data, "U+009B (C1 CSI)"
    assert b"\x00" not in data, "a NUL"
    assert b"PWNED-bel\x07" not in data and b"PWNED-title\x07" not in data
    # Textual's own BEL: only the end of its OSC 22 pointer shape
    assert b"\x07" not in re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", data), "a BEL"
    # every ESC left belongs to a sequence of Textual's own
    rest = OTHER_ESCAPE.sub(b"", CSI.sub(b"", OSC.sub(b"", data)))
    assert b"\x1b" not in rest, rest[rest.index(b"\x1b") - 40 : rest.index(b"\x1b") + 40]


def test_hostile_briefings_never_reach_the_terminal_as_escape_sequences(
    hostile_terminal: Terminal,
) -> None:
    term = hostile_terminal
    term.wait_for("index rebuilt")
    term.wait_for("People (1)")

    term.send(PAYLOAD_WORD.encode())  # organizations named with a payload first
    term.wait_for(f"Organizations ({len(PAYLOADS)})")
    term.send(b"\r")  # to their list, which grows to show them
    term.wait_for("⏎ Open")  # the footer shows the keys of the focused list
    term.send(b"jjjj\r")  # open the fifth row, a payload too: the breadcrumb shows its name
    term.wait_for("Follow link")  # the detail has the focus
    term.send(b"/")  # back to the search bar
    term.wait_for("alt+←")
    term.send(b"\x15")  # ctrl+u empties it
    term.wait_for("Search: words")  # the placeholder
    term.send(MARKER.encode())  # the alias of the hostile person (and organization)
    term.wait_for("Organizations (1)")
    term.send(b"\r")  # to the results, once they are in: the people pane takes the focus
    term.wait_for("⏎ Open")  # the footer shows the keys of the focused list
    term.send(b"\r")  # open it: the detail takes the focus, the breadcrumb shows the name
    term.wait_for("Follow link")

    term.send(b"\x1bOQ")  # F2: the problems, the file of raw control bytes among them
    term.wait_for("Problems: ")
    term.send(b"\x1b[F")  # End: the last problem, which is the refused file's
    term.wait_for("control-character")
    term.send(b"\x1bOQ")  # F2 closes it
    term.wait_for("Follow link")  # the footer of the detail again

    term.send(b"\x10")  # ctrl+p: the palette, where the names are typed
    term.wait_for("Search for commands")
    term.send(MARKER.encode())
    term.wait_for("pwned-org")  # a hit of the search (the first ones list no organization)
    term.send(b"\x1b")  # escape closes the palette
    term.wait_for("Follow link")  # the footer of the detail again

    term.send(b"\x03")  # ctrl+c quits
    assert term.wait_for_exit() == 0
    data = bytes(term.output)

    assert_no_payload_reached_the_terminal(data)
    shown = visible(data)
    for expected in (
        "[@click=app.quit]PWNED-click[/]",
        "[/foo] PWNED-close [/] [/bold]",
        "[$var] PWNED-var [$text-error]x[/]",
        "\\x1b]52;c;UFdORUQtY2xpcA==\\x07",
        "\\x1b]0;PWNED-title\\x07",
        "\\x1b]8;;https://pwned.example/PWNED-osc8\\x1b\\",
        "\\x9b2J\\x9b31mPWNED-c1",
        "PWNED-nul\\x00",
        "PWNED-bel\\x07",
        "briefings \\x1b]2;PWNED-title2\\x1b\\",  # the folder's name, in the status line
        printable(RAW_FILE)[:30],  # the refused file, on the problems screen
    ):
        assert expected in shown, expected


def test_a_pasted_query_never_reaches_the_terminal_as_control_characters(
    hostile_terminal: Terminal,
) -> None:
    term = hostile_terminal
    term.wait_for("index rebuilt")
    term.send(b"\x1b[200~" + "\x9b2J\x9b31mPWNED-paste \x01".encode() + b"\x1b[201~")
    term.wait_for("Nothing matches")
    term.send(b"\x03")
    assert term.wait_for_exit() == 0
    data = bytes(term.output)
    assert b"\xc2\x9b" not in data, "a pasted C1 CSI reached the terminal"
    assert b"\x01" not in data, "a pasted SOH reached the terminal"
