"""What reading one briefing gives: its declarations, their values and where each was written.

Positions are packed (a shared layout of keys, two 32-bit numbers each) and texts compressed, so
that tens of thousands of parsed briefings fit in the index's state. Uses the field table.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import EntityKind

Value = str | list[str] | dict[str, str]


Position = tuple[int, int]


# the layouts of keys shared by Places (every person written with the same fields shares one)
_LAYOUTS: dict[tuple[str, ...], dict[str, int]] = {}


_MAX_LAYOUTS = 4096


_PAIR = struct.Struct("<II")


_MAX_PLACE = 2**32 - 1


_SHARED_TEXT = 80  # scalars this short are interned


class Places(Mapping[str, Position]):
    """Where each value of a briefing or declaration was written: key -> (line, column).

    A read-only mapping, packed: the keys are a layout shared with every other ``Places`` of
    the same keys, the positions two unsigned 32-bit numbers each in one ``bytes``. A library
    of 10,000 briefings holds over a million positions; as a dict of tuples they took 130 MB.
    """

    __slots__ = ("_layout", "_packed")

    def __init__(self, places: Mapping[str, Position] | None = None) -> None:
        places = places or {}
        keys = tuple(sys.intern(k) for k in places)
        layout = _LAYOUTS.get(keys)
        if layout is None:
            layout = {k: i for i, k in enumerate(keys)}
            if len(_LAYOUTS) < _MAX_LAYOUTS:
                _LAYOUTS[keys] = layout
        self._layout = layout
        flat: list[int] = []
        for line, column in places.values():
            flat += (min(max(line, 0), _MAX_PLACE), min(max(column, 0), _MAX_PLACE))
        self._packed = struct.pack(f"<{len(flat)}I", *flat)

    def __getitem__(self, key: str) -> Position:
        at = self._layout[key]
        line, column = _PAIR.unpack_from(self._packed, at * 8)
        return line, column

    def __iter__(self) -> Iterator[str]:
        return iter(self._layout)

    def __len__(self) -> int:
        return len(self._layout)

    def __contains__(self, key: object) -> bool:
        return key in self._layout

    def __repr__(self) -> str:
        return f"Places({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # the layout pickles once per pickle however many Places share it
        return (_unpickle_places, (self._layout, self._packed))


def _unpickle_places(layout: dict[str, int], packed: bytes) -> Places:
    keys = tuple(layout)
    shared = _LAYOUTS.get(keys)
    if shared is None and len(_LAYOUTS) < _MAX_LAYOUTS:
        shared = _LAYOUTS[keys] = layout
    places = Places.__new__(Places)
    places._layout = shared if shared is not None else layout
    places._packed = packed
    return places


@dataclass(slots=True)
class Declaration:
    """One entity as one briefing declares it, with the position of every value."""

    kind: EntityKind
    id: str
    line: int
    column: int
    values: dict[str, Value]
    positions: Places  # "field" and "field.N" for the Nth item of a list
    # fields written with a value the checks refused: missing from ``values``, never defaulted
    refused: tuple[str, ...] = ()

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def items(self, name: str) -> list[str]:
        value = self.values.get(name)
        return value if isinstance(value, list) else []

    def position(self, name: str, index: int | None = None) -> Position:
        if index is not None and f"{name}.{index}" in self.positions:
            return self.positions[f"{name}.{index}"]
        return self.positions.get(name, (self.line, self.column))

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "values": self.values,
            "positions": {k: list(v) for k, v in self.positions.items()},
            "refused": list(self.refused),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Declaration:
        return cls(
            data["kind"],
            data["id"],
            data["line"],
            data["column"],
            data["values"],
            Places({k: (v[0], v[1]) for k, v in data["positions"].items()}),
            tuple(data.get("refused", ())),
        )


@dataclass(slots=True)
class ParsedBriefing:
    """What one file yields: the briefing (when it can be used), its declarations, its problems."""

    path: str
    id: str | None = None
    values: dict[str, Value] = field(default_factory=dict)
    positions: Places = field(default_factory=Places)
    declarations: list[Declaration] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # the briefing's ``text`` (not in ``values``), compressed: see pack_text
    packed_text: bytes | None = None

    @property
    def ok(self) -> bool:
        return self.id is not None

    @property
    def text(self) -> str | None:
        return None if self.packed_text is None else unpack_text(self.packed_text)

    @property
    def all_values(self) -> dict[str, Value]:
        """``values`` with the text."""
        text = self.text
        return self.values if text is None else {**self.values, "text": text}

    @property
    def date(self) -> PartialDate:
        value = self.values.get("date")
        return PartialDate.parse(value) if isinstance(value, str) else PartialDate(1)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "values": self.all_values,
            "positions": {k: list(v) for k, v in self.positions.items()},
            "declarations": [d.to_json() for d in self.declarations],
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedBriefing:
        values = dict(data["values"])
        text = values.pop("text", None)
        return cls(
            data["path"],
            data["id"],
            values,
            Places({k: (v[0], v[1]) for k, v in data["positions"].items()}),
            [Declaration.from_json(d) for d in data["declarations"]],
            [Diagnostic.from_json(d) for d in data["diagnostics"]],
            pack_text(text) if isinstance(text, str) else None,
        )


def pack_text(text: str) -> bytes:
    """A briefing's text as kept in memory and in the index's state: UTF-8, compressed.

    Texts are most of a library's characters (53 million at 10,000 briefings, 98 MB as
    strings); packed they take about a quarter, and are unpacked for the few shown at a time
    (a snippet, the detail pane) in tens of microseconds."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack_text(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")
