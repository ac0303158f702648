"""Answers during a first build: the preview of the newest briefings (and of those holding the
words asked for), what it says of itself, and the CLI's search on a folder never indexed, which
answers from a preview while a build runs in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import dragoman.search.preview as preview_module
from dragoman.search.facets import facets, facets_json
from dragoman.search.index import Index
from dragoman.search.preview import first_build, newest_first, preview, query_words
from dragoman.search.results import search
from search_fixtures import BANGKOK, KUALA_LUMPUR, briefing_text

Run = Callable[..., tuple[int, str, str]]


def _briefing(id_: str, date: str, words: str = "") -> str:
    return briefing_text({"id": id_, "title": f"Briefing {id_} {words}", "date": date})


def test_newest_first_goes_by_the_date_in_the_path_then_by_modification_time(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "briefings"
    (folder / "2026").mkdir(parents=True)
    names = {
        "2023-05-old.yaml": "2023-05",
        "2025-11-01-late.yaml": "2025-11-01",
        "2025-early.yaml": "2025",
        "2026/visit.yaml": "2026",
        "undated-a.yaml": "2020",
        "undated-b.yaml": "2020",
    }
    for number, (name, date) in enumerate(names.items()):
        (folder / name).write_text(_briefing(f"b{number}", date), encoding="utf-8")
    os.utime(folder / "undated-a.yaml", ns=(10**18, 10**18))  # a is newer on disk than b
    os.utime(folder / "undated-b.yaml", ns=(10**17, 10**17))
    files, _ = newest_first(folder)
    assert [rel for _, rel in files] == [
        "2026/visit.yaml",
        "2025-11-01-late.yaml",
        "2025-early.yaml",
        "2023-05-old.yaml",
        "undated-a.yaml",
        "undated-b.yaml",
    ]


def test_a_preview_holds_the_newest_briefings_and_every_answer_says_so(root: Path) -> None:
    index = preview(root, seconds=0)  # reads one briefing, the newest
    try:
        assert index.partial is not None
        assert (index.partial.searched, index.partial.total) == (1, 3)
        assert index.library is not None
        assert [b.path for b in index.library.briefings.values()] == [str(root / KUALA_LUMPUR)]
        found = search(index, "giang")
        assert [hit.id for hit in found.hits][:1] == ["phan-van-giang"]
        note = "from the 1 newest of 3 briefings: the index is still being built"
        assert found.notes == [note]
        assert found.to_json()["partial"] == {"searched": 1, "briefings": 3}
        counted = facets(index, "")
        assert facets_json(counted)["partial"] == {"searched": 1, "briefings": 3}
    finally:
        index.close()


def test_a_complete_index_says_nothing_of_a_preview(root: Path, isolated_cache: Path) -> None:
    index, _ = Index.open(root)
    try:
        found = search(index, "giang")
        assert index.partial is None and found.notes == []
        assert "partial" not in found.to_json()
    finally:
        index.close()


def test_a_preview_for_a_query_reads_first_the_files_that_hold_its_words(root: Path) -> None:
    index = preview(root, wanted=query_words("CYBER forum"), seconds=0)
    try:
        assert index.partial is not None and index.partial.by_words
        assert index.library is not None
        assert [b.path for b in index.library.briefings.values()] == [str(root / BANGKOK)]
        assert "those holding the words searched for" in search(index, "cyber").notes[0]
    finally:
        index.close()


def test_a_preview_stops_at_its_most(root: Path) -> None:
    index = preview(root, most=2, seconds=60)
    try:
        assert index.partial is not None and index.partial.searched == 2
    finally:
        index.close()


def test_the_words_looked_for_are_those_a_result_must_hold() -> None:
    asked = 'Giang "East Sea" -cyber person:phan-van-giang kind:event date:2025 (a OR hanoi)'
    assert query_words(asked) == ["giang", "east", "sea", "phan-van-giang", "hanoi"]
    assert query_words("kind:person") == []
    assert query_words("(((") == []  # not understood: nothing looked for, newest first


def test_only_a_large_folder_never_indexed_is_previewed(
    root: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert first_build(root) == 0  # 3 briefings: built whole before answering
    monkeypatch.setenv("DRAGOMAN_PREVIEW_FROM", "3")
    assert first_build(root) == 3
    Index.open(root)[0].close()
    assert first_build(root) == 0  # an index exists: it is caught up instead


def test_a_broken_briefing_in_a_preview_is_one_problem_among_the_rest(
    root: Path,
) -> None:
    (root / "2099-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    index = preview(root, most=2, seconds=60)
    try:
        assert index.library is not None
        assert len(index.library.errors) == 1
        assert len(index.library.briefings) == 1  # the next newest still answers
    finally:
        index.close()


# -- the CLI -------------------------------------------------------------------------------


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """The builds the CLI starts in the background, to be waited for."""
    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", recording)
    yield started
    for process in started:
        process.wait(120)


@pytest.fixture
def one_briefing_previews(isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any folder is previewed before its first build, from one briefing."""
    monkeypatch.setenv("DRAGOMAN_PREVIEW_FROM", "1")
    monkeypatch.setattr(preview_module, "PREVIEW_MOST", 1)


