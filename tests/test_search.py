"""Searching a small library with known answers: every query form of docs/search.md, ranking,
snippets, did-you-mean and search as you type."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dragoman.search.analysis import fold_term, words
from dragoman.search.documents import prose_of
from dragoman.search.highlight import mark, snippet
from dragoman.search.index import Index
from dragoman.search.panes import search_panes
from dragoman.search.query import QueryError
from dragoman.search.results import Hit, SearchResult, search
from search_fixtures import (
    ALL_IDS,
    BRIEFINGS,
    EVENTS,
    ORGANIZATIONS,
    PEOPLE,
    PROPOSALS,
    THAI_NAME,
    find,
    id_set,
    ids,
    opened_corpus,
)
from test_index import KL_ONLY


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with opened_corpus(tmp_path_factory.mktemp("search")) as opened:
        yield opened


DATED_2024 = {  # declared only by the briefing dated "2024", or events dated "2024"
    "2024-hanoi-maritime-dialogue",
    "hoang-xuan-chien",
    "nguyen-thi-ha",
    "dang-van-dong",
    "vietnam-mnd",
    "three-rivers-commission",
    "vietnam-training-command",
    "hanoi-dialogue-2024",
    "pandemic-drill",
    "river-cleanup",
}
DATED_2025_06 = {
    "2025-06-bangkok-cyber-forum",
    "somchai-jaidee",
    "cyber-hotline",
    "bangkok-cyber-forum-2025",  # 10 to 12 June
}


def test_the_fixture_library_is_what_the_tests_expect(index: Index) -> None:
    assert not index.library.diagnostics
    everything = id_set(index, "", limit=len(ALL_IDS) + 10)
    assert everything == PEOPLE | ORGANIZATIONS | EVENTS | PROPOSALS | BRIEFINGS
    assert index.doc_count() == len(ALL_IDS)


# --------------------------------------------------------------------------------------------
# Words, phrases, OR, NOT, brackets


def test_a_word_is_found_in_names_and_prose(index: Index) -> None:
    found = id_set(index, "giang")
    assert "phan-van-giang" in found  # name
    assert "hadr-focus" in found  # "Giang asked that future work..."
    assert "2025-11-01-kuala-lumpur" in found  # the briefing's text
    assert "koizumi-shinjiro" not in found


def test_all_words_are_required(index: Index) -> None:
    assert id_set(index, "giang disaster") == {"phan-van-giang", "hadr-focus"}
    assert id_set(index, "giang") > id_set(index, "giang disaster")
    assert id_set(index, "pandemic")
    assert id_set(index, "giang pandemic") == set()


def test_all_words_of_a_name(index: Index) -> None:
    found = id_set(index, "phan van giang")
    assert found == {
        "phan-van-giang",
        # linked to him: his name is among their links
        "hadr-focus",
        "east-sea-restraint",
        "asean-japan-idmm-2025",
        "asean-us-tea-reception-2025",
    }


def test_a_phrase_needs_the_words_together(index: Index) -> None:
    assert id_set(index, '"east sea"') == {"east-sea-restraint", "2025-11-01-kuala-lumpur"}
    # "Keep the sea lanes open, from the east coast of Africa": both words, not the phrase
    assert "sea-lanes" in id_set(index, "east sea")


def test_a_phrase_in_the_wrong_order_does_not_match(index: Index) -> None:
    assert id_set(index, '"sea east"') == set()


def test_or_finds_either_word(index: Index) -> None:
    cyber, pandemic = id_set(index, "cyber"), id_set(index, "pandemic")
    assert cyber and pandemic and not cyber & pandemic
    assert id_set(index, "cyber OR pandemic") == cyber | pandemic
    assert {"cyber-hotline", "pandemic-drill"} <= cyber | pandemic


@pytest.mark.parametrize("query", ["maritime -japan", "maritime NOT japan"])
def test_not_and_minus_exclude_a_word(index: Index, query: str) -> None:
    maritime, japan = id_set(index, "maritime"), id_set(index, "japan")
    # The ADMM+ maritime security group is co-chaired by Japan: it must go.
    assert "admm-plus-ewg-maritime-security" in maritime & japan
    assert id_set(index, query) == maritime - japan
    assert id_set(index, query)


def test_minus_alone_lists_everything_else(index: Index) -> None:
    assert id_set(index, "-japan") == ALL_IDS - id_set(index, "japan")


def test_minus_a_phrase(index: Index) -> None:
    assert id_set(index, 'sea -"east sea"') == id_set(index, "sea") - id_set(index, '"east sea"')


def test_brackets_group(index: Index) -> None:
    assert id_set(index, "(cyber OR pandemic) kind:proposal") == {"cyber-hotline", "pandemic-drill"}


def test_without_brackets_or_binds_loosest(index: Index) -> None:
    """`cyber OR pandemic kind:proposal` is cyber, or pandemic proposals."""
    found = id_set(index, "cyber OR pandemic kind:proposal")
    assert found == id_set(index, "cyber") | {"pandemic-drill"}
    assert "hoang-xuan-chien" not in found  # pandemic, but a person


# --------------------------------------------------------------------------------------------
# Prefixes and fuzzy words


def test_prefix_finds_names(index: Index) -> None:
    assert id_set(index, "gia*") == {"phan-van-giang"}
    assert "somchai-jaidee" in id_set(index, "somch*")


def test_prefix_finds_prose_from_four_letters(index: Index) -> None:
    """Only Chiến's summary has "preparedness"."""
    assert id_set(index, "prepar*") == {"hoang-xuan-chien"}
    assert "hoang-xuan-chien" not in id_set(index, "pre*")


