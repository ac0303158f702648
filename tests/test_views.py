"""The analyst's views in the library: who took part, the timeline, the proposal tracker, who
met whom, naming a party; with properties over generated briefings."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import briefing_yaml
from dragoman.briefings.dates import PartialDate
from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.library.contacts import contacts, country_pairs, pair
from dragoman.library.library import Library, load_library
from dragoman.library.parties import PartyError, resolve_party
from dragoman.library.taking_part import participation
from dragoman.library.timeline import DateBounds, series, timeline
from dragoman.library.tracker import proposals, track, trail_text
from views_fixtures import write_views_folder


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return load_library(write_views_folder(tmp_path / "views"))


def _build(briefings: list[dict[str, Any]]) -> Library:
    return Library.build(
        parse_briefing_bytes(f"b{n}.yaml", briefing_yaml(b).encode())
        for n, b in enumerate(briefings)
    )


# -- who took part ----------------------------------------------------------------------------


def test_an_event_with_no_country_takes_its_countries_from_its_chairs(library: Library) -> None:
    parties = participation(library).events["dialogue-6"]
    assert parties.countries == ("JP", "VN")
    assert parties.people == ("hoang-xuan-chien", "tanaka-ken")
    assert parties.organizations == ("vietnam-mnd", "japan-mod")  # of the people who came


def test_a_parent_listing_no_one_takes_the_people_of_its_parts(library: Library) -> None:
    summit = participation(library).events["summit"]
    assert set(summit.people) == {"kim-min-su", "hoang-xuan-chien"}
    assert summit.countries == ("KR", "VN")
    assert "asean" in summit.organizations


def test_the_inverted_map_answers_by_person_organization_and_country(library: Library) -> None:
    taking = participation(library)
    assert taking.events_of("tanaka-ken") == {"dialogue-5", "dialogue-6", "dialogue-7"}
    assert taking.events_of("KR") == {"summit", "summit-session"}
    assert taking.events_of("asean") == {"summit", "summit-session"}
    assert taking.events_of("nobody") == set()


def test_a_new_library_works_out_who_took_part_again(library: Library, tmp_path: Path) -> None:
    before = participation(library)
    changed = parse_briefing_bytes(
        "extra.yaml",
        briefing_yaml(
            {
                "id": "b-extra",
                "title": "Extra",
                "date": "2025",
                "events": [
                    {"id": "visit", "title": "Visit", "date": "2025-03", "chairs": ["kim-min-su"]}
                ],
            }
        ).encode(),
    )
    updated, _ = library.updated([], [changed])
    assert participation(updated).events_of("KR") == {"summit", "summit-session", "visit"}
    assert "visit" not in before.events  # the old library's readers keep what they had


# -- naming a party ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("VN", "VN"),
        ("vn", "VN"),
        ("Vietnam", "VN"),
        ("viet nam", "VN"),
        ("japan", "JP"),
        ("hoang xuan chien", "hoang-xuan-chien"),
        ("Hoàng Xuân Chiến", "hoang-xuan-chien"),
        ("CHIEN", "hoang-xuan-chien"),
        ("tanaka-ken", "tanaka-ken"),
        ("Japanese Ministry", "japan-mod"),
    ],
)
def test_a_party_is_named_by_code_country_name_id_or_words_of_a_name(
    library: Library, text: str, key: str
) -> None:
    assert resolve_party(library, text).key == key


def test_a_name_fitting_several_lists_them(library: Library) -> None:
    with pytest.raises(PartyError) as caught:
        resolve_party(library, "ministry")
    assert set(caught.value.candidates) == {"vietnam-mnd", "japan-mod"}
    assert "give the id" in caught.value.message


def test_a_name_fitting_nobody_says_so_and_suggests(library: Library) -> None:
    with pytest.raises(PartyError) as caught:
        resolve_party(library, "tanaka kenn", ("person",))
    assert "names no person" in caught.value.message
    assert "tanaka-ken" in caught.value.message


# -- the timeline -----------------------------------------------------------------------------


def test_timeline_in_date_order_less_precise_first(library: Library) -> None:
    ids = [t.event.id for t in timeline(library)]
    assert ids == ["dialogue-5", "dialogue-6", "dialogue-7", "summit", "summit-session"]


def test_timeline_filters_by_dates_by_containment(library: Library) -> None:
    in_2024 = DateBounds(PartialDate(2024), PartialDate(2024))
    assert [t.event.id for t in timeline(library, bounds=in_2024)] == [
        "dialogue-7",
        "summit",
        "summit-session",
    ]
    from_feb = DateBounds(PartialDate(2024, 2), None)
    # "2024" is not inside February 2024 onwards: it may have been in January
    assert [t.event.id for t in timeline(library, bounds=from_feb)] == ["summit", "summit-session"]


def test_timeline_filters_by_country_any_and_by_parties_all(library: Library) -> None:
    assert {t.event.id for t in timeline(library, countries=["KR"])} == {"summit", "summit-session"}
    assert {t.event.id for t in timeline(library, countries=["KR", "JP"])} == {
        "summit",
        "summit-session",
        "dialogue-5",
        "dialogue-6",
        "dialogue-7",
    }
    both = timeline(library, parties=["hoang-xuan-chien", "kim-min-su"])
    assert {t.event.id for t in both} == {"summit", "summit-session"}


def test_series_follow_the_chain_whole(library: Library) -> None:
    chains = series(library, [library.entities["dialogue-6"]])
    assert [[e.id for e in c] for c in chains] == [["dialogue-5", "dialogue-6", "dialogue-7"]]


# -- the proposal tracker ---------------------------------------------------------------------


def test_the_trail_follows_the_briefings_dates(library: Library) -> None:
    tracked = track(library, library.entities["joint-training"])
    assert tracked.status == "done"
    assert trail_text(tracked) == "agreed 2017-08 → in-progress 2018-07 → done 2024-02-10"
    assert (str(tracked.first), str(tracked.last)) == ("2017-08", "2024-02-10")


def test_quiet_since_finds_open_proposals_last_heard_before(library: Library) -> None:
    quiet = proposals(library, quiet_since=PartialDate(2020))
    assert [t.proposal.id for t in quiet] == ["quiet-idea"]
    assert proposals(library, quiet_since=PartialDate(2017, 8)) == []


def test_proposals_by_a_country_go_through_its_people_and_organizations(library: Library) -> None:
    assert [t.proposal.id for t in proposals(library, by="VN")] == ["joint-training"]
    assert [t.proposal.id for t in proposals(library, by="KR", statuses=["stalled"])] == [
        "sea-table"
    ]
    assert proposals(library, by="KR", statuses=["done"]) == []
    assert [t.proposal.id for t in proposals(library, area="communications")] == ["quiet-idea"]


# -- who met whom -----------------------------------------------------------------------------


def test_pair_of_countries_with_people_roles_and_proposals(library: Library) -> None:
    vn, jp = resolve_party(library, "VN"), resolve_party(library, "JP")
    found = pair(library, vn, jp)
    assert [m.event.id for m in found.meetings] == ["dialogue-5", "dialogue-6", "dialogue-7"]
    assert found.meetings[0].a_people == ("hoang-xuan-chien",)
    assert found.meetings[0].b_people == ("tanaka-ken",)
    assert {p.id for p in found.proposals} == {"joint-training", "quiet-idea"}
    assert (str(found.first), str(found.last)) == ("2017-08-03", "2024")


def test_contacts_of_a_person_and_of_a_country(library: Library) -> None:
    chien = resolve_party(library, "hoang-xuan-chien")
    met = contacts(library, chien)
    assert [(c.party.key, c.meetings) for c in met] == [("tanaka-ken", 3), ("kim-min-su", 2)]
    of_vn = contacts(library, resolve_party(library, "VN"))
    assert [(c.party.key, c.party.name, c.meetings) for c in of_vn] == [
        ("JP", "Japan", 3),
        ("KR", "South Korea", 2),
    ]
    assert [(p.a, p.b, p.meetings) for p in country_pairs(library)] == [
        ("JP", "VN", 3),
        ("KR", "VN", 2),
    ]


# -- properties over generated briefings ------------------------------------------------------

_dates = st.builds(
    lambda y, m, d, precision: (
        f"{y:04d}"
        if precision == 0
        else f"{y:04d}-{m:02d}"
        if precision == 1
        else f"{y:04d}-{m:02d}-{d:02d}"
    ),
    st.integers(2015, 2020),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)
_codes = st.sampled_from(["VN", "JP", "KR", "US", "MY"])
_people = [f"p{n}" for n in range(6)]


@st.composite
def _libraries(draw: st.DrawFn) -> Library:
    people = [{"id": p, "name": f"Person {p}", "country": draw(_codes)} for p in _people]
    events = []
    for n in range(draw(st.integers(1, 8))):
        event: dict[str, Any] = {"id": f"e{n}", "title": f"Event {n}", "date": draw(_dates)}
        if draw(st.booleans()):
            event["country"] = draw(_codes)
        event["chairs"] = draw(st.lists(st.sampled_from(_people), max_size=2, unique=True))
        event["participants"] = draw(st.lists(st.sampled_from(_people), max_size=3, unique=True))
        events.append(event)
    statuses = draw(
        st.lists(
            st.sampled_from(["proposed", "agreed", "in-progress", "done"]), min_size=1, max_size=4
        )
    )
    briefings = []
    for n, status in enumerate(statuses):
        briefing: dict[str, Any] = {"id": f"b{n}", "title": f"B{n}", "date": draw(_dates)}
        briefing["proposals"] = [
            {"id": "prop", "title": "A proposal", "by": ["p0"], "status": status}
        ]
        if n == 0:
            briefing["people"] = people
            briefing["events"] = events
        briefings.append(briefing)
    return _build(briefings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_libraries())
def test_timeline_order_is_the_partial_date_order(library: Library) -> None:
    found = timeline(library)
    keys = [(t.event.date.key, t.event.id) for t in found]
    assert keys == sorted(keys)
    for earlier, later in itertools.pairwise(found):
        assert not later.event.date < earlier.event.date


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_libraries(), st.sampled_from(["VN", "JP", "p0", "p1"]), st.sampled_from(["KR", "p2", "MY"]))
def test_pair_is_symmetric(library: Library, a_key: str, b_key: str) -> None:
    a, b = resolve_party(library, a_key), resolve_party(library, b_key)
    ab, ba = pair(library, a, b), pair(library, b, a)
    assert [m.event.id for m in ab.meetings] == [m.event.id for m in ba.meetings]
    assert [(m.a_people, m.b_people) for m in ab.meetings] == [
        (m.b_people, m.a_people) for m in ba.meetings
    ]
    assert {p.id for p in ab.proposals} == {p.id for p in ba.proposals}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_libraries())
def test_trail_order_is_the_dated_history(library: Library) -> None:
    proposal = library.entities["prop"]
    tracked = track(library, proposal)
    history = sorted(
        ((h.date.key, h.briefing, h.value) for h in proposal.history("status")),
        key=lambda x: (x[0], x[1]),
    )
    assert [(s.date.key, s.briefing, s.status) for s in tracked.trail] == history
    assert tracked.status == proposal.text("status")
    assert tracked.first.key <= tracked.last.last_key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_libraries())
def test_took_part_follows_the_rule(library: Library) -> None:
    taking = participation(library)
    for event in (e for e in library.entities.values() if e.kind == "event"):
        parties = taking.events[event.id]
        named = [*event.items("chairs"), *event.items("participants")]
        assert set(parties.people) == set(named)
        expected = {library.entities[p].text("country") for p in named}
        if event.text("country"):
            expected.add(event.text("country"))
        assert set(parties.countries) == expected
        for key in (*parties.people, *parties.countries):
            assert event.id in taking.events_of(key)
