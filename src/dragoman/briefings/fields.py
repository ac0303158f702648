"""The briefing format, version 1: its sections, kinds, statuses, countries and field table.

One table (:data:`SECTIONS`, :data:`ENTITY_FIELDS`) describes every field; the checks in
:mod:`dragoman.briefings.checks` and the JSON Schema in :mod:`dragoman.briefings.schema` are both
made from it, so the two cannot drift apart. Uses nothing of dragoman.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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