def test_prefix_longer_than_the_ngrams(index: Index) -> None:
    for query in ("interoperabi*", "interoperabil*", "interoperability*"):
        assert "interoperability-directorate" in id_set(index, query), query


def test_fuzzy_finds_a_typo(index: Index) -> None:
    assert id_set(index, "giamg") == set()
    assert "phan-van-giang" in id_set(index, "giamg~")
    assert "phan-van-giang" in id_set(index, "giamg~1")


def test_fuzzy_two_letters(index: Index) -> None:
    """hutlixe is two letters from hotline."""
    assert "cyber-hotline" not in id_set(index, "hutlixe~")
    assert "cyber-hotline" in id_set(index, "hutlixe~2")


# --------------------------------------------------------------------------------------------
# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind:person", PEOPLE),
        ("kind:people", PEOPLE),
        ("kind:organization", ORGANIZATIONS),
        ("kind:org", ORGANIZATIONS),
        ("kind:orgs", ORGANIZATIONS),
        ("kind:organisations", ORGANIZATIONS),
        ("kind:event", EVENTS),
        ("kind:events", EVENTS),
        ("kind:proposal", PROPOSALS),
        ("kind:briefing", BRIEFINGS),
    ],
)
def test_kind(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


@pytest.mark.parametrize("query", ["country:VN", "country:vn", "Country:Vn"])
def test_country_in_any_case(index: Index, query: str) -> None:
    assert id_set(index, query) == {
        "hoang-xuan-chien",
        "nguyen-thi-ha",
        "dang-van-dong",
        "phan-van-giang",
        "vietnam-mnd",
        "hanoi-dialogue-2024",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country:th", {"somchai-jaidee", "bangkok-cyber-forum-2025"}),
        ("country:JP", {"koizumi-shinjiro"}),
        ("country:my", {"asean-japan-idmm-2025"}),
        ("country:us", {"united-states"}),
        ("country:fr", set()),
    ],
)
def test_other_countries(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status:agreed", {"pandemic-drill", "hadr-focus"}),
        # sea-lanes gives no status: proposed is the default
        ("status:proposed", {"cyber-hotline", "east-sea-restraint", "sea-lanes"}),
        ("status:STALLED", {"river-cleanup"}),
        ("status:done", set()),
    ],
)
def test_status(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


HANOI_ALL = DATED_2024 | {"harbour-exercise-2023"}  # the Hanoi briefing and what it declares
BANGKOK_ALL = {
    "2025-06-bangkok-cyber-forum",
    "somchai-jaidee",
    "koizumi-shinjiro",
    "bangkok-cyber-forum-2025",
    "harbour-exercise-2025",
    "cyber-hotline",
}
KUALA_LUMPUR_ALL = KL_ONLY | {"koizumi-shinjiro"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag:hadr", KUALA_LUMPUR_ALL),
        ("area:hadr", {"hadr-focus"}),
        ("tag:maritime-security", HANOI_ALL | KUALA_LUMPUR_ALL),
        ("area:maritime-security", {"east-sea-restraint"}),
        ("area:pandemic-response", {"pandemic-drill"}),
        ("tag:pandemic-response", {"pandemic-drill"}),
        ("tag:CYBER-SECURITY", BANGKOK_ALL),
        ("area:CYBER-SECURITY", {"cyber-hotline"}),
        ("tag:east-sea", HANOI_ALL),
        ("area:east-sea", set()),
        ("tag:hadr kind:event", {"asean-japan-idmm-2025", "asean-us-tea-reception-2025"}),
    ],
)
def test_tags_of_briefings_and_their_entities_and_areas_of_proposals(
    index: Index, query: str, expected: set[str]
) -> None:
    assert id_set(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type:reception", {"asean-us-tea-reception-2025"}),
        ("type:Exercise", {"harbour-exercise-2023", "harbour-exercise-2025"}),
        ("type:ministry", {"vietnam-mnd"}),
        # events and organizations alike
        ("type:forum", {"bangkok-cyber-forum-2025", "admm-plus"}),
    ],
)
def test_type_of_events_and_organizations(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


GIANG_LINKS = {
    "asean-japan-idmm-2025",  # attended
    "asean-us-tea-reception-2025",  # attended
    "hadr-focus",  # proposed
    "east-sea-restraint",  # proposed
    "2025-11-01-kuala-lumpur",  # the briefing that mentions him
    "vietnam-mnd",  # the ministry he serves
}


@pytest.mark.parametrize(
    "query",
    [
        "person:phan-van-giang",
        "person:giang",
        'person:"phan van giang"',
        "person:GIANG",
        'person:"Phan Van Giang"',
    ],
)
def test_person_by_id_or_by_words_of_the_name(index: Index, query: str) -> None:
    assert id_set(index, query) == GIANG_LINKS


KOIZUMI_LINKS = {
    "asean-japan-idmm-2025",  # chaired
    "bangkok-cyber-forum-2025",  # attended
    "cyber-hotline",  # addressed to him
    "hadr-focus",  # addressed to him
    "2025-06-bangkok-cyber-forum",
    "2025-11-01-kuala-lumpur",
}


@pytest.mark.parametrize(
    "query", ["person:koizumi-shinjiro", "person:koizumi", "person:小泉進次郎", "person:shinjiro"]
)
def test_person_by_alias_or_by_the_name_as_written(index: Index, query: str) -> None:
    assert id_set(index, query) == KOIZUMI_LINKS


@pytest.mark.parametrize("query", ["person:somchai", f'person:"{THAI_NAME}"'])
def test_person_with_a_thai_name(index: Index, query: str) -> None:
    assert id_set(index, query) == {
        "bangkok-cyber-forum-2025",
        "cyber-hotline",
        "2025-06-bangkok-cyber-forum",
    }


def test_person_filter_combines_with_kind_and_status(index: Index) -> None:
    assert id_set(index, "person:giang kind:proposal") == {"hadr-focus", "east-sea-restraint"}
    assert id_set(index, "person:giang kind:proposal status:agreed") == {"hadr-focus"}


def test_a_filter_that_names_nobody_says_so(index: Index) -> None:
    result = search(index, "person:nobody")
    assert result.total == 0
    assert result.hits == []
    assert result.notes == ["no person matches person:nobody"]


def test_a_person_filter_does_not_take_an_organization(index: Index) -> None:
    result = search(index, "person:vietnam-mnd")
    assert result.total == 0
    assert result.notes


@pytest.mark.parametrize("query", ["event:idmm", "event:asean-japan-idmm-2025"])
def test_event(index: Index, query: str) -> None:
    assert id_set(index, query) == {
        "koizumi-shinjiro",  # chaired it
        "phan-van-giang",  # attended it
        "admm-plus",  # took part
        "hadr-focus",  # proposed there
        "2025-11-01-kuala-lumpur",
    }


@pytest.mark.parametrize("query", ["org:united-states", "org:U.S.", "organization:united"])
def test_org(index: Index, query: str) -> None:
    assert id_set(index, query) == {
        "asean-us-tea-reception-2025",
        "sea-lanes",
        "2025-11-01-kuala-lumpur",
    }


def test_org_by_words_of_the_name(index: Index) -> None:
    assert id_set(index, 'org:"three rivers"') == {"2024-hanoi-maritime-dialogue"}


def test_briefing(index: Index) -> None:
    assert id_set(index, "briefing:2025-06-bangkok-cyber-forum") == BANGKOK_ALL


@pytest.mark.parametrize(
    "entity", ["phan-van-giang", "admm-plus", "2025-11-01-kuala-lumpur", "sea-lanes"]
)
def test_id(index: Index, entity: str) -> None:
    assert find(index, f"id:{entity}") == [entity]
    assert find(index, f"id:{entity.upper()}") == [entity]


def test_id_needs_the_whole_id(index: Index) -> None:
    assert find(index, "id:phan-van") == []


# --------------------------------------------------------------------------------------------
# Dates: containment


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2024", DATED_2024),
        # the source says only 2024: not within October
        ("date:2024-10", set()),
        ("date:2024-01", set()),
        ("date:2023", {"harbour-exercise-2023"}),
        ("date:2023-05-02", {"harbour-exercise-2023"}),
        ("date:2025-06", DATED_2025_06),
        # the forum runs 10 to 12 June: not within its first day
        ("date:2025-06-10", set()),
        ("date:2025-06-10..2025-06-12", {"bangkok-cyber-forum-2025"}),
        ("date:2025-02", {"harbour-exercise-2025"}),
        ("date:..2024", DATED_2024 | {"harbour-exercise-2023"}),
        ("date:2025..", ALL_IDS - DATED_2024 - {"harbour-exercise-2023"}),
        ("date:2024..2025-06", DATED_2024 | DATED_2025_06 | {"harbour-exercise-2025"}),
        ("date:2024-06..2025", ALL_IDS - DATED_2024 - {"harbour-exercise-2023"}),
        ("date:1999", set()),
    ],
)
def test_dates_are_matched_by_containment(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


def test_the_day_of_a_briefing(index: Index) -> None:
    found = id_set(index, "date:2025-11-01")
    assert "koizumi-shinjiro" in found  # the latest briefing that declares him
    assert {"phan-van-giang", "asean-japan-idmm-2025", "2025-11-01-kuala-lumpur"} <= found
    assert found.isdisjoint(DATED_2024 | DATED_2025_06)


def test_dates_combine_with_words(index: Index) -> None:
    assert id_set(index, "harbour date:2025") == {"harbour-exercise-2025"}
    assert id_set(index, "harbour -date:2025") == {"harbour-exercise-2023"}


# --------------------------------------------------------------------------------------------
# The empty query, the kind argument, limits


def test_an_empty_query_lists_everything_newest_first(index: Index) -> None:
    result = search(index, "", limit=1000)
    assert result.total == len(ALL_IDS)
    assert set(ids(result)) == ALL_IDS
    keys = [index.library.get(h.id).date.key for h in result.hits]  # type: ignore[union-attr]
    assert keys == sorted(keys, reverse=True)
    assert result.hits[-1].id == "harbour-exercise-2023"


def test_the_limit_cuts_the_hits_not_the_total(index: Index) -> None:
    result = search(index, "", limit=3)
    assert result.total == len(ALL_IDS)
    assert len(result.hits) == 3
    assert search(index, "giang", limit=1).total == search(index, "giang").total


def test_a_limit_below_one_still_gives_one(index: Index) -> None:
    assert len(search(index, "giang", limit=0).hits) == 1


@pytest.mark.parametrize("kind", ["person", "organization", "event", "proposal", "briefing"])
def test_the_kind_argument(index: Index, kind: str) -> None:
    result = search(index, "giang OR chien OR admm OR cyber", kind=kind, limit=1000)
    assert result.hits
    assert {h.kind for h in result.hits} == {kind}
    assert set(ids(result)) == id_set(index, f"(giang OR chien OR admm OR cyber) kind:{kind}")


def test_the_kind_argument_with_an_empty_query(index: Index) -> None:
    assert id_set(index, "", kind="person") == PEOPLE


def test_hits_carry_kind_title_date_and_briefings(index: Index) -> None:
    hit = search(index, "id:koizumi-shinjiro").hits[0]
    assert hit.kind == "person"
    assert hit.title == "小泉進次郎"
    assert hit.date == "2025-11-01"
    assert hit.briefings == ["2025-06-bangkok-cyber-forum", "2025-11-01-kuala-lumpur"]


# --------------------------------------------------------------------------------------------
# Ranking


def test_a_name_ranks_above_more_mentions_in_prose(index: Index) -> None:
    """The Kuala Lumpur briefing says "Giang" five times; his name says it once."""
    result = search(index, "giang")
    assert result.hits[0].id == "phan-van-giang"
    assert result.hits[0].tier < min(h.tier for h in result.hits[1:])


def test_an_exact_whole_name_ranks_first(index: Index) -> None:
    for query, expected in [
        ("phan van giang", "phan-van-giang"),
        ("Hoàng Xuân Chiến", "hoang-xuan-chien"),
        ("dang van dong", "dang-van-dong"),
        ("Harbour exercise", None),  # two events share the title: both are exact
    ]:
        result = search(index, query)
        assert result.hits[0].tier == 0, query
        if expected:
            assert result.hits[0].id == expected, query


def test_an_exact_alias_ranks_its_entity_first(index: Index) -> None:
    """ADMM+ is the alias of admm-plus; the working group's name and the briefing's text
    mention ADMM+ more often, and the group scores higher by relevance alone."""
    result = search(index, "ADMM+")
    assert result.hits[0].id == "admm-plus"
    group = next(h for h in result.hits if h.id == "admm-plus-ewg-maritime-security")
    assert group.score > result.hits[0].score
    assert "2025-11-01-kuala-lumpur" in ids(result)


def test_the_us_alias_ranks_the_united_states_first(index: Index) -> None:
    assert find(index, "U.S.")[0] == "united-states"


@pytest.mark.parametrize("query", ["training", "hanoi", "maritime", "giang", "chien", "cyber"])
def test_name_and_title_matches_come_before_prose_only_matches(index: Index, query: str) -> None:
    result = search(index, query, limit=100)
    tiers = [h.tier for h in result.hits]
    assert tiers == sorted(tiers)
    term = fold_term(query)
    for hit in result.hits:
        item = index.library.get(hit.id)
        assert item is not None
        aliases = item.items("aliases")
        in_name = term in words(" ".join([item.name, *aliases, hit.id.replace("-", " ")]))
        assert (hit.tier <= 2) == in_name, (hit.id, hit.tier)


def test_a_name_match_ranks_above_a_short_prose_match(index: Index) -> None:
    """The Training Command has the word in its name; two people have it in their summary."""
    found = find(index, "training")
    assert found[0] == "vietnam-training-command"
    assert {"nguyen-thi-ha", "dang-van-dong"} <= set(found[1:])


def test_equal_results_newest_first(index: Index) -> None:
    """Two events called "Harbour exercise", 2023 (indexed first) and 2025."""
    result = search(index, "harbour")
    assert ids(result) == ["harbour-exercise-2025", "harbour-exercise-2023"]
    assert result.hits[0].score == pytest.approx(result.hits[1].score)


# --------------------------------------------------------------------------------------------
# Snippets


def marked(hit: Hit) -> list[str]:
    return [text for text, matched in hit.snippet if matched]


def test_snippets_mark_the_matched_word_with_its_accents(index: Index) -> None:
    hit = next(h for h in search(index, "chien").hits if h.id == "hoang-xuan-chien")
    assert marked(hit) == ["Chiến"]
    assert hit.snippet_text.startswith("Chiến spoke on pandemic preparedness")


@pytest.mark.parametrize("query", ["giang", "chien", "maritime", "training", "cyber OR pandemic"])
def test_every_marked_segment_is_a_query_word(index: Index, query: str) -> None:
    terms = {t for t in words(query) if t != "or"}
    result = search(index, query, limit=100)
    assert any(marked(h) for h in result.hits)
    for hit in result.hits:
        for text in marked(hit):
            assert fold_term(text) in terms, (hit.id, text)


def test_a_stemmed_match_is_marked_whole(index: Index) -> None:
    hit = next(h for h in search(index, "meeting").hits if h.id == "hoang-xuan-chien")
    assert marked(hit) == ["meetings"]


def test_a_phrase_is_marked(index: Index) -> None:
    hit = next(h for h in search(index, '"east sea"').hits if h.id == "east-sea-restraint")
    assert marked(hit) == ["East", "Sea"]


def test_snippets_are_windows_of_the_indexed_prose(index: Index) -> None:
    result = search(index, "giang OR chien OR cyber", limit=100)
    assert result.hits
    library = index.library
    assert library is not None
    for hit in result.hits:
        item = library.briefings[hit.id] if hit.kind == "briefing" else library.entities[hit.id]
        prose = " ".join(prose_of(item).split())
        window = hit.snippet_text.strip("…")
        assert window
        assert window in prose, hit.id


def test_a_thai_word_is_marked_in_the_snippet(index: Index) -> None:
    hit = next(h for h in search(index, "ใจดี").hits if h.id == "somchai-jaidee")
    assert "ใจดี" in hit.snippet_text
    assert marked(hit) == ["ใจดี"]


def test_mark_finds_words_with_combining_signs() -> None:
    assert mark("ต่อ ใจดี นะ", frozenset(words("ใจดี"))) == [
        ("ต่อ ", False),
        ("ใจดี", True),
        (" นะ", False),
    ]


def test_mark_folds_accents_and_case() -> None:
    assert mark("Ông Chiến và CHIEN.", frozenset({"chien"})) == [
        ("Ông ", False),
        ("Chiến", True),
        (" và ", False),
        ("CHIEN", True),
        (".", False),
    ]


def test_mark_without_terms_marks_nothing() -> None:
    assert mark("Chiến spoke", frozenset()) == [("Chiến spoke", False)]
    assert mark("", frozenset()) == []


def test_mark_takes_a_stem_as_the_start_of_a_word() -> None:
    assert mark("two meetings", frozenset({"meet"})) == [("two ", False), ("meetings", True)]


def test_mark_does_not_mark_a_short_term_inside_a_word() -> None:
    assert mark("usage by the US", frozenset({"us"})) == [("usage by the ", False), ("US", True)]


def test_snippet_is_a_window_around_the_best_match() -> None:
    text = " ".join(["filler"] * 100) + " Chiến spoke here " + " ".join(["tail"] * 100)
    segments = snippet(text, frozenset({"chien"}))
    assert segments[0] == ("…", False)
    assert segments[-1] == ("…", False)
    assert ("Chiến", True) in segments
    window = "".join(t for t, _ in segments[1:-1])
    assert window in text
    assert len(window) <= 180


def test_snippet_of_short_text_is_the_whole_text() -> None:
    assert snippet("Chiến  spoke\nhere", frozenset({"chien"})) == [
        ("Chiến", True),
        (" spoke here", False),
    ]
    assert snippet("   ", frozenset({"chien"})) == []


# --------------------------------------------------------------------------------------------
# Did you mean


def test_a_misspelled_name_gets_a_suggestion_that_has_results(index: Index) -> None:
    result = search(index, "phan van gaing")
    assert result.total == 0
    assert result.suggestion == "phan van giang"
    again = search(index, result.suggestion)
    assert again.total > 0
    assert again.hits[0].id == "phan-van-giang"


def test_a_misspelled_alias_gets_a_suggestion(index: Index) -> None:
    result = search(index, "somchia")
    assert result.total == 0
    assert result.suggestion == "somchai"


def test_no_suggestion_when_there_are_results(index: Index) -> None:
    assert search(index, "phan van giang").suggestion is None
    assert search(index, "giang").suggestion is None


def test_no_suggestion_when_nothing_is_close(index: Index) -> None:
    result = search(index, "xylophone")
    assert result.total == 0
    assert result.suggestion is None


# --------------------------------------------------------------------------------------------
# Search as you type


@pytest.mark.parametrize("typed", ["g", "gi", "gia", "gian", "giang", "Gia"])
def test_as_you_type_finds_the_name_from_the_first_letter(index: Index, typed: str) -> None:
    result = search(index, typed, as_you_type=True, limit=100)
    assert "phan-van-giang" in ids(result)
    assert result.hits[0].id == "phan-van-giang" or typed == "g"


def test_as_you_type_is_a_prefix_only_while_typing(index: Index) -> None:
    assert search(index, "gia", as_you_type=False).total == 0
    assert search(index, "gia ", as_you_type=True).total == 0


@pytest.mark.parametrize("typed", ["phan va", "phan van g", "Phan Van Gi", "van gi"])
def test_as_you_type_with_several_words(index: Index, typed: str) -> None:
    assert find(index, typed, as_you_type=True) == ["phan-van-giang"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("chiế", "hoang-xuan-chien"),
        ("hoang xuan chi", "hoang-xuan-chien"),
        ("dang van do", "dang-van-dong"),
        ("Đặng V", "dang-van-dong"),
        ("小泉", "koizumi-shinjiro"),
        ("สม", "somchai-jaidee"),
        ("somchai jai", "somchai-jaidee"),
        ("interoperabi", "interoperability-directorate"),
        ("interoperabil", "interoperability-directorate"),
    ],
)
def test_as_you_type_finds_names_in_every_script(index: Index, typed: str, expected: str) -> None:
    assert find(index, typed, as_you_type=True)[0] == expected


