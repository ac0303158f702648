"""``Index.refresh``: an open index catches up with the files in this process, and the state it
leaves on disk (a base ``state.pickle`` and a small ``state.journal`` of what changed since)
lets the next start catch up without parsing anything again.

Every catch-up is compared with an index built from nothing in a cache of its own: the same
results for a set of queries, the same document digests, the same library.
"""

from __future__ import annotations

import copy
import os
import random
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.corpus import CorpusStats, change_briefings, generate

import dragoman.search.index
import dragoman.search.scan
import dragoman.search.storage.state
from dragoman.library.library import Library, load_library
from dragoman.library.model import Entity
from dragoman.search.index import Index
from dragoman.search.report import READING, IndexReport
from dragoman.search.results import search
from dragoman.search.storage.cache import _Lock
from dragoman.search.storage.state import State, decode_state, read_state
from search_fixtures import (
    ALL_IDS,
    BANGKOK,
    BANGKOK_BRIEFING,
    HANOI,
    HANOI_BRIEFING,
    KUALA_LUMPUR,
    KUALA_LUMPUR_BRIEFING,
    PEOPLE,
    cache_env,
    id_set,
    write_briefing,
)
from test_index import QUERIES

GIANG = "phan-van-giang"


@pytest.fixture(autouse=True)
def _private_cache(isolated_cache: Path) -> Path:
    return isolated_cache


# -- comparing with an index built from nothing ------------------------------------------------

Fingerprint = dict[str, tuple[int, list[tuple[str, str, str, str, str]]]]


def fingerprint(
    index: Index, queries: Iterable[str] = QUERIES, *, snippets: bool = True
) -> Fingerprint:
    """Every result of a set of queries, order aside (ties may come in any order).

    The snippets come from the library, not the index: ``snippets=False`` leaves them out
    where the libraries are compared anyway (they cost most of a search).
    """
    out: Fingerprint = {}
    for query in queries:
        result = search(index, query, limit=1000, snippets=snippets)
        hits = sorted((h.id, h.kind, h.title, h.date, h.snippet_text) for h in result.hits)
        out[query] = (result.total, hits)
    return out


def entity_view(entity: Entity) -> tuple[Any, ...]:
    return (
        entity.id,
        entity.kind,
        copy.deepcopy(entity.values),
        {role: list(ids) for role, ids in entity.links.items()},
        {role: list(ids) for role, ids in entity.backlinks.items()},
        [(b.id, b.path) for b, _ in entity.declarations],
    )


def library_view(library: Library) -> dict[str, Any]:
    """What a reader sees of a library (copied, so that later changes cannot reach it)."""
    return {
        "entities": {i: entity_view(e) for i, e in sorted(library.entities.items())},
        "briefings": {
            i: (b.id, b.path, b.date, copy.deepcopy(b.values), b.line, b.declares)
            for i, b in sorted(library.briefings.items())
        },
        "diagnostics": sorted(
            (d.path, d.line, d.column, d.severity, d.code, d.message) for d in library.diagnostics
        ),
        "files": library.files,
        "lists": {
            kind: [item.id for item in library.of_kind(kind)]
            for kind in ("event", "person", "proposal", "organization", "briefing")
        },
    }


def assert_as_fresh(
    index: Index,
    root: Path,
    fresh_cache: Path,
    queries: Iterable[str] = QUERIES,
    *,
    snippets: bool = True,
) -> None:
    """``index`` finds, holds and digests exactly what an index built from nothing does."""
    queries = list(queries)
    assert index.library is not None and index.state is not None
    with cache_env(fresh_cache):
        fresh, report = Index.open(root, rebuild=True)
    try:
        assert report.rebuilt
        got = fingerprint(index, queries, snippets=snippets)
        assert got == fingerprint(fresh, queries, snippets=snippets)
        assert index.state.digests == fresh.state.digests  # type: ignore[union-attr]
        assert index.doc_count() == fresh.doc_count() == len(index.state.digests)
        assert fresh.library is not None
        assert library_view(index.library) == library_view(fresh.library)
    finally:
        fresh.close()
    assert library_view(index.library) == library_view(load_library(root))


# -- helpers -----------------------------------------------------------------------------------


def counts(report: IndexReport) -> tuple[int, int, int, int]:
    return (report.added, report.changed, report.renamed, report.removed)


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a briefing file fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a briefing was parsed: {args[:1]}")

    monkeypatch.setattr(dragoman.search.scan, "parse_briefing_bytes", refuse)
    monkeypatch.setattr(dragoman.search.scan, "parse_briefing_file", refuse)


