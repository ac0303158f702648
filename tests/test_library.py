"""The library: briefings merged into linked people, organizations, events and proposals."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dragoman.briefings.loader import find_briefing_files, parse_briefing_bytes
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.library.library import Library, load_library
from dragoman.library.model import BACKLINK_ROLES, Entity

Write = Callable[[str, str | dict[str, Any]], Path]


def briefing(id_: str, date: str, **sections: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Briefing {id_}", "date": date, **sections}


def parsed(path: str, content: dict[str, Any]) -> ParsedBriefing:
    data = yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode()
    result = parse_briefing_bytes(path, data)
    assert result.ok, result.diagnostics
    return result


def person(lib: Library, id_: str) -> Entity:
    found = lib.entities[id_]
    assert found.kind == "person"
    return found


def codes(lib: Library) -> list[str]:
    return [d.code for d in lib.diagnostics]


def only(lib: Library, code: str) -> tuple[str, int, int, str, str]:
    found = [d for d in lib.diagnostics if d.code == code]
    assert len(found) == 1, lib.diagnostics
    d = found[0]
    return d.path, d.line, d.column, d.severity, d.message


# -- merging ----------------------------------------------------------------------------------

OLDEST = briefing(
    "tokyo-2023",
    "2023",
    people=[
        {
            "id": "tran-van-a",
            "name": "Tran Van A",
            "aliases": ["Colonel A"],
            "rank": "Colonel",
            "role": "Director of Planning",
            "country": "VN",
        }
    ],
)
MIDDLE = briefing(
    "hanoi-2024-06",
    "2024-06",
    people=[
        {
            "id": "tran-van-a",
            "name": "Tran Van A",
            "aliases": ["General A", "Colonel A"],
            "rank": "Major General",
            "role": "Deputy Minister",
        }
    ],
)
NEWEST = briefing(
    "kuala-lumpur-2025-03-01",
    "2025-03-01",
    people=[{"id": "tran-van-a", "name": "Tran Van A", "role": "Minister", "aliases": ["Anh"]}],
)


@pytest.mark.parametrize("order", list(itertools.permutations([OLDEST, MIDDLE, NEWEST])))
def test_latest_briefing_wins_whatever_order_files_are_read(order: tuple[dict[str, Any]]) -> None:
    lib = Library.build(parsed(f"{b['id']}.yaml", b) for b in order)
    assert lib.diagnostics == []
    a = person(lib, "tran-van-a")
    assert a.values["role"] == "Minister"
    assert a.values["rank"] == "Major General"  # the newest briefing gives no rank
    assert a.values["country"] == "VN"
    assert a.values["aliases"] == ["Colonel A", "General A", "Anh"]
    assert a.briefings == ["tokyo-2023", "hanoi-2024-06", "kuala-lumpur-2025-03-01"]


def test_history_keeps_every_value_with_its_briefing_and_date(write_briefing: Write) -> None:
    # file names in the opposite order to the dates
    write_briefing("a.yaml", NEWEST)
    write_briefing("b.yaml", MIDDLE)
    write_briefing("c.yaml", OLDEST)
    lib = load_library(write_briefing("d.yaml", briefing("d", "2022")).parent)
    history = person(lib, "tran-van-a").history("role")
    assert [(h.value, h.briefing, str(h.date)) for h in history] == [
        ("Director of Planning", "tokyo-2023", "2023"),
        ("Deputy Minister", "hanoi-2024-06", "2024-06"),
        ("Minister", "kuala-lumpur-2025-03-01", "2025-03-01"),
    ]
    assert [Path(h.path).name for h in history] == ["c.yaml", "b.yaml", "a.yaml"]
    for entry in history:
        lines = Path(entry.path).read_text(encoding="utf-8").splitlines()
        assert lines[entry.line - 1].strip().startswith("role:")
    assert [h.value for h in person(lib, "tran-van-a").history("rank")] == [
        "Colonel",
        "Major General",
    ]


@pytest.mark.parametrize("reverse", [False, True])
def test_briefings_of_the_same_date_merge_the_same_way_whatever_the_order(reverse: bool) -> None:
    def same_day(id_: str, role: str) -> ParsedBriefing:
        people = [{"id": "giang", "name": "Giang", "role": role}]
        return parsed(f"{id_}.yaml", briefing(id_, "2025-11-01", people=people))

    both = [same_day("morning", "Minister"), same_day("evening", "General")]
    lib = Library.build(reversed(both) if reverse else both)
    assert [h.briefing for h in person(lib, "giang").history("role")] == ["evening", "morning"]
    assert person(lib, "giang").values["role"] == "Minister"


def test_a_proposal_status_moves_on_across_briefings() -> None:
    def step(id_: str, date: str, status: str) -> ParsedBriefing:
        proposal = {"id": "joint-patrols", "title": "Joint patrols", "by": "vietnam-mnd"}
        return parsed(
            f"{id_}.yaml", briefing(id_, date, proposals=[{**proposal, "status": status}])
        )

    lib = Library.build(
        [
            step("c", "2025-01", "done"),
            step("a", "2023-05", "proposed"),
            step("b", "2024", "agreed"),
        ]
    )
    proposal = lib.entities["joint-patrols"]
    assert proposal.values["status"] == "done"
    assert [(h.value, h.briefing) for h in proposal.history("status")] == [
        ("proposed", "a"),
        ("agreed", "b"),
        ("done", "c"),
    ]


def test_a_proposal_without_a_status_is_proposed() -> None:
    lib = Library.build(
        [parsed("a.yaml", briefing("a", "2024", proposals=[{"id": "p", "title": "P", "by": "x"}]))]
    )
    assert lib.entities["p"].values["status"] == "proposed"
    assert lib.entities["p"].history("status") == []


def test_a_later_briefing_without_a_status_keeps_the_earlier_one() -> None:
    lib = Library.build(
        [
            parsed(
                "a.yaml",
                briefing(
                    "a",
                    "2023",
                    proposals=[{"id": "p", "title": "P", "by": "x", "status": "stalled"}],
                ),
            ),
            parsed(
                "b.yaml", briefing("b", "2024", proposals=[{"id": "p", "title": "P", "by": "y"}])
            ),
        ]
    )
    assert lib.entities["p"].values["status"] == "stalled"
    assert lib.entities["p"].values["by"] == ["x", "y"]


def loaded(path: str, content: dict[str, Any]) -> ParsedBriefing:
    """A briefing that loads with problems (refused values are reported, not fatal)."""
    data = yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode()
    return parse_briefing_bytes(path, data)


def test_a_refused_status_is_missing_never_shown_as_proposed() -> None:
    proposal = {"id": "p", "title": "P", "by": "x", "status": "maybe"}
    lib = Library.build([loaded("a.yaml", briefing("a", "2024", proposals=[proposal]))])
    assert "status" not in lib.entities["p"].values
    assert "bad-status" in codes(lib)


def test_an_empty_status_is_no_status_written_so_proposed() -> None:
    proposal = {"id": "p", "title": "P", "by": "x", "status": None}
    lib = Library.build([parsed("a.yaml", briefing("a", "2024", proposals=[proposal]))])
    assert lib.entities["p"].values["status"] == "proposed"


def test_a_later_refused_status_keeps_the_earlier_valid_one() -> None:
    first = {"id": "p", "title": "P", "by": "x", "status": "agreed"}
    later = {"id": "p", "title": "P", "by": "x", "status": "maybe"}
    lib = Library.build(
        [
            parsed("a.yaml", briefing("a", "2023", proposals=[first])),
            loaded("b.yaml", briefing("b", "2024", proposals=[later])),
        ]
    )
    assert lib.entities["p"].values["status"] == "agreed"


def test_an_update_keeps_a_refused_status_missing() -> None:
    proposal = {"id": "p", "title": "P", "by": "x", "status": "maybe"}
    fine = parsed("a.yaml", briefing("a", "2024", proposals=[{**proposal, "status": "done"}]))
    lib = Library.build([fine])
    again, _ = lib.updated([], [loaded("a.yaml", briefing("a", "2024", proposals=[proposal]))])
    assert "status" not in again.entities["p"].values


# -- roles at events --------------------------------------------------------------------------


def role_library() -> Library:
    def who(role: str) -> dict[str, str]:
        return {"id": "giang", "name": "Giang", "role": role}

    event = {"id": "summit", "title": "Summit", "date": "2024-03-01", "participants": ["giang"]}
    later = {"id": "forum", "title": "Forum", "date": "2024-09-15"}
    return Library.build(
        [
            parsed("a.yaml", briefing("a", "2023", people=[who("Chief of Staff")])),
            parsed(
                "b.yaml",
                briefing("b", "2024-03-01", people=[who("Deputy Minister")], events=[event]),
            ),
            parsed("c.yaml", briefing("c", "2024-08", people=[who("Minister")])),
            parsed("d.yaml", briefing("d", "2025", events=[later])),
            parsed(
                "e.yaml",
                briefing("e", "2022", events=[{"id": "old", "title": "Old", "date": "2020"}]),
            ),
        ]
    )


def test_role_at_an_event_is_the_one_its_briefing_states() -> None:
    lib = role_library()
    assert person(lib, "giang").values["role"] == "Minister"
    assert lib.role_at("giang", "summit") == "Deputy Minister"


def test_role_at_an_event_its_briefing_does_not_state_is_the_latest_before_it() -> None:
    lib = role_library()
    assert lib.role_at("giang", "forum") == "Minister"


def test_role_at_an_event_before_any_role_is_known_is_none() -> None:
    lib = role_library()
    assert lib.role_at("giang", "old") is None
    assert lib.role_at("giang", "no-such-event") is None
    assert lib.role_at("nobody", "summit") is None


# -- links ------------------------------------------------------------------------------------

LINKED = briefing(
    "linked",
    "2025-11-01",
    people=[
        {"id": "giang", "name": "Giang", "organization": "vietnam-mnd"},
        {"id": "koizumi", "name": "Koizumi", "organization": "japan-mod"},
    ],
    organizations=[
        {"id": "asean", "name": "ASEAN"},
        {"id": "vietnam-mnd", "name": "Vietnam MND", "part_of": "asean"},
        {"id": "japan-mod", "name": "Japan MOD"},
    ],
    events=[
        {"id": "idmm-2024", "title": "IDMM 2024", "date": "2024-11"},
        {
            "id": "idmm-2025",
            "title": "IDMM 2025",
            "date": "2025-11-01",
            "follows": "idmm-2024",
            "organizations": ["asean", "japan-mod"],
            "chairs": ["koizumi"],
            "participants": ["giang"],
        },
        {"id": "idmm-2025-lunch", "title": "Lunch", "date": "2025-11-01", "part_of": "idmm-2025"},
    ],
    proposals=[
        {"id": "hadr", "title": "HADR", "by": "giang", "at": "idmm-2025", "to": ["japan-mod"]},
        {
            "id": "hadr-2",
            "title": "HADR, again",
            "by": ["asean"],
            "to": ["koizumi"],
            "follows": "hadr",
        },
    ],
)


def test_every_link_is_seen_from_its_target() -> None:
    lib = Library.build([parsed("linked.yaml", LINKED)])
    assert lib.diagnostics == []
    seen = {
        (target, role, source)
        for target, e in lib.entities.items()
        for role, sources in e.backlinks.items()
        for source in sources
    }
    assert seen == {
        ("koizumi", "chaired", "idmm-2025"),
        ("giang", "attended", "idmm-2025"),
        ("giang", "proposed", "hadr"),
        ("asean", "proposed", "hadr-2"),
        ("japan-mod", "addressed", "hadr"),
        ("koizumi", "addressed", "hadr-2"),
        ("vietnam-mnd", "members", "giang"),
        ("japan-mod", "members", "koizumi"),
        ("asean", "parts", "vietnam-mnd"),
        ("asean", "events", "idmm-2025"),
        ("japan-mod", "events", "idmm-2025"),
        ("idmm-2025", "includes", "idmm-2025-lunch"),
        ("idmm-2024", "followed_by", "idmm-2025"),
        ("hadr", "followed_by", "hadr-2"),
        ("idmm-2025", "proposals", "hadr"),
    }
    assert {role for _, role, _ in seen} == set(BACKLINK_ROLES.values())


def test_links_point_forward_too() -> None:
    lib = Library.build([parsed("linked.yaml", LINKED)])
    assert lib.entities["idmm-2025"].links == {
        "follows": ["idmm-2024"],
        "organizations": ["asean", "japan-mod"],
        "chairs": ["koizumi"],
        "participants": ["giang"],
    }
    assert [e.id for e in lib.chain("idmm-2025-lunch", "part_of")] == ["idmm-2025"]
    assert [e.id for e in lib.chain("hadr-2", "follows")] == ["hadr"]


def test_a_link_to_an_undeclared_id_is_a_warning_at_its_position(write_briefing: Write) -> None:
    path = write_briefing(
        "kl.yaml",
        """
        id: kl
        title: KL
        date: 2025-11-01
        events:
          - id: idmm-2025
            title: IDMM
            date: 2025-11-01
            participants: [giang, pete-hegseth]
        people:
          - id: giang
            name: Giang
        """,
    )
    lib = load_library(path.parent)
    where, line, column, severity, message = only(lib, "dangling-link")
    assert (Path(where).name, line, column, severity) == ("kl.yaml", 8, 27, "warning")
    assert "'pete-hegseth'" in message
    assert lib.entities["idmm-2025"].links["participants"] == ["giang", "pete-hegseth"]
    assert lib.entities["giang"].backlinks == {"attended": ["idmm-2025"]}


def test_a_link_to_the_wrong_kind_is_an_error_and_dropped(write_briefing: Write) -> None:
    path = write_briefing(
        "kl.yaml",
        """
        id: kl
        title: KL
        date: 2025-11-01
        organizations:
          - id: asean
            name: ASEAN
        events:
          - id: idmm-2025
            title: IDMM
            date: 2025-11-01
            chairs: [asean]
        """,
    )
    lib = load_library(path.parent)
    _, line, column, severity, message = only(lib, "link-kind")
    assert (line, column, severity) == (11, 14, "error")
    assert "must name a person" in message
    assert lib.entities["idmm-2025"].links["chairs"] == []
    assert lib.entities["asean"].backlinks.get("chaired", []) == []


def test_backlinks_are_newest_first() -> None:
    events = [
        {"id": f"e-{date}", "title": date, "date": date, "participants": ["giang"]}
        for date in ("2024-05", "2025", "2023-01-02")
    ]
    people = [{"id": "giang", "name": "Giang"}]
    lib = Library.build([parsed("a.yaml", briefing("a", "2025", people=people, events=events))])
    assert lib.entities["giang"].backlinks["attended"] == ["e-2025", "e-2024-05", "e-2023-01-02"]


# -- problems only visible across briefings ---------------------------------------------------


def test_one_id_as_two_kinds_is_an_error(write_briefing: Write) -> None:
    write_briefing(
        "old.yaml", briefing("old", "2023", organizations=[{"id": "asean", "name": "ASEAN"}])
    )
    path = write_briefing(
        "new.yaml", "id: new\ntitle: New\ndate: 2024\npeople:\n  - id: asean\n    name: Asean\n"
    )
    lib = load_library(path.parent)
    where, line, column, severity, message = only(lib, "kind-clash")
    assert (Path(where).name, line, column, severity) == ("new.yaml", 5, 9, "error")
    assert "as a person" in message
    assert "an organization" in message
    assert "old.yaml" in message
    assert lib.entities["asean"].kind == "organization"
    assert lib.entities["asean"].briefings == ["old"]


def test_a_briefing_id_used_twice_loads_one(write_briefing: Write) -> None:
    write_briefing("a.yaml", briefing("same", "2023", people=[{"id": "a-b", "name": "A B"}]))
    path = write_briefing("b.yaml", briefing("same", "2024", people=[{"id": "c-d", "name": "C D"}]))
    lib = load_library(path.parent)
    where, line, column, severity, message = only(lib, "duplicate-briefing")
    assert (Path(where).name, line, column, severity) == ("b.yaml", 1, 5, "error")
    assert "a.yaml" in message
    assert list(lib.briefings) == ["same"]
    assert "a-b" in lib.entities
    assert "c-d" not in lib.entities
    assert lib.files == 2


def test_a_follows_cycle_is_reported_once_and_broken(write_briefing: Write) -> None:
    path = write_briefing(
        "cycle.yaml",
        """
        id: cycle
        title: Cycle
        date: 2024
        events:
          - id: first
            title: First
            date: 2024-01
            follows: third
          - id: second
            title: Second
            date: 2024-02
            follows: first
          - id: third
            title: Third
            date: 2024-03
            follows: second
        """,
    )
    lib = load_library(path.parent)
    _, line, _, severity, message = only(lib, "cycle")
    assert severity == "error"
    assert "follows goes round in a circle" in message
    assert line in (8, 12, 16)
    for start in ("first", "second", "third"):
        chain = [e.id for e in lib.chain(start, "follows")]
        assert len(chain) <= 2
        assert start not in chain
    dropped = [e for e in lib.entities.values() if e.links.get("follows") == []]
    assert len(dropped) == 1
    followed = sum(len(e.backlinks.get("followed_by", [])) for e in lib.entities.values())
    assert followed == 2


def test_an_event_that_follows_itself_is_a_cycle() -> None:
    event = {"id": "loop", "title": "Loop", "date": "2024", "follows": "loop"}
    lib = Library.build([parsed("a.yaml", briefing("a", "2024", events=[event]))])
    assert codes(lib) == ["cycle"]
    assert lib.chain("loop", "follows") == []
    assert lib.entities["loop"].backlinks.get("followed_by", []) == []


def test_a_part_of_cycle_among_organizations_is_broken() -> None:
    orgs = [
        {"id": "a", "name": "A", "part_of": "b"},
        {"id": "b", "name": "B", "part_of": "c"},
        {"id": "c", "name": "C", "part_of": "a"},
        {"id": "d", "name": "D", "part_of": "a"},
    ]
    lib = Library.build([parsed("a.yaml", briefing("x", "2024", organizations=orgs))])
    _, _, _, _, message = only(lib, "cycle")
    assert "a part_of b part_of c part_of a" in message
    assert [e.id for e in lib.chain("d", "part_of")] == ["a", "b", "c"]


def test_a_changed_name_is_a_warning_on_the_older_briefing(write_briefing: Write) -> None:
    write_briefing(
        "a-2023.yaml",
        "id: a\ntitle: A\ndate: 2023\npeople:\n  - id: tran-van-a\n    name: Trần Văn A\n",
    )
    path = write_briefing(
        "b-2024.yaml", briefing("b", "2024", people=[{"id": "tran-van-a", "name": "Tran Van A"}])
    )
    lib = load_library(path.parent)
    where, line, column, severity, message = only(lib, "name-conflict")
    assert (Path(where).name, line, column, severity) == ("a-2023.yaml", 6, 11, "warning")
    assert "'Trần Văn A'" in message
    assert "add 'Trần Văn A' to aliases" in message
    assert person(lib, "tran-van-a").name == "Tran Van A"


@pytest.mark.parametrize("alias_in", ["older", "newer"])
def test_no_name_warning_when_the_other_name_is_an_alias(alias_in: str) -> None:
    older = {"id": "tran-van-a", "name": "Trần Văn A"}
    newer = {"id": "tran-van-a", "name": "Tran Van A"}
    (older if alias_in == "older" else newer)["aliases"] = ["Trần Văn A"]
    lib = Library.build(
        [
            parsed("a.yaml", briefing("a", "2023", people=[older])),
            parsed("b.yaml", briefing("b", "2024", people=[newer])),
        ]
    )
    assert lib.diagnostics == []


def test_a_changed_event_title_is_a_warning() -> None:
    lib = Library.build(
        [
            parsed(
                "a.yaml",
                briefing("a", "2024", events=[{"id": "e", "title": "Old title", "date": "2024"}]),
            ),
            parsed(
                "b.yaml",
                briefing("b", "2025", events=[{"id": "e", "title": "New title", "date": "2024"}]),
            ),
        ]
    )
    _, _, _, severity, message = only(lib, "name-conflict")
    assert severity == "warning"
    assert "use one title for one id" in message
    assert lib.entities["e"].name == "New title"


# -- reading the library ----------------------------------------------------------------------


def test_of_kind_lists_newest_first() -> None:
    events = [{"id": f"e-{d}", "title": d, "date": d} for d in ("2023", "2025-01", "2024-06-30")]
    lib = Library.build(
        [
            parsed(
                "a.yaml", briefing("a", "2025-02", events=events, people=[{"id": "x", "name": "X"}])
            ),
            parsed("b.yaml", briefing("b", "2023", people=[{"id": "y", "name": "Y"}])),
            parsed("c.yaml", briefing("c", "2024", people=[{"id": "y", "name": "Y"}])),
        ]
    )
    assert [e.id for e in lib.of_kind("event")] == ["e-2025-01", "e-2024-06-30", "e-2023"]
    assert [e.id for e in lib.of_kind("person")] == ["x", "y"]
    assert [b.id for b in lib.of_kind("briefing")] == ["a", "c", "b"]
    assert str(lib.entities["y"].date) == "2024"


def test_counts_and_lookups() -> None:
    lib = Library.build([parsed("linked.yaml", LINKED)])
    assert lib.counts() == {
        "briefings": 1,
        "people": 2,
        "organizations": 3,
        "events": 3,
        "proposals": 2,
    }
    assert lib.get("giang") is lib.entities["giang"]
    assert lib.get("linked") is lib.briefings["linked"]
    assert lib.get("nobody") is None


def test_one_broken_file_does_not_stop_the_others(write_briefing: Write) -> None:
    write_briefing("a.yaml", briefing("a", "2024", people=[{"id": "a-b", "name": "A B"}]))
    write_briefing("b.yaml", "id: b\ntitle: [unclosed\ndate: 2024\n")
    write_briefing("c.yaml", "").write_bytes("id: c\n".encode("utf-16"))
    write_briefing("d.yaml", "")
    path = write_briefing("e.yaml", briefing("e", "2025", people=[{"id": "c-d", "name": "C D"}]))
    lib = load_library(path.parent)
    assert sorted(lib.briefings) == ["a", "e"]
    assert sorted(lib.entities) == ["a-b", "c-d"]
    assert lib.files == 5
    assert sorted((Path(d.path).name, d.code) for d in lib.errors) == [
        ("b.yaml", "yaml-syntax"),
        ("c.yaml", "bad-encoding"),
        ("d.yaml", "empty"),
    ]


def test_diagnostics_are_sorted_by_file_and_line(write_briefing: Write) -> None:
    write_briefing("b.yaml", "id: b\ntitle: t\ndate: 2024\nzz: 1\naa: 2\n")
    path = write_briefing("a.yaml", "id: a\ntitle: t\ndate: 2024\nqq: 1\n")
    lib = load_library(path.parent)
    assert [(Path(d.path).name, d.line) for d in lib.diagnostics] == [
        ("a.yaml", 4),
        ("b.yaml", 4),
        ("b.yaml", 5),
    ]


# -- finding briefing files -------------------------------------------------------------------


def test_hidden_and_other_files_are_skipped(briefings_dir: Path) -> None:
    for name in (
        "a.yaml",
        "sub/b.yml",
        "sub/deeper/C.YAML",
        ".hidden.yaml",
        ".git/x.yaml",
        "notes.txt",
    ):
        (briefings_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (briefings_dir / name).write_text("")
    files, problems = find_briefing_files(briefings_dir)
    assert [f.relative_to(briefings_dir).as_posix() for f in files] == [
        "a.yaml",
        "sub/b.yml",
        "sub/deeper/C.YAML",
    ]
    assert problems == []


def test_a_symlink_loop_is_reported_and_not_followed(briefings_dir: Path) -> None:
    (briefings_dir / "sub").mkdir()
    (briefings_dir / "sub" / "a.yaml").write_text("")
    os.symlink(briefings_dir, briefings_dir / "sub" / "loop")
    files, problems = find_briefing_files(briefings_dir)
    assert [f.name for f in files] == ["a.yaml"]
    assert [(p.code, p.severity) for p in problems] == [("symlink-loop", "warning")]


def test_a_single_file_can_be_given(write_briefing: Write) -> None:
    path = write_briefing("only.yaml", briefing("only", "2024"))
    write_briefing("other.yaml", briefing("other", "2024"))
    assert find_briefing_files(path) == ([path], [])
    assert list(load_library(path).briefings) == ["only"]