def vocabulary(index: Index) -> list[str]:
    """Every word of the library's ids, names and summaries (what a reader types)."""
    library = index.library
    assert library is not None
    found: set[str] = set()
    for entity in library.entities.values():
        found.update(p for p in entity.id.split("-") if p)
        found.update(words(entity.name))
        found.update(words(str(entity.values.get("summary", ""))))
    return sorted(found)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_last_word_typed_finds_what_the_whole_word_finds(
    index: Index, data: st.DataObject
) -> None:
    word = data.draw(st.sampled_from(vocabulary(index)))
    whole = {h.id for h in search(index, word, limit=10_000).hits}
    typing = {h.id for h in search(index, word, as_you_type=True, limit=10_000).hits}
    assert whole <= typing, word
    panes = search_panes(index, word, per_kind=10_000)
    shown = {h.id for _, hits in panes.panes.values() for h in hits}
    assert whole <= shown, word


def test_a_word_only_ids_hold_is_found_while_typing(index: Index) -> None:
    library = index.library
    assert library is not None
    in_names = {w for e in library.entities.values() for w in words(e.name)}
    only_ids = sorted(
        p for e in library.entities.values() for p in e.id.split("-") if p not in in_names
    )
    assert only_ids, "the corpus has id words that no name holds"
    for word in only_ids[:20]:
        expected = search(index, word).total
        assert search(index, word, as_you_type=True).total >= expected > 0, word


