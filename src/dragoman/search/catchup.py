"""Catching the index up with the files: re-read, merge and re-index only what changed.

New, changed, renamed and deleted files are read again, the library merges only what they
declare (:meth:`Library.updated`), and only documents whose content changed are re-indexed as a
new segment; the state's journal records it. Any failure falls back to a full build.

Uses the scan, the build (to fall back on), the documents, the events whose parties moved and
the storage beside it, and the library's update.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from whoosh.index import TOC
from whoosh.writing import MERGE_SMALL

from dragoman.briefings.loader import LoadLimits
from dragoman.library.library import Library
from dragoman.search.build import DISK_ERRNOS, WRITER_MB, Opener, T, _rebuild
from dragoman.search.documents import (
    INDEX_VERSION,
    _with_plain,
    briefing_document,
    digest,
    documents,
    entity_document,
)
from dragoman.search.report import IndexReport, Progress
from dragoman.search.scan import _display, _library_from_state, _scan, _with_display
from dragoman.search.storage.cache import _current, _remove, _storage, _sweep
from dragoman.search.storage.manifest import (
    _repair_manifest_file,
    _roll_back,
    make_manifest,
    write_manifest_file,
)
from dragoman.search.storage.state import (
    State,
    _load_state,
    _still,
    _tidied_state,
    _whole,
    save_state,
)


def _catch_up(
    open_: Opener[T],
    root: Path,
    folder: Path,
    rebuild: bool,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
    known: tuple[Path, State, Library] | None = None,
) -> T:
    """The index of ``root``, up to date with its files, as ``open_`` opens it (the writer's
    lock held); a failure to update or to open it falls back to a full build.

    ``known``: the generation, state and library an open index of this process holds; used
    instead of reading them again when that generation is still current and no other process
    has written it since.
    """
    current = _current(folder)
    _sweep(folder, keep=current)  # what killed writers left: we hold the lock, nobody writes
    library: Library | None = None
    if known is not None and known[0] == current and _still(current, known[1]):
        state: State | None = known[1]
        library = known[2]
    else:
        state = _load_state(current) if current is not None else None
    if state is None and current is not None and not rebuild:
        state = _tidied_state(current)
    reason = ""
    if rebuild:
        reason = "asked for"
    elif current is None:
        reason = ""
    elif state is None:
        reason = "the index was unreadable or from another version"
    if state is not None and current is not None and not rebuild:
        _repair_manifest_file(current, state.manifest)
        try:
            return _update(open_, root, current, state, limits, progress, report, library)
        except Exception as exc:  # any failure to read or write the index: rebuild it
            report.added = report.changed = report.renamed = report.removed = 0
            report.parsed = report.documents_updated = report.documents_removed = 0
            if isinstance(exc, OSError) and exc.errno in DISK_ERRNOS and _whole(current, state):
                # a full or read-only disk: a rebuild would fail too. _update left the index
                # as it was, so that is what is shown, with the library it was built from.
                report.warning = (
                    f"the index could not be brought up to date ({exc.strerror or exc}); "
                    "showing it as it was"
                )
                if library is None:
                    library = _library_from_state(root, state)
                return open_(current, library, state)
            reason = f"the index could not be read ({type(exc).__name__})"
    return _rebuild(open_, root, folder, reason, limits, progress, report)


SMALL_POOL_MB = 128  # Whoosh's own default


def _merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's policy of merging small segments into bigger ones, never touching the largest
    (a build's, tens of thousands of documents): Whoosh's own would merge it too once enough
    small ones pile up, and rewriting it takes as long as a build."""
    if len(segments) <= 1:
        return segments
    largest = max(segments, key=lambda seg: seg.doc_count_all())
    rest = [seg for seg in segments if seg is not largest]
    return [largest, *MERGE_SMALL(writer, rest)]


def _update(
    open_: Opener[T],
    root: Path,
    generation: Path,
    state: State,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
    library: Library | None = None,
) -> T:
    # a running app's catch-up (the library in hand) does not merge segments: see Index.tidy
    merge = _merge_small if library is None else None
    if library is None:  # read from disk: is it what the state says?
        ix = _storage(generation).open_index()
        try:
            with ix.searcher() as searcher:
                if searcher.doc_count() != len(state.digests):
                    raise ValueError("the index does not hold what its state says")
        finally:
            ix.close()
        library = _library_from_state(root, state)
    new_state, library, unused = _apply(
        root, generation, state, library, limits, progress, report, merge
    )
    for name in unused:
        _remove(generation / name)
    return open_(generation, library, new_state)


