"""The analyst's views on the command line: timeline, proposals, pair and contacts, as text
and JSON, narrowed by a query, and what bad input gets (exit 2, one line, no traceback)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from views_fixtures import write_views_folder

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def _cache(isolated_cache: Path) -> None:
    """Every test here keeps its index in its own folder."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_views_folder(tmp_path / "views")


def _json(run_cli: Run, *argv: str | Path) -> dict[str, object]:
    code, out, err = run_cli(*argv, "--json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def test_timeline_json_has_every_field(run_cli: Run, folder: Path) -> None:
    data = _json(run_cli, "timeline", "--path", folder)
    assert data["total"] == 5
    events = data["events"]
    assert isinstance(events, list)
    first = events[0]
    assert set(first) == {
        "id", "title", "date", "end", "kind", "place", "country", "countries",
        "chairs", "participants", "part_of", "follows", "proposals",
    }  # fmt: skip
    assert first["id"] == "dialogue-5"
    assert first["countries"] == ["JP", "VN"]
    assert first["chairs"] == [
        {"id": "hoang-xuan-chien", "name": "Hoang Xuan Chien"},
        {"id": "tanaka-ken", "name": "Tanaka Ken"},
    ]
    assert sorted(first["proposals"]) == ["joint-training", "quiet-idea"]
    assert events[1]["follows"] == "dialogue-5"


def test_timeline_text_groups_by_year_and_shows_series(run_cli: Run, folder: Path) -> None:
    code, out, _ = run_cli("timeline", "--path", folder)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2017"
    assert "2018" in lines and "2024" in lines
    assert "Series" in lines
    series = lines[lines.index("Series") + 1]
    assert series.count("→") == 2 and "5th" in series and "7th" in series
    assert lines[-1] == "5 events"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--country", "KR"], ["summit", "summit-session"]),
        (["--country", "south korea"], ["summit", "summit-session"]),
        (["--from", "2018", "--to", "2024-01"], ["dialogue-6"]),
        (["--with", "Hoàng Xuân Chiến", "--with", "kim"], ["summit", "summit-session"]),
        (["sea"], ["summit-session"]),
        (["dialogue", "--country", "VN", "--from", "2018"], ["dialogue-6", "dialogue-7"]),
    ],
)
def test_timeline_filters(run_cli: Run, folder: Path, argv: list[str], expected: list[str]) -> None:
    data = _json(run_cli, "timeline", *argv, "--path", folder)
    assert [e["id"] for e in data["events"]] == expected  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2024-13"], "--from '2024-13': the month must be 01 to 12"),
        (["--country", "ZZ"], "--country: 'ZZ' names no country"),
        (["--with", "nobody at all"], "--with: 'nobody at all' names no person or organization"),
        (["--with", "ministry"], "'ministry' names 2: "),
        (["--from", "2024", "--to", "2023"], "--to 2023 is before --from 2024"),
        (["kind:evnt"], "kind:evnt is not a kind"),
    ],
)
def test_timeline_bad_input_is_one_line_and_exit_2(
    run_cli: Run, folder: Path, argv: list[str], message: str
) -> None:
    code, out, err = run_cli("timeline", *argv, "--path", folder)
    assert code == 2
    assert out == ""
    assert err.startswith("dragoman: ") and message in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run_cli("timeline", *argv, "--path", folder, "--json")
    assert code == 2 and message in json.loads(out)["error"]


def test_proposals_json_has_the_trail(run_cli: Run, folder: Path) -> None:
    data = _json(run_cli, "proposals", "--path", folder)
    assert data["total"] == 3
    by_id = {p["id"]: p for p in data["proposals"]}  # type: ignore[attr-defined]
    joint = by_id["joint-training"]
    assert set(joint) == {
        "id", "title", "status", "history", "by", "at", "to", "areas",
        "first", "last", "follows", "followed_by",
    }  # fmt: skip
    assert joint["status"] == "done"
    assert joint["history"] == [
        {"status": "agreed", "date": "2017-08", "briefing": "b-2017"},
        {"status": "in-progress", "date": "2018-07", "briefing": "b-2018"},
        {"status": "done", "date": "2024-02-10", "briefing": "b-2024"},
    ]
    assert (joint["first"], joint["last"]) == ("2017-08", "2024-02-10")
    assert by_id["quiet-idea"]["followed_by"] == ["sea-table"]
    assert by_id["sea-table"]["follows"] == "quiet-idea"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--status", "stalled"], ["sea-table"]),
        (["--status", "done", "--status", "proposed"], ["joint-training", "quiet-idea"]),
        (["--by", "VN"], ["joint-training"]),
        (["--by", "tanaka"], ["quiet-idea"]),
        (["--area", "maritime-security"], ["sea-table"]),
        (["--quiet-since", "2024"], ["quiet-idea"]),
        (["--from", "2024"], ["sea-table"]),
        (["peacekeepers"], ["joint-training"]),
    ],
)
def test_proposals_filters(
    run_cli: Run, folder: Path, argv: list[str], expected: list[str]
) -> None:
    data = _json(run_cli, "proposals", *argv, "--path", folder)
    assert [p["id"] for p in data["proposals"]] == expected  # type: ignore[attr-defined, index]


