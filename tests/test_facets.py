"""Facets: each count is the total a search has with that value's filter added, for any query
(a property over generated queries), on a fresh index and on one caught up (deleted documents
in its segments); their JSON and the filter text of a value."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.search.facets import FACETS, Facets, facet_filter, facets, facets_json
from dragoman.search.index import Index
from dragoman.search.query import QueryError, parse
from dragoman.search.results import search
from search_fixtures import (
    ALL_IDS,
    KUALA_LUMPUR,
    KUALA_LUMPUR_BRIEFING,
    opened_corpus,
    write_briefing,
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with opened_corpus(tmp_path_factory.mktemp("facets")) as opened:
        yield opened


def assert_counts_are_filtered_totals(index: Index, text: str, found: Facets) -> None:
    """Every count, and every value of the whole index not counted (0), is what search() gives
    with that value's filter added; the total is search()'s."""
    assert found.total == search(index, text, limit=1).total
    every = facets(index, "")
    for name in FACETS:
        assert sum(found.counts[name].values()) >= (found.total if name == "kind" else 0)
        for value in every.counts[name]:
            narrowed = f"({text}) {facet_filter(name, value)}"
            expected = search(index, narrowed, limit=1).total
            assert found.counts[name].get(value, 0) == expected, (name, value, narrowed)
        assert set(found.counts[name]) <= set(every.counts[name])


def test_the_facets_of_everything(index: Index) -> None:
    found = facets(index, "")
    assert found.total == len(ALL_IDS)
    assert found.counts["kind"] == {
        "organization": 7,
        "event": 6,
        "person": 6,
        "proposal": 6,
        "briefing": 3,
    }
    assert found.counts["country"] == {"VN": 6, "TH": 2, "JP": 1, "MY": 1, "US": 1}
    assert found.counts["year"] == {"2025": 17, "2024": 10, "2023": 1}
    assert found.counts["area"] == dict.fromkeys(
        ["cyber-security", "hadr", "maritime-security", "pandemic-response"], 1
    )
    assert list(found.counts["tag"])[:2] == ["maritime-security", "hadr"]
    assert found.counts["status"] == {"proposed": 3, "agreed": 2, "stalled": 1}
    assert found.counts["type"]["exercise"] == 2
    assert_counts_are_filtered_totals(index, "", found)


def test_the_facets_of_a_query(index: Index) -> None:
    found = facets(index, "giang")
    assert found.total == search(index, "giang").total == 6
    assert found.counts["kind"] == {"event": 2, "proposal": 2, "briefing": 1, "person": 1}
    assert found.counts["status"] == {"agreed": 1, "proposed": 1}
    assert_counts_are_filtered_totals(index, "giang", found)


def test_values_sort_by_count_then_by_value(index: Index) -> None:
    for counts in facets(index, "").counts.values():
        items = list(counts.items())
        assert items == sorted(items, key=lambda item: (-item[1], item[0]))


def test_a_query_that_matches_nothing_has_empty_facets(index: Index) -> None:
    found = facets(index, "quokka")
    assert found.total == 0
    assert found.counts == {name: {} for name in FACETS}


def test_a_party_that_names_nobody_is_a_note(index: Index) -> None:
    found = facets(index, "with:nobody")
    assert found.total == 0
    assert found.notes == ["no person, organization or country matches with:nobody"]


def test_a_query_not_understood_raises_query_error(index: Index) -> None:
    with pytest.raises(QueryError):
        facets(index, "knd:event")


def test_facets_json(index: Index) -> None:
    data = facets_json(facets(index, "kind:proposal"))
    assert set(data) == {"query", "total", "facets"}
    assert data["query"] == "kind:proposal"
    assert data["total"] == 6
    assert list(data["facets"]) == list(FACETS)
    assert data["facets"]["kind"] == {"proposal": 6}
    assert data["facets"]["status"] == {"proposed": 3, "agreed": 2, "stalled": 1}


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("year", "2019", "date:2019"),
        ("country", "VN", "country:VN"),
        ("kind", "event", "kind:event"),
        ("tag", "maritime-security", "tag:maritime-security"),
        ("area", "hadr", "area:hadr"),
        ("status", "in-progress", "status:in-progress"),
        ("type", "working visit", 'type:"working visit"'),
        ("type", "talks(2)", 'type:"talks(2)"'),
    ],
)
def test_facet_filter(name: str, value: str, text: str) -> None:
    written = facet_filter(name, value)
    assert written == text
    assert parse(written) is not None


def test_a_caught_up_index_counts_as_it_searches(
    root: Path, isolated_cache: Path, tmp_path: Path
) -> None:
    """Documents written again leave deleted ones in the older segment: never counted."""
    index, _ = Index.open(root)
    try:
        facets(index, "")  # tables of the first searcher, which the refresh replaces
        edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
        edited["tags"] = ["cyber-security"]
        edited["proposals"][0]["status"] = "done"
        write_briefing(root, KUALA_LUMPUR, edited)
        report = index.refresh()
        assert report.documents_updated and not report.rebuilt
        assert facets(index, "").counts["status"]["done"] == 1
        assert facets(index, "").counts["tag"]["hadr"] == 1  # the proposal of that area
        for text in ("", "giang", "kind:proposal", "maritime -japan", "with:VN"):
            assert_counts_are_filtered_totals(index, text, facets(index, text))
    finally:
        index.close()


# -- any query ---------------------------------------------------------------------------------

WORDS = ["giang", "chien", "sea", "east", "forum", "maritime", "cyber", "koizumi", "ha"]
FILTERS = [
    "kind:event",
    "kind:proposal",
    "kind:person",
    "country:VN",
    "country:JP",
    "status:agreed",
    "tag:hadr",
    "area:hadr",
    "type:exercise",
    "date:2025",
    "date:2024..2025-06",
    "date:..2024",
    "with:VN",
    "by:giang",
    "to:JP",
    "person:giang",
    "org:vietnam-mnd",
]


def _leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(lambda w: f"{w}*"),
        st.sampled_from(WORDS).map(lambda w: f"{w}~"),
        st.sampled_from(['"east sea"', '"coast guard"', '"defence minister"']),
        st.sampled_from(FILTERS),
    )


QUERIES = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(" ".join),
        st.lists(inner, min_size=2, max_size=3).map(" OR ".join),
        inner.map(lambda q: f"-({q})"),
        inner.map(lambda q: f"({q})"),
    ),
    max_leaves=5,
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(st.just(""), QUERIES))
def test_every_count_is_the_total_of_the_query_with_its_filter(index: Index, text: str) -> None:
    found = facets(index, text)
    assert_counts_are_filtered_totals(index, text, found)
