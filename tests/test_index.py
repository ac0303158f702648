"""The index is a cache of the YAML files: caught up incrementally, rebuilt when stale or
damaged, kept private, and shared safely between two dragoman processes."""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import dragoman.search.build
import dragoman.search.catchup
import dragoman.search.documents
import dragoman.search.scan
import dragoman.search.storage.manifest
import dragoman.search.storage.state
from dragoman.search.index import Index
from dragoman.search.report import FINISHING, INDEXING, READING, IndexReport
from dragoman.search.results import search
from dragoman.search.storage.cache import CacheError, _Lock
from dragoman.search.storage.state import decode_state, encode_state
from search_fixtures import (
    ALL_IDS,
    BANGKOK,
    BANGKOK_BRIEFING,
    HANOI,
    KUALA_LUMPUR,
    KUALA_LUMPUR_BRIEFING,
    PEOPLE,
    cache_env,
    id_set,
    write_briefing,
    write_corpus,
)

QUERIES = (
    "",
    "giang",
    "phan van giang",
    "chien",
    '"east sea"',
    "gia*",
    "kind:person",
    "country:vn",
    "person:koizumi",
    "date:2025-06",
    "ADMM+",
    "maritime -japan",
)
KL_ONLY = {  # what only the Kuala Lumpur briefing declares
    "2025-11-01-kuala-lumpur",
    "phan-van-giang",
    "admm-plus",
    "admm-plus-ewg-maritime-security",
    "united-states",
    "interoperability-directorate",
    "asean-japan-idmm-2025",
    "asean-us-tea-reception-2025",
    "hadr-focus",
    "east-sea-restraint",
    "sea-lanes",
}


@pytest.fixture(autouse=True)
def _private_cache(isolated_cache: Path) -> Path:
    return isolated_cache


Fingerprint = dict[str, tuple[int, list[tuple[str, str, str, str, str]]]]


def fingerprint(index: Index) -> Fingerprint:
    """Every result of a set of queries, order aside (ties may come in any order)."""
    out: Fingerprint = {}
    for query in QUERIES:
        result = search(index, query, limit=1000)
        hits = sorted((h.id, h.kind, h.title, h.date, h.snippet_text) for h in result.hits)
        out[query] = (result.total, hits)
    return out


def open_closed(root: Path, **kwargs: Any) -> IndexReport:
    index, report = Index.open(root, **kwargs)
    index.close()
    return report


def fresh_fingerprint(root: Path, cache: Path) -> Fingerprint:
    """The results of an index built from nothing, in a cache of its own."""
    with cache_env(cache):
        index, report = Index.open(root)
        assert report.rebuilt
        try:
            return fingerprint(index)
        finally:
            index.close()


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a briefing file fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a briefing was parsed: {args[:1]}")

    monkeypatch.setattr(dragoman.search.scan, "parse_briefing_bytes", refuse)
    monkeypatch.setattr(dragoman.search.scan, "parse_briefing_file", refuse)


def generations(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("gen-"))


# --------------------------------------------------------------------------------------------
# Building and catching up


def test_the_first_open_builds_the_index(root: Path, isolated_cache: Path) -> None:
    index, report = Index.open(root)
    try:
        assert report.rebuilt
        assert report.reason == ""
        assert (report.files, report.added, report.parsed) == (3, 3, 3)
        assert report.documents_updated == len(ALL_IDS) == index.doc_count()
        assert report.summary().startswith(
            "index built: 3 files, 3 added, 0 changed, 0 renamed, 0 removed, "
            f"{len(ALL_IDS)} documents re-indexed in "
        )
        assert index.folder.parent == isolated_cache / "folders"
        assert (index.folder / "CURRENT").read_text() == index.generation.name
        assert (index.generation / "state.pickle").is_file()
        assert generations(index.folder) == [index.generation]
        assert set(index.library.entities) | set(index.library.briefings) == ALL_IDS
    finally:
        index.close()