def _apply(
    root: Path,
    generation: Path,
    state: State,
    library: Library,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
    merge: Callable[[Any, list[Any]], list[Any]] | None = _merge_small,
) -> tuple[State, Library, set[str]]:
    """Bring the index of ``generation``, whose state and library are ``state`` and
    ``library``, up to date with the files: the changed files are parsed and merged again, the
    documents they change are written again, and the state is saved. Returns the new state,
    the new library, and the index files no longer used (for the caller to remove once no
    searcher of the old index can open them)."""
    records, listing, touched = _scan(root, state.files, limits, report, progress)
    if not touched and listing == state.listing:
        if records != state.files:  # only mtimes moved: remember them
            new_state = replace(state, files=records)
            try:
                new_state = save_state(generation, state, new_state, fold=merge is not None)
            except OSError:  # not saved (a full disk): the files are hashed again next time
                new_state = state
            return new_state, library, set()
        return state, library, set()
    removed = [_display(root, rel) for rel in sorted(touched) if rel in state.files]
    added = [
        _with_display(records[rel].parsed, _display(root, rel))
        for rel in sorted(touched)
        if rel in records
    ]
    library, changed = library.updated(removed, added, listing)
    if changed.everything:
        docs = {doc["uid"]: doc for doc in documents(library)}
        digests = {uid: digest(doc) for uid, doc in docs.items()}
    else:
        docs = {}
        for id_ in changed.entities:
            if (entity := library.entities.get(id_)) is not None:
                docs[f"e:{id_}"] = _with_plain(entity_document(library, entity))
        for id_ in changed.briefings:
            if (briefing := library.briefings.get(id_)) is not None:
                docs[f"b:{id_}"] = _with_plain(briefing_document(library, briefing))
        digests = dict(state.digests)
        for id_ in changed.gone_entities - library.entities.keys():
            digests.pop(f"e:{id_}", None)
        for id_ in changed.gone_briefings - library.briefings.keys():
            digests.pop(f"b:{id_}", None)
        digests.update((uid, digest(doc)) for uid, doc in docs.items())
    fresh = [uid for uid, d in digests.items() if uid in docs and state.digests.get(uid) != d]
    gone = [uid for uid in state.digests if uid not in digests]
    # Written into the generation in use, so that a failure anywhere (a full disk) puts it
    # back exactly as its state lists it: Whoosh's new files are removed, and the files the
    # new table of contents no longer needs are only removed once the state is saved.
    unused: set[str] = set()
    try:
        if fresh or gone:
            # a command sorts thousands of changed documents in memory, as a build does (a
            # pull of 2,000 files at 10,000 briefings: 25 s instead of 36); a running app
            # spills them instead, since memory taken once is not given back to the system
            # (its memory after such a pull: 500 MB rather than 720, from 300 at the start)
            pool = WRITER_MB if merge is not None else SMALL_POOL_MB
            unused = _write_changes(generation, docs, fresh, gone, merge=merge, pool_mb=pool)
        manifest = make_manifest(generation, state.manifest)
        manifest = {name: v for name, v in manifest.items() if name not in unused}
        new_state = State(INDEX_VERSION, str(root), records, listing, digests, manifest)
        new_state = save_state(generation, state, new_state, fold=merge is not None)
    except BaseException:
        _roll_back(generation, state.manifest)
        raise
    report.documents_updated = len(fresh)
    report.documents_removed = len(gone)
    with contextlib.suppress(OSError):  # a copy for quick starts, repaired when missing
        write_manifest_file(generation, manifest)
    return new_state, library, unused


def _write_changes(
    generation: Path,
    docs: dict[str, dict[str, Any]],
    changed: list[str],
    gone: list[str],
    *,
    merge: Callable[[Any, list[Any]], list[Any]] | None = _merge_small,
    pool_mb: int = SMALL_POOL_MB,
) -> set[str]:
    """Commit the changed and deleted documents to the Whoosh index of ``generation``.

    Returns the files the new table of contents no longer uses (the old one, merged segments),
    which Whoosh would delete at once but which are left for the caller to delete once the
    new state is saved: until then the old table of contents is whole. On an exception the
    writer is cancelled; the files it wrote are left to :func:`_roll_back`.
    """
    ix = _storage(generation).open_index()
    writer = ix.writer(limitmb=pool_mb)
    unused: set[str] = set()

    def commit_toc(segments: list[Any]) -> None:  # SegmentWriter._commit_toc, cleaning deferred
        TOC(writer.schema, segments, writer.generation).write(writer.storage, writer.indexname)
        keep = {segment.segment_id() for segment in segments}
        toc_name = TOC._pattern(writer.indexname)
        segment_name = TOC._segment_pattern(writer.indexname)
        for name in writer.storage.list():  # what whoosh.index.clean_files would delete
            if toc := toc_name.match(name):
                stale = int(toc.group(1)) != writer.generation
            else:
                segment = segment_name.match(name)
                stale = segment is not None and segment.group(1) not in keep
            if stale:
                unused.add(name)

    writer._commit_toc = commit_toc
    try:
        for uid in gone:
            writer.delete_by_term("uid", uid)
        for uid in changed:
            writer.update_document(**docs[uid])
        if merge is not None:
            writer.commit(mergetype=merge)
        else:
            writer.commit(merge=False)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        if not writer.is_closed:  # cancelling failed too: let go of its lock and temp files
            with contextlib.suppress(Exception):
                writer._finish()
        raise
    finally:
        ix.close()
    return unused
