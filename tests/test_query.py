"""The query language of docs/search.md, parsed: what each form means, and the message a
malformed query gets instead of a traceback."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.briefings.dates import PartialDate
from dragoman.search.query import (
    And,
    DateRange,
    Filter,
    Not,
    Or,
    Phrase,
    QueryError,
    Word,
    parse,
    positive_words,
)


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


# --------------------------------------------------------------------------------------------
# Well-formed queries


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "()", "*", "~"])
def test_an_empty_query_means_everything(text: str) -> None:
    assert parse(text) is None


def test_one_word() -> None:
    assert parse("giang") == Word("giang")


def test_words_are_all_required() -> None:
    assert parse("phan van giang") == And((Word("phan"), Word("van"), Word("giang")))


def test_and_in_capitals_is_the_same_as_a_space() -> None:
    assert parse("phan AND giang") == parse("phan giang")


def test_a_quoted_phrase() -> None:
    assert parse('"east sea"') == Phrase("east sea")
    assert parse('restraint "east sea"') == And((Word("restraint"), Phrase("east sea")))


def test_or_in_capitals() -> None:
    assert parse("cyber OR pandemic") == Or((Word("cyber"), Word("pandemic")))


def test_or_in_lowercase_is_a_word() -> None:
    assert parse("cyber or pandemic") == And((Word("cyber"), Word("or"), Word("pandemic")))


def test_or_binds_looser_than_and() -> None:
    assert parse("a b OR c") == Or((And((Word("a"), Word("b"))), Word("c")))


@pytest.mark.parametrize("text", ["maritime -japan", "maritime NOT japan"])
def test_minus_and_not_exclude(text: str) -> None:
    assert parse(text) == And((Word("maritime"), Not(Word("japan"))))


def test_a_hyphen_inside_a_word_is_not_a_minus() -> None:
    assert parse("maritime-security") == Word("maritime-security")


def test_minus_before_a_phrase_and_a_filter() -> None:
    assert parse('-"east sea" -kind:person') == And(
        (Not(Phrase("east sea")), Not(Filter("kind", "person")))
    )


def test_brackets_group() -> None:
    assert parse("(cyber OR pandemic) kind:proposal") == And(
        (Or((Word("cyber"), Word("pandemic"))), Filter("kind", "proposal"))
    )


def test_nested_brackets_and_not_of_a_group() -> None:
    assert parse("-(a OR (b c))") == Not(Or((Word("a"), And((Word("b"), Word("c"))))))


def test_prefix() -> None:
    assert parse("gia*") == Word("gia", prefix=True)


@pytest.mark.parametrize(("text", "distance"), [("giang~", 1), ("giang~1", 1), ("jasmin~2", 2)])
def test_fuzzy(text: str, distance: int) -> None:
    assert parse(text) == Word(text.split("~")[0], fuzzy=distance)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kind:person", "person"),
        ("kind:people", "person"),
        ("kind:persons", "person"),
        ("kind:organization", "organization"),
        ("kind:organisations", "organization"),
        ("kind:org", "organization"),
        ("kind:orgs", "organization"),
        ("kind:events", "event"),
        ("kind:proposals", "proposal"),
        ("kind:briefings", "briefing"),
        ("KIND:Person", "person"),
    ],
)
def test_kind_accepts_plurals_and_org(text: str, kind: str) -> None:
    assert parse(text) == Filter("kind", kind)


@pytest.mark.parametrize("text", ["country:vn", "country:VN", "Country:Vn", "COUNTRY:vN"])
def test_country_in_any_case(text: str) -> None:
    assert parse(text) == Filter("country", "VN")


@pytest.mark.parametrize(
    "status", ["proposed", "agreed", "in-progress", "done", "stalled", "dropped"]
)
def test_every_status(status: str) -> None:
    assert parse(f"status:{status.upper()}") == Filter("status", status)


def test_area_is_its_own_filter_and_organization_is_org() -> None:
    assert parse("area:hadr") == Filter("area", "hadr")
    assert parse("organization:asean") == Filter("org", "asean")


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("tag:maritime-security", Filter("tag", "maritime-security")),
        ("type:reception", Filter("type", "reception")),
        ("person:giang", Filter("person", "giang")),
        ('person:"phan van giang"', Filter("person", "phan van giang")),
        ("person:phan-van-giang", Filter("person", "phan-van-giang")),
        ("event:idmm", Filter("event", "idmm")),
        ("org:asean", Filter("org", "asean")),
        (
            "briefing:2024-tokyo-japan-asean-vice-ministerial-forum",
            Filter("briefing", "2024-tokyo-japan-asean-vice-ministerial-forum"),
        ),
        ("id:phan-van-giang", Filter("id", "phan-van-giang")),
        ("by:VN", Filter("by", "VN")),
        ("to:koizumi", Filter("to", "koizumi")),
        ('with:"phan van giang"', Filter("with", "phan van giang")),
    ],
)
def test_filters(text: str, node: Filter) -> None:
    assert parse(text) == node


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("date:2025", "2025", "2025"),
        ("date:2025-11", "2025-11", "2025-11"),
        ("date:2025-11-01", "2025-11-01", "2025-11-01"),
        ("date:2024..2025-06", "2024", "2025-06"),
        ("date:..2024", None, "2024"),
        ("date:2025..", "2025", None),
        ("date:2024-10..2024", "2024-10", "2024"),
    ],
)
def test_dates_and_ranges(text: str, start: str | None, end: str | None) -> None:
    expected = DateRange(day(start) if start else None, day(end) if end else None)
    assert parse(text) == expected


def test_filters_combine_with_words_and_each_other() -> None:
    assert parse("person:giang kind:proposal status:agreed disaster") == And(
        (
            Filter("person", "giang"),
            Filter("kind", "proposal"),
            Filter("status", "agreed"),
            Word("disaster"),
        )
    )


def test_a_colon_that_is_no_filter_stays_in_the_word() -> None:
    assert parse("http://example.org") == Word("http://example.org")
    assert parse("10:30") == Word("10:30")


def test_the_query_is_composed_before_parsing() -> None:
    decomposed = unicodedata.normalize("NFD", "Chiến")
    assert parse(decomposed) == Word("Chiến")
    assert parse(f'"{decomposed} đi"') == Phrase("Chiến đi")


def test_positive_words_leave_out_what_is_excluded() -> None:
    node = parse('phan "east sea" -japan (gia* OR chien~) kind:person')
    assert positive_words(node) == [
        Word("phan"),
        Phrase("east sea"),
        Word("gia", prefix=True),
        Word("chien", fuzzy=1),
    ]


# --------------------------------------------------------------------------------------------
# Malformed queries: a message that says what to write instead


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        (
            '"unclosed',
            'the phrase starting at column 1 has no closing quote ("); close it or remove the '
            "quote",
            0,
        ),
        ("date:2025-99", "date:2025-99: '2025-99': the month must be 01 to 12 (ranges: ", 0),
        ("date:2024-02-30", "February 2024 has days 01 to 29", 0),
        ("date:2025..2024", "date:2025..2024 ends before it starts", 0),
        ("date:..", "date:.. needs at least one end", 0),
        ("date:soon", "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", 0),
        (
            "kind:nope",
            "kind:nope is not a kind; use person, organization, event, proposal or briefing",
            0,
        ),
        ("kind:persn", "(did you mean kind:person?)", 0),
        ("status:agred", "status:agred is not a status (did you mean status:agreed?)", 0),
        ("country:xx", "country:xx is not an ISO 3166-1 alpha-2 code", 0),
        ("giang~3", "'giang~3': a fuzzy word takes ~ or ~1 or ~2", 0),
        ("giang~0", "a fuzzy word takes ~ or ~1 or ~2", 0),
        ("a OR", "OR needs something on its right", 2),
        ("OR a", "OR needs something on its left", 0),
        ("a OR OR b", "OR needs something on its right", 2),
        ("(a", "the bracket opened at column 1 is never closed; add `)`", 0),
        ("x (a", "the bracket opened at column 3 is never closed", 2),
        ("a)", "a `)` closes nothing; remove it", 1),
        ("NOT", "NOT needs a word after it, e.g. `NOT japan`", 0),
        ("a NOT", "NOT needs a word after it", 2),
        ("knd:event", "there is no filter knd:; did you mean kind:?", 0),
        ("giang typo:reception", "there is no filter typo:; did you mean type:?", 6),
        ("wiht:VN", "there is no filter wiht:; did you mean with:?", 0),
        ("areas:hadr", "there is no filter areas:; did you mean area:?", 0),
        ("by:", "by: needs a value right after the colon, e.g. by:VN", 0),
        ("with:", "with: needs a value right after the colon, e.g. with:VN", 0),
        ("date:", "date: needs a value right after the colon, e.g. date:2024..2025-06", 0),
        ('person:"phan van', 'the value of person: has no closing quote (")', 7),
    ],
)
def test_malformed_queries_say_what_to_write(text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert message in caught.value.message
    assert str(caught.value) == caught.value.message
    assert caught.value.position == position


def test_the_position_points_at_the_filter_in_a_longer_query() -> None:
    with pytest.raises(QueryError) as caught:
        parse("phan van giang kind:nope")
    assert caught.value.position == len("phan van giang ")


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


# --------------------------------------------------------------------------------------------
# Anything typed: a tree or a QueryError, nothing else

QUERY_PIECES = st.sampled_from(
    [
        " ",
        '"',
        "(",
        ")",
        "*",
        "~",
        "~2",
        "~9",
        ":",
        "-",
        "..",
        "OR",
        "NOT",
        "AND",
        "kind:",
        "date:",
        "person:",
        "country:",
        "status:",
        "id:",
        "by:",
        "to:",
        "with:",
        "knd:",
        "giang",
        "Chiến",
        "2025",
        "-11",
        "สมชาย",
        "小泉",
        "\u0301",
    ]
)
ANY_QUERY = st.one_of(st.text(), st.lists(QUERY_PIECES, max_size=10).map("".join))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(ANY_QUERY)
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        node = parse(text)
    except QueryError as exc:
        assert exc.message
        # positions count in the composed (NFC) text that was parsed
        composed = unicodedata.normalize("NFC", text)
        assert exc.position is None or 0 <= exc.position <= len(composed)
        return
    assert node is None or isinstance(node, Word | Phrase | Filter | DateRange | Not | And | Or)