def test_nothing_changed_reads_no_yaml(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index, _ = Index.open(root)
    before = fingerprint(index)
    index.close()
    forbid_parsing(monkeypatch)
    index, report = Index.open(root)
    try:
        assert not report.rebuilt
        assert (report.added, report.changed, report.renamed, report.removed) == (0, 0, 0, 0)
        assert report.parsed == 0
        assert report.documents_updated == report.documents_removed == 0
        assert report.files == 3
        assert report.summary().startswith(
            "index up to date: 3 files, 0 added, 0 changed, 0 renamed, 0 removed, "
            "0 documents re-indexed in "
        )
        assert fingerprint(index) == before
        assert set(index.library.entities) | set(index.library.briefings) == ALL_IDS
    finally:
        index.close()


def test_an_edited_file_is_read_again(root: Path, tmp_path: Path) -> None:
    open_closed(root)
    edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
    giang = edited["people"][0]
    assert giang["id"] == "phan-van-giang"
    giang["name"] = "Phan Van Zebra"
    giang["summary"] = "Vietnam's defence minister; keeps quokkas."
    write_briefing(root, KUALA_LUMPUR, edited)

    index, report = Index.open(root)
    try:
        assert (report.added, report.changed, report.renamed, report.removed) == (0, 1, 0, 0)
        assert report.parsed == 1
        assert not report.rebuilt
        assert report.documents_updated >= 1
        assert report.summary().startswith("index updated: 3 files, 0 added, 1 changed")
        assert id_set(index, "quokkas") == {"phan-van-giang"}
        assert search(index, "zebra").hits[0].title == "Phan Van Zebra"
        # the old summary and name are gone: from his own document and from the documents
        # that link to him (only his id still says giang)
        assert "phan-van-giang" not in id_set(index, "disaster")
        assert id_set(index, '"phan van giang"') == {"phan-van-giang"}
        assert "hadr-focus" in id_set(index, '"phan van zebra"')
        assert index.library.entities["phan-van-giang"].name == "Phan Van Zebra"
        assert index.doc_count() == len(ALL_IDS)
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()


def test_an_added_file_is_found(root: Path, tmp_path: Path) -> None:
    open_closed(root)
    write_briefing(
        root,
        "2026-hue.yaml",
        {
            "id": "2026-hue",
            "title": "Hue staff talks",
            "date": "2026",
            "people": [{"id": "tran-quoc-bao", "name": "Trần Quốc Bảo", "country": "VN"}],
        },
    )
    index, report = Index.open(root)
    try:
        assert (report.files, report.added, report.changed, report.removed) == (4, 1, 0, 0)
        assert report.parsed == 1
        assert search(index, "tran quoc bao").hits[0].id == "tran-quoc-bao"
        assert search(index, "kind:person").total == len(PEOPLE) + 1
        assert index.doc_count() == len(ALL_IDS) + 2
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()


def test_a_deleted_file_takes_its_entities_with_it(root: Path, tmp_path: Path) -> None:
    open_closed(root)
    (root / KUALA_LUMPUR).unlink()
    index, report = Index.open(root)
    try:
        assert (report.files, report.added, report.changed, report.removed) == (2, 0, 0, 1)
        assert report.parsed == 0
        assert report.documents_removed == len(KL_ONLY)
        assert index.doc_count() == len(ALL_IDS) - len(KL_ONLY)
        assert search(index, "giang").total == 0
        assert id_set(index, "") == ALL_IDS - KL_ONLY
        assert id_set(index, "kind:person") == PEOPLE - {"phan-van-giang"}
        # Koizumi is still declared by the Bangkok briefing, now his latest
        assert search(index, "id:koizumi-shinjiro").hits[0].date == "2025-06"
        assert "koizumi-shinjiro" in id_set(index, "date:2025-06")
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()


def test_a_renamed_file_is_not_parsed_again(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_dangling = copy.deepcopy(BANGKOK_BRIEFING)
    with_dangling["events"][0]["participants"].append("ghost-person")
    write_briefing(root, BANGKOK, with_dangling)
    index, _ = Index.open(root)
    before = fingerprint(index)
    assert any(d.path.endswith(BANGKOK) for d in index.library.diagnostics)
    index.close()

    (root / BANGKOK).rename(root / "renamed.yaml")
    with monkeypatch.context() as patched:
        forbid_parsing(patched)
        index, report = Index.open(root)
    try:
        assert (report.added, report.changed, report.renamed, report.removed) == (0, 0, 1, 0)
        assert report.parsed == 0
        assert report.documents_updated == report.documents_removed == 0
        assert fingerprint(index) == before
        paths = [d.path for d in index.library.diagnostics]
        assert paths
        assert all(p.endswith("renamed.yaml") for p in paths), paths
        assert index.library.briefings["2025-06-bangkok-cyber-forum"].path.endswith("renamed.yaml")
    finally:
        index.close()
    assert before == fresh_fingerprint(root, tmp_path / "fresh")


def test_a_touched_file_is_not_parsed_again(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index, _ = Index.open(root)
    before = fingerprint(index)
    index.close()
    path = root / HANOI
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    forbid_parsing(monkeypatch)
    index, report = Index.open(root)
    try:
        assert report.parsed == 0
        assert (report.added, report.changed, report.renamed, report.removed) == (0, 0, 0, 0)
        assert not report.rebuilt
        assert report.summary().startswith("index up to date")
        assert fingerprint(index) == before
    finally:
        index.close()
    # and the new time is remembered
    report = open_closed(root)
    assert report.parsed == 0


def test_regression_updates_leave_no_stale_or_duplicate_documents(
    root: Path, tmp_path: Path
) -> None:
    """Update the same documents again and again: every count stays exact."""
    open_closed(root)
    edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
    words = ["wombat", "numbat", "quoll", "bilby"]
    for number, word in enumerate(words):
        edited["people"][0]["summary"] = f"Vietnam's defence minister; spoke of the {word}."
        edited["proposals"][0]["summary"] = f"The {word} proposal."
        write_briefing(root, KUALA_LUMPUR, edited)
        index, report = Index.open(root)
        try:
            assert report.changed == 1
            assert report.documents_updated == 2
            assert id_set(index, word) == {"phan-van-giang", "hadr-focus"}
            for old in words[:number]:
                assert search(index, old).total == 0, f"{old} is still found after {word}"
            persons = index.library.of_kind("person")
            assert search(index, "kind:person").total == len(persons) == len(PEOPLE)
            everything = search(index, "", limit=1000)
            assert everything.total == index.doc_count() == len(ALL_IDS)
            assert sorted(h.id for h in everything.hits) == sorted(ALL_IDS)
            assert search(index, "id:phan-van-giang").total == 1
        finally:
            index.close()
    index, _ = Index.open(root)
    try:
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()


def test_rebuild_on_request_replaces_the_generation(root: Path) -> None:
    index, _ = Index.open(root)
    old_generation = index.generation
    before = fingerprint(index)
    index.close()
    index, report = Index.open(root, rebuild=True)
    try:
        assert report.rebuilt
        assert report.reason == "asked for"
        assert report.summary().startswith("index rebuilt (asked for): 3 files, 3 added")
        assert index.generation != old_generation
        assert not old_generation.exists()
        assert generations(index.folder) == [index.generation]
        assert (index.folder / "CURRENT").read_text() == index.generation.name
        assert fingerprint(index) == before
    finally:
        index.close()


def test_a_reader_keeps_its_index_while_it_is_rebuilt(root: Path) -> None:
    reader, _ = Index.open(root)
    try:
        before = fingerprint(reader)
        open_closed(root, rebuild=True)
        assert not reader.generation.exists()
        assert fingerprint(reader) == before
    finally:
        reader.close()


def test_the_progress_callback_counts_the_files_read_then_the_documents_written(
    root: Path,
) -> None:
    for path in root.iterdir():  # written long ago: trusted unread by the next open
        os.utime(path, (1.6e9, 1.6e9))
    calls: list[tuple[int, int, str]] = []
    open_closed(root, progress=lambda done, total, what: calls.append((done, total, what)))
    documents = len(ALL_IDS)
    assert calls == [
        (1, 3, READING),
        (2, 3, READING),
        (3, 3, READING),
        (documents, documents, INDEXING),  # every PROGRESS_EVERY documents, and the last
        (0, 1, FINISHING),
    ]
    calls.clear()
    (root / HANOI).write_text((root / HANOI).read_text() + "\n", encoding="utf-8")
    open_closed(root, progress=lambda done, total, what: calls.append((done, total, what)))
    assert calls == [(1, 1, READING)]  # a catch-up reads the changed file alone


def test_an_empty_folder_gives_an_empty_index(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    index, report = Index.open(folder)
    try:
        assert report.rebuilt and report.files == 0
        assert index.doc_count() == 0
        assert search(index, "").total == 0
        assert search(index, "giang").total == 0
    finally:
        index.close()


# --------------------------------------------------------------------------------------------
# The version stamp


def test_a_new_index_version_rebuilds(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_closed(root)
    new_version = dragoman.search.documents.INDEX_VERSION + "-next"
    for module in (
        dragoman.search.documents,
        dragoman.search.storage.manifest,
        dragoman.search.storage.state,
        dragoman.search.build,
        dragoman.search.catchup,
    ):
        monkeypatch.setattr(module, "INDEX_VERSION", new_version)
    index, report = Index.open(root)
    try:
        assert report.rebuilt
        assert "version" in report.reason
        assert report.summary().startswith("index rebuilt (")
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
        assert generations(index.folder) == [index.generation]
    finally:
        index.close()
    # stamped with the new version: the next open is up to date
    report = open_closed(root)
    assert not report.rebuilt
    assert report.parsed == 0


# --------------------------------------------------------------------------------------------
# Damaged indexes are rebuilt


def _files(generation: Path, which: str) -> list[Path]:
    chosen = {
        "segment": lambda p: p.suffix == ".seg",
        "toc": lambda p: p.suffix == ".toc",
        "state": lambda p: p.name == "state.pickle",
    }[which]
    found = [p for p in generation.iterdir() if chosen(p)]
    assert found, f"no {which} file in {sorted(p.name for p in generation.iterdir())}"
    return found


def _truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _truncate_empty(path: Path) -> None:
    path.write_bytes(b"")


def _delete(path: Path) -> None:
    path.unlink()


def _flip_first_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated to half": _truncate_half,
    "truncated to nothing": _truncate_empty,
    "deleted": _delete,
    "first byte flipped": _flip_first_byte,
    "last byte flipped": _flip_last_byte,
}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Fingerprint:
    """The results of a fresh build of the corpus (they do not depend on where it lives)."""
    tmp = tmp_path_factory.mktemp("reference")
    return fresh_fingerprint(write_corpus(tmp / "briefings"), tmp / "cache")


def assert_rebuilt_as_fresh(root: Path, reference: Fingerprint) -> None:
    """The next open of a damaged index rebuilds it, and it finds what a fresh build finds."""
    index, report = _damaged_open(root)
    try:
        assert report.rebuilt
        assert fingerprint(index) == reference
    finally:
        index.close()


def _damaged_open(root: Path) -> tuple[Index, IndexReport]:
    try:
        return Index.open(root)
    except Exception as exc:  # pragma: no cover - the failure being tested
        pytest.fail(f"opening a damaged index raised {type(exc).__name__}: {exc}")


@pytest.mark.parametrize("which", ["segment", "toc", "state"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_file_is_rebuilt(
    root: Path, reference: Fingerprint, which: str, damage: str
) -> None:
    index, _ = Index.open(root)
    generation = index.generation
    index.close()
    for path in _files(generation, which):
        DAMAGE[damage](path)
    index, report = _damaged_open(root)
    try:
        assert report.rebuilt
        assert fingerprint(index) == reference
        assert generations(index.folder) == [index.generation]
    finally:
        index.close()


@pytest.mark.parametrize(
    "current",
    [None, "", "../../etc", "/etc", "gen-missing", "gen-x/../..", "\x00", "state.pickle"],
)
def test_a_bad_current_pointer_is_rebuilt(
    root: Path, reference: Fingerprint, current: str | None
) -> None:
    index, _ = Index.open(root)
    folder = index.folder
    index.close()
    if current is None:
        (folder / "CURRENT").unlink()
    else:
        (folder / "CURRENT").write_text(current)
    index, report = _damaged_open(root)
    try:
        assert report.rebuilt
        assert index.generation.parent == folder
        assert index.generation.name.startswith("gen-")
        assert fingerprint(index) == reference
    finally:
        index.close()


def test_a_deleted_generation_is_rebuilt(root: Path, reference: Fingerprint) -> None:
    index, _ = Index.open(root)
    shutil.rmtree(index.generation)
    index.close()
    assert_rebuilt_as_fresh(root, reference)


def test_a_state_of_another_shape_is_rebuilt(root: Path, reference: Fingerprint) -> None:
    index, _ = Index.open(root)
    (index.generation / "state.pickle").write_bytes(pickle.dumps({"version": "x"}))
    index.close()
    assert_rebuilt_as_fresh(root, reference)


def test_a_state_that_disagrees_with_the_index_is_rebuilt(
    root: Path, reference: Fingerprint
) -> None:
    """A state with one digest too few: the index holds more than the state says."""
    index, _ = Index.open(root)
    path = index.generation / "state.pickle"
    index.close()
    state = decode_state(path.read_bytes())
    state.digests.pop(next(iter(state.digests)))
    path.write_bytes(encode_state(state))
    assert_rebuilt_as_fresh(root, reference)


def test_corruption_inside_a_segment_is_detected(root: Path, reference: Fingerprint) -> None:
    index, _ = Index.open(root)
    generation = index.generation
    index.close()
    for path in _files(generation, "segment"):
        data = bytearray(path.read_bytes())
        for i in range(len(data) // 10, len(data) // 5):
            data[i] ^= 0xFF
        path.write_bytes(bytes(data))
    index, _ = _damaged_open(root)
    try:
        assert fingerprint(index) == reference
    finally:
        index.close()


def test_a_bit_flip_inside_the_state_is_detected(root: Path) -> None:
    index, _ = Index.open(root)
    path = index.generation / "state.pickle"
    index.close()
    data = path.read_bytes()
    assert b"Phan Van Giang" in data
    # 'g' (0x67) and 'o' (0x6f) differ by one bit
    path.write_bytes(data.replace(b"Phan Van Giang", b"Phan Van Giano"))
    index, _ = _damaged_open(root)
    try:
        assert index.library.entities["phan-van-giang"].name == "Phan Van Giang"
    finally:
        index.close()


def test_a_lock_that_is_a_folder_is_no_crash(root: Path) -> None:
    index, _ = Index.open(root)
    folder = index.folder
    index.close()
    (folder / "lock").unlink()
    (folder / "lock").mkdir()
    try:
        index, _ = Index.open(root)
    except CacheError:
        return
    index.close()


# --------------------------------------------------------------------------------------------
# The cache folder is private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_cache_folders_are_private(root: Path, isolated_cache: Path) -> None:
    index, _ = Index.open(root)
    try:
        assert mode(isolated_cache) == 0o700
        assert mode(isolated_cache / "folders") == 0o700
        assert mode(index.folder) == 0o700
        assert mode(index.folder / "lock") == 0o600
    finally:
        index.close()


def test_one_cache_folder_per_briefings_folder(tmp_path: Path) -> None:
    one = write_corpus(tmp_path / "one", (HANOI,))
    two = write_corpus(tmp_path / "two", (BANGKOK,))
    first, _ = Index.open(one)
    second, _ = Index.open(two)
    try:
        assert first.folder != second.folder
        assert id_set(first, "kind:person") == {
            "hoang-xuan-chien",
            "nguyen-thi-ha",
            "dang-van-dong",
        }
        assert id_set(second, "kind:person") == {"somchai-jaidee", "koizumi-shinjiro"}
    finally:
        first.close()
        second.close()


class _Planted:
    """A pickle that creates a file when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


@pytest.mark.parametrize("open_mode", [0o777, 0o770, 0o707, 0o702], ids=oct)
def test_a_cache_folder_open_to_others_is_emptied_and_rebuilt(
    root: Path, tmp_path: Path, reference: Fingerprint, open_mode: int
) -> None:
    index, _ = Index.open(root)
    folder = index.folder
    index.close()
    # Someone else could have planted an index whose state runs code when unpickled.
    marker = tmp_path / "planted-code-ran"
    planted = folder / "gen-planted"
    planted.mkdir()
    (planted / "state.pickle").write_bytes(pickle.dumps(_Planted(marker)))
    (folder / "CURRENT").write_text("gen-planted")
    os.chmod(folder, open_mode)

    index, report = Index.open(root)
    try:
        assert not marker.exists(), "a pickle from an open cache folder was loaded"
        assert report.rebuilt
        assert mode(folder) == 0o700
        assert not planted.exists()
        assert fingerprint(index) == reference
    finally:
        index.close()


def test_a_folders_dir_open_to_others_is_made_private(root: Path, isolated_cache: Path) -> None:
    open_closed(root)
    os.chmod(isolated_cache / "folders", 0o777)
    open_closed(root)
    assert mode(isolated_cache / "folders") == 0o700


def test_a_cache_path_that_is_a_file_is_a_cache_error(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(blocker))
    with pytest.raises(CacheError, match="cannot create the cache folder"):
        Index.open(root)


def test_a_symlinked_folders_dir_is_refused(
    root: Path, tmp_path: Path, isolated_cache: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    isolated_cache.mkdir(mode=0o700)
    (isolated_cache / "folders").symlink_to(elsewhere)
    with pytest.raises(CacheError, match="not a plain folder"):
        Index.open(root)


needs_root = pytest.mark.skipif(
    os.getuid() != 0, reason="only root can give a folder to another user to test this"
)
OTHER_UID = 4242


@needs_root
def test_a_folders_dir_of_another_user_is_refused(root: Path, isolated_cache: Path) -> None:
    open_closed(root)
    os.chown(isolated_cache / "folders", OTHER_UID, OTHER_UID)
    with pytest.raises(CacheError, match="belongs to another user"):
        Index.open(root)


@needs_root
def test_a_cache_folder_of_another_user_is_refused(root: Path) -> None:
    index, _ = Index.open(root)
    folder = index.folder
    index.close()
    os.chown(folder, OTHER_UID, OTHER_UID)
    with pytest.raises(CacheError, match="belongs to another user"):
        Index.open(root)
    assert (folder / "CURRENT").exists(), "a folder of another user must be left alone"


@needs_root
def test_a_cache_root_of_another_user_is_refused(root: Path, isolated_cache: Path) -> None:
    isolated_cache.mkdir(mode=0o755)
    os.chown(isolated_cache, OTHER_UID, OTHER_UID)
    with pytest.raises(CacheError, match="belongs to another user"):
        Index.open(root)


@needs_root
def test_a_shared_sticky_cache_root_is_accepted(root: Path, isolated_cache: Path) -> None:
    """Like /tmp: owned by someone else, open to all, but sticky."""
    isolated_cache.mkdir()
    os.chown(isolated_cache, OTHER_UID, OTHER_UID)
    os.chmod(isolated_cache, 0o1777)
    index, report = Index.open(root)
    try:
        assert report.rebuilt
        assert (isolated_cache / "folders").stat().st_uid == os.getuid()
        assert mode(isolated_cache / "folders") == 0o700
    finally:
        index.close()


# --------------------------------------------------------------------------------------------
# Two processes at once

CHILD = textwrap.dedent(
    """
    import json
    import sys
    from pathlib import Path

    from dragoman.search.index import Index
    from dragoman.search.results import search

    root, wait = Path(sys.argv[1]), sys.argv[2] == "wait"
    queries = json.loads(sys.argv[3])
    sys.stdin.readline()  # the starting line: both processes begin together
    index, report = Index.open(root, wait=wait)
    totals = {q: search(index, q, limit=1000).total for q in queries}
    print(json.dumps({
        "rebuilt": report.rebuilt,
        "read_only": report.read_only,
        "docs": index.doc_count(),
        "totals": totals,
    }))
    index.close()
    """
)
CHILD_QUERIES = ["", "giang", "kind:person", "chien", "ADMM+", "zebra"]


def start_child(root: Path, cache: Path, *, wait: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "DRAGOMAN_CACHE_DIR": str(cache)}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(root),
            "wait" if wait else "nowait",
            json.dumps(CHILD_QUERIES),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(child: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    result: dict[str, Any] = json.loads(out)
    return result


def expected_totals(root: Path, cache: Path) -> dict[str, int]:
    with cache_env(cache):
        index, _ = Index.open(root)
        try:
            return {q: search(index, q, limit=1000).total for q in CHILD_QUERIES}
        finally:
            index.close()


def test_two_processes_building_at_once(root: Path, tmp_path: Path, isolated_cache: Path) -> None:
    expected = expected_totals(root, tmp_path / "reference")
    children = [start_child(root, isolated_cache, wait=True) for _ in range(2)]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [finish(child) for child in children]
    for result in results:
        assert result["totals"] == expected
        assert result["docs"] == len(ALL_IDS)
        assert not result["read_only"]
    # one built it, the other waited and found it built
    assert sorted(r["rebuilt"] for r in results) == [False, True]
    folder = next((isolated_cache / "folders").iterdir())
    assert len(generations(folder)) == 1


def test_a_second_process_reads_while_the_first_writes(
    root: Path, tmp_path: Path, isolated_cache: Path
) -> None:
    index, _ = Index.open(root)
    folder = index.folder
    expected = {q: search(index, q, limit=1000).total for q in CHILD_QUERIES}
    index.close()
    # A change the reader must not wait for: it reads the index as it is.
    edited = copy.deepcopy(KUALA_LUMPUR_BRIEFING)
    edited["people"][0]["name"] = "Phan Van Zebra"
    write_briefing(root, KUALA_LUMPUR, edited)

    writer = _Lock(folder / "lock")
    assert writer.acquire(wait=False)
    try:
        child = start_child(root, isolated_cache, wait=False)
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        result = finish(child)
    finally:
        writer.release()
    assert result["read_only"]
    assert not result["rebuilt"]
    assert result["totals"] == expected
    assert result["totals"]["zebra"] == 0

    # with the lock free again, the next open catches up
    index, report = Index.open(root)
    try:
        assert not report.read_only
        assert report.changed == 1
        assert search(index, "zebra").total > 0
    finally:
        index.close()


def test_the_lock_is_exclusive(tmp_path: Path) -> None:
    first, second = _Lock(tmp_path / "lock"), _Lock(tmp_path / "lock")
    assert first.acquire(wait=False)
    try:
        assert not second.acquire(wait=False)
    finally:
        first.release()
    assert second.acquire(wait=False)
    second.release()


def test_read_only_summary_says_so() -> None:
    report = IndexReport(files=3, read_only=True)
    assert report.summary().endswith("(another dragoman is writing it: read only)")
    assert report.summary().startswith("index up to date: 3 files")


# --------------------------------------------------------------------------------------------
# A start shows the index as it was, before the library is loaded


def _pane_ids(index: Index, text: str) -> dict[str, list[str]]:
    from dragoman.search.panes import search_panes

    panes = search_panes(index, text).panes
    return {kind: [h.id for h in hits] for kind, (_, hits) in panes.items()}


def test_peek_finds_nothing_before_the_first_build(root: Path) -> None:
    assert Index.peek(root) is None


@pytest.mark.parametrize("text", ["", "giang", "kind:person", "person:giang", "date:2025"])
def test_peek_searches_like_the_full_index(root: Path, text: str) -> None:
    full, _ = Index.open(root)
    try:
        peeked = Index.peek(root)
        assert peeked is not None
        try:
            assert peeked.library is None
            assert _pane_ids(peeked, text) == _pane_ids(full, text)
        finally:
            peeked.close()
    finally:
        full.close()


@pytest.mark.parametrize("which", ["toc", "manifest", "segment size"])
def test_peek_refuses_a_damaged_index(root: Path, which: str) -> None:
    index, _ = Index.open(root)
    generation = index.generation
    index.close()
    if which == "toc":
        target = next(generation.glob("*.toc"))
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
    elif which == "manifest":
        target = generation / "manifest.json"
        target.write_text(target.read_text().replace('"files"', '"filez"'))
    else:
        target = next(generation.glob("*.seg"))
        with open(target, "ab") as handle:
            handle.write(b"\0")
    assert Index.peek(root) is None
    index, report = Index.open(root)  # and the full open repairs it
    try:
        assert report.rebuilt == (which != "manifest")  # the state is enough to repair that
        assert Index.peek(root) is not None
    finally:
        index.close()


def test_the_lists_of_an_empty_query_are_in_the_order_of_the_library(root: Path) -> None:
    """A start shows the index's lists, then the library's: the same rows in the same order,
    so the reader's place is kept when the library arrives."""
    index, _ = Index.open(root)
    try:
        library = index.library
        assert library is not None
        panes = _pane_ids(index, "")
        for kind, shown in panes.items():
            assert shown == [item.id for item in library.of_kind(kind)][: len(shown)], kind
            assert shown, kind
    finally:
        index.close()