def record_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files parsed from now on."""
    parsed: list[str] = []
    real = dragoman.search.scan.parse_briefing_bytes

    def parse(display: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(display)
        return real(display, *args, **kwargs)

    monkeypatch.setattr(dragoman.search.scan, "parse_briefing_bytes", parse)
    return parsed


def record_merging(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], list[str]]]:
    """Every ``Library.build`` and ``Library.updated`` from now on, with the names of the
    files removed and added."""
    calls: list[tuple[str, list[str], list[str]]] = []
    real_build, real_updated = Library.build.__func__, Library.updated  # type: ignore[attr-defined]

    def build(cls: type[Library], parsed: Iterable[Any], *args: Any) -> Library:
        parsed = list(parsed)
        calls.append(("build", [], [Path(p.path).name for p in parsed]))
        return real_build(cls, parsed, *args)  # type: ignore[no-any-return]

    def updated(self: Library, removed: Iterable[str], added: Iterable[Any], *args: Any) -> Any:
        removed, added = list(removed), list(added)
        names = [Path(p.path).name for p in added]
        calls.append(("updated", [Path(r).name for r in removed], names))
        return real_updated(self, removed, added, *args)

    monkeypatch.setattr(Library, "build", classmethod(build))
    monkeypatch.setattr(Library, "updated", updated)
    return calls


def renamed_giang(name: str = "Phan Van Zebra", summary: str | None = None) -> dict[str, Any]:
    edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
    assert edited["people"][0]["id"] == GIANG
    edited["people"][0]["name"] = name
    if summary is not None:
        edited["people"][0]["summary"] = summary
    return edited


def new_briefing(root: Path, name: str = "2026-hue.yaml") -> None:
    write_briefing(
        root,
        name,
        {
            "id": "2026-hue",
            "title": "Hue staff talks",
            "date": "2026",
            "people": [{"id": "tran-quoc-bao", "name": "Trần Quốc Bảo", "country": "VN"}],
            "events": [
                {
                    "id": "hue-talks-2026",
                    "title": "Hue staff talks",
                    "date": "2026",
                    "participants": ["tran-quoc-bao", GIANG],
                }
            ],
        },
    )


def state_files(generation: Path) -> set[str]:
    return {p.name for p in generation.iterdir() if p.name.startswith("state.")}


def age(root: Path) -> None:
    """Files an hour old: their times are trusted by a scan (a file written in the last two
    seconds is hashed again at every scan, as git does, and journaled again when it is)."""
    for path in root.rglob("*.yaml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600_000_000_000))


@pytest.fixture
def opened(root: Path) -> Iterator[Index]:
    """The corpus, its files an hour old, indexed and open for the test."""
    age(root)
    index, report = Index.open(root)
    assert report.rebuilt
    try:
        yield index
    finally:
        index.close()


# --------------------------------------------------------------------------------------------
# Catching up in this process


def test_nothing_changed_parses_nothing_and_writes_nothing(
    opened: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprint(opened)
    pickle_bytes = (opened.generation / "state.pickle").read_bytes()
    forbid_parsing(monkeypatch)
    report = opened.refresh()
    assert not report.changed_anything
    assert not report.read_only and not report.rebuilt
    assert counts(report) == (0, 0, 0, 0)
    assert report.parsed == report.documents_updated == report.documents_removed == 0
    assert report.files == 3
    assert fingerprint(opened) == before
    assert (opened.generation / "state.pickle").read_bytes() == pickle_bytes
    assert state_files(opened.generation) == {"state.pickle"}


def test_an_edit_is_seen_by_the_same_index_object(
    opened: Index, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_library = opened.library
    assert old_library is not None
    old_view = library_view(old_library)
    old_digests = dict(opened.state.digests)  # type: ignore[union-attr]
    write_briefing(root, KUALA_LUMPUR, renamed_giang(summary="Keeps quokkas."))
    parsed = record_parsing(monkeypatch)
    merged = record_merging(monkeypatch)

    report = opened.refresh()

    assert counts(report) == (0, 1, 0, 0)
    assert report.parsed == 1
    assert [Path(p).name for p in parsed] == [KUALA_LUMPUR]
    # the library held is updated with the one file, never built again from every file
    assert merged == [("updated", [KUALA_LUMPUR], [KUALA_LUMPUR])]
    assert report.changed_anything and not report.rebuilt and not report.read_only
    # only the documents whose content changed were written again
    new_digests = opened.state.digests  # type: ignore[union-attr]
    differ = {uid for uid, d in new_digests.items() if old_digests.get(uid) != d}
    assert report.documents_updated == len(differ) > 0
    assert report.documents_updated < len(ALL_IDS)
    assert report.documents_removed == 0
    assert f"e:{GIANG}" in differ
    assert "e:nguyen-thi-ha" not in differ  # only Hanoi declares her
    # a new library; the old one is left exactly as it was for whoever still reads it
    library = opened.library
    assert library is not None and library is not old_library
    assert library_view(old_library) == old_view
    assert old_library.entities[GIANG].name == "Phan Van Giang"
    assert library.entities[GIANG].name == "Phan Van Zebra"
    # what the edit does not touch is shared, not merged again
    assert library.entities["nguyen-thi-ha"] is old_library.entities["nguyen-thi-ha"]
    # the same Index object answers with the new content
    assert id_set(opened, "quokkas") == {GIANG}
    assert search(opened, "zebra").hits[0].title == "Phan Van Zebra"
    assert "hadr-focus" in id_set(opened, '"phan van zebra"')
    assert_as_fresh(opened, root, tmp_path / "fresh")


def test_edits_in_a_row_each_read_only_what_changed(
    opened: Index, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each refresh in a running app goes on from the state the last one wrote: the state is
    never read from disk again (at 10,000 briefings that took seconds per edit)."""
    merged = record_merging(monkeypatch)
    read = []
    real_read = dragoman.search.storage.state.read_state
    monkeypatch.setattr(
        dragoman.search.storage.state, "read_state", lambda g: read.append(g) or real_read(g)
    )
    for n in range(3):
        write_briefing(root, KUALA_LUMPUR, renamed_giang(summary=f"Edit number {n}."))
        report = opened.refresh()
        assert report.parsed == 1 and not report.rebuilt
        assert id_set(opened, f'"edit number {n}"') == {GIANG}
    assert read == []
    assert [m[0] for m in merged] == ["updated"] * 3
    assert_as_fresh(opened, root, tmp_path / "fresh")


