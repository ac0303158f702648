"""What the index holds for each entity and briefing: the Whoosh schema and the documents.

Each document carries the searchable text by field (names, aliases, words of the id, links,
prose), the filters (kind, country, status, tags, areas, parties, dates as day numbers and the
year) and a digest, so that a catch-up re-indexes only documents whose content changed. Bump
:data:`SCHEMA_REVISION` whenever documents or analysis change: every index is then rebuilt. Uses
the library (who took part in what: :mod:`dragoman.library.taking_part`) and text analysis.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import FORMAT_VERSION
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity, list_extra
from dragoman.library.taking_part import parties_of
from dragoman.search.analysis import name_analyzer, ngram_analyzer, prose_analyzer, words

# Bump SCHEMA_REVISION whenever documents or analysis change, or a class the state pickles moves
# to another module or gains a field (6: the package laid out by stage; 7: the fields a
# declaration refused; 8: by, to, took_part, area and year, and tag for the entities of a
# briefing): every index is then rebuilt.
SCHEMA_REVISION = 8


INDEX_VERSION = f"format{FORMAT_VERSION}-schema{SCHEMA_REVISION}"


def make_schema() -> Schema:
    return Schema(
        uid=ID(unique=True, stored=True),
        id=ID(stored=True, field_boost=4.0, sortable=True),
        kind=ID(stored=True),
        name=TEXT(analyzer=name_analyzer(), stored=True, field_boost=6.0),
        aliases=TEXT(analyzer=name_analyzer(), field_boost=5.0),
        idwords=TEXT(analyzer=name_analyzer(), field_boost=3.0),
        ngram=TEXT(analyzer=ngram_analyzer(), phrase=False, field_boost=3.0),
        links=TEXT(analyzer=name_analyzer(), field_boost=1.5),
        prose=TEXT(analyzer=prose_analyzer()),
        plain=TEXT(analyzer=name_analyzer(), phrase=False),
        person=KEYWORD(commas=True, scorable=False),
        event=KEYWORD(commas=True, scorable=False),
        org=KEYWORD(commas=True, scorable=False),
        briefing=KEYWORD(commas=True, scorable=False),
        country=ID(stored=True),
        status=ID(stored=True),
        tag=KEYWORD(commas=True, scorable=False),  # a briefing's, its entities', areas
        area=KEYWORD(commas=True, scorable=False),  # a proposal's areas
        # parties: ids of people and organizations, and their countries' codes
        by=KEYWORD(commas=True, scorable=False),
        to=KEYWORD(commas=True, scorable=False),
        took_part=KEYWORD(commas=True, scorable=False),  # with:, by taking_part's rule
        type=ID(),
        year=ID(),  # set when the start and the end fall in one year: date:YYYY exactly
        # signed: this Whoosh fork's unsigned NUMERIC fields match everything on open ranges
        start=NUMERIC(int, bits=32),
        end=NUMERIC(int, bits=32),
        sortdate=NUMERIC(int, bits=32, stored=True, sortable=True),
        date=STORED(),
        names=STORED(),
        extra=STORED(),  # what the lists show after the name (list_extra)
    )


def day_number(key: tuple[int, int, int]) -> int:
    year, month, day = key
    return year * 10000 + month * 100 + day


def _date_fields(date: PartialDate, end: PartialDate | None = None) -> dict[str, Any]:
    last = (end or date).last_key
    first = date.key if date.month else (date.year, 1, 1)
    if date.month and not date.day:
        first = (date.year, date.month, 1)
    out: dict[str, Any] = {
        "start": day_number(first),
        "end": day_number(last),
        "sortdate": day_number(date.key),
        "date": str(date),
    }
    if first[0] == last[0]:  # within date:YYYY (containment) for that year only
        out["year"] = f"{first[0]:04d}"
    return out


def _names_form(names: list[str]) -> str:
    return "\n".join(" ".join(words(n)) for n in names if n)


def _ids_of(library: Library, ids: list[str], kind: str) -> list[str]:
    return [i for i in ids if (e := library.entities.get(i)) is not None and e.kind == kind]


def _ids_by_kind(library: Library, ids: list[str]) -> dict[str, list[str]]:
    """The ids of entities, by kind (a minister links to thousands: one pass, not three)."""
    out: dict[str, list[str]] = {"person": [], "event": [], "organization": [], "proposal": []}
    entities = library.entities
    for i in ids:
        if (e := entities.get(i)) is not None:
            out[e.kind].append(i)
    return out


def _parties(library: Library, ids: list[str]) -> list[str]:
    """People and organizations (ids), each followed by its country (code)."""
    out: list[str] = []
    entities = library.entities
    for i in ids:
        if (e := entities.get(i)) is not None and e.kind in ("person", "organization"):
            out.append(i)
            if country := e.text("country"):
                out.append(country)
    return list(dict.fromkeys(out))


def _party_fields(library: Library, entity: Entity) -> dict[str, str]:
    """by:, to: (a proposal's) and with: (``took_part``): a proposal's parties, an event's by
    the rule of :mod:`dragoman.library.taking_part`, a person's or organization's country."""
    if entity.kind == "proposal":
        by = _parties(library, entity.links.get("by", []))
        to = _parties(library, entity.links.get("to", []))
        took_part = dict.fromkeys(by + to)
        return {"by": ",".join(by), "to": ",".join(to), "took_part": ",".join(took_part)}
    if entity.kind == "event":
        parties = parties_of(library, entity)  # one event: a catch-up re-indexes a few
        keys = (*parties.people, *parties.organizations, *parties.countries)
        return {"took_part": ",".join(dict.fromkeys(keys))}
    country = entity.text("country")
    return {"took_part": country} if country else {}


def _tags(entity: Entity) -> list[str]:
    """The tags of the briefings declaring an entity, and a proposal's areas."""
    out = dict.fromkeys(entity.items("areas"))
    for briefing, _ in entity.declarations:
        out.update(dict.fromkeys(briefing.items("tags")))
    return list(out)


def entity_prose(entity: Entity) -> str:
    """The text of an entity searched as prose (and cut into snippets)."""
    quote = entity.text("quote")
    prose_parts = [
        entity.text("summary"),
        f"“{quote}”" if quote else None,
        entity.text("rank"),
        entity.text("place"),
        entity.text("kind"),
    ]
    for entry in entity.history("role"):
        if isinstance(entry.value, str) and entry.value not in prose_parts:
            prose_parts.append(entry.value)
    return " · ".join(p for p in prose_parts if p)


def briefing_prose(briefing: Briefing) -> str:
    """The text of a briefing searched as prose (and cut into snippets)."""
    source = briefing.source
    prose = [
        briefing.text("summary"),
        briefing.text("text"),
        *(source[k] for k in ("publisher", "author", "translator") if k in source),
    ]
    return "\n".join(p for p in prose if p)


def prose_of(item: Entity | Briefing) -> str:
    return briefing_prose(item) if isinstance(item, Briefing) else entity_prose(item)


def entity_document(library: Library, entity: Entity) -> dict[str, Any]:
    aliases = entity.items("aliases")
    outgoing = [t for ids in entity.links.values() for t in ids]
    incoming = [t for ids in entity.backlinks.values() for t in ids]
    link_names = []
    for target in outgoing:
        other = library.entities.get(target)
        link_names.append(other.name if other else target)
        if other is not None:
            link_names.extend(other.items("aliases"))
    by_kind = _ids_by_kind(library, outgoing + incoming)
    doc: dict[str, Any] = {
        "uid": f"e:{entity.id}",
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": "\n".join(aliases),
        "idwords": entity.id.replace("-", " "),
        "ngram": "\n".join([entity.name, *aliases]),
        "links": "\n".join(link_names),
        "prose": entity_prose(entity),
        "person": ",".join(by_kind["person"]),
        "event": ",".join(by_kind["event"]),
        "org": ",".join(by_kind["organization"]),
        "briefing": ",".join(entity.briefings),
        "tag": ",".join(_tags(entity)),
        "area": ",".join(entity.items("areas")),
        "names": _names_form([entity.name, *aliases]),
        "extra": list_extra(entity),
    }
    doc.update(_party_fields(library, entity))
    for key in ("country", "status"):
        if value := entity.text(key):
            doc[key] = value
    if (kind_word := entity.text("kind")) and entity.kind in ("event", "organization"):
        doc["type"] = kind_word.lower()
    end = entity.text("end")
    doc.update(_date_fields(entity.date, PartialDate.parse(end) if end else None))
    return doc


def briefing_document(library: Library, briefing: Briefing) -> dict[str, Any]:
    declared = [i for _, i in briefing.declares]
    doc: dict[str, Any] = {
        "uid": f"b:{briefing.id}",
        "id": briefing.id,
        "kind": "briefing",
        "name": briefing.title,
        "aliases": "",
        "idwords": briefing.id.replace("-", " "),
        "ngram": briefing.title,
        "links": "",
        "prose": briefing_prose(briefing),
        "person": ",".join(_ids_of(library, declared, "person")),
        "event": ",".join(_ids_of(library, declared, "event")),
        "org": ",".join(_ids_of(library, declared, "organization")),
        "briefing": briefing.id,
        "tag": ",".join(briefing.items("tags")),
        "names": _names_form([briefing.title]),
        "extra": "",
    }
    doc.update(_date_fields(briefing.date))
    return doc


def documents(library: Library) -> Iterator[dict[str, Any]]:
    for entity in library.entities.values():
        yield _with_plain(entity_document(library, entity))
    for briefing in library.briefings.values():
        yield _with_plain(briefing_document(library, briefing))


def _with_plain(doc: dict[str, Any]) -> dict[str, Any]:
    doc["plain"] = doc["prose"]
    return doc


def digest(doc: dict[str, Any]) -> bytes:
    return hashlib.blake2b(repr(sorted(doc.items())).encode(), digest_size=16).digest()
