"""The JSON Schema that editors use agrees with the checker on what a briefing is."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.briefings.schema import briefing_schema, schema_text

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dragoman"
SHIPPED = PACKAGE / "briefings" / "briefing.schema.json"

GOOD = """\
id: good
title: Good
date: 2024-10
tags: hadr
source: {publisher: P, url: "https://example.org", published: 2024-10-02}
people:
  - {id: hoang-xuan-chien, name: Hoàng Xuân Chiến, aliases: Hoang Xuan Chien, country: NO}
organizations:
  - {id: "0755", name: Unit 0755}
events:
  - {id: e, title: E, date: 2024, end: 2024-12-31, chairs: hoang-xuan-chien}
proposals:
  - {id: p, title: P, by: [hoang-xuan-chien, "0755"], status: in-progress}
"""

BAD = {
    "unknown field": GOOD.replace("tags: hadr", "tagz: hadr"),
    "unknown field in an entity": GOOD.replace("chairs:", "chiars:"),
    "bad status": GOOD.replace("in-progress", "in progress"),
    "bad briefing id": GOOD.replace("id: good", "id: Good_Briefing"),
    "bad entity id": GOOD.replace("id: e,", "id: E1,"),
    "missing title": GOOD.replace("title: Good\n", ""),
    "proposal without by": GOOD.replace('by: [hoang-xuan-chien, "0755"], ', ""),
    "lowercase country": GOOD.replace("country: NO", "country: no"),
    "month 13": GOOD.replace("date: 2024-10\n", "date: 2024-13\n"),
    "text where a mapping goes": GOOD.replace(
        'source: {publisher: P, url: "https://example.org", published: 2024-10-02}',
        "source: Reuters",
    ),
}


def as_text(text: str) -> Any:
    """The briefing as plain data with every scalar kept as text, as dragoman reads it."""
    return yaml.load(text, Loader=yaml.BaseLoader)


_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_an_editor_reads_it(text: str) -> Any:
    """The briefing as a YAML 1.2 editor (core schema) reads it: plain 2024 is a number."""

    def convert(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {convert(k): convert(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [convert(item) for item in node.value]
        value = node.value
        if node.style is not None:
            return value
        if value in ("", "~", "null", "Null", "NULL"):
            return None
        if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value.lower() == "true"
        if _CORE_INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _CORE_FLOAT.fullmatch(value):
            return float(value)
        return value

    return convert(yaml.compose(text, Loader=yaml.BaseLoader))


def schema_errors(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(briefing_schema())
    return [e.message for e in validator.iter_errors(data)]


def checker_errors(text: str) -> list[str]:
    result = parse_briefing_bytes("b.yaml", text.encode())
    return [d.code for d in result.diagnostics if d.severity == "error"]


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = briefing_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["id", "title", "date"]
    assert schema["additionalProperties"] is False


def test_the_schema_text_is_the_schema() -> None:
    assert json.loads(schema_text()) == briefing_schema()
    assert schema_text().endswith("}\n")


def test_the_shipped_schema_file_is_up_to_date() -> None:
    if not SHIPPED.exists():
        pytest.skip("briefing.schema.json is not shipped yet")
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).resolve().parent.parent / "briefings").glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_the_bundled_briefings_match_the_schema(path: Path) -> None:
    assert schema_errors(as_text(path.read_text(encoding="utf-8"))) == []


def test_a_good_briefing_passes_both() -> None:
    assert checker_errors(GOOD) == []
    assert schema_errors(as_text(GOOD)) == []
    assert schema_errors(as_an_editor_reads_it(GOOD)) == []


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_a_bad_briefing_fails_both(text: str) -> None:
    assert text != GOOD
    assert checker_errors(text) != []
    assert schema_errors(as_text(text)) != []
    assert schema_errors(as_an_editor_reads_it(text)) != []


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("id: good", "id: '0755'"),
        ("id: good", "id: 0755"),
        ("title: Good", "title: 1.10"),
        ("title: Good", "title: 1e3"),
        ("date: 2024-10", "date: 2024"),
        ("tags: hadr", "summary: 12"),
        ("tags: hadr", "tags: [2024, hadr]"),
    ],
)
def test_numbers_an_editor_sees_are_accepted_where_dragoman_keeps_text(
    given: str, written: str
) -> None:
    text = GOOD.replace(given, written, 1)
    assert written in text
    assert checker_errors(text) == []
    assert schema_errors(as_an_editor_reads_it(text)) == []


def test_the_bundled_briefings_match_the_schema_as_an_editor_reads_them() -> None:
    folder = Path(__file__).resolve().parent.parent / "briefings"
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert checker_errors(text) == []
        assert schema_errors(as_an_editor_reads_it(text)) == [], path.name


@pytest.mark.parametrize(
    ("given", "empty"),
    [
        ('organizations:\n  - {id: "0755", name: Unit 0755}\n', "organizations:\n"),
        ("tags: hadr", "tags:"),
        ("tags: hadr", "summary:"),
    ],
)
def test_an_empty_value_is_judged_alike(given: str, empty: str) -> None:
    text = GOOD.replace(given, empty)
    assert text != GOOD
    assert checker_errors(text) == []
    assert schema_errors(as_an_editor_reads_it(text)) == []


def test_an_id_that_an_editor_reads_as_a_fraction_is_judged_alike() -> None:
    text = GOOD.replace("id: e,", "id: 5e-1,")
    assert checker_errors(text) == []
    assert schema_errors(as_an_editor_reads_it(text)) == []