def test_a_search_under_way_keeps_its_old_searcher(opened: Index, root: Path) -> None:
    """A reader holding a searcher of the index as it was is not cut off by a refresh."""
    with opened.searcher() as held:
        before = held.doc_count()
        (root / KUALA_LUMPUR).unlink()
        report = opened.refresh()
        assert report.removed == 1
        assert held.doc_count() == before == len(ALL_IDS)
    assert opened.doc_count() == len(ALL_IDS) - report.documents_removed


def test_added_removed_and_renamed_files(
    opened: Index, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_briefing(root)
    report = opened.refresh()
    assert counts(report) == (1, 0, 0, 0)
    assert report.parsed == 1
    assert report.documents_updated >= 3  # the briefing, its person, its event (and Giang)
    assert search(opened, "tran quoc bao").hits[0].id == "tran-quoc-bao"
    assert id_set(opened, "kind:person") == PEOPLE | {"tran-quoc-bao"}
    assert_as_fresh(opened, root, tmp_path / "fresh")

    (root / KUALA_LUMPUR).unlink()
    report = opened.refresh()
    assert counts(report) == (0, 0, 0, 1)
    assert report.parsed == 0
    assert report.documents_removed > 0
    assert search(opened, "id:asean-japan-idmm-2025").total == 0
    # Giang is only named by the Hue event now: a dangling link, no document
    assert GIANG not in opened.library.entities  # type: ignore[union-attr]
    assert_as_fresh(opened, root, tmp_path / "fresh")

    (root / "sub").mkdir()
    (root / HANOI).rename(root / "sub" / "hanoi-moved.yaml")
    with monkeypatch.context() as patched:
        forbid_parsing(patched)
        report = opened.refresh()
    assert counts(report) == (0, 0, 1, 0)
    assert report.parsed == 0
    assert report.documents_updated == report.documents_removed == 0
    hanoi = opened.library.briefings[HANOI_BRIEFING["id"]]  # type: ignore[union-attr]
    assert hanoi.path.endswith("hanoi-moved.yaml")
    assert_as_fresh(opened, root, tmp_path / "fresh")


def test_a_refresh_reports_progress_on_the_files_it_reads(opened: Index, root: Path) -> None:
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    new_briefing(root)
    calls: list[tuple[int, int, str]] = []
    opened.refresh(progress=lambda done, total, what: calls.append((done, total, what)))
    assert calls == [(1, 2, READING), (2, 2, READING)]  # the two files changed


def test_a_peeked_index_refreshes_into_a_full_one(root: Path, tmp_path: Path) -> None:
    index, _ = Index.open(root)
    index.close()
    peeked = Index.peek(root)
    assert peeked is not None and peeked.library is None
    try:
        write_briefing(root, KUALA_LUMPUR, renamed_giang())
        report = peeked.refresh()
        assert report.changed == 1
        assert peeked.library is not None
        assert_as_fresh(peeked, root, tmp_path / "fresh")
    finally:
        peeked.close()


# --------------------------------------------------------------------------------------------
# Another index wrote since, or is writing now


def test_another_index_caught_up_since(root: Path, tmp_path: Path) -> None:
    """The other index's catch-up changed the manifest: this one reads the state from disk.

    An edit that the other index saw and that was then undone is the trap: with its own,
    older state, this index would take the file as unchanged and keep the other's documents.
    """
    mine, _ = Index.open(root)
    try:
        write_briefing(root, KUALA_LUMPUR, renamed_giang())
        other, report = Index.open(root)
        other.close()
        assert report.changed == 1
        write_briefing(root, KUALA_LUMPUR, KUALA_LUMPUR_BRIEFING)  # back as it was
        report = mine.refresh()
        assert not report.read_only and not report.rebuilt
        assert search(mine, "zebra").total == 0
        assert mine.library.entities[GIANG].name == "Phan Van Giang"  # type: ignore[union-attr]
        assert_as_fresh(mine, root, tmp_path / "fresh")
    finally:
        mine.close()


def test_another_open_index_refreshed_since(root: Path, tmp_path: Path) -> None:
    age(root)
    first, _ = Index.open(root)
    second, _ = Index.open(root)
    try:
        write_briefing(root, KUALA_LUMPUR, renamed_giang())
        assert second.refresh().changed == 1
        write_briefing(root, KUALA_LUMPUR, renamed_giang("Phan Van Quokka"))
        new_briefing(root)
        assert counts(first.refresh())[:2] == (1, 1)
        second.refresh()  # reads the state the first left
        for index in (first, second):
            assert search(index, "zebra").total == 0
            assert search(index, "quokka").hits[0].id == GIANG
            assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        first.close()
        second.close()


def test_another_index_rebuilt_into_a_new_generation(root: Path, tmp_path: Path) -> None:
    mine, _ = Index.open(root)
    try:
        old_generation = mine.generation
        write_briefing(root, KUALA_LUMPUR, renamed_giang())
        other, report = Index.open(root, rebuild=True)
        other.close()
        assert report.rebuilt
        assert not old_generation.exists()
        write_briefing(root, BANGKOK, {**BANGKOK_BRIEFING, "summary": "A forum about wombats."})
        report = mine.refresh()
        assert not report.read_only
        assert mine.generation != old_generation
        assert (mine.folder / "CURRENT").read_text() == mine.generation.name
        assert search(mine, "zebra").hits[0].id == GIANG
        assert id_set(mine, "wombats") == {"2025-06-bangkok-cyber-forum"}
        assert_as_fresh(mine, root, tmp_path / "fresh")
    finally:
        mine.close()


def test_a_damaged_index_under_an_open_one_is_rebuilt_by_refresh(
    opened: Index, root: Path, tmp_path: Path
) -> None:
    segment = next(opened.generation.glob("*.seg"))
    with open(segment, "ab") as handle:
        handle.write(b"\0")
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    report = opened.refresh()
    assert report.rebuilt
    assert search(opened, "zebra").hits[0].id == GIANG
    assert_as_fresh(opened, root, tmp_path / "fresh")


def test_while_another_holds_the_lock_refresh_does_nothing(opened: Index, root: Path) -> None:
    old_library = opened.library
    before = fingerprint(opened)
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    writer = _Lock(opened.folder / "lock")
    assert writer.acquire(wait=False)
    try:
        report = opened.refresh()
    finally:
        writer.release()
    assert report.read_only
    assert not report.changed_anything
    assert report.parsed == report.documents_updated == 0
    assert opened.library is old_library
    assert fingerprint(opened) == before
    # with the lock free again, the next refresh catches up
    report = opened.refresh()
    assert not report.read_only
    assert report.changed == 1
    assert search(opened, "zebra").hits[0].id == GIANG


# --------------------------------------------------------------------------------------------
# The state on disk: a base and a journal


def base_of(generation: Path) -> State:
    """The base state alone, without its journal."""
    return decode_state((generation / "state.pickle").read_bytes())


def assert_saved(index: Index) -> None:
    """What is on disk (base and journal) is the state the index holds."""
    state, on_disk = index.state, read_state(index.generation)
    assert state is not None
    assert on_disk.token == state.token
    assert on_disk.files == state.files
    assert on_disk.digests == state.digests
    assert on_disk.listing == state.listing
    assert on_disk.manifest == state.manifest


def test_a_refresh_writes_a_journal_and_leaves_the_base(
    opened: Index, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generation = opened.generation
    base = (generation / "state.pickle").read_bytes()
    token = opened.state.token  # type: ignore[union-attr]
    assert token
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    assert state_files(generation) == {"state.pickle", "state.journal"}
    assert (generation / "state.pickle").read_bytes() == base
    assert opened.state.token == token  # type: ignore[union-attr]
    assert_saved(opened)
    old_sha = base_of(generation).files[KUALA_LUMPUR].sha
    assert read_state(generation).files[KUALA_LUMPUR].sha != old_sha

    # the next start (another open) reads base and journal and parses nothing
    refreshed = fingerprint(opened)
    forbid_parsing(monkeypatch)
    index, report = Index.open(root)
    try:
        assert not report.rebuilt
        assert report.parsed == 0
        assert not report.changed_anything
        assert fingerprint(index) == refreshed
        assert index.library is not None
        assert library_view(index.library) == library_view(opened.library)  # type: ignore[arg-type]
    finally:
        index.close()


def test_the_journal_grows_with_each_refresh(
    opened: Index, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generation = opened.generation
    base = (generation / "state.pickle").read_bytes()
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    new_briefing(root)
    opened.refresh()
    (root / BANGKOK).unlink()
    opened.refresh()
    assert (generation / "state.pickle").read_bytes() == base
    assert set(base_of(generation).files) == {HANOI, BANGKOK, KUALA_LUMPUR}
    assert set(read_state(generation).files) == {HANOI, KUALA_LUMPUR, "2026-hue.yaml"}
    assert_saved(opened)
    refreshed = fingerprint(opened)
    with monkeypatch.context() as patched:
        forbid_parsing(patched)
        index, report = Index.open(root)
    try:
        assert report.parsed == 0 and not report.rebuilt
        assert fingerprint(index) == refreshed
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()


def test_a_start_after_edits_writes_only_the_journal(root: Path, tmp_path: Path) -> None:
    age(root)
    index, _ = Index.open(root)
    generation = index.generation
    index.close()
    base = (generation / "state.pickle").read_bytes()
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    index, report = Index.open(root)
    try:
        assert report.changed == 1 and not report.rebuilt
        assert index.generation == generation
        assert (generation / "state.pickle").read_bytes() == base
        assert (generation / "state.journal").is_file()
        assert_saved(index)
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()


def no_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dragoman.search.storage.state, "JOURNAL_FILES", 0)
    monkeypatch.setattr(dragoman.search.storage.state, "JOURNAL_SHARE", 0)


CATCH_UPS = ["refresh", "start"]


@pytest.fixture
def catch_up(root: Path) -> Iterator[Callable[[Index, str], Index]]:
    """``catch_up(index, how)``: catch up with the files as a running app does (``refresh``:
    a refresh, then ``tidy`` once the change is shown, where a running app folds a journal
    grown too long) or as the next start does (``start``: a new open). Returns the index
    caught up (the same one, or the new one, closed at the end of the test)."""
    started: list[Index] = []

    def run(index: Index, how: str) -> Index:
        if how == "refresh":
            index.refresh()
            index.tidy()
            return index
        new, report = Index.open(root)
        assert not report.rebuilt, report.reason
        started.append(new)
        return new

    yield run
    for index in started:
        index.close()


@pytest.mark.parametrize("how", CATCH_UPS)
def test_a_journal_grown_too_large_is_folded_into_a_new_base(
    opened: Index,
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    catch_up: Callable[[Index, str], Index],
    how: str,
) -> None:
    generation = opened.generation
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    index = catch_up(opened, how)
    assert (generation / "state.journal").is_file()
    old_base = (generation / "state.pickle").read_bytes()
    old_token = index.state.token  # type: ignore[union-attr]

    with monkeypatch.context() as patched:
        no_journal(patched)
        new_briefing(root)
        index = catch_up(index, how)
    assert index.generation == generation
    assert state_files(generation) == {"state.pickle"}
    assert (generation / "state.pickle").read_bytes() != old_base
    state = index.state
    assert state is not None
    assert state.token and state.token != old_token
    assert_saved(index)
    base = base_of(generation)
    assert base.token == state.token
    assert base.files == state.files and base.digests == state.digests
    # both changes are in the new base: the next start parses nothing
    caught_up = fingerprint(index)
    with monkeypatch.context() as patched:
        forbid_parsing(patched)
        again, report = Index.open(root)
    try:
        assert report.parsed == 0 and not report.rebuilt
        assert fingerprint(again) == caught_up
        assert search(again, "zebra").hits[0].id == GIANG
        assert search(again, "tran quoc bao").hits[0].id == "tran-quoc-bao"
    finally:
        again.close()
    assert_as_fresh(index, root, tmp_path / "fresh")


@pytest.mark.parametrize("how", CATCH_UPS)
@pytest.mark.parametrize(("files", "share"), [(1, 0.0), (0, 0.5)])
def test_the_journal_is_folded_once_it_names_more_files_than_allowed(
    opened: Index,
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    catch_up: Callable[[Index, str], Index],
    files: int,
    share: float,
    how: str,
) -> None:
    """max(JOURNAL_FILES, JOURNAL_SHARE x files) files may be in the journal, not one more:
    here one file (of three) may, two may not."""
    monkeypatch.setattr(dragoman.search.storage.state, "JOURNAL_FILES", files)
    monkeypatch.setattr(dragoman.search.storage.state, "JOURNAL_SHARE", share)
    generation = opened.generation
    token = opened.state.token  # type: ignore[union-attr]
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    index = catch_up(opened, how)
    assert (generation / "state.journal").is_file()
    assert index.state.token == token  # type: ignore[union-attr]
    assert_saved(index)
    write_briefing(root, BANGKOK, {**BANGKOK_BRIEFING, "summary": "A forum about wombats."})
    index = catch_up(index, how)  # two files in the journal now: too many
    assert not (generation / "state.journal").exists()
    assert index.state.token != token  # type: ignore[union-attr]
    assert base_of(generation).token == index.state.token  # type: ignore[union-attr]
    assert_saved(index)


def test_a_stale_journal_of_an_older_base_is_ignored(
    opened: Index,
    root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    catch_up: Callable[[Index, str], Index],
) -> None:
    generation = opened.generation
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    stale = (generation / "state.journal").read_bytes()
    with monkeypatch.context() as patched:
        no_journal(patched)
        write_briefing(root, KUALA_LUMPUR, renamed_giang("Phan Van Quokka"))
        catch_up(opened, "start")
    assert not (generation / "state.journal").exists()
    base = base_of(generation)
    # a writer killed after writing the new base, before removing the journal, leaves this:
    (generation / "state.journal").write_bytes(stale)
    state = read_state(generation)
    assert state.token == base.token
    assert state.files == base.files and state.digests == base.digests
    assert state.manifest == base.manifest and state.listing == base.listing

    with monkeypatch.context() as patched:
        forbid_parsing(patched)
        index, report = Index.open(root)
    try:
        assert not report.rebuilt and report.parsed == 0
        assert search(index, "zebra").total == 0
        assert search(index, "quokka").hits[0].id == GIANG
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()


def _flip_bit(at: Callable[[int], int]) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        out = bytearray(data)
        out[at(len(out))] ^= 0x01
        return bytes(out)

    return damage


JOURNAL_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "first bit flipped": _flip_bit(lambda n: 0),
    "a bit flipped after the magic": _flip_bit(
        lambda n: len(dragoman.search.storage.state.JOURNAL_MAGIC) + 1
    ),
    "a bit flipped in the middle": _flip_bit(lambda n: n // 2),
    "last bit flipped": _flip_bit(lambda n: n - 1),
    "truncated to half": lambda data: data[: len(data) // 2],
    "emptied": lambda data: b"",
    "a torn entry after it": lambda data: data + data[: len(data) // 2],
    "garbage after it": lambda data: data + b"\x80\x05garbage" * 3,
}


@pytest.mark.parametrize("damage", list(JOURNAL_DAMAGE))
def test_a_damaged_journal_never_gives_wrong_results(
    opened: Index, root: Path, tmp_path: Path, damage: str
) -> None:
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    path = opened.generation / "state.journal"
    path.write_bytes(JOURNAL_DAMAGE[damage](path.read_bytes()))
    try:
        index, report = Index.open(root)
    except Exception as exc:  # pragma: no cover - the failure being tested
        pytest.fail(f"opening with a damaged journal raised {type(exc).__name__}: {exc}")
    try:
        assert search(index, "zebra").hits[0].id == GIANG
        assert index.library.entities[GIANG].name == "Phan Van Zebra"  # type: ignore[union-attr]
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()
    # and whatever the open did, the state it left is whole again
    index, report = Index.open(root)
    index.close()
    assert not report.rebuilt and report.parsed == 0


def test_a_journal_damaged_under_an_open_index_never_gives_wrong_results(
    opened: Index, root: Path, tmp_path: Path
) -> None:
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    path = opened.generation / "state.journal"
    path.write_bytes(JOURNAL_DAMAGE["a bit flipped in the middle"](path.read_bytes()))
    new_briefing(root)
    opened.refresh()  # trusts what it holds: the index is as its state says
    assert_as_fresh(opened, root, tmp_path / "fresh")
    index, _ = Index.open(root)  # may rebuild: the journal on disk is damaged
    try:
        assert search(index, "zebra").hits[0].id == GIANG
        assert search(index, "tran quoc bao").hits[0].id == "tran-quoc-bao"
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()


# --------------------------------------------------------------------------------------------
# Another index folded the state while this one held it


def _fold_elsewhere_with_only_mtimes_moved(
    mine: Index, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another dragoman starts after every file's time moved (``touch``, a checkout) and
    folds its catch-up into a new base: no index file changes, so neither does the manifest."""
    for path in root.rglob("*.yaml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))
    with monkeypatch.context() as patched:
        no_journal(patched)
        other, report = Index.open(root)
        other.close()
    assert report.parsed == 0 and not report.rebuilt
    assert read_state(mine.generation).token != mine.state.token  # type: ignore[union-attr]


def test_a_base_folded_elsewhere_still_gives_right_results(
    opened: Index, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fold_elsewhere_with_only_mtimes_moved(opened, root, monkeypatch)
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    assert opened.refresh().changed == 1
    assert_as_fresh(opened, root, tmp_path / "fresh")
    index, _ = Index.open(root)
    try:
        assert search(index, "zebra").hits[0].id == GIANG
        assert_as_fresh(index, root, tmp_path / "fresh")
    finally:
        index.close()


def test_a_base_folded_elsewhere_does_not_make_the_next_start_rebuild(
    opened: Index, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fold_elsewhere_with_only_mtimes_moved(opened, root, monkeypatch)
    write_briefing(root, KUALA_LUMPUR, renamed_giang())
    opened.refresh()
    index, report = Index.open(root)
    index.close()
    assert not report.rebuilt, report.reason
    assert report.parsed == 0


# --------------------------------------------------------------------------------------------
# A seeded sequence of edits on a generated corpus


def generated_queries(stats: CorpusStats) -> list[str]:
    return [
        *QUERIES,
        stats.top_person_name,
        stats.vietnamese_person_name,
        stats.thai_person_alias,
        stats.rare_person_name,
        stats.common_word,
        f'"{stats.common_phrase}"',
        f"person:{stats.top_person_id}",
        "kind:event",
        "kind:proposal status:done",
        "status:in-progress",
        "date:2010..2020",
        "zebra",
        "quokka",
        "ghost",
        "update",
    ]


STEPS_CORPUS = 30  # briefings generated
STEPS = 6  # rounds of one to three edits, each followed by a refresh
NAME_LINE = re.compile(r"^(  - id: [a-z0-9-]+\n    name: )(.+)$", re.M)


class Editor:
    """Seeded edits of a generated corpus of briefings, as an analyst would make them."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.seed = seed
        self.removed: list[tuple[str, bytes]] = []  # (relative path, content) of deleted files
        self.broken: list[tuple[Path, bytes]] = []  # files broken, with their good content
        self.made = 0

    def files(self) -> list[Path]:
        return sorted(self.root.rglob("*.yaml"))

    def pick(self) -> Path:
        return self.rng.choice(self.files())

    def change(self) -> None:
        change_briefings(self.root, self.rng.randint(1, 3), self.rng.randrange(1 << 30))

    def delete(self) -> None:
        path = self.pick()
        self.removed.append((path.relative_to(self.root).as_posix(), path.read_bytes()))
        path.unlink()

    def restore(self) -> None:
        if not self.removed:
            return self.add()
        rel, data = self.removed.pop(self.rng.randrange(len(self.removed)))
        (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.root / rel).write_bytes(data)

    def rename(self) -> None:
        path = self.pick()
        target = self.root / "moved" / f"{self.made}-{path.name}"
        self.made += 1
        target.parent.mkdir(exist_ok=True)
        path.rename(target)

    def rename_person(self) -> None:
        path = self.pick()
        text = path.read_text(encoding="utf-8")
        found = list(NAME_LINE.finditer(text))
        if not found:
            return self.change()
        match = self.rng.choice(found)
        word = self.rng.choice(["Zebra", "Quokka"])
        text = text[: match.start(2)] + f"{word} {self.made}" + text[match.end(2) :]
        self.made += 1
        path.write_text(text, encoding="utf-8")

    def add(self) -> None:
        """A new briefing naming people and events of the corpus, and a ghost."""
        library = load_library(self.root)
        people = sorted(i for i, e in library.entities.items() if e.kind == "person")
        events = sorted(i for i, e in library.entities.items() if e.kind == "event")
        n = self.made
        self.made += 1
        chosen = self.rng.sample(people, min(2, len(people)))
        content: dict[str, Any] = {
            "id": f"2026-added-{self.seed}-{n}",
            "title": f"Added briefing {n}",
            "date": f"2026-0{1 + n % 9}",
            "summary": "Talks on zebra crossings and coast guard training.",
            "people": [
                {"id": chosen[0], "name": f"Quokka {n}", "role": "Envoy"},
                {"id": f"added-person-{n}", "name": f"Added Person {n}", "country": "VN"},
            ],
            "events": [
                {
                    "id": f"added-event-{n}",
                    "title": f"Added talks {n}",
                    "date": f"2026-0{1 + n % 9}-1{n % 9}",
                    "participants": [*chosen, f"added-person-{n}", "ghost-person"],
                    "follows": self.rng.choice(events) if events else None,
                }
            ],
        }
        if content["events"][0]["follows"] is None:
            del content["events"][0]["follows"]
        write_briefing(self.root / "added", f"added-{n}.yaml", content)

    def duplicate(self) -> None:
        """A copy of a briefing under another name: a duplicate briefing id."""
        path = self.pick()
        shutil.copyfile(path, self.root / f"copy-{self.made}-{path.name}")
        self.made += 1

    def break_one(self) -> None:
        path = self.pick()
        self.broken.append((path, path.read_bytes()))
        path.write_bytes(path.read_bytes() + b"\n  bad: [indentation\n")

    def mend(self) -> None:
        if not self.broken:
            return self.change()
        path, data = self.broken.pop()
        if path.exists():
            path.write_bytes(data)

    def step(self) -> list[str]:
        actions = [
            "change",
            "delete",
            "restore",
            "rename",
            "rename_person",
            "add",
            "duplicate",
            "break_one",
            "mend",
        ]
        done = self.rng.sample(actions, self.rng.randint(1, 3))
        for action in done:
            getattr(self, action)()
        return done


@pytest.mark.parametrize(
    ("seed", "tidy"), [(1, True), (2, False)], ids=["seed 1, tidied", "seed 2, refreshed only"]
)
def test_a_seeded_sequence_of_edits_gives_what_a_fresh_build_gives(
    tmp_path: Path, seed: int, tidy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits of every sort, each followed by a refresh (and, as the app does once it shows
    the change, a tidy that merges segments and folds the journal: often, here)."""
    root = tmp_path / "generated"
    stats = generate(STEPS_CORPUS, seed, root)
    age(root)
    queries = generated_queries(stats)
    editor = Editor(root, seed)
    if tidy:
        monkeypatch.setattr(dragoman.search.index, "TIDY_SEGMENTS", 3)
        monkeypatch.setattr(dragoman.search.storage.state, "JOURNAL_FILES", 2)
    tidied = 0
    index, _ = Index.open(root)
    try:
        history: list[list[str]] = []
        for _ in range(STEPS):
            history.append(editor.step())
            report = index.refresh()
            assert not report.read_only and not report.rebuilt, history
            if tidy:
                tidied += index.tidy()
                assert_saved(index)
            try:
                assert_as_fresh(index, root, tmp_path / "fresh", queries, snippets=False)
            except AssertionError as exc:  # name the edits that led here
                raise AssertionError(f"after {history}: {exc}") from exc
        refreshed = fingerprint(index, queries, snippets=False)
        assert index.library is not None
        library = library_view(index.library)
    finally:
        index.close()
    assert tidied or not tidy, "tidy never merged nor folded anything"
    # and the next start, from base and journal, finds the same without parsing
    forbid_parsing(monkeypatch)
    index, report = Index.open(root)
    try:
        assert report.parsed == 0 and not report.rebuilt
        assert fingerprint(index, queries, snippets=False) == refreshed
        assert index.library is not None
        assert library_view(index.library) == library
    finally:
        index.close()


def test_an_index_mostly_of_replaced_documents_is_merged_whole_by_tidy(tmp_path: Path) -> None:
    """Replaced documents stay in their segments, marked deleted, until those are merged: once
    they outnumber half the live ones, tidying merges every segment and they are gone."""
    root = tmp_path / "briefings"
    root.mkdir()
    for n in range(6):
        (root / f"b{n}.yaml").write_text(f"id: b{n}\ntitle: Talks {n}\ndate: 2025-01-0{n + 1}\n")
    index, _ = Index.open(root)
    try:
        for round_ in range(3):
            for n in range(6):
                (root / f"b{n}.yaml").write_text(
                    f"id: b{n}\ntitle: Talks {n} round {round_}\ndate: 2025-01-0{n + 1}\n"
                )
            index.refresh()
        assert index._ix.doc_count_all() > 1.5 * index._ix.doc_count()
        assert index.tidy()
        assert index._ix.doc_count_all() == index._ix.doc_count() == 6
        assert sorted(h.id for h in search(index, "round 2").hits) == [f"b{n}" for n in range(6)]
    finally:
        index.close()
