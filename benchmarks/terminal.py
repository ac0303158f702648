"""The real app in a pseudo-terminal, read through a terminal emulator (pyte).

What a user waits for is what the terminal shows: this starts ``dragoman PATH`` under a pty,
feeds everything it writes to an emulated 120x40 screen, and times how long the screen takes to
show something (the search bar: first paint) or the lists (first results).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

COLUMNS, LINES = 120, 40
PLACEHOLDER = "Search: words"
# a pane title once the lists are filled: "Events (1,234)" or "Events (500 of 1,234)"
FILLED = re.compile(r"Events \(\d")


def dragoman_command() -> str:
    script = Path(sys.executable).with_name("dragoman")
    if not script.exists():
        raise SystemExit(f"{script} is missing: run `make setup` first")
    return str(script)


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a running process, in MB."""
    values = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class Terminal:
    """One run of the app in a pty, with an emulated screen."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        full_env = {**os.environ, **env, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        full_env.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [dragoman_command(), str(root)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float) -> bool:
        """Read what the app wrote within ``timeout`` seconds; False once it has exited."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.stream.feed(data)
        return True

    def wait_for(self, done: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Seconds from the start of the process until ``done(screen text)`` holds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            alive = self.pump(0.005)
            if done(self.text()):
                return time.perf_counter() - self.started
            if not alive:
                break
        raise TimeoutError(f"the screen never showed what was awaited:\n{self.text()}")

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.type("\x03")  # ctrl+c quits
                deadline = time.perf_counter() + 5
                while self.process.poll() is None and time.perf_counter() < deadline:
                    self.pump(0.02)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            os.close(self.master)


def startup(root: Path, env: dict[str, str], query: str = "") -> dict[str, float]:
    """Time to first paint and first results of one start of the app; its memory after
    the first results (and after ``query`` when one is given)."""
    term = Terminal(root, env)
    try:
        paint = term.wait_for(lambda text: PLACEHOLDER in text)
        results = term.wait_for(lambda text: FILLED.search(text) is not None)
        rss, _ = rss_mb(term.process.pid)
        out = {"first_paint": paint, "first_results": results, "rss_mb": rss}
        if query:
            before = _titles(term.text())
            term.type(query)
            # the lists have changed for the query once their titles show other counts
            term.wait_for(lambda text: _titles(text) != before and query in text)
            # the memory with the corpus loaded: once the library is (the status says so)
            term.wait_for(lambda text: "index ready" in text or "index rebuilt" in text)
            out["rss_after_query_mb"], out["peak_rss_mb"] = rss_mb(term.process.pid)
        return out
    finally:
        term.close()


def _titles(text: str) -> list[str]:
    return re.findall(r"(?:Events|People|Proposals|Organizations|Briefings) \([^)]*\)", text)
