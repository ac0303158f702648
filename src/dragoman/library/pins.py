"""Pins: the entities and briefings an analyst follows in one briefings folder, kept between
runs; what ``b``/``B`` in the app and ``dragoman pins`` read and write.

One JSON file per briefings folder, in dragoman's user data folder (``$DRAGOMAN_DATA_DIR``, else
platformdirs' ``user_data_dir("dragoman")``: ``~/.local/share/dragoman`` on Linux), under
``pins/`` and named from a hash of the folder's resolved path; the file holds that path too::

    {"version": 1, "folder": "/home/me/briefings",
     "pins": [{"kind": "person", "id": "phan-van-giang", "title": "Phan Van Giang",
               "pinned": "2025-11-02T09:14:03+00:00"}]}

Pins are kept latest first. Each remembers the kind and title it had when pinned, so a pin whose
entity has gone from the briefings is still shown (as missing), never dropped. A file that
cannot be read as pins is renamed aside (``NAME.damaged-YYYYmmddTHHMMSS``, kept for the reader)
and the folder starts with no pins; writing is atomic (a temporary file beside it, flushed to
disk, then renamed over it), and a write that fails raises :class:`PinsError` with a message
to show.

Uses the library's model only; no Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dragoman.files import write_atomically
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity

DATA_ENV = "DRAGOMAN_DATA_DIR"
VERSION = 1
MAX_BYTES = 8 * 1024 * 1024  # a pins file larger than this is not one dragoman wrote
BRIEFING = "briefing"


class PinsError(Exception):
    """The pins could not be written: ``message`` says where and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def data_dir() -> Path:
    """dragoman's user data folder: ``$DRAGOMAN_DATA_DIR``, else the platform's."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("dragoman", appauthor=False))


def folder_key(root: Path) -> str:
    """The resolved absolute path of a briefings folder: what its pins are filed under."""
    return str(Path(root).expanduser().resolve())


def pins_path(root: Path) -> Path:
    """Where the pins of the briefings folder ``root`` are kept."""
    digest = hashlib.sha256(folder_key(root).encode("utf-8", "surrogateescape")).hexdigest()
    return data_dir() / "pins" / f"{digest[:24]}.json"


@dataclass(frozen=True, slots=True)
class Pin:
    """One pin: what it points at, and its kind and title when it was pinned."""

    kind: str  # "briefing", or the entity's kind
    id: str
    title: str
    pinned: str  # when, as an ISO 8601 time in UTC

    @property
    def key(self) -> tuple[bool, str]:
        """What a pin is told apart by: a briefing and an entity may share an id."""
        return (self.kind == BRIEFING, self.id)


@dataclass(frozen=True, slots=True)
class Pins:
    """The pins of one briefings folder, latest first, and the file they live in."""

    folder: str
    path: Path
    items: tuple[Pin, ...] = ()
    # why the file must not be written over (damaged and could not be set aside, or not to be
    # read at all): writing would lose it; empty when all is well
    stuck: str = ""

    def has(self, kind: str, id_: str) -> bool:
        return key_of(kind, id_) in {pin.key for pin in self.items}


@dataclass(frozen=True, slots=True)
class Loaded:
    """Pins as read, and what to tell the reader about the file (empty when all went well)."""

    pins: Pins
    message: str = ""


def key_of(kind: str, id_: str) -> tuple[bool, str]:
    return (kind == BRIEFING, id_)


# -- reading -------------------------------------------------------------------------------


def _parse(data: Any) -> tuple[Pin, ...] | None:
    """The pins of a file's JSON, None when it is not the shape dragoman writes."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    items = data.get("pins")
    if not isinstance(items, list):
        return None
    pins: list[Pin] = []
    seen: set[tuple[bool, str]] = set()
    for item in items:
        if not isinstance(item, dict):
            return None
        kind, id_, title = item.get("kind"), item.get("id"), item.get("title")
        pinned = item.get("pinned", "")
        if not all(isinstance(v, str) for v in (kind, id_, title, pinned)) or not id_ or not kind:
            return None
        pin = Pin(str(kind), str(id_), str(title), str(pinned))
        if pin.key not in seen:  # a pin twice (edited by hand) counts once
            seen.add(pin.key)
            pins.append(pin)
    return tuple(pins)


