"""The briefing format, version 1: its fields, its value types and the checks on one briefing.

One table (:data:`SECTIONS`) describes every field; the validator here and the JSON Schema in
:mod:`dragoman.schema` are both made from it, so the two cannot drift apart.
"""

from __future__ import annotations

import calendar
import difflib
import re
import struct
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import total_ordering
from typing import Any, Literal

from dragoman.diagnostics import Diagnostic, Severity
from dragoman.text import slugify
from dragoman.yamlsafe import MapNode, Node, ScalarNode, SeqNode

FORMAT_VERSION = 1

EntityKind = Literal["person", "organization", "event", "proposal"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "event", "proposal")
SECTION_OF_KIND: dict[str, str] = {
    "person": "people",
    "organization": "organizations",
    "event": "events",
    "proposal": "proposals",
}
KIND_OF_SECTION: dict[str, EntityKind] = {
    "people": "person",
    "organizations": "organization",
    "events": "event",
    "proposals": "proposal",
}
STATUSES = ("proposed", "agreed", "in-progress", "done", "stalled", "dropped")
DEFAULT_STATUS = "proposed"

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID_LENGTH = 200
DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

# ISO 3166-1 alpha-2: the officially assigned codes, plus XK (Kosovo), in common use.
_COUNTRY_TABLE = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW XK
"""
COUNTRY_CODES = frozenset(_COUNTRY_TABLE.split())


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date to the precision the source supports: ``2024``, ``2024-10`` or ``2024-10-01``."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``ValueError`` says what is wrong."""
        m = DATE_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if year < 1:
            raise ValueError(f"{text!r}: there is no year 0000; write a year from 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: the month must be 01 to 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"{text!r}: {calendar.month_name[month]} {year} has days 01 to {last:02d}"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: a less precise date sorts before every more precise date inside it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def last_key(self) -> tuple[int, int, int]:
        """The key of the last day this date covers (2024-10 covers up to 2024-10-31)."""
        if self.month is None:
            return (self.year, 12, 31)
        if self.day is None:
            return (self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return self.key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.key < other.key

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# --------------------------------------------------------------------------------------------
# The table of fields

FieldType = Literal[
    "text", "slug", "date", "country", "url", "status", "ref", "refs", "slugs", "texts", "source"
]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: FieldType
    doc: str
    required: bool = False
    targets: tuple[EntityKind, ...] = ()  # for ref/refs: the kinds a link may point to


def _f(
    name: str,
    type_: FieldType,
    doc: str,
    *,
    required: bool = False,
    targets: tuple[EntityKind, ...] = (),
) -> FieldSpec:
    return FieldSpec(name, type_, doc, required, targets)


_ID_DOC = (
    "the id: lowercase letters, digits and hyphens ([a-z0-9][a-z0-9-]*), global across briefings"
)
_SUMMARY = _f("summary", "text", "a summary in your own words")
_QUOTE = _f("quote", "text", "a phrase quoted verbatim from this briefing's text")
_ALIASES = _f("aliases", "texts", "other names or spellings (accent-free forms, acronyms)")
_COUNTRY = _f("country", "country", "ISO 3166-1 alpha-2 code in capitals (VN, JP, NO)")

BRIEFING_FIELDS: tuple[FieldSpec, ...] = (
    _f("id", "slug", "the briefing's id, unique among briefings", required=True),
    _f("title", "text", "the briefing's title", required=True),
    _f("date", "date", "YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the source", required=True),
    _f("summary", "text", "a summary in your own words"),
    _f("tags", "slugs", "topic slugs (maritime-security, hadr)"),
    _f("source", "source", "where the briefing comes from"),
    _f("text", "text", "the source text, shown and indexed"),
)
SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    _f("publisher", "text", "who published the source"),
    _f("url", "url", "the source's address (http or https)"),
    _f("published", "date", "when the source was published"),
    _f("author", "text", "who wrote the source"),
    _f("translator", "text", "who translated the source"),
)
ENTITY_FIELDS: dict[EntityKind, tuple[FieldSpec, ...]] = {
    "person": (
        _f(
            "id",
            "slug",
            "the name folded to ASCII, lowercased, hyphenated, in the source's word order",
            required=True,
        ),
        _f("name", "text", "the name as the source writes it", required=True),
        _ALIASES,
        _f("rank", "text", "military or civil rank (Senior Lieutenant General)"),
        _f("role", "text", "the office held as of this briefing's date"),
        _f("organization", "ref", "the organization the person serves", targets=("organization",)),
        _COUNTRY,
        _SUMMARY,
    ),
    "organization": (
        _f("id", "slug", _ID_DOC, required=True),
        _f("name", "text", "the organization's name", required=True),
        _ALIASES,
        _f("kind", "text", "a word: ministry, forum, bloc, working-group, initiative..."),
        _COUNTRY,
        _f("part_of", "ref", "the organization this one belongs to", targets=("organization",)),
        _SUMMARY,
    ),
    "event": (
        _f("id", "slug", _ID_DOC, required=True),
        _f("title", "text", "the event's title", required=True),
        _f("date", "date", "when it began: YYYY, YYYY-MM or YYYY-MM-DD", required=True),
        _f("end", "date", "when it ended, if it lasted more than a day"),
        _f("kind", "text", "a word: meeting, forum, dialogue, visit, reception, exercise..."),
        _f("place", "text", "where it was held"),
        _COUNTRY,
        _f("part_of", "ref", "the event this one was held within", targets=("event",)),
        _f(
            "follows",
            "ref",
            "the event this one follows (the 14th after the 13th)",
            targets=("event",),
        ),
        _f("organizations", "refs", "organizations taking part", targets=("organization",)),
        _f("chairs", "refs", "who chaired or co-chaired", targets=("person",)),
        _f("participants", "refs", "who took part", targets=("person",)),
        _SUMMARY,
        _QUOTE,
    ),
    "proposal": (
        _f("id", "slug", _ID_DOC, required=True),
        _f("title", "text", "what was proposed, in a line", required=True),
        _f(
            "by",
            "refs",
            "who proposed it: a person or organization id, or a list",
            required=True,
            targets=("person", "organization"),
        ),
        _f("at", "ref", "the event where it was proposed", targets=("event",)),
        _f("to", "refs", "who it was addressed to", targets=("person", "organization")),
        _f("areas", "slugs", "area slugs (hadr, maritime-security)"),
        _f("status", "status", "proposed, agreed, in-progress, done, stalled or dropped"),
        _f("follows", "ref", "the proposal this one takes up", targets=("proposal",)),
        _SUMMARY,
        _QUOTE,
    ),
}
SECTIONS = KIND_OF_SECTION  # section name -> entity kind
LINK_FIELDS: dict[EntityKind, tuple[FieldSpec, ...]] = {
    kind: tuple(f for f in specs if f.type in ("ref", "refs"))
    for kind, specs in ENTITY_FIELDS.items()
}
NAME_FIELD: dict[EntityKind, str] = {
    "person": "name",
    "organization": "name",
    "event": "title",
    "proposal": "title",
}

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


# --------------------------------------------------------------------------------------------
# Checking one briefing


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_TYPE_NAMES = {
    "text": "text",
    "slug": "an id",
    "date": "a date",
    "country": "a country code",
    "url": "an address",
    "status": "a status",
    "ref": "an id",
    "refs": "a list of ids",
    "slugs": "a list of slugs",
    "texts": "a list of texts",
    "source": "a mapping of publisher, url, published, author, translator",
}


def _describe(node: Node) -> str:
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, SeqNode):
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"the boolean {str(node.value).lower()} (quote it to make it text)"
    return "text"


