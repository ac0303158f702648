"""Hostile text for the display tests: payloads, a Hypothesis strategy, briefings built from
them, and helpers that read what the app would send to the terminal (the compositor's cells).

Every payload carries ``PWNED`` so that its traces can be told apart from the legitimate escape
sequences Textual writes itself.
"""

from __future__ import annotations

import asyncio
import contextvars
import unicodedata
from collections.abc import Coroutine, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from hypothesis import strategies as st
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from app_fixtures import SIZE, settle
from dragoman.app import DragomanApp
from dragoman.text import printable

T = TypeVar("T")

# Markup Textual (or Rich) would act on, and bytes a terminal would act on. Each is unique.
PAYLOADS: dict[str, str] = {
    "click": "[@click=app.quit]PWNED-click[/]",
    "link": "[link=https://pwned.example/PWNED-link]PWNED-link[/link]",
    "closing-tags": "[/foo] PWNED-close [/] [/bold]",
    "variable": "[$var] PWNED-var [$text-error]x[/]",
    "backslash": "[bold]PWNED-backslash\\",
    "escaped-bracket": "\\[bold]PWNED-escaped\\\\",
    "csi": "\x1b[2J\x1b[31mPWNED-csi\x1b[0m",
    "osc52": "\x1b]52;c;UFdORUQtY2xpcA==\x07",  # base64 of "PWNED-clip": a clipboard write
    "osc0": "\x1b]0;PWNED-title\x07",
    "osc2-st": "\x1b]2;PWNED-title2\x1b\\",
    "osc8": "\x1b]8;;https://pwned.example/PWNED-osc8\x1b\\PWNED-osc8\x1b]8;;\x1b\\",
    "c1-csi": "\x9b2J\x9b31mPWNED-c1",
    "nul": "PWNED-nul\x00",
    "bel": "PWNED-bel\x07",
    "bidi": "PWNED-\u202ebidi\u2066",
    "breaks": "PWNED\r\nbreaks\x0bvt\x0cff\x85nel\u2028ls",
}
EVERY_PAYLOAD = " ".join(PAYLOADS.values())

# Pieces Hypothesis strings are made of, besides any character at all.
FRAGMENTS: list[str] = [
    *"[]/@$=\\;: ",
    "[/]",
    "[/foo]",
    "[b]",
    "[@click=app.quit]",
    "[link=https://pwned.example]",
    "[$var]",
    "\x1b",
    "\x1b[",
    "\x1b]",
    "\x1b]52;c;",
    "\x1b]0;",
    "\x1b]8;;",
    "\x1b\\",
    "\x07",
    "\x9b",
    "\x00",
    "\x7f",
    "\r",
    "\n",
    "\t",
    "\x85",
    "\u2028",
    "\u202e",
    "\u200b",
    "\ufeff",
    "é",
    "Đ",
    "中",
    "😀",
    "e\u0301",
    "\u00a0",
]


