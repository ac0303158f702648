"""`dragoman index` and `dragoman search` on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dragoman.cli import main
from search_fixtures import (
    ALL_IDS,
    KUALA_LUMPUR,
    PEOPLE,
    cache_env,
    write_corpus,
)

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def _private_cache(isolated_cache: Path) -> Path:
    return isolated_cache


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """One corpus and one cache for the tests that only search."""
    tmp = tmp_path_factory.mktemp("cli")
    folder, cache = write_corpus(tmp / "briefings"), tmp / "cache"
    with cache_env(cache):
        assert main(["index", str(folder)]) == 0
    yield folder, cache


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run("search", "giang", ...)`` -> (exit code, stdout, stderr)."""

    def go(*argv: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return go


@pytest.fixture
def run_shared(run: Run, shared: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run_shared("facets", "giang", "--json")`` against the shared, already built index."""
    folder, cache = shared
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))

    def go(*argv: str) -> tuple[int, str, str]:
        return run(*argv, "--path", folder)

    return go


@pytest.fixture
def run_search(run_shared: Run) -> Run:
    """``run_search("giang", "--json")`` against the shared, already built index."""
    return lambda query, *options: run_shared("search", query, *options)


# --------------------------------------------------------------------------------------------
# dragoman index


def test_index_builds_then_is_up_to_date_then_rebuilds(run: Run, root: Path) -> None:
    code, out, err = run("index", root)
    assert code == 0, err
    assert out.count("\n") == 1
    assert out.startswith(
        f"index built: 3 files, 3 added, 0 changed, 0 renamed, 0 removed, {len(ALL_IDS)} "
        "documents re-indexed in "
    )
    assert out.rstrip().endswith(" s")

    code, out, _ = run("index", root)
    assert code == 0
    assert out.count("\n") == 1
    assert out.startswith(
        "index up to date: 3 files, 0 added, 0 changed, 0 renamed, 0 removed, "
        "0 documents re-indexed in "
    )

    code, out, _ = run("index", root, "--rebuild")
    assert code == 0
    assert out.count("\n") == 1
    assert out.startswith("index rebuilt (asked for): 3 files, 3 added")


def test_index_says_what_changed(run: Run, root: Path) -> None:
    run("index", root)
    (root / KUALA_LUMPUR).unlink()
    code, out, _ = run("index", root)
    assert code == 0
    assert out.startswith("index updated: 2 files, 0 added, 0 changed, 0 renamed, 1 removed,")
    assert "documents removed" in out


def test_index_points_at_check_when_briefings_have_problems(run: Run, root: Path) -> None:
    (root / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, _ = run("index", root)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("index built: 4 files")
    assert "run `dragoman check`" in lines[1]


def test_index_gets_its_plurals_right(run: Run, root: Path) -> None:
    (root / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, _ = run("index", root)
    assert code == 0
    assert out.splitlines()[1] == "1 error, 0 warnings in the briefings: run `dragoman check`"
    one = root.parent / "one"
    one.mkdir()
    (one / "a.yaml").write_text(next(root.glob("*.yaml")).read_text(encoding="utf-8"))
    code, out, _ = run("index", one)
    assert out.startswith("index built: 1 file, 1 added,")


def test_index_json_says_what_was_done(run: Run, root: Path) -> None:
    code, out, err = run("index", root, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["path"] == str(root)
    assert (data["rebuilt"], data["reason"], data["files"], data["added"]) == (True, "", 3, 3)
    assert data["errors"] == data["warnings"] == 0
    assert data["documents_updated"] > 0
    code, out, _ = run("index", "--path", root, "--json")
    again = json.loads(out)
    assert (again["added"], again["documents_updated"]) == (0, 0)


def test_the_folder_goes_where_a_user_puts_it_or_after_path(run: Run, root: Path) -> None:
    by_place = run("search", "giang", root, "--json")
    by_option = run("search", "giang", "--path", root, "--json")
    assert by_place[0] == by_option[0] == 0
    assert json.loads(by_place[1]) == json.loads(by_option[1])
    code, out, err = run("search", "giang", root, "--path", root.parent)
    assert (code, out) == (2, "")
    assert "two folders were given" in err


def test_errors_under_json_are_json(run: Run, tmp_path: Path) -> None:
    for argv in (("index",), ("check",), ("search", "giang"), ("show", "x")):
        code, out, err = run(*argv, tmp_path / "nowhere", "--json")
        assert (code, err) == (2, ""), argv
        assert "no briefings at" in json.loads(out)["error"]
    code, out, err = run("search", "giang", "--kind", "nope", "--json")
    assert (code, err) == (2, "")
    assert "invalid choice" in json.loads(out)["error"]


def test_index_of_a_missing_folder(run: Run, tmp_path: Path) -> None:
    code, out, err = run("index", tmp_path / "nowhere")
    assert code == 2
    assert out == ""
    assert "no briefings at" in err


def test_a_cache_that_cannot_be_created_is_reported(
    run: Run, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(blocker))
    for argv in (("index", root), ("search", "giang", "--path", root)):
        code, _, err = run(*argv)
        assert code == 2
        assert err.startswith("dragoman: cannot create the cache folder")
        assert "Traceback" not in err


def test_search_builds_the_index_it_needs(run: Run, root: Path, isolated_cache: Path) -> None:
    code, out, _ = run("search", "giang", "--path", root)
    assert code == 0
    assert "[phan-van-giang]" in out
    assert (isolated_cache / "folders").is_dir()


# --------------------------------------------------------------------------------------------
# dragoman search: text


def test_search_prints_results_with_marked_snippets(run_search: Run) -> None:
    code, out, err = run_search("chien", "--limit", "2")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["2024", "person", "Hoàng", "Xuân", "Chiến", "[hoang-xuan-chien]"]
    assert lines[1].startswith("            «Chiến» spoke on pandemic preparedness")
    assert "\x1b" not in out  # not a terminal: no bold, marks instead
    assert lines[-1] == "5 results, 2 shown"


def test_search_counts_all_when_all_are_shown(run_search: Run) -> None:
    code, out, _ = run_search("id:phan-van-giang")
    assert code == 0
    assert out.splitlines()[-1] == "1 result"


def test_search_with_no_results_suggests_a_correction(run_search: Run) -> None:
    code, out, _ = run_search("phan van gaing")
    assert code == 0
    assert out.splitlines() == ["0 results", "did you mean: phan van giang"]


def test_search_prints_notes(run_search: Run) -> None:
    code, out, _ = run_search("person:nobody")
    assert code == 0
    assert out.splitlines() == ["note: no person matches person:nobody", "0 results"]


def test_search_kind_option(run_search: Run) -> None:
    code, out, _ = run_search("", "--kind", "person", "--json", "--limit", "100")
    assert code == 0
    data = json.loads(out)
    assert {r["id"] for r in data["results"]} == PEOPLE
    assert data["total"] == len(PEOPLE)


def test_search_kind_option_refuses_an_unknown_kind(run_search: Run) -> None:
    code, out, err = run_search("giang", "--kind", "nope")
    assert (code, out) == (2, "")
    assert err.startswith("dragoman: argument --kind: invalid choice: 'nope'")
    assert "dragoman search --help" in err


# --------------------------------------------------------------------------------------------
# dragoman search --json


def test_search_json_shape_and_types(run_search: Run) -> None:
    code, out, err = run_search("chien", "--json", "--limit", "3")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"query", "total", "suggestion", "results"}
    assert data["query"] == "chien"
    assert data["total"] == 5
    assert data["suggestion"] is None
    assert len(data["results"]) == 3
    for result in data["results"]:
        assert set(result) == {
            "id",
            "kind",
            "title",
            "date",
            "status",
            "score",
            "briefings",
            "snippet",
        }
        assert isinstance(result["id"], str) and result["id"] in ALL_IDS
        assert result["kind"] in ("person", "organization", "event", "proposal", "briefing")
        assert isinstance(result["title"], str) and result["title"]
        assert isinstance(result["date"], str)
        assert result["status"] is None or result["kind"] == "proposal"
        assert isinstance(result["score"], float)
        assert isinstance(result["briefings"], list)
        assert all(isinstance(b, str) for b in result["briefings"])
        assert isinstance(result["snippet"], str)
    first = data["results"][0]
    assert first["id"] == "hoang-xuan-chien"
    assert first["title"] == "Hoàng Xuân Chiến"
    assert first["briefings"] == ["2024-hanoi-maritime-dialogue"]
    assert "«Chiến»" in first["snippet"]


def test_search_json_is_ascii_with_escapes(run_search: Run) -> None:
    code, out, _ = run_search("chien", "--json")
    assert code == 0
    assert out.isascii()
    assert "\\u1ebf" in out  # the ế of Chiến


def test_search_json_gives_the_suggestion(run_search: Run) -> None:
    code, out, _ = run_search("phan van gaing", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == {
        "query": "phan van gaing",
        "total": 0,
        "suggestion": "phan van giang",
        "results": [],
    }


def test_search_json_of_an_empty_query_is_newest_first(run_search: Run) -> None:
    code, out, _ = run_search("", "--json", "--limit", "100")
    assert code == 0
    results = json.loads(out)["results"]
    assert {r["id"] for r in results} == ALL_IDS
    dates = [r["date"] for r in results]
    assert dates[0] == "2025-11-01"
    assert dates[-1] == "2023-05-02"


# --------------------------------------------------------------------------------------------
# Malformed queries: exit 2, a message, no traceback

MALFORMED = {
    '"unclosed': 'the phrase starting at column 1 has no closing quote ("); close it or remove '
    "the quote",
    "date:2025-99": "date:2025-99: '2025-99': the month must be 01 to 12",
    "date:2025..2024": "date:2025..2024 ends before it starts",
    "kind:nope": "kind:nope is not a kind; use person, organization, event, proposal or briefing",
    "status:agred": "did you mean status:agreed?",
    "giang~3": "a fuzzy word takes ~ or ~1 or ~2",
    "a OR": "OR needs something on its right",
    "(a": "the bracket opened at column 1 is never closed",
    "a)": "a `)` closes nothing; remove it",
    "NOT": "NOT needs a word after it",
    "knd:event": "there is no filter knd:; did you mean kind:?",
}


@pytest.mark.parametrize("query", list(MALFORMED))
def test_a_malformed_query_exits_2_with_a_message(run_search: Run, query: str) -> None:
    code, out, err = run_search(query)
    assert code == 2
    assert out == ""
    assert err.startswith("dragoman: ")
    assert MALFORMED[query] in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("query", list(MALFORMED))
def test_a_malformed_query_under_json_is_a_json_error(run_search: Run, query: str) -> None:
    code, out, err = run_search(query, "--json")
    assert (code, err) == (2, "")
    data = json.loads(out)
    assert MALFORMED[query] in data["error"]
    assert data["query"] == query


def test_a_malformed_query_in_a_real_process(shared: tuple[Path, Path]) -> None:
    folder, cache = shared
    completed = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "search", "date:2025-99", "--path", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DRAGOMAN_CACHE_DIR": str(cache)},
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "the month must be 01 to 12" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_search_in_a_real_process_uses_the_built_index(shared: tuple[Path, Path]) -> None:
    folder, cache = shared
    completed = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "search", "gia*", "--path", str(folder), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DRAGOMAN_CACHE_DIR": str(cache)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert [r["id"] for r in json.loads(completed.stdout)["results"]] == ["phan-van-giang"]


def test_a_lone_combining_accent_is_no_error(run: Run, root: Path) -> None:
    code, out, err = run("search", "\u0301", "--path", root)
    assert code == 0, err
    assert out.splitlines()[-1] == "0 results"
    assert "damaged" not in err


# --------------------------------------------------------------------------------------------
# dragoman facets


@pytest.fixture
def run_facets(run_shared: Run) -> Run:
    """``run_facets("giang", "--json")`` against the shared, already built index."""
    return lambda *argv: run_shared("facets", *argv)


def test_facets_prints_a_heading_and_counts_per_facet(run_facets: Run) -> None:
    code, out, err = run_facets("kind:proposal")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "6 results"
    assert lines[1:6] == ["", "Kind", "  proposal  6", "", "Year"]  # no Country: none has one
    assert "Status\n  proposed  3\n  agreed    2\n  stalled   1\n" in out
    assert "Area\n  cyber-security     1\n" in out
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings == ["Kind", "Year", "Tag", "Area", "Status"]


def test_facets_without_a_query_counts_everything(run_facets: Run) -> None:
    code, out, _ = run_facets()
    assert code == 0
    assert out.startswith(f"{len(ALL_IDS)} results\n\nKind\n  organization  7\n")
    assert "Year\n  2025  17\n  2024  10\n  2023  1\n" in out


def test_facets_json(run_facets: Run) -> None:
    code, out, _ = run_facets("with:VN", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "facets"}
    assert data["query"] == "with:VN"
    assert data["total"] == 12
    facets = data["facets"]
    assert list(facets) == ["kind", "country", "year", "tag", "area", "status", "type"]
    assert facets["kind"] == {"person": 4, "proposal": 4, "event": 3, "organization": 1}
    assert facets["year"] == {"2024": 7, "2025": 5}


def test_facets_of_a_malformed_query_exits_2_with_one_line(run_facets: Run) -> None:
    code, out, err = run_facets("knd:event")
    assert (code, out) == (2, "")
    assert err.startswith("dragoman: there is no filter knd:; did you mean kind:?")
    assert err.count("\n") == 1
    code, out, err = run_facets("knd:event", "--json")
    assert (code, err) == (2, "")
    assert json.loads(out)["position"] == 0


def test_facets_takes_the_folder_only_after_path(run: Run, root: Path) -> None:
    code, out, _ = run("facets", "--path", root, "--json")
    assert code == 0
    assert json.loads(out)["total"] == len(ALL_IDS)
    code, out, err = run("facets", "giang", str(root))
    assert code == 2
    assert "unrecognized arguments" in err
