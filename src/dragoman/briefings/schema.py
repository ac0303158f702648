"""The JSON Schema of the briefing format, made from the same table the checker uses.

Editors with the YAML language server validate and complete briefings with it; see
``docs/format.md``. ``dragoman schema`` prints it; the package also ships it as
``briefing.schema.json`` (a test keeps the two identical).
"""

from __future__ import annotations

import json
from typing import Any

from dragoman.briefings.fields import (
    BRIEFING_FIELDS,
    COUNTRY_CODES,
    ENTITY_FIELDS,
    FORMAT_VERSION,
    SECTION_OF_KIND,
    SOURCE_FIELDS,
    STATUSES,
    FieldSpec,
)

SCHEMA_ID = "https://dragoman.invalid/schema/briefing-v1.json"

_SLUG = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 200}
_DATE = {
    "type": "string",
    "pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
}


def _one_or_list(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}]}


# Editors read YAML 1.2, where an unquoted 2024 or 0755 is a number; dragoman keeps every plain
# value as the text written, so the schema accepts numbers wherever dragoman accepts text.
def _scalar(t: str) -> dict[str, Any]:
    if t in ("slug", "ref"):
        return {"anyOf": [dict(_SLUG), {"type": "number"}]}
    if t == "date":
        return {"anyOf": [dict(_DATE), {"type": "integer", "minimum": 1, "maximum": 9999}]}
    if t == "country":
        return {"type": "string", "enum": sorted(COUNTRY_CODES)}
    if t == "status":
        return {"type": "string", "enum": list(STATUSES)}
    if t == "url":
        return {"type": "string", "format": "uri"}
    return {"type": ["string", "number"]}


def _field(spec: FieldSpec) -> dict[str, Any]:
    t = spec.type
    schema: dict[str, Any]
    if t == "refs":
        schema = _one_or_list(_scalar("ref"))
    elif t == "slugs":
        schema = _one_or_list(_scalar("slug"))
    elif t == "texts":
        schema = _one_or_list(_scalar("text"))
    elif t == "source":
        schema = _object(SOURCE_FIELDS, "source")
    else:
        schema = _scalar(t)
    if not spec.required:  # an empty value means "not given"
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema["description"] = spec.doc
    return schema


def _object(specs: tuple[FieldSpec, ...], title: str) -> dict[str, Any]:
    return {
        "type": "object",
        "title": title,
        "properties": {s.name: _field(s) for s in specs},
        "required": [s.name for s in specs if s.required],
        "additionalProperties": False,
    }


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one briefing file."""
    properties: dict[str, Any] = {s.name: _field(s) for s in BRIEFING_FIELDS}
    for kind, section in SECTION_OF_KIND.items():
        properties[section] = {
            "type": ["array", "null"],
            "description": f"the {section} this briefing declares",
            "items": _object(ENTITY_FIELDS[kind], kind),  # type: ignore[index]
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"dragoman briefing, format version {FORMAT_VERSION}",
        "description": "One briefing on defence diplomacy: a meeting, who was there, what was "
        "proposed. See docs/format.md.",
        "type": "object",
        "properties": properties,
        "required": [s.name for s in BRIEFING_FIELDS if s.required],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(briefing_schema(), indent=2, ensure_ascii=False) + "\n"
