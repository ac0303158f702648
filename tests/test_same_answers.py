"""Same folder, same answers: however the index got there (built at once, or caught up through
any sequence of briefings added, edited, deleted and renamed), every query gives the same
results in the same order with the same scores as a fresh build of the same folder.

The comparison is of whole ranked lists, never sorted first: an order that depends on the
index's history is what this test is for.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.search.index import Index
from dragoman.search.panes import search_panes
from dragoman.search.results import search

WORDS = ["maritime", "cyber", "training", "hanoi", "giang", "coast", "guard", "drill", "sea"]
NAMES = ["Phan Van Giang", "Nguyen Thi Ha", "Coast Guard Command", "Sea Training Centre"]
QUERIES = ["maritime", "cyber", "giang", "coast guard", "sea", '"coast guard"', "tra", "hanoi"]


def briefing(number: int, title: list[str], summary: list[str], people: list[int]) -> str:
    content: dict[str, Any] = {
        "id": f"b{number}",
        "title": " ".join(title).capitalize() or f"Briefing {number}",
        "date": f"2025-{1 + number % 12:02d}-01",
        "summary": " ".join(summary) or "nothing",
        "people": [
            {"id": f"p{p}", "name": NAMES[p % len(NAMES)], "summary": " ".join(summary[p:])}
            for p in people
        ],
        "events": [
            {
                "id": f"e{number}",
                "title": " ".join(reversed(title)) or "meeting",
                "date": f"2025-{1 + number % 12:02d}-01",
                "participants": [f"p{p}" for p in people],
            }
        ],
    }
    return yaml.safe_dump(content, sort_keys=False)


words = st.lists(st.sampled_from(WORDS), max_size=5)
a_briefing = st.builds(
    briefing,
    st.integers(0, 7),
    words,
    words,
    st.lists(st.integers(0, 5), max_size=3, unique=True),
)
operation = st.one_of(
    st.tuples(st.just("write"), st.integers(0, 7), a_briefing),  # add, or edit
    st.tuples(st.just("delete"), st.integers(0, 7), st.none()),
    st.tuples(st.just("rename"), st.integers(0, 7), st.integers(0, 7)),
)


@contextmanager
def cache(folder: Path) -> Iterator[None]:
    old = os.environ.get("DRAGOMAN_CACHE_DIR")
    os.environ["DRAGOMAN_CACHE_DIR"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ["DRAGOMAN_CACHE_DIR"]
        else:
            os.environ["DRAGOMAN_CACHE_DIR"] = old


def apply(folder: Path, op: tuple[str, int, Any]) -> None:
    what, number, arg = op
    path = folder / f"f{number}.yaml"
    if what == "write":
        path.write_text(arg, encoding="utf-8")
    elif what == "delete":
        path.unlink(missing_ok=True)
    elif path.exists() and not (folder / f"f{arg}.yaml").exists():
        path.rename(folder / f"f{arg}.yaml")


def answers(index: Index) -> list[Any]:
    out: list[Any] = []
    for q in QUERIES:
        result = search(index, q, limit=1000, snippets=False)
        out.append((q, result.total, [(h.id, h.tier, round(h.score, 4)) for h in result.hits]))
        panes = search_panes(index, q)
        out.append(
            (
                q,
                panes.best_kind,
                {
                    k: (t, [(h.id, round(h.score, 4)) for h in hits])
                    for k, (t, hits) in panes.panes.items()
                },
            )
        )
    return out


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(a_briefing, min_size=1, max_size=5), st.lists(operation, min_size=1, max_size=8))
def test_caught_up_answers_equal_a_fresh_builds(
    start: list[str], operations: list[tuple[str, int, Any]]
) -> None:
    work = Path(tempfile.mkdtemp(prefix="dragoman-same-"))
    try:
        folder = work / "briefings"
        folder.mkdir()
        for number, text in enumerate(start):
            (folder / f"f{number}.yaml").write_text(text, encoding="utf-8")
        with cache(work / "kept"):
            index, _ = Index.open(folder)
            try:
                for op in operations:
                    apply(folder, op)
                    index.refresh()
                caught_up = answers(index)
            finally:
                index.close()
        with cache(work / "fresh"):
            fresh, _ = Index.open(folder)
            try:
                assert caught_up == answers(fresh)
            finally:
                fresh.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