def test_as_you_type_keeps_filters(index: Index) -> None:
    assert find(index, "kind:person gia", as_you_type=True) == ["phan-van-giang"]
    assert find(index, "kind:event gia", as_you_type=True) == []


# --------------------------------------------------------------------------------------------
# Results as JSON


def test_result_json_shape(index: Index) -> None:
    data = search(index, "chien", limit=2).to_json()
    assert set(data) == {"query", "total", "suggestion", "results"}
    assert data["query"] == "chien"
    assert data["total"] == search(index, "chien").total
    assert data["suggestion"] is None
    assert len(data["results"]) == 2
    first = data["results"][0]
    assert set(first) == {"id", "kind", "title", "date", "status", "score", "briefings", "snippet"}
    assert first["id"] == "hoang-xuan-chien"
    assert "«Chiến»" in first["snippet"]
    assert isinstance(first["score"], float)
    assert first["briefings"] == ["2024-hanoi-maritime-dialogue"]
    assert first["status"] is None  # a person


def test_a_proposals_status_is_in_its_json(index: Index) -> None:
    results = search(index, "kind:proposal", limit=10).to_json()["results"]
    assert {r["id"]: r["status"] for r in results} == {
        "pandemic-drill": "agreed",
        "river-cleanup": "stalled",
        "cyber-hotline": "proposed",
        "hadr-focus": "agreed",
        "east-sea-restraint": "proposed",
        "sea-lanes": "proposed",  # none given: proposed
    }


