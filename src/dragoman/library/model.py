"""The entities of the merged library: briefings, people, organizations, events, proposals.

Plain data: each entity keeps its merged values, every declaration's values with briefing and
date (histories), its links and backlinks. Uses the format's field table and the parsed model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import (
    LINK_FIELDS,
    NAME_FIELD,
    EntityKind,
)
from dragoman.briefings.parsed import Declaration, Value, unpack_text

# (kind of the linking entity, its field) -> the role the link plays seen from its target
BACKLINK_ROLES: dict[tuple[str, str], str] = {
    ("event", "chairs"): "chaired",
    ("event", "participants"): "attended",
    ("proposal", "by"): "proposed",
    ("proposal", "to"): "addressed",
    ("person", "organization"): "members",
    ("organization", "part_of"): "parts",
    ("event", "organizations"): "events",
    ("event", "part_of"): "includes",
    ("event", "follows"): "followed_by",
    ("proposal", "at"): "proposals",
    ("proposal", "follows"): "followed_by",
}


SINGLE_LINKS = {f.name for specs in LINK_FIELDS.values() for f in specs if f.type == "ref"}


LIST_TYPES = ("refs", "slugs", "texts")


# the plural of each kind, as counts and sections name them
PLURAL = {
    "person": "people",
    "organization": "organizations",
    "event": "events",
    "proposal": "proposals",
}


@dataclass(frozen=True, slots=True)
class Briefing:
    """One loaded briefing file."""

    id: str
    path: str
    date: PartialDate
    values: dict[str, Value]  # every field but the text
    line: int
    declares: tuple[tuple[EntityKind, str], ...]
    packed_text: bytes | None = None  # the text, compressed (format.pack_text)

    kind = "briefing"

    @property
    def title(self) -> str:
        return str(self.values.get("title", self.id))

    @property
    def name(self) -> str:
        return self.title

    def text(self, name: str) -> str | None:
        if name == "text":
            return None if self.packed_text is None else unpack_text(self.packed_text)
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def items(self, name: str) -> list[str]:
        value = self.values.get(name)
        return value if isinstance(value, list) else []

    @property
    def all_values(self) -> dict[str, Value]:
        """``values`` with the text."""
        text = self.text("text")
        return self.values if text is None else {**self.values, "text": text}

    @property
    def source(self) -> dict[str, str]:
        value = self.values.get("source")
        return value if isinstance(value, dict) else {}

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.key, self.id)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A value as one briefing states it."""

    value: Value
    briefing: str
    date: PartialDate
    path: str
    line: int


@dataclass(slots=True)
class Entity:
    """A person, organization, event or proposal, merged across the briefings that declare it."""

    id: str
    kind: EntityKind
    declarations: list[tuple[Briefing, Declaration]] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    # the date, worked out once: lists of backlinks are sorted by it again on every update
    _date: PartialDate | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        value = self.values.get(NAME_FIELD[self.kind])
        return value if isinstance(value, str) else self.id

    title = name

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def items(self, name: str) -> list[str]:
        value = self.values.get(name)
        return value if isinstance(value, list) else []

    @property
    def briefings(self) -> list[str]:
        return [b.id for b, _ in self.declarations]

    @property
    def date(self) -> PartialDate:
        """An event's own date; for the others, the date of the latest briefing declaring them."""
        if self._date is None:
            own = self.text("date")
            if own:
                self._date = PartialDate.parse(own)
            else:
                self._date = self.declarations[-1][0].date if self.declarations else PartialDate(1)
        return self._date

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.key, self.id)

    def history(self, name: str) -> list[HistoryEntry]:
        """Every value of field ``name`` with the briefing that states it, oldest first."""
        out = []
        for briefing, decl in self.declarations:
            if name in decl.values:
                line, _ = decl.position(name)
                out.append(
                    HistoryEntry(decl.values[name], briefing.id, briefing.date, briefing.path, line)
                )
        return out

    def declaration_in(self, briefing_id: str) -> Declaration | None:
        for briefing, decl in self.declarations:
            if briefing.id == briefing_id:
                return decl
        return None


def list_extra(item: Entity | Briefing) -> str:
    """What a list shows after an entity's name: a proposal's status, a person's role and
    country, an event's kind and place, an organization's kind."""
    if isinstance(item, Briefing):
        return ""
    if item.kind == "proposal":
        return item.text("status") or ""
    if item.kind == "person":
        return " · ".join(x for x in (item.text("role"), item.text("country")) if x)
    if item.kind == "event":
        return " · ".join(x for x in (item.text("kind"), item.text("place")) if x)
    return item.text("kind") or ""