def hostile_text(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Any text, biased to markup, escape sequences and control characters."""
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(list(PAYLOADS.values())),
        st.characters(codec="utf-8"),
    )
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


# -- what must never be drawn --------------------------------------------------------------

FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
SCROLLBAR_ACTIONS = frozenset({"grab", "scroll_up", "scroll_down"})


def bad_characters(text: str) -> list[str]:
    """Characters a terminal could act on (or that hide text): control, format, separators."""
    return [c for c in text if unicodedata.category(c) in FORBIDDEN_CATEGORIES]


def segment_problems(segments: Iterable[Segment]) -> list[str]:
    """Control characters, hyperlinks and click actions in rendered segments."""
    problems: list[str] = []
    for segment in segments:
        if segment.control:
            problems.append(f"a control segment {segment.control!r}")
        bad = bad_characters(segment.text)
        if bad:
            problems.append(f"control characters {bad!r} in {segment.text!r}")
        style = segment.style
        if style is None:
            continue
        if style.link:
            problems.append(f"a hyperlink to {style.link!r} on {segment.text!r}")
        for key, value in style.meta.items():
            # Textual's scrollbars carry "@mouse.down"; nothing else may carry an action.
            if key.startswith("@") and not (key == "@mouse.down" and value in SCROLLBAR_ACTIONS):
                problems.append(f"an action {key}={value!r} on {segment.text!r}")
    return problems


def content_problems(content: Content) -> list[str]:
    return segment_problems(content.render_segments(Style()))


def squeeze(text: str) -> str:
    """Text without whitespace: wrapping moves line breaks and spaces, never other characters."""
    return "".join(text.split())


def shown(text: str) -> str:
    """How a piece of user text must look wherever it is drawn."""
    return squeeze(printable(text))


# -- the screen as the terminal gets it ----------------------------------------------------


def screen_strips(app: DragomanApp) -> list[Strip]:
    """Every line of cells the compositor would write now (modal screens over their base)."""
    return list(app.screen._compositor.render_strips())


def region_lines(app: DragomanApp, region: Region, strips: list[Strip] | None = None) -> list[str]:
    """The text of the cells in ``region`` (screen coordinates), one string per line."""
    strips = screen_strips(app) if strips is None else strips
    return [
        strips[y].crop(region.x, region.right).text
        for y in range(max(region.y, 0), min(region.bottom, len(strips)))
    ]


def region_text(app: DragomanApp, region: Region) -> str:
    return "\n".join(region_lines(app, region))


async def scrolled_lines(pilot: Pilot[None], widget: ScrollView) -> tuple[list[str], list[str]]:
    """Every line of a scrolling widget as drawn, page by page (scrolled back to the top
    after), and the problems found on the screen on the way."""
    app: DragomanApp = pilot.app  # type: ignore[assignment]
    region = widget.scrollable_content_region
    total = max(widget.virtual_size.height, 1)
    lines: list[str] = []
    problems: list[str] = []
    top = 0
    while top < total:
        widget.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        strips = screen_strips(app)
        page = region_lines(app, region, strips)
        lines += page[max(top - round(widget.scroll_y), 0) :]
        problems += screen_problems(app, strips=strips)
        top += max(region.height, 1)
    widget.scroll_to(y=0, animate=False, immediate=True)
    await pilot.pause()
    return lines[:total], problems


def screen_problems(
    app: DragomanApp,
    *,
    skip: Region | None = None,
    only: Region | None = None,
    strips: list[Strip] | None = None,
) -> list[str]:
    """Control characters, links or actions anywhere on the screen: outside ``skip``, or
    inside ``only``."""
    problems: list[str] = []
    strips = screen_strips(app) if strips is None else strips
    for y, strip in enumerate(strips):
        if only is not None:
            parts = [strip.crop(only.x, only.right)] if only.y <= y < only.bottom else []
        elif skip is not None and skip.y <= y < skip.bottom:
            parts = [strip.crop(0, skip.x), strip.crop(skip.right, strip.cell_length)]
        else:
            parts = [strip]
        for part in parts:
            problems += [f"line {y}: {p}" for p in segment_problems(part)]
    return problems


# -- briefings made of hostile text ----------------------------------------------------------

MARKER = "zqxhostile"
HOSTILE_IDS = ("mallory", "pwned-org", "pwned-summit", "pwned-plan", "briefing:2025-01-01-hostile")


def hostile_briefing(text: str, *, marker: str = MARKER) -> dict[str, Any]:
    """A briefing whose every free-text field (and its entities') holds ``text``; ``marker``
    is a plain word in the aliases and the text, to find the entities by."""
    date = "2025-01-01"
    return {
        "id": f"{date}-hostile",
        "title": text,
        "date": date,
        "summary": text,
        "tags": ["pwned"],
        "source": {
            "publisher": text,
            "author": text,
            "translator": text,
            "url": "https://example.org/" + marker,
        },
        "text": f"{text}\n{marker} {text}",
        "people": [
            {
                "id": "mallory",
                "name": text,
                "aliases": [text, marker],
                "rank": text,
                "role": text,
                "organization": "pwned-org",
                "summary": text,
            }
        ],
        "organizations": [
            {"id": "pwned-org", "name": text, "aliases": [marker], "kind": text, "summary": text}
        ],
        "events": [
            {
                "id": "pwned-summit",
                "title": text,
                "date": date,
                "kind": text,
                "place": text,
                "organizations": ["pwned-org"],
                "participants": ["mallory"],
                "summary": text,
            }
        ],
        "proposals": [
            {
                "id": "pwned-plan",
                "title": text,
                "by": "mallory",
                "at": "pwned-summit",
                "to": ["pwned-org"],
                "summary": text,
            }
        ],
    }


def dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)


def raw_control_yaml(text: str) -> bytes:
    """A briefing with raw control bytes (ESC, BEL) that the loader refuses as it is."""
    return (
        f"id: 2025-01-09-raw\ntitle: raw \x1b]0;PWNED-raw-title\x07 {text}\ndate: 2025-01-09\n"
    ).encode()


def file_name(text: str, prefix: str) -> str:
    """A file name made of ``text``: no slash or NUL, short enough for any file system."""
    cleaned = text.replace("/", "_").replace("\x00", "_")
    encoded = cleaned.encode("utf-8")[:150].decode("utf-8", "ignore")
    return f"{prefix}{encoded}.yaml"


RAW_FILE = file_name(PAYLOADS["osc0"] + PAYLOADS["c1-csi"], "raw-")


def hostile_files(text: str = EVERY_PAYLOAD) -> dict[str, bytes]:
    """A briefing made of ``text``, an older one that contradicts it (histories and name
    conflicts) and a file of raw control bytes; every file is named after hostile text."""
    older = hostile_briefing(f"older {text}")
    older["id"] = "2024-12-31-older"
    older["date"] = "2024-12-31"
    older["events"][0]["date"] = "2024-12-31"
    return {
        file_name(text, "hostile-"): dump(hostile_briefing(text)).encode("utf-8"),
        file_name(text, "older-"): dump(older).encode("utf-8"),
        RAW_FILE: raw_control_yaml(text),
    }


def write_hostile_folder(folder: Path, text: str = EVERY_PAYLOAD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in hostile_files(text).items():
        (folder / name).write_bytes(data)
    return folder


# -- an app that stays up across Hypothesis examples -------------------------------------------


@dataclass
class AppSession:
    """A running app (headless, 120x40) driven from synchronous code, one coroutine at a time.

    The app's tasks only advance while :meth:`run` runs; every coroutine runs in the context
    the app was started in (Textual keeps the active app in a context variable).
    """

    app: DragomanApp
    pilot: Pilot[None]
    loop: asyncio.AbstractEventLoop
    context: contextvars.Context

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        task = self.loop.create_task(coroutine, context=self.context)
        return self.loop.run_until_complete(task)

    def check_alive(self) -> None:
        """No action ran: the app still runs, on its main screen, and raised nothing."""
        app = self.app
        assert app.is_running, "the app stopped"
        assert app._exception is None, app._exception
        assert app.return_code is None, "the app was told to quit"
        assert len(app.screen_stack) == 1, f"a screen was pushed: {app.screen_stack}"


@contextmanager
def app_session(root: Path) -> Iterator[AppSession]:
    loop = asyncio.new_event_loop()
    context = contextvars.copy_context()
    app = DragomanApp(root)
    manager = app.run_test(size=SIZE, notifications=True, tooltips=True)

    def run(coroutine: Coroutine[Any, Any, T]) -> T:
        return loop.run_until_complete(loop.create_task(coroutine, context=context))

    try:
        pilot = run(manager.__aenter__())
        try:
            session = AppSession(app, pilot, loop, context)
            session.run(settle(pilot))
            yield session
        finally:
            run(manager.__aexit__(None, None, None))
    finally:
        loop.close()