def _aside(path: Path, now: datetime) -> Path:
    """A name beside ``path`` for the damaged file, used by nothing yet."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        number += 1
    return candidate


def load_pins(root: Path, *, now: datetime | None = None) -> Loaded:
    """The pins of the briefings folder ``root``: none when there is no file yet. A damaged
    file (unreadable, not JSON, not pins) is renamed aside and kept, and the message says so,
    naming both paths; this never raises."""
    folder = folder_key(root)
    path = pins_path(root)
    empty = Pins(folder, path)
    why = ""
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        return Loaded(empty)  # none yet (saving says why a folder in the way cannot hold one)
    except OSError as exc:
        said = f"The pins file {path} cannot be reached ({exc.strerror or exc})"
        return Loaded(
            replace(empty, stuck=f"{said}; it is left as it is."),
            f"{said}: no pins are shown, and none will be saved over it.",
        )
    try:
        if size > MAX_BYTES:
            why = f"it is too large ({size:,} bytes)"
        else:
            text = path.read_bytes().decode("utf-8")
            items = _parse(json.loads(text))
            if items is None:
                why = "it does not hold pins as dragoman writes them"
            else:
                return Loaded(Pins(folder, path, items))
    except FileNotFoundError:  # gone since the look
        return Loaded(empty)
    except UnicodeDecodeError:
        why = "it is not UTF-8 text"
    except json.JSONDecodeError as exc:
        why = f"it is not valid JSON ({exc.msg} at line {exc.lineno})"
    except RecursionError:
        why = "it is nested too deeply"
    except OSError as exc:
        why = f"it cannot be read ({exc.strerror or exc})"
    aside = _aside(path, now or datetime.now(UTC))
    try:
        os.replace(path, aside)
    except OSError as exc:
        said = f"The pins file {path} is damaged: {why}. It could not be set aside"
        return Loaded(
            replace(empty, stuck=f"{said}; move or delete it to pin again."),
            f"{said} ({exc.strerror or exc}), so no pins are shown and none will be saved "
            "over it; move or delete it to pin again.",
        )
    return Loaded(
        empty,
        f"The pins file {path} was damaged: {why}. It was set aside as {aside} (kept, to "
        "read or mend), and the pins start empty.",
    )


# -- writing -------------------------------------------------------------------------------


def _document(pins: Pins) -> str:
    data = {
        "version": VERSION,
        "folder": pins.folder,
        "pins": [
            {"kind": p.kind, "id": p.id, "title": p.title, "pinned": p.pinned} for p in pins.items
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_pins(pins: Pins) -> None:
    """Write the pins atomically: a temporary file in the same folder, flushed to disk, then
    renamed over the old one (a crash leaves the old file or the new, never half of one).
    Raises :class:`PinsError`."""
    path = pins.path
    if pins.stuck:
        raise PinsError(pins.stuck)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, _document(pins).encode("utf-8"))
        _sync_folder(path.parent)
    except OSError as exc:
        where = exc.filename or path
        raise PinsError(
            f"The pins could not be saved in {path.parent}: {exc.strerror or exc} ({where})."
        ) from exc


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of the renamed file (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def toggled(pins: Pins, item: Entity | Briefing, *, now: datetime | None = None) -> Pins:
    """The pins with ``item`` pinned (first, as the latest) or, when it was, unpinned."""
    return toggled_key(pins, item.kind, item.id, item.name, now=now)


def toggled_key(
    pins: Pins, kind: str, id_: str, title: str, *, now: datetime | None = None
) -> Pins:
    """:func:`toggled` by kind and id (a missing pin is unpinned this way)."""
    key = key_of(kind, id_)
    kept = tuple(pin for pin in pins.items if pin.key != key)
    if len(kept) != len(pins.items):
        return replace(pins, items=kept)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return replace(pins, items=(Pin(kind, id_, title, stamp), *kept))


# -- showing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PinRow:
    """A pin as shown: the current kind, title and date from the library, or, when its entity
    is gone, the kind and title it had when pinned and ``missing``."""

    id: str
    kind: str
    title: str
    date: str
    missing: bool
    pinned: str


def _find(library: Library, pin: Pin) -> Entity | Briefing | None:
    if pin.kind == BRIEFING:
        return library.briefings.get(pin.id)
    return library.entities.get(pin.id)


def pin_rows(pins: Pins, library: Library) -> list[PinRow]:
    """Every pin, latest first, as it stands in ``library`` now."""
    rows = []
    for pin in pins.items:
        item = _find(library, pin)
        if item is None:
            rows.append(PinRow(pin.id, pin.kind, pin.title, "", True, pin.pinned))
        else:
            rows.append(PinRow(item.id, item.kind, item.name, str(item.date), False, pin.pinned))
    return rows


def pins_json(rows: list[PinRow]) -> list[dict[str, Any]]:
    """``dragoman pins --json``: one object per pin, latest first, with the keys ``id``,
    ``kind``, ``title``, ``date`` (empty when missing), ``missing`` and ``pinned``."""
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "title": r.title,
            "date": r.date,
            "missing": r.missing,
            "pinned": r.pinned,
        }
        for r in rows
    ]


KIND_WIDTH = len("organization")


def pin_line(row: PinRow) -> str:
    """One pin as a line of text: kind, id, title, and date or ``missing``."""
    when = "missing" if row.missing else row.date
    return f"{row.kind:<{KIND_WIDTH}}  {row.id}  {row.title}  {when}"


def pins_lines(rows: list[PinRow]) -> list[str]:
    """``dragoman pins``: a line per pin, latest first, or a line saying there is none."""
    if not rows:
        return ["no pins: press b in the app on an entity or a briefing to pin it"]
    return [pin_line(row) for row in rows]
