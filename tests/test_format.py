"""The briefing format, rule by rule, as one file is checked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import briefing_yaml
from dragoman.briefings.checks import quote_in_text
from dragoman.briefings.dates import PartialDate
from dragoman.briefings.loader import (
    LoadLimits,
    parse_briefing_bytes,
    parse_briefing_file,
    parse_size,
)
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.briefings.yamlsafe.nodes import YamlLimits

Parse = Callable[..., ParsedBriefing]

HEAD = "id: b\ntitle: A briefing\ndate: 2024-10-01\n"


def codes(result: ParsedBriefing) -> list[str]:
    return [d.code for d in result.diagnostics]


def only(result: ParsedBriefing, code: str) -> tuple[int, int, str, str]:
    """The one diagnostic with this code: (line, column, severity, message)."""
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, result.diagnostics
    d = found[0]
    return d.line, d.column, d.severity, d.message


def declared(result: ParsedBriefing) -> list[str]:
    return [d.id for d in result.declarations]


def entity(result: ParsedBriefing, id_: str) -> dict[str, object]:
    [decl] = [d for d in result.declarations if d.id == id_]
    return dict(decl.values)


# -- a good briefing --------------------------------------------------------------------------


def test_a_complete_briefing_loads_with_no_diagnostics(parse: Parse) -> None:
    result = parse(
        """
        id: 2025-11-01-kuala-lumpur-admm-sidelines
        title: ADMM sidelines
        date: 2025-11-01
        summary: Two meetings.
        tags: [maritime-security, hadr]
        source:
          publisher: Vietnam News Agency
          url: https://example.org/article
          published: 2025-11-02
          author: Tran Hoai
          translator: Nguyen Van B
        text: |
          The two sides agreed to "deepen defence ties".
        people:
          - id: hoang-xuan-chien
            name: Hoàng Xuân Chiến
            aliases: [Hoang Xuan Chien]
            rank: Senior Lieutenant General
            role: Deputy Minister of National Defence
            organization: vietnam-mnd
            country: VN
            summary: Deputy minister.
        organizations:
          - id: vietnam-mnd
            name: Vietnamese Ministry of National Defence
            aliases: [MND]
            kind: ministry
            country: VN
            part_of: vietnam-government
        events:
          - id: admm-2025
            title: ADMM
            date: 2025-11-01
            end: 2025-11-02
            kind: meeting
            place: Kuala Lumpur
            country: MY
            organizations: [vietnam-mnd]
            chairs: [hoang-xuan-chien]
            participants: [hoang-xuan-chien]
            quote: deepen defence ties
        proposals:
          - id: deepen-ties
            title: Deepen defence ties
            by: hoang-xuan-chien
            at: admm-2025
            to: [vietnam-mnd]
            areas: [defence-cooperation]
            status: agreed
            quote: deepen defence ties
        """
    )
    assert result.diagnostics == []
    assert result.ok
    assert result.id == "2025-11-01-kuala-lumpur-admm-sidelines"
    assert declared(result) == ["hoang-xuan-chien", "vietnam-mnd", "admm-2025", "deepen-ties"]
    assert [d.kind for d in result.declarations] == ["person", "organization", "event", "proposal"]
    assert result.values["source"] == {
        "publisher": "Vietnam News Agency",
        "url": "https://example.org/article",
        "published": "2025-11-02",
        "author": "Tran Hoai",
        "translator": "Nguyen Van B",
    }
    assert entity(result, "deepen-ties")["by"] == ["hoang-xuan-chien"]


# -- required fields --------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["id", "title", "date"])
def test_a_briefing_without_a_required_field_is_not_loaded(parse: Parse, missing: str) -> None:
    lines = [line for line in HEAD.splitlines() if not line.startswith(f"{missing}:")]
    result = parse("\n".join(lines) + "\npeople:\n  - id: x\n    name: X\n")
    assert not result.ok
    assert result.declarations == []
    line, column, severity, message = only(result, "missing-field")
    assert (line, column, severity) == (1, 1, "error")
    assert missing in message
    assert "add" in message


def test_a_skipped_briefing_still_reports_every_problem_of_its_entries(parse: Parse) -> None:
    result = parse(
        "id: b\ntitle: A briefing\ndate: 2025-13-45\n"
        "people:\n  - id: Bad Id\n    name: A B\n  - id: c-d\n    country: XX\n"
        "proposals:\n  - id: p\n    title: P\n    by: c-d\n    status: maybe\n"
    )
    assert not result.ok
    assert result.declarations == []
    assert sorted(codes(result)) == [
        "bad-country",
        "bad-date",
        "bad-id",
        "bad-status",
        "missing-field",
        "missing-field",
        "missing-field",
    ]
    # nothing of the file loads, so no entry says the rest of it did
    assert not any("the rest of the file loaded" in d.message for d in result.diagnostics)


@pytest.mark.parametrize(
    ("section", "entry", "missing"),
    [
        ("people", "- id: a\n    rank: General", "name"),
        ("organizations", "- name: Ministry", "id"),
        ("events", "- id: e\n    title: E", "date"),
        ("proposals", "- id: p\n    title: P", "by"),
        ("proposals", "- id: p\n    title: P\n    by: []", "by"),
    ],
)
def test_an_entity_without_a_required_field_is_skipped(
    parse: Parse, section: str, entry: str, missing: str
) -> None:
    result = parse(HEAD + f"{section}:\n  {entry}\n")
    assert result.ok
    assert result.declarations == []
    line, column, severity, message = only(result, "missing-field")
    assert (line, column, severity) == (5, 5, "error")
    assert missing in message
    assert "the rest of the file loaded" in message


# -- ids --------------------------------------------------------------------------------------


def test_a_briefing_id_that_is_not_a_slug_is_refused_with_a_suggestion(parse: Parse) -> None:
    result = parse("id: Kuala Lumpur 2025\ntitle: t\ndate: 2025\n")
    assert not result.ok
    line, column, severity, message = only(result, "bad-id")
    assert (line, column, severity) == (1, 5, "error")
    assert "'kuala-lumpur-2025'" in message


@pytest.mark.parametrize("bad", ["Hoang_Xuan", "-leading-hyphen", "UPPER", "ồ", "a" * 201])
def test_an_entity_id_that_is_not_a_slug_skips_the_entity(parse: Parse, bad: str) -> None:
    result = parse(
        HEAD + f"organizations:\n  - id: '{bad}'\n    name: X\n  - id: ok\n    name: Y\n"
    )
    assert declared(result) == ["ok"]
    assert only(result, "bad-id")[:3] == (5, 9, "error")


@pytest.mark.parametrize("good", ["0755", "a", "9-9", "admm-plus", "a" * 200])
def test_slug_ids_are_accepted_as_written(parse: Parse, good: str) -> None:
    result = parse(HEAD + f"organizations:\n  - id: {good}\n    name: X\n")
    assert result.diagnostics == []
    assert declared(result) == [good]


def test_tags_must_be_slugs_and_a_fix_is_suggested(parse: Parse) -> None:
    result = parse(HEAD + "tags: [Maritime Security, hadr]\n")
    assert result.values["tags"] == ["hadr"]
    line, column, _, message = only(result, "bad-id")
    assert (line, column) == (4, 8)
    assert "try 'maritime-security'" in message


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "precision"),
    [("2024", "year"), ("2024-10", "month"), ("2024-10-01", "day"), ("2024-02-29", "day")],
)
def test_dates_keep_the_precision_written(parse: Parse, written: str, precision: str) -> None:
    result = parse(f"id: b\ntitle: t\ndate: {written}\n")
    assert result.diagnostics == []
    assert result.values["date"] == written
    assert result.date.precision == precision
    assert str(result.date) == written


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("2024-02-30", "February 2024 has days 01 to 29"),
        ("2023-02-29", "February 2023 has days 01 to 28"),
        ("2024-04-31", "April 2024 has days 01 to 30"),
        ("2024-13", "the month must be 01 to 12"),
        ("2024-00", "the month must be 01 to 12"),
        ("0000", "no year 0000"),
        ("2024-1-5", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("01/10/2024", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("October 2024", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_errors(parse: Parse, written: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        PartialDate.parse(written)
    result = parse(HEAD + f"events:\n  - id: e\n    title: E\n    date: {written}\n")
    line, column, severity, message = only(result, "bad-date")
    assert (line, column, severity) == (7, 11, "error")
    assert says in message
    assert declared(result) == []  # an event needs a date


def test_a_date_in_full_width_digits_is_an_error(parse: Parse) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse("２０２４-１０")
    result = parse("id: b\ntitle: t\ndate: ２０２４-１０\n")
    assert "bad-date" in codes(result)


def test_an_event_that_ends_before_it_begins_is_an_error(parse: Parse) -> None:
    result = parse(
        HEAD + "events:\n  - id: e\n    title: E\n    date: 2024-10-05\n    end: 2024-10-01\n"
    )
    line, column, severity, message = only(result, "bad-date")
    assert (line, column, severity) == (8, 10, "error")
    assert "ends (2024-10-01) before it begins (2024-10-05)" in message
    assert declared(result) == ["e"]
    assert "end" not in entity(result, "e")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-10-05", "2024-10"),
        ("2024-10", "2024-10-01"),
        ("2024", "2024-01-01"),
        ("2024", "2025"),
    ],
)
def test_an_end_that_may_cover_the_start_is_accepted(parse: Parse, start: str, end: str) -> None:
    result = parse(HEAD + f"events:\n  - id: e\n    title: E\n    date: {start}\n    end: {end}\n")
    assert result.diagnostics == []
    assert entity(result, "e")["end"] == end


# -- countries and statuses -------------------------------------------------------------------


def test_country_no_is_norway(parse: Parse) -> None:
    result = parse(
        HEAD + "people:\n  - id: ola-nordmann\n    name: Ola Nordmann\n    country: NO\n"
    )
    assert result.diagnostics == []
    assert entity(result, "ola-nordmann")["country"] == "NO"


def test_a_lowercase_country_code_is_an_error_with_a_hint(parse: Parse) -> None:
    result = parse(HEAD + "people:\n  - id: a-b\n    name: A B\n    country: vn\n")
    line, column, severity, message = only(result, "bad-country")
    assert (line, column, severity) == (7, 14, "error")
    assert "'VN'" in message
    assert declared(result) == ["a-b"]
    assert "country" not in entity(result, "a-b")


def test_an_unknown_country_code_is_an_error_without_a_capitals_hint(parse: Parse) -> None:
    result = parse(HEAD + "organizations:\n  - id: o\n    name: O\n    country: XX\n")
    _, _, _, message = only(result, "bad-country")
    assert "capitals:" not in message
    assert "VN, JP or NO" in message


@pytest.mark.parametrize("status", ["proposed", "agreed", "in-progress", "done", "stalled"])
def test_every_status_is_accepted(parse: Parse, status: str) -> None:
    result = parse(HEAD + f"proposals:\n  - id: p\n    title: P\n    by: x\n    status: {status}\n")
    assert result.diagnostics == []
    assert entity(result, "p")["status"] == status


def test_a_misspelt_status_is_an_error_with_did_you_mean(parse: Parse) -> None:
    result = parse(HEAD + "proposals:\n  - id: p\n    title: P\n    by: x\n    status: agred\n")
    line, column, severity, message = only(result, "bad-status")
    assert (line, column, severity) == (8, 13, "error")
    assert "did you mean 'agreed'" in message
    assert declared(result) == ["p"]
    assert "status" not in entity(result, "p")


# -- unknown fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "suggestion", "position"),
    [
        (
            HEAD + "events:\n  - id: e\n    title: E\n    date: 2024\n    particpants: [a]\n",
            "particpants",
            "participants",
            (8, 5),
        ),
        (HEAD + "sumary: s\n", "sumary", "summary", (4, 1)),
        (HEAD + "peple: []\n", "peple", "people", (4, 1)),
        (HEAD + "source:\n  publsher: P\n", "publsher", "publisher", (5, 3)),
        (HEAD + "people:\n  - id: a\n    name: A\n    alias: [B]\n", "alias", "aliases", (7, 5)),
    ],
)
def test_unknown_fields_are_errors_with_did_you_mean(
    parse: Parse, text: str, field: str, suggestion: str, position: tuple[int, int]
) -> None:
    result = parse(text)
    assert result.ok
    line, column, severity, message = only(result, "unknown-field")
    assert ((line, column), severity) == (position, "error")
    assert f"'{field}'" in message
    assert f"did you mean '{suggestion}'" in message


def test_an_unknown_field_does_not_stop_the_entity(parse: Parse) -> None:
    result = parse(HEAD + "people:\n  - id: a\n    name: A\n    shoe_size: 44\n")
    assert declared(result) == ["a"]
    assert "shoe_size" not in entity(result, "a")


# -- value types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("[a, b]", "a list"),
        ("{first: a}", "a mapping"),
        ("true", "the boolean true (quote it to make it text)"),
    ],
)
def test_a_name_of_the_wrong_type_is_an_error(parse: Parse, written: str, says: str) -> None:
    result = parse(HEAD + f"people:\n  - id: a\n    name: {written}\n  - id: b\n    name: B\n")
    line, column, severity, message = only(result, "wrong-type")
    assert (line, column, severity) == (6, 11, "error")
    assert says in message
    assert declared(result) == ["b"]


def test_text_is_kept_exactly_as_written(parse: Parse) -> None:
    result = parse(
        "id: '0755'\ntitle: 1.10\ndate: 2024\nsummary: yes\n"
        "people:\n  - id: no\n    name: NO\n    country: NO\n    rank: 0x1F\n"
    )
    assert result.id == "0755"
    assert result.values["title"] == "1.10"
    assert result.values["summary"] == "yes"
    assert entity(result, "no") == {"id": "no", "name": "NO", "country": "NO", "rank": "0x1F"}


def test_text_is_normalised_to_nfc(parse: Parse) -> None:
    name = unicodedata.normalize("NFD", "Hoàng Xuân Chiến")
    result = parse(HEAD + f"people:\n  - id: hoang-xuan-chien\n    name: {name}\n")
    assert result.diagnostics == []
    assert entity(result, "hoang-xuan-chien")["name"] == "Hoàng Xuân Chiến"


@pytest.mark.parametrize(
    ("field", "written", "expected"),
    [
        ("chairs", "hoang-xuan-chien", ["hoang-xuan-chien"]),
        ("organizations", "admm-plus", ["admm-plus"]),
        ("participants", "[a, b, a]", ["a", "b"]),
    ],
)
def test_a_list_field_takes_a_single_value(
    parse: Parse, field: str, written: str, expected: list[str]
) -> None:
    result = parse(
        HEAD + f"events:\n  - id: e\n    title: E\n    date: 2024\n    {field}: {written}\n"
    )
    assert result.diagnostics == []
    assert entity(result, "e")[field] == expected


def test_aliases_and_tags_take_a_single_value(parse: Parse) -> None:
    result = parse(
        HEAD + "tags: hadr\norganizations:\n  - id: admm-plus\n    name: ADMM Plus\n"
        "    aliases: ADMM+\n"
    )
    assert result.diagnostics == []
    assert result.values["tags"] == ["hadr"]
    assert entity(result, "admm-plus")["aliases"] == ["ADMM+"]


@pytest.mark.parametrize(
    ("text", "says", "position"),
    [
        (HEAD + "people: {a: b}\n", "people must be a list", (4, 9)),
        (
            HEAD + "organizations: [asean]\n",
            "each entry of organizations must be a mapping",
            (4, 17),
        ),
        (HEAD + "source: Reuters\n", "source must be a mapping", (4, 9)),
        (HEAD + "tags: {a: b}\n", "tags must be a list of slugs", (4, 7)),
        (
            HEAD + "events:\n  - id: e\n    title: E\n    date: 2024\n    chairs: {a: b}\n",
            "event.chairs must be a list of ids",
            (8, 13),
        ),
        (HEAD + "people:\n  - id: a\n    name: A\n    aliases: [[B]]\n", "aliases", (7, 15)),
    ],
)
def test_sections_and_lists_of_the_wrong_type_are_errors(
    parse: Parse, text: str, says: str, position: tuple[int, int]
) -> None:
    result = parse(text)
    assert result.ok
    line, column, severity, message = only(result, "wrong-type")
    assert ((line, column), severity) == (position, "error")
    assert says in message


def test_an_empty_section_is_no_entries(parse: Parse) -> None:
    result = parse(HEAD + "people:\nevents: ~\n")
    assert result.diagnostics == []
    assert result.declarations == []


# -- a broken entity in a good file -----------------------------------------------------------


def test_a_broken_entity_is_skipped_and_the_rest_of_the_file_loads(parse: Parse) -> None:
    result = parse(
        HEAD
        + "people:\n"
        + "  - id: first-person\n    name: First Person\n"
        + "  - id: Broken Person\n    name: [not, a, name]\n"
        + "  - id: third-person\n    name: Third Person\n"
        + "events:\n  - id: e\n    title: E\n    date: 2024\n"
    )
    assert result.ok
    assert declared(result) == ["first-person", "third-person", "e"]
    assert sorted(codes(result)) == ["bad-id", "missing-field", "wrong-type"]


def test_an_id_declared_twice_in_a_briefing_is_an_error(parse: Parse) -> None:
    result = parse(
        HEAD
        + "people:\n  - id: asean\n    name: Someone\n"
        + "organizations:\n  - id: asean\n    name: ASEAN\n"
    )
    line, column, severity, message = only(result, "duplicate-id")
    assert (line, column, severity) == (8, 5, "error")
    assert "at line 5" in message
    assert [(d.kind, d.id) for d in result.declarations] == [("person", "asean")]


def test_the_later_of_two_declarations_in_a_file_is_the_one_reported(parse: Parse) -> None:
    result = parse(
        HEAD
        + "events:\n  - id: asean\n    title: Summit\n    date: 2024\n"
        + "organizations:\n  - id: asean\n    name: ASEAN\n"
    )
    line, _, _, message = only(result, "duplicate-id")
    assert line == 9
    assert "as an organization here but as an event at line 5" in message
    assert [(d.kind, d.id) for d in result.declarations] == [("event", "asean")]


# -- quotes -----------------------------------------------------------------------------------

QUOTED_TEXT = (
    "text: |\n"
    "  The two officials praised the “substantial and effective”\n"
    "  partnership between their   ministries; Vietnam’s support was noted.\n"
)


def test_a_quote_missing_from_the_text_is_a_warning(parse: Parse) -> None:
    result = parse(
        HEAD + QUOTED_TEXT + "events:\n  - id: e\n    title: E\n    date: 2024\n"
        "    quote: words never said\n"
    )
    line, column, severity, message = only(result, "quote-not-found")
    assert (line, column, severity) == (11, 12, "warning")
    assert "'e'" in message
    assert declared(result) == ["e"]


@pytest.mark.parametrize(
    "quote",
    [
        "substantial and effective",
        '"Substantial and effective" partnership between their ministries',
        "“substantial and effective” partnership",
        "Vietnam's support",
        "effective”\\n  partnership",
    ],
)
def test_a_quote_is_found_despite_quotes_case_and_spacing(parse: Parse, quote: str) -> None:
    escaped = quote.replace('"', '\\"')
    result = parse(
        HEAD + QUOTED_TEXT + "proposals:\n  - id: p\n    title: P\n    by: x\n"
        f'    quote: "{escaped}"\n'
    )
    assert codes(result) == []


def test_quote_in_text_is_not_fooled_by_an_empty_quote() -> None:
    assert not quote_in_text('""', "any text")
    assert quote_in_text("B  c", "a b\nc d")
    assert not quote_in_text("b c d e", "a b c d")


def test_a_quote_is_not_checked_when_the_briefing_has_no_text(parse: Parse) -> None:
    result = parse(HEAD + "events:\n  - id: e\n    title: E\n    date: 2024\n    quote: q\n")
    assert result.diagnostics == []


# -- person ids -------------------------------------------------------------------------------


def test_a_person_id_that_is_not_the_folded_name_is_a_warning(parse: Parse) -> None:
    result = parse(HEAD + "people:\n  - id: chien\n    name: Hoàng Xuân Chiến\n")
    line, column, severity, message = only(result, "person-id")
    assert (line, column, severity) == (5, 9, "warning")
    assert "'hoang-xuan-chien'" in message
    assert declared(result) == ["chien"]


@pytest.mark.parametrize(
    ("id_", "name", "aliases"),
    [
        ("hoang-xuan-chien", "Hoàng Xuân Chiến", "[]"),
        ("do-van-duc", "Đỗ Văn Đức", "[]"),
        ("chien", "Hoàng Xuân Chiến", "[Chiến]"),
        ("sanitchanog-sangkachantra", "สนิธชนก แสงกะจันทร์", "[Sanitchanog Sangkachantra]"),
        ("mohamed-khaled-bin-nordin", "Dato' Seri Mohamed Khaled", "[Mohamed Khaled bin Nordin]"),
    ],
)
def test_no_person_id_warning_when_the_name_or_an_alias_gives_the_id(
    parse: Parse, id_: str, name: str, aliases: str
) -> None:
    result = parse(HEAD + f'people:\n  - id: {id_}\n    name: "{name}"\n    aliases: {aliases}\n')
    assert result.diagnostics == []


def test_a_latin_alias_that_does_not_give_the_id_is_still_a_warning(parse: Parse) -> None:
    result = parse(
        HEAD + "people:\n  - id: sanitchanog\n    name: สนิธชนก แสงกะจันทร์\n"
        "    aliases: [Sanitchanog Sangkachantra]\n"
    )
    assert "'sanitchanog-sangkachantra'" in only(result, "person-id")[3]


# -- the source -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://example.org/x", "example.org/x", "https://"])
def test_a_source_url_that_is_not_http_is_a_warning(parse: Parse, url: str) -> None:
    result = parse(HEAD + f"source:\n  publisher: P\n  url: {url}\n")
    assert result.ok
    line, column, severity, message = only(result, "bad-url")
    assert (line, column, severity) == (6, 8, "warning")
    assert url in message
    assert result.values["source"] == {"publisher": "P", "url": url}


def test_a_source_published_date_is_checked(parse: Parse) -> None:
    result = parse(HEAD + "source:\n  published: 2024-13\n  author: A\n")
    assert only(result, "bad-date")[:3] == (5, 14, "error")
    assert result.values["source"] == {"author": "A"}


# -- files that are not briefings -------------------------------------------------------------


def test_invalid_utf8_names_the_line_and_column(parse: Parse) -> None:
    result = parse(b"id: b\ntitle: bad \xff byte\ndate: 2024\n")
    assert not result.ok
    line, column, severity, message = only(result, "bad-encoding")
    assert (line, column, severity) == (2, 12, "error")
    assert "0xff" in message
    assert "save it as UTF-8" in message


def test_invalid_utf8_column_counts_characters(parse: Parse) -> None:
    result = parse("id: b\ntitle: Hoàng ".encode() + b"\xff\ndate: 2024\n")
    assert only(result, "bad-encoding")[:2] == (2, 14)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_is_refused(parse: Parse, bom: bytes) -> None:
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    result = parse(bom + HEAD.encode(codec))
    assert not result.ok
    assert only(result, "bad-encoding")[3] == "the file is UTF-16; save it as UTF-8"


def test_a_utf8_byte_order_mark_is_accepted(parse: Parse) -> None:
    result = parse(b"\xef\xbb\xbf" + HEAD.encode())
    assert result.diagnostics == []
    assert result.id == "b"


@pytest.mark.parametrize("text", ["", "\n\n   \n", "# a draft\n# nothing yet\n"])
def test_a_file_with_no_briefing_is_empty(parse: Parse, text: str) -> None:
    result = parse(text.encode())
    assert not result.ok
    assert only(result, "empty")[:3] == (1, 1, "error")


@pytest.mark.parametrize(
    ("text", "holds"),
    [("- id: a\n- id: b\n", "a list"), ("just words\n", "text"), ("~\n", "nothing")],
)
def test_a_file_that_is_not_a_mapping(parse: Parse, text: str, holds: str) -> None:
    result = parse(text)
    assert not result.ok
    _, _, severity, message = only(result, "not-a-mapping")
    assert severity == "error"
    assert message.endswith(holds)


def test_a_file_over_the_size_cap_is_refused(parse: Parse) -> None:
    data = HEAD.encode()
    assert parse(data, max_file_size=len(data)).ok
    result = parse(data, max_file_size=len(data) - 1)
    assert not result.ok
    _, _, severity, message = only(result, "too-large")
    assert severity == "error"
    assert f"{len(data):,} bytes" in message
    assert "--max-file-size" in message


def test_a_file_on_disk_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + "summary: " + "x" * 5000 + "\n", encoding="utf-8")
    result = parse_briefing_file(path, "big.yaml", LoadLimits(max_file_size=1024))
    assert codes(result) == ["too-large"]
    assert result.diagnostics[0].path == "big.yaml"
    assert parse_briefing_file(path, "big.yaml", LoadLimits(max_file_size=8192)).ok


def test_a_missing_file_or_a_folder_is_unreadable(tmp_path: Path) -> None:
    assert codes(parse_briefing_file(tmp_path / "gone.yaml")) == ["unreadable"]
    assert codes(parse_briefing_file(tmp_path)) == ["unreadable"]


@pytest.mark.parametrize(
    ("text", "size"),
    [("4M", 4 * 1024 * 1024), ("512K", 512 * 1024), ("1G", 1024**3), ("100", 100), ("2MiB", 2**21)],
)
def test_sizes_are_read_with_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["four", "4X", "", "-1M", "4.5M"])
def test_a_size_that_is_not_a_size_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_duplicate_keys_and_second_documents_are_errors_but_the_briefing_loads(
    parse: Parse,
) -> None:
    result = parse(HEAD + "title: Another title\n---\nid: other\n")
    assert result.ok
    assert result.values["title"] == "A briefing"
    assert [(d.code, d.severity) for d in result.diagnostics] == [
        ("duplicate-key", "error"),
        ("multiple-documents", "error"),
    ]


def test_a_refused_tag_stops_the_file(parse: Parse) -> None:
    result = parse(HEAD + "summary: !!python/object/apply:os.getcwd []\n")
    assert not result.ok
    assert only(result, "yaml-tag")[:3] == (4, 10, "error")


def test_a_parsed_briefing_survives_a_json_round_trip(parse: Parse) -> None:
    result = parse(HEAD + QUOTED_TEXT + "people:\n  - id: chien\n    name: Hoàng Xuân Chiến\n")
    again = ParsedBriefing.from_json(result.to_json())
    assert again == result


# -- every diagnostic -------------------------------------------------------------------------

BROKEN = [
    HEAD + "people: {a: b}\n",
    HEAD + "sumary: s\ntags: [Bad Tag]\nsource: {url: ftp://x, published: 2024-13, x: 1}\n",
    HEAD + QUOTED_TEXT + "events:\n  - id: e\n    title: [E]\n    date: 2024-02-30\n"
    "  - id: f\n    title: F\n    date: 2024-05\n    end: 2024-04\n    quote: never\n"
    "    country: vn\n    chairs: {a: b}\n",
    HEAD + "proposals:\n  - id: p\n    title: P\n    by: []\n    status: agred\n"
    "  - just text\n  - id: q\n    title: Q\n    by: x\n  - id: q\n    title: Q\n    by: x\n",
    HEAD + "people:\n  - id: chien\n    name: Hoàng Xuân Chiến\n    name: Other\n",
    "id: Bad Id\ntitle: true\n",
    "- a list\n",
    "just words\n",
    "",
    "a: [unclosed\n",
    "a: !!binary aGk=\n",
    "a: &a [*a]\n",
    "a: " + "[" * 200 + "\n",
    "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
    HEAD + "---\nid: c\n",
    "true: 1\n",
    "id: b\ntitle: bell \x07\n",
]


def all_diagnostics(parse: Parse) -> list[tuple[str, int, int, str]]:
    out = []
    for text in BROKEN:
        out += [(d.code, d.line, d.column, d.message) for d in parse(text).diagnostics]
    out += [(d.code, d.line, d.column, d.message) for d in parse(b"a: \xc3\x28").diagnostics]
    out += [(d.code, d.line, d.column, d.message) for d in parse(b"\xff\xfea").diagnostics]
    out += [(d.code, d.line, d.column, d.message) for d in parse(HEAD, max_file_size=3).diagnostics]
    return out


REMEDY = re.compile(
    r"\b(add|use|write|fix|remove|save|split|quote|keep|move|give|declare|rename|check|flatten"
    r"|delete|raise|merge|try|must be|did you mean|takes|known fields|has days"
    r"|a briefing is a mapping)\b",
    re.IGNORECASE,
)


def test_every_diagnostic_has_a_position_and_says_what_to_do(parse: Parse) -> None:
    found = all_diagnostics(parse)
    assert {code for code, *_ in found} >= {
        "wrong-type",
        "unknown-field",
        "bad-id",
        "bad-url",
        "bad-date",
        "missing-field",
        "quote-not-found",
        "bad-country",
        "bad-status",
        "duplicate-id",
        "duplicate-key",
        "person-id",
        "not-a-mapping",
        "empty",
        "yaml-syntax",
        "yaml-tag",
        "yaml-alias",
        "too-deep",
        "multiple-documents",
        "yaml-key",
        "bad-encoding",
        "too-large",
        "control-character",
    }
    for code, line, column, message in found:
        assert line >= 1 and column >= 1, (code, message)
        assert REMEDY.search(message), f"{code}: {message!r} does not say what to do"


@pytest.mark.parametrize(
    ("text", "limits", "code"),
    [
        ("id: b\ntitle: t\ndate: 0000\n", LoadLimits(), "bad-date"),
        ("id: b\ntitle: t\nsummary: *nowhere\n", LoadLimits(), "yaml-alias"),
        ("a: &a [x, x, x]\nb: [*a, *a]\n", LoadLimits(yaml=YamlLimits(max_nodes=5)), "yaml-budget"),
    ],
    ids=["year 0000", "undefined alias", "alias bomb"],
)
def test_messages_for_refused_values_say_what_to_do(
    text: str, limits: LoadLimits, code: str
) -> None:
    result = parse_briefing_bytes("b.yaml", text.encode(), limits)
    diagnostic = next(d for d in result.diagnostics if d.code == code)
    assert diagnostic.severity == "error"
    assert REMEDY.search(diagnostic.message), diagnostic.message


def test_the_text_is_made_ready_for_quotes_once_however_many_quotes(parse: Parse) -> None:
    """Thousands of quotes over a long text (a draft of a long article) are checked in
    seconds: the text's folded form is made once, not once per quote."""
    from dragoman.briefings import checks

    sentences = [f"Point {n} was agreed by both sides." for n in range(300)]
    proposals = [
        {"id": f"p{n}", "title": f"Point {n}", "by": "someone", "quote": sentence}
        for n, sentence in enumerate(sentences)
    ]
    text = " ".join(sentences)
    before = checks._text_form.cache_info()
    briefing = {"id": "b", "title": "T", "date": "2025", "text": text, "proposals": proposals}
    parsed = parse(briefing_yaml(briefing))
    after = checks._text_form.cache_info()
    assert not [d for d in parsed.diagnostics if d.code == "quote-not-found"]
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == len(proposals) - 1