# --------------------------------------------------------------------------------------------
# Malformed queries through search()


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed',
        "date:2025-99",
        "date:2025..2024",
        "kind:nope",
        "status:agred",
        "giang~3",
        "a OR",
        "(a",
        "a)",
        "NOT",
        "knd:event",
    ],
)
def test_malformed_queries_raise_query_error(index: Index, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        search(index, query)
    assert caught.value.message


@pytest.mark.parametrize("query", ["\u0301", "giang \u0301", "\u0301\u0301"])
def test_a_lone_combining_accent_is_an_ordinary_query(index: Index, query: str) -> None:
    result = search(index, query)
    assert isinstance(result, SearchResult)


def _bare_mark(text: str) -> bool:
    """A word that folds to nothing is an ordinary query."""
    composed = unicodedata.normalize("NFC", text)
    return "" in words(composed)


QUERY_PIECES = st.sampled_from(
    [
        " ",
        '"',
        "(",
        ")",
        "*",
        "~",
        "~2",
        ":",
        "-",
        "..",
        "OR",
        "NOT",
        "kind:",
        "date:",
        "person:",
        "org:",
        "type:",
        "id:",
        "giang",
        "Chiến",
        "2025",
        "-06",
        "สมชาย",
        "小泉",
        "é",
    ]
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.one_of(st.text(), st.lists(QUERY_PIECES, max_size=10).map("".join)),
    as_you_type=st.booleans(),
)
def test_any_query_gives_results_or_a_query_error(
    index: Index, query: str, as_you_type: bool
) -> None:
    assume(not _bare_mark(query))
    try:
        result = search(index, query, as_you_type=as_you_type)
    except QueryError as exc:
        assert exc.message
        return
    assert isinstance(result, SearchResult)
    assert 0 <= len(result.hits) <= result.total
    assert len({h.id for h in result.hits}) == len(result.hits)