def test_proposals_text_shows_the_trail_with_arrows(run_cli: Run, folder: Path) -> None:
    code, out, _ = run_cli("proposals", "--by", "VN", "--path", folder)
    assert code == 0
    assert "trail:  agreed 2017-08 → in-progress 2018-07 → done 2024-02-10" in out


def test_an_unknown_status_names_the_six(run_cli: Run, folder: Path) -> None:
    code, _, err = run_cli("proposals", "--status", "finished", "--path", folder)
    assert code == 2
    assert "proposed, agreed, in-progress, done, stalled, dropped" in err


def test_pair_json_and_symmetry(run_cli: Run, folder: Path) -> None:
    ab = _json(run_cli, "pair", "VN", "japan", "--path", folder)
    ba = _json(run_cli, "pair", "JP", "vietnam", "--path", folder)
    assert set(ab) >= {"a", "b", "events", "proposals", "first", "last"}
    assert ab["a"] == {"id": "VN", "kind": "country", "name": "Vietnam"}
    assert [e["id"] for e in ab["events"]] == [e["id"] for e in ba["events"]]  # type: ignore[attr-defined]
    first = ab["events"][0]  # type: ignore[index]
    assert first["a_people"] == [
        {
            "id": "hoang-xuan-chien",
            "name": "Hoang Xuan Chien",
            "role": "Deputy Minister of National Defence",
        }
    ]
    assert (ab["first"], ab["last"]) == ("2017-08-03", "2024")
    assert sorted(p["id"] for p in ab["proposals"]) == ["joint-training", "quiet-idea"]  # type: ignore[attr-defined]


def test_pair_of_one_party_with_itself_fails(run_cli: Run, folder: Path) -> None:
    code, _, err = run_cli("pair", "VN", "vietnam", "--path", folder)
    assert code == 2 and "two different parties" in err


def test_contacts_json(run_cli: Run, folder: Path) -> None:
    data = _json(run_cli, "contacts", "chien", "--path", folder)
    assert data["of"] == {"id": "hoang-xuan-chien", "kind": "person", "name": "Hoang Xuan Chien"}
    assert data["contacts"] == [
        {
            "id": "tanaka-ken",
            "kind": "person",
            "name": "Tanaka Ken",
            "meetings": 3,
            "first": "2017-08-03",
            "last": "2024",
        },
        {
            "id": "kim-min-su",
            "kind": "person",
            "name": "Kim Min-su",
            "meetings": 2,
            "first": "2024-02",
            "last": "2024-02-09",
        },
    ]
    of_vn = _json(run_cli, "contacts", "VN", "--path", folder)
    assert [(c["id"], c["kind"]) for c in of_vn["contacts"]] == [  # type: ignore[attr-defined]
        ("JP", "country"),
        ("KR", "country"),
    ]


def test_views_on_the_bundled_briefings(run_cli: Run, bundled_briefings: Path) -> None:
    data = _json(run_cli, "timeline", "--country", "VN", "--path", bundled_briefings)
    assert data["total"] == 7
    code, out, _ = run_cli("contacts", "Vietnam", "--path", bundled_briefings)
    assert code == 0 and "Japan" in out


def test_a_pair_named_ambiguously_lists_the_parties(run_cli: Run, folder: Path) -> None:
    code, out, err = run_cli("pair", "korea", "VN", "--path", folder)
    assert code == 2 and out == ""
    assert err.strip() == (
        "dragoman: 'korea' names 2: North Korea (KP), South Korea (KR); "
        "give the id or code of the one you mean"
    )
    code, out, _ = run_cli("contacts", "[@click=app.quit]", "--path", folder, "--json")
    assert code == 2 and "names no person, organization or country" in json.loads(out)["error"]


def test_the_ids_a_query_matches_whole_words_or_as_typed(folder: Path) -> None:
    from dragoman.search.index import Index
    from dragoman.search.matching import matching_ids

    index, _ = Index.open(folder)
    try:
        assert matching_ids(index, "", "event").ids == {
            "dialogue-5", "dialogue-6", "dialogue-7", "summit", "summit-session",
        }  # fmt: skip
        assert matching_ids(index, "dialog", "event").ids == set()
        typed = matching_ids(index, "dialog", "event", as_you_type=True).ids
        assert typed == {"dialogue-5", "dialogue-6", "dialogue-7"}
        assert matching_ids(index, "person:nobody", "event").notes
    finally:
        index.close()