class _Checker:
    """Checks the nodes of one file and collects values and diagnostics."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def report(self, line: int, column: int, severity: Severity, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, column, severity, code, message))

    def error(self, node: Node | ScalarNode, code: str, message: str) -> None:
        self.report(node.line, node.column, "error", code, message)

    def warning(self, node: Node | ScalarNode, code: str, message: str) -> None:
        self.report(node.line, node.column, "warning", code, message)

    # -- scalars --------------------------------------------------------------------------

    def scalar_text(self, node: Node, where: str, type_: FieldType = "text") -> str | None:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            value = node.value
            # ids, countries, roles and names recur across thousands of declarations: one
            # string each instead of a copy per declaration (and per pickled state)
            return sys.intern(value) if len(value) <= _SHARED_TEXT else value
        if isinstance(node, ScalarNode) and node.value is None:
            return None
        self.error(
            node,
            "wrong-type",
            f"{where} must be {_TYPE_NAMES[type_]}, but is {_describe(node)}",
        )
        return None

    def slug(self, node: Node, where: str, *, what: str = "an id") -> str | None:
        text = self.scalar_text(node, where, "slug")
        if text is None:
            return None
        if not SLUG_RE.fullmatch(text) or len(text) > MAX_ID_LENGTH:
            suggestion = slugify(text)
            hint = f"; try {suggestion!r}" if suggestion and SLUG_RE.fullmatch(suggestion) else ""
            self.error(
                node,
                "bad-id",
                f"{where}: {text!r} is not {what}: use lowercase letters, digits and hyphens, "
                f"starting with a letter or digit{hint}",
            )
            return None
        return text

    def value(
        self, spec: FieldSpec, node: Node, where: str
    ) -> tuple[Value | None, dict[int, Position]]:
        """The checked value of one field, and the positions of list items."""
        label = f"{where}{spec.name}"
        positions: dict[int, Position] = {}
        t = spec.type
        if t in ("refs", "slugs", "texts"):
            items = node.items if isinstance(node, SeqNode) else [node]
            if isinstance(node, MapNode):
                self.error(
                    node, "wrong-type", f"{label} must be {_TYPE_NAMES[t]}, but is a mapping"
                )
                return None, positions
            out: list[str] = []
            for item in items:
                if t == "texts":
                    got = self.scalar_text(item, f"an item of {label}")
                else:
                    got = self.slug(
                        item, f"an item of {label}", what="an id" if t == "refs" else "a slug"
                    )
                if got is not None and got not in out:
                    positions[len(out)] = (item.line, item.column)
                    out.append(got)
            return out, positions
        if t == "source":
            if not isinstance(node, MapNode):
                self.error(
                    node,
                    "wrong-type",
                    f"{label} must be {_TYPE_NAMES[t]}, but is {_describe(node)}",
                )
                return None, positions
            source: dict[str, str] = {}
            known = {s.name: s for s in SOURCE_FIELDS}
            for key, (key_node, value_node) in node.items.items():
                sub = known.get(key)
                if sub is None:
                    self.error(
                        key_node,
                        "unknown-field",
                        f"unknown field {key!r} in source{did_you_mean(key, list(known))}; "
                        f"source takes {', '.join(known)}",
                    )
                    continue
                sub_value, _ = self.value(sub, value_node, "source.")
                if isinstance(sub_value, str):
                    source[key] = sub_value
            return source, positions
        if t in ("slug", "ref"):
            return self.slug(node, label), positions
        text = self.scalar_text(node, label, t)
        if text is None:
            return None, positions
        if t == "date":
            try:
                PartialDate.parse(text)
            except ValueError as exc:
                self.error(node, "bad-date", f"{label}: {exc}")
                return None, positions
            return text.strip(), positions
        if t == "country":
            if text not in COUNTRY_CODES:
                hint = (
                    f" (write it in capitals: {text.upper()!r})"
                    if text.upper() in COUNTRY_CODES
                    else ""
                )
                self.error(
                    node,
                    "bad-country",
                    f"{label}: {text!r} is not an ISO 3166-1 alpha-2 country code{hint}; "
                    "use two capital letters such as VN, JP or NO",
                )
                return None, positions
            return text, positions
        if t == "status":
            if text not in STATUSES:
                self.error(
                    node,
                    "bad-status",
                    f"{label}: {text!r} is not a status{did_you_mean(text, STATUSES)}; use one of "
                    f"{', '.join(STATUSES)}",
                )
                return None, positions
            return text, positions
        if t == "url" and not re.match(r"https?://\S+$", text):
            self.warning(
                node,
                "bad-url",
                f"{label}: {text!r} is not an http or https address; check the source's URL",
            )
        return text, positions

    # -- mappings -------------------------------------------------------------------------

    def fields(
        self,
        node: MapNode,
        specs: tuple[FieldSpec, ...],
        where: str,
        *,
        extra: tuple[str, ...] = (),
    ) -> tuple[dict[str, Value], Places]:
        known = {s.name: s for s in specs}
        values: dict[str, Value] = {}
        positions: dict[str, Position] = {}
        for key, (key_node, value_node) in node.items.items():
            if key in extra:
                continue
            spec = known.get(key)
            if spec is None:
                choices = [*known, *extra]
                self.error(
                    key_node,
                    "unknown-field",
                    f"unknown field {key!r}{' in ' + where.rstrip('.') if where else ''}"
                    f"{did_you_mean(key, choices)}; it was ignored. Known fields: "
                    f"{', '.join(choices)}",
                )
                continue
            got, item_positions = self.value(spec, value_node, where)
            if got is None:
                continue
            # the field's own name (one string for every declaration), not the file's copy
            values[spec.name] = got
            positions[spec.name] = (value_node.line, value_node.column)
            for index, pos in item_positions.items():
                positions[f"{spec.name}.{index}"] = pos
        return values, Places(positions)

    def missing(
        self,
        node: MapNode,
        specs: tuple[FieldSpec, ...],
        values: dict[str, Value],
        what: str,
        after: str = "",
    ) -> bool:
        """Report required fields without a valid value; true when some are missing."""
        absent = [
            s.name
            for s in specs
            if s.required and (s.name not in values or values[s.name] in ("", []))
        ]
        if absent:
            fields = ", ".join(absent)
            self.error(
                node,
                "missing-field",
                f"{what} was skipped: it has no valid {fields}; add "
                f"{'it' if len(absent) == 1 else 'them'}{after}",
            )
        return bool(absent)


def check_briefing(path: str, root: Node | None) -> ParsedBriefing:
    """Check the composed nodes of one file and return what it declares."""
    result = ParsedBriefing(path)
    checker = _Checker(path)
    if root is None:
        checker.report(
            1, 1, "error", "empty", "the file holds no briefing; write one or delete the file"
        )
        result.diagnostics = checker.diagnostics
        return result
    if not isinstance(root, MapNode):
        checker.error(
            root,
            "not-a-mapping",
            "a briefing is a mapping (id:, title:, date:...), but this file holds "
            f"{_describe(root)}",
        )
        result.diagnostics = checker.diagnostics
        return result

    values, positions = checker.fields(root, BRIEFING_FIELDS, "", extra=tuple(SECTIONS))
    if checker.missing(root, BRIEFING_FIELDS, values, "the briefing", " (none of it loaded)"):
        result.diagnostics = checker.diagnostics
        return result
    result.id = str(values["id"])
    text = values.pop("text", None)
    result.values = values
    result.positions = positions
    if isinstance(text, str):
        result.packed_text = pack_text(text)
    entries: list[tuple[Node, EntityKind, str]] = []
    for section, kind in SECTIONS.items():
        if section not in root.items:
            continue
        section_node = root.items[section][1]
        if isinstance(section_node, ScalarNode) and section_node.value is None:
            continue
        if not isinstance(section_node, SeqNode):
            checker.error(
                section_node,
                "wrong-type",
                f"{section} must be a list of entries (each starting with '- id:'), "
                f"but is {_describe(section_node)}",
            )
            continue
        entries.extend((item, kind, section) for item in section_node.items)
    entries.sort(key=lambda e: (e[0].line, e[0].column))  # file order, across sections
    seen: dict[str, Declaration] = {}
    for item, kind, section in entries:
        decl = _check_entity(checker, kind, item, section)
        if decl is None:
            continue
        first = seen.get(decl.id)
        if first is not None:
            again = (
                "twice in this briefing"
                if first.kind == kind
                else f"as {_article(kind)} here but as {_article(first.kind)}"
            )
            checker.error(
                item,
                "duplicate-id",
                f"{decl.id!r} is declared {again} at line {first.line}; one id names one "
                "entity: merge the entries or rename one (this one was skipped)",
            )
            continue
        seen[decl.id] = decl
        quote = decl.text("quote")
        if isinstance(text, str) and quote and not quote_in_text(quote, text):
            line, column = decl.position("quote")
            checker.report(
                line,
                column,
                "warning",
                "quote-not-found",
                f"the quote of {decl.id!r} is not in this briefing's text; quote it "
                "verbatim or move it to the summary",
            )
        result.declarations.append(decl)
    result.diagnostics = checker.diagnostics
    return result


def _check_entity(
    checker: _Checker, kind: EntityKind, node: Node, section: str
) -> Declaration | None:
    if not isinstance(node, MapNode):
        checker.error(
            node,
            "wrong-type",
            f"each entry of {section} must be a mapping starting with 'id:', but this is "
            f"{_describe(node)}; it was skipped",
        )
        return None
    specs = ENTITY_FIELDS[kind]
    id_node = node.items.get("id", (None, None))[1]
    has_id = isinstance(id_node, ScalarNode) and isinstance(id_node.value, str)
    label = f"{kind} {id_node.value!r}" if has_id else f"a {kind}"  # type: ignore[union-attr]
    values, positions = checker.fields(node, specs, f"{kind}.")
    if checker.missing(node, specs, values, label, " (the rest of the file loaded)"):
        return None
    decl = Declaration(kind, str(values["id"]), node.line, node.column, values, positions)
    if kind == "person":
        _check_person_id(checker, decl)
    if kind == "event":
        _check_event_end(checker, decl)
    return decl


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _check_person_id(checker: _Checker, decl: Declaration) -> None:
    names = [n for n in [decl.text("name"), *decl.items("aliases")] if n]
    slugs = [s for s in (slugify(n) for n in names) if s]
    if slugs and decl.id not in slugs:
        line, column = decl.position("id")
        checker.report(
            line,
            column,
            "warning",
            "person-id",
            f"the id {decl.id!r} is not the name folded to ASCII ({slugs[0]!r}); use that id, or "
            "add the spelling the id comes from to aliases",
        )


def _check_event_end(checker: _Checker, decl: Declaration) -> None:
    start, end = decl.text("date"), decl.text("end")
    if not start or not end:
        return
    if PartialDate.parse(end).last_key < PartialDate.parse(start).key:
        line, column = decl.position("end")
        checker.report(
            line,
            column,
            "error",
            "bad-date",
            f"event {decl.id!r} ends ({end}) before it begins ({start}); fix the end date",
        )
        del decl.values["end"]


_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")


def _quote_form(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTE_FOLD)).strip().casefold()


def quote_in_text(quote: str, text: str) -> bool:
    """Whether ``quote`` stands in ``text``, ignoring spacing, case and curly/straight quotes."""
    form = _quote_form(quote).strip("\"' ")
    return bool(form) and form in _quote_form(text)