@pytest.mark.usefixtures("one_briefing_previews")
def test_search_on_a_folder_never_indexed_answers_at_once_and_builds_in_the_background(
    root: Path, run_cli: Run, builds: list[subprocess.Popen[bytes]]
) -> None:
    code, out, err = run_cli("search", "cyber", "--path", root, "--json")
    assert code == 0, err
    first = json.loads(out)
    assert first["partial"] == {"searched": 1, "briefings": 3}
    # the one briefing read is the one that holds the word
    assert {b for hit in first["results"] for b in hit["briefings"]} == {
        "2025-06-bangkok-cyber-forum"
    }
    assert [process.args for process in builds] == [
        [sys.executable, "-m", "dragoman.cli", "index", "--path", str(root)]
    ]
    assert builds[0].wait(120) == 0
    # built: every briefing answers, and nothing is said of a preview
    code, out, _ = run_cli("search", "cyber", "--path", root)
    assert code == 0
    assert "note: from" not in out
    assert "index is still being built" not in out
    assert len(builds) == 1  # no second build


@pytest.mark.usefixtures("one_briefing_previews")
def test_search_text_says_where_its_answers_come_from(
    root: Path, run_cli: Run, builds: list[subprocess.Popen[bytes]]
) -> None:
    code, out, _ = run_cli("search", "giang", "--path", root)
    assert code == 0
    assert out.splitlines()[0] == (
        "note: from 1 of 3 briefings (those holding the words searched for, then the newest): "
        "the index is still being built"
    )


def test_no_second_build_starts_while_one_runs(
    root: Path,
    isolated_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Run,
    builds: list[subprocess.Popen[bytes]],
) -> None:
    from dragoman.search.storage.cache import _Lock, folder_cache

    monkeypatch.setenv("DRAGOMAN_PREVIEW_FROM", "1")
    lock = _Lock(folder_cache(root) / "lock")
    assert lock.acquire(False)  # another dragoman is building
    try:
        code, out, _ = run_cli("search", "giang", "--path", root, "--json")
        assert code == 0 and "partial" in json.loads(out)
        code, out, _ = run_cli("facets", "--path", root, "--json")
        assert code == 0 and json.loads(out)["partial"]["briefings"] == 3
        assert builds == []
    finally:
        lock.release()


def test_the_index_command_still_builds_whole(
    root: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.setenv("DRAGOMAN_PREVIEW_FROM", "1")
    code, out, _ = run_cli("index", "--path", root, "--json")
    assert code == 0 and json.loads(out)["rebuilt"] is True
    code, out, _ = run_cli("search", "giang", "--path", root, "--json")
    assert "partial" not in json.loads(out)
