"""A full build written by two processes (a large folder, a machine of two cores or more) gives
the index one process writes: the same results, in the same order, with the same scores; and
when a writing process fails, the build is written again in one process, never left short.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.search import build
from dragoman.search.index import Index
from dragoman.search.results import search
from search_fixtures import write_corpus

QUERIES = ["maritime", "giang", "cyber forum", '"east sea"', "hanoi", "training"]

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the parallel build forks its writers"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "briefings")


def answers(index: Any) -> list[Any]:
    return [
        [(h.id, h.tier, round(h.score, 4)) for h in search(index, q, limit=100).hits]
        for q in QUERIES
    ]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    def build_with(root: Path, processes: str, name: str) -> Any:
        monkeypatch.setenv("DRAGOMAN_BUILD_PROCESSES", processes)
        monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path / name))
        index, report = Index.open(root)
        opened.append(index)
        assert report.rebuilt
        return index

    opened: list[Any] = []
    yield build_with
    for index in opened:
        index.close()


def test_two_processes_write_what_one_writes(
    root: Path, built: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "PARALLEL_BATCH", 5)  # a small folder: work for both
    one = built(root, "1", "one")
    two = built(root, "2", "two")
    with two.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 2  # a segment per process
        assert searcher.doc_count() == len(one.state.digests)
    assert answers(two) == answers(one)


def test_a_writing_process_that_fails_leaves_the_build_to_one_process(
    root: Path, built: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh import multiproc

    def fail(self: Any) -> None:
        raise SystemExit(1)  # the sub-writer dies at once: its documents are never written

    monkeypatch.setattr(build, "PARALLEL_BATCH", 5)
    monkeypatch.setattr(multiproc.SubWriterTask, "run", fail)
    two = built(root, "2", "failed")
    one = built(root, "1", "one")
    with two.searcher() as searcher:
        assert searcher.doc_count() == len(one.state.digests)
    assert answers(two) == answers(one)


def test_processes_by_size_and_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAGOMAN_BUILD_PROCESSES", raising=False)
    monkeypatch.setattr(build.os, "cpu_count", lambda: 8)
    assert build.build_processes(100) == 1
    assert build.build_processes(build.PARALLEL_FROM) == 2
    monkeypatch.setenv("DRAGOMAN_BUILD_PROCESSES", "1")
    assert build.build_processes(50_000) == 1
