"""The filters naming a party: by:, to: and with: (who took part), how their value is read (a
country code, an id, words of a name), and a catch-up that keeps them as a rebuild would when a
person's country, an organization or the events held within another change."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_refresh
from dragoman.search.index import Index
from dragoman.search.results import search
from search_fixtures import HANOI, HANOI_BRIEFING, id_set, opened_corpus, write_briefing
from test_refresh import age, assert_as_fresh

VN_PROPOSALS = {"pandemic-drill", "river-cleanup", "hadr-focus", "east-sea-restraint"}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with opened_corpus(tmp_path_factory.mktemp("parties")) as corpus:
        yield corpus


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a country: proposals by its people and organizations
        ("by:VN", VN_PROPOSALS),
        ("by:vn", VN_PROPOSALS),
        ("by:US", {"sea-lanes"}),
        # a person or an organization, by id or by words of a name or alias
        ("by:giang", {"hadr-focus", "east-sea-restraint"}),
        ('by:"phan van giang"', {"hadr-focus", "east-sea-restraint"}),
        ("by:phan-van-giang", {"hadr-focus", "east-sea-restraint"}),
        ("by:united-states", {"sea-lanes"}),
        ("by:U.S.", {"sea-lanes"}),
        ("by:koizumi", set()),
        ("to:JP", {"cyber-hotline", "hadr-focus"}),
        ("to:koizumi", {"cyber-hotline", "hadr-focus"}),
        ("to:VN", set()),
        ("by:VN status:agreed", {"pandemic-drill", "hadr-focus"}),
    ],
)
def test_by_and_to(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a country: the events it took part in (held there, or a person or organization of it
        # took part), the proposals made or received by its people and organizations, and its
        # own people and organizations
        (
            "with:VN",
            {
                "hanoi-dialogue-2024",
                "asean-japan-idmm-2025",
                "asean-us-tea-reception-2025",
                *VN_PROPOSALS,
                "hoang-xuan-chien",
                "nguyen-thi-ha",
                "dang-van-dong",
                "phan-van-giang",
                "vietnam-mnd",
            },
        ),
        ("with:MY", {"asean-japan-idmm-2025"}),  # held there
        (
            "with:JP",
            {"bangkok-cyber-forum-2025", "asean-japan-idmm-2025"}
            | {"cyber-hotline", "hadr-focus", "koizumi-shinjiro"},
        ),
        # a person: events chaired or attended, proposals made or received
        (
            "with:giang",
            {"asean-japan-idmm-2025", "asean-us-tea-reception-2025"}
            | {"hadr-focus", "east-sea-restraint"},
        ),
        ("with:koizumi kind:proposal", {"cyber-hotline", "hadr-focus"}),
        # an organization: events listing it or attended by its people, its proposals
        (
            "with:vietnam-mnd",
            {"hanoi-dialogue-2024", "asean-japan-idmm-2025", "asean-us-tea-reception-2025"}
            | {"river-cleanup"},
        ),
        (
            'with:"ministry of national defence"',
            {"hanoi-dialogue-2024"}
            | {"river-cleanup"}
            | {
                "asean-japan-idmm-2025",
                "asean-us-tea-reception-2025",
            },
        ),
        ("with:united-states kind:event", {"asean-us-tea-reception-2025"}),
        ("with:VN -kind:event -kind:proposal kind:organization", {"vietnam-mnd"}),
    ],
)
def test_with(index: Index, query: str, expected: set[str]) -> None:
    assert id_set(index, query) == expected


@pytest.mark.parametrize("name", ["by", "to", "with"])
def test_a_party_that_names_nobody_is_a_note_not_an_error(index: Index, name: str) -> None:
    result = search(index, f"{name}:nobody")
    assert result.total == 0
    assert result.notes == [f"no person, organization or country matches {name}:nobody"]


def test_two_letters_are_a_country_unless_an_id_is_spelt_so(
    tmp_path: Path, isolated_cache: Path
) -> None:
    """``with:jp`` is Japan; but a person whose id is ``jp`` is that person."""
    root = tmp_path / "briefings"
    content: dict[str, Any] = {
        "id": "2026-jp",
        "title": "A person called JP",
        "date": "2026",
        "people": [
            {"id": "jp", "name": "J. P.", "country": "VN"},
            {"id": "sato", "name": "Sato", "country": "JP"},
        ],
        "proposals": [
            {"id": "by-jp", "title": "By JP", "by": "jp"},
            {"id": "by-sato", "title": "By Sato", "by": "sato"},
        ],
    }
    write_briefing(root, "2026-jp.yaml", content)
    age(root)
    index, _ = Index.open(root)
    try:
        assert id_set(index, "by:jp") == id_set(index, "by:JP") == {"by-jp"}
        assert id_set(index, "by:sato") == {"by-sato"}
        assert id_set(index, "by:VN") == {"by-jp"}
        content["people"][0]["id"] = "j-p"
        content["proposals"][0]["by"] = "j-p"
        write_briefing(root, "2026-jp.yaml", content)
        index.refresh()
        assert id_set(index, "by:jp") == {"by-sato"}  # now Japan
    finally:
        index.close()


# -- a catch-up keeps them as a rebuild would ------------------------------------------------


opened = test_refresh.opened  # the corpus, its files an hour old, indexed and open


PARTY_QUERIES = (
    "with:VN",
    "with:TH",
    "with:LA",
    "by:VN",
    "by:TH",
    "to:JP",
    "with:vietnam-mnd",
    "with:new-office",
    "with:far-office",
    "with:tran-quoc-bao",
    "tag:east-sea",
    "tag:hue",
    "date:2024",
)


def test_a_persons_country_moves_the_events_and_proposals_with_them(
    opened: Index, root: Path, tmp_path: Path
) -> None:
    assert "hanoi-dialogue-2024" not in id_set(opened, "with:TH")
    edited = copy.deepcopy(HANOI_BRIEFING)
    dong, chien = edited["people"][2], edited["people"][0]
    assert dong["id"] == "dang-van-dong" and chien["id"] == "hoang-xuan-chien"
    dong["country"] = "TH"  # attends the Hanoi dialogue
    chien["country"] = "TH"  # chairs it, and made the pandemic drill proposal
    edited["tags"] = ["hue"]
    write_briefing(root, HANOI, edited)
    report = opened.refresh()
    assert not report.rebuilt
    assert {"hanoi-dialogue-2024", "pandemic-drill", "dang-van-dong"} <= id_set(opened, "with:TH")
    assert "pandemic-drill" in id_set(opened, "by:TH")
    assert "pandemic-drill" not in id_set(opened, "by:VN")
    assert "hanoi-dialogue-2024" in id_set(opened, "tag:hue")
    assert_as_fresh(opened, root, tmp_path / "fresh", PARTY_QUERIES)


def test_events_held_within_another_lend_it_their_parties(
    opened: Index, root: Path, tmp_path: Path
) -> None:
    """A summit that lists nobody takes the people of its sideline meetings: when one of them
    moves to another country, the summit does too, though neither event's file changed."""
    write_briefing(
        root,
        "2026-hue-summit.yaml",
        {
            "id": "2026-hue-summit",
            "title": "Hue summit",
            "date": "2026-03",
            "events": [
                {"id": "hue-summit", "title": "Hue summit", "date": "2026-03-01"},
                {
                    "id": "hue-sideline",
                    "title": "Hue sideline talks",
                    "date": "2026-03-02",
                    "part_of": "hue-summit",
                    "participants": ["tran-quoc-bao"],
                    "organizations": ["new-office"],
                },
            ],
        },
    )
    person = {"id": "tran-quoc-bao", "name": "Trần Quốc Bảo", "country": "VN"}
    people = {"id": "2026-people", "title": "People", "date": "2026", "people": [person]}
    write_briefing(root, "2026-people.yaml", people)
    opened.refresh()
    assert {"hue-summit", "hue-sideline"} <= id_set(opened, "with:VN")
    assert id_set(opened, "with:new-office") == set()  # not declared yet
    assert_as_fresh(opened, root, tmp_path / "fresh1", PARTY_QUERIES)

    person["country"] = "LA"
    person["organization"] = "far-office"  # not declared yet
    write_briefing(root, "2026-people.yaml", people)
    opened.refresh()
    assert id_set(opened, "with:LA") == {"hue-summit", "hue-sideline", "tran-quoc-bao"}
    assert_as_fresh(opened, root, tmp_path / "fresh2", PARTY_QUERIES)

    # the organizations declared at last, in a file of their own: the one the sideline lists,
    # with its country, and the one its participant serves
    offices = [
        {"id": "new-office", "name": "New Office", "country": "TH"},
        {"id": "far-office", "name": "Far Office"},
    ]
    write_briefing(
        root,
        "2026-office.yaml",
        {"id": "2026-office", "title": "Office", "date": "2026", "organizations": offices},
    )
    opened.refresh()
    assert id_set(opened, "with:new-office") == {"hue-summit", "hue-sideline"}
    assert id_set(opened, "with:far-office") == {"hue-summit", "hue-sideline"}
    assert {"hue-summit", "hue-sideline"} <= id_set(opened, "with:TH")
    assert_as_fresh(opened, root, tmp_path / "fresh3", PARTY_QUERIES)

    # the sideline leaves the summit: the summit lists nobody any more
    (root / "2026-hue-summit.yaml").write_text(
        (root / "2026-hue-summit.yaml").read_text().replace("part_of: hue-summit", "kind: talks")
    )
    opened.refresh()
    assert "hue-summit" not in id_set(opened, "with:LA")
    assert_as_fresh(opened, root, tmp_path / "fresh4", PARTY_QUERIES)
