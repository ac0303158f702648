"""The open index: a disposable Whoosh cache of the library, in the user's cache folder.

The YAML files are the truth; the index is a cache that can always be rebuilt. Every open
catches it up with the files (:mod:`dragoman.search.catchup`, falling back on a full build,
:mod:`dragoman.search.build`); with nothing changed, no YAML is parsed at all. A running app
does the same in place (:meth:`Index.refresh`) with the library and state it holds, and merges
small segments and folds the journal afterwards (:meth:`Index.tidy`). :meth:`Index.peek` opens
the index as the last session left it, for a start that shows results at once. The rest of
dragoman never imports Whoosh: it goes through :class:`Index` and the search modules beside
this one.

Uses the catch-up, build, scan, report and storage beside it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from dragoman.briefings.loader import LoadLimits
from dragoman.library.library import Library
from dragoman.search.catchup import _catch_up, _write_changes
from dragoman.search.report import IndexReport, Partial, Progress
from dragoman.search.scan import _library_from_state, pending
from dragoman.search.storage.cache import _current, _Lock, _remove, _storage, folder_cache
from dragoman.search.storage.manifest import (
    _file_stamps,
    _roll_back,
    make_manifest,
    read_manifest_file,
    verify_manifest,
    write_manifest_file,
)
from dragoman.search.storage.state import State, _journal_full, _load_state, _still, save_state


class IndexDamaged(RuntimeError):
    """An index file changed under an open index: its searches cannot be trusted any more."""


class Index:
    """An open index over one briefings folder, with the library it was built from."""

    # set on an index answering during a first build, from part of the folder (a preview)
    partial: Partial | None = None

    def __init__(
        self,
        root: Path,
        folder: Path,
        generation: Path,
        library: Library | None,
        *,
        manifest: dict[str, tuple[int, int, int]] | None = None,
        state: State | None = None,
    ) -> None:
        self.root = root
        self.folder = folder
        self.generation = generation
        self.library = library
        # the state the library was built from, for catching up in this process (refresh)
        self.state = state
        self._ix = _storage(generation).open_index()
        # (size, mtime_ns) of every index file, from the manifest when the opener has it (else
        # as found now, just after the opener verified them): see check_files
        self._stamps = _file_stamps(generation, manifest)
        self.schema = self._ix.schema
        self._searcher: Any = None
        self.lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def peek(cls, root: Path) -> Index | None:
        """The index as the last session left it, opened at once for searching, without its
        library (``library`` is None) and without catching up with the files: what a start
        shows while :meth:`open` reads the rest. None when there is no usable index.

        The files are checked cheaply first (sizes, and checksums of the tables of contents);
        :meth:`open` checks every byte before the library is loaded.
        """
        try:
            folder = folder_cache(root)
            generation = _current(folder)
            if generation is None:
                return None
            manifest = read_manifest_file(generation)
            verify_manifest(generation, manifest, quick=True)
            return cls(root, folder, generation, None, manifest=manifest)
        except Exception:  # anything wrong: the full open will tell and repair
            return None

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        rebuild: bool = False,
        wait: bool = True,
        limits: LoadLimits | None = None,
        progress: Progress | None = None,
    ) -> tuple[Index, IndexReport]:
        """Open the index of ``root``, catching up with the files first.

        ``wait=False`` does not wait for another process that is writing: the index is then
        opened as it is (read only). Raises :class:`CacheError` when the cache folder cannot be
        used safely.
        """
        started = time.perf_counter()
        limits = limits or LoadLimits.from_env()
        folder = folder_cache(root)
        lock = _Lock(folder / "lock")
        report = IndexReport()
        if not lock.acquire(wait):
            for _ in range(3):  # the writer may swap generations while we open one
                current = _current(folder)
                state = _load_state(current) if current else None
                if current is None or state is None:
                    break
                try:
                    library = _library_from_state(root, state)
                    index = cls(root, folder, current, library, state=state)
                except Exception:
                    continue
                report.read_only = True
                report.files = len(state.files)
                report.seconds = time.perf_counter() - started
                return index, report
            lock.acquire(True)  # nothing usable yet: wait for the writer to finish

        def opened(generation: Path, library: Library, state: State) -> Index:
            return cls(root, folder, generation, library, manifest=state.manifest, state=state)

        try:
            with _collector_paused():
                index = _catch_up(opened, root, folder, rebuild, limits, progress, report)
        finally:
            lock.release()
        report.seconds = time.perf_counter() - started
        return index, report

    # -- reading ---------------------------------------------------------------------------

    def searcher(self) -> Any:
        """A fresh Whoosh searcher (never ``refresh()``: the fork returns stale documents)."""
        self.check_files()
        return self._ix.searcher()

    @contextlib.contextmanager
    def shared_searcher(self) -> Iterator[Any]:
        """The searcher kept open for queries, one thread at a time.

        Opening a searcher costs tens of milliseconds; this one is opened once per generation
        and reopened (never refreshed) by :meth:`reopen` when the index changes.
        """
        with self.lock:
            self.check_files()
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            yield self._searcher

    def check_files(self) -> None:
        """Raise :class:`IndexDamaged` when an index file changed since this index was opened.

        Whoosh never rewrites an index file, so a file whose size or mtime moved was damaged
        or overwritten, and an open searcher would read garbage from it, often silently. A
        few ``stat`` calls (microseconds), so it runs before every search. A file that is gone
        is no damage: a newer generation was swept in by another dragoman, and open searchers
        keep their open files (opening a new one fails, and that is reported as damage).
        """
        for name, (size, mtime_ns) in self._stamps.items():
            try:
                st = os.stat(self.generation / name)
            except OSError:
                continue
            if (st.st_size, st.st_mtime_ns) != (size, mtime_ns):
                raise IndexDamaged(f"the index file {name} changed on disk; rebuild the index")

    # -- catching up -----------------------------------------------------------------------

    def pending(self) -> tuple[int, int]:
        """How many files differ from what this index holds, and the newest modification time
        among them (see :func:`dragoman.search.scan.pending`): nothing is read or written."""
        if self.state is None:
            return 1, 0
        return pending(self.root, self.state.files)

    def refresh(
        self, limits: LoadLimits | None = None, progress: Progress | None = None
    ) -> IndexReport:
        """Catch up with the files again, in this process, as :meth:`open` does on a start.

        With the library and state this index holds, only what changed is read, merged again
        and written; this index (and :attr:`library`, a new object: the old one is left as it
        was for whoever still reads it) then shows the files as they are now. When another
        dragoman wrote the index since, it is read again from disk instead; when another is
        writing right now, nothing is done and the report says ``read_only``.
        """
        started = time.perf_counter()
        limits = limits or LoadLimits.from_env()
        report = IndexReport()
        lock = _Lock(self.folder / "lock")
        if not lock.acquire(False):
            report.read_only = True
            report.seconds = time.perf_counter() - started
            return report
        try:
            known = None
            if self.state is not None and self.library is not None:
                known = (self.generation, self.state, self.library)

            def opened(generation: Path, library: Library, state: State) -> Index:
                return type(self)(
                    self.root,
                    self.folder,
                    generation,
                    library,
                    manifest=state.manifest,
                    state=state,
                )

            with _collector_paused(collect=True):
                other = _catch_up(
                    opened, self.root, self.folder, False, limits, progress, report, known
                )
        finally:
            lock.release()
        self._adopt(other)
        if report.changed_anything:
            _give_memory_back()
        report.seconds = time.perf_counter() - started
        return report

    def tidy(self) -> bool:
        """Merge the small segments that catch-ups in this process left, once there are
        :data:`TIDY_SEGMENTS` of them (every segment is searched: many small ones slow every
        query), or every segment once replaced documents outnumber half the live ones (see
        :meth:`_wasteful`), and fold a long journal into a new base state. The app calls it after a
        catch-up is shown. Returns whether it did anything."""
        state = self.state
        wasteful = self._wasteful()
        if state is None or (
            _segments(state.manifest) < TIDY_SEGMENTS and not _journal_full(state) and not wasteful
        ):
            return False
        lock = _Lock(self.folder / "lock")
        if not lock.acquire(False):
            return False
        try:
            if _current(self.folder) != self.generation or not _still(self.generation, state):
                return False  # another dragoman wrote it: the next refresh reads it again
            try:
                unused: set[str] = set()
                manifest = state.manifest
                if wasteful or _segments(state.manifest) >= TIDY_SEGMENTS:
                    policy = _merge_all if wasteful else _tidy_policy
                    unused = _write_changes(self.generation, {}, [], [], merge=policy)
                    manifest = make_manifest(self.generation, state.manifest)
                    manifest = {name: v for name, v in manifest.items() if name not in unused}
                new_state = save_state(self.generation, state, replace(state, manifest=manifest))
            except BaseException:
                _roll_back(self.generation, state.manifest)
                raise
            with contextlib.suppress(OSError):
                write_manifest_file(self.generation, manifest)
            cls = type(self)
            tidied = cls(
                self.root,
                self.folder,
                self.generation,
                self.library,
                manifest=manifest,
                state=new_state,
            )
            self._adopt(tidied)
            for name in unused:
                _remove(self.generation / name)
        finally:
            lock.release()
        return True

    def _wasteful(self) -> bool:
        """Whether the documents replaced or removed since the index was built, which stay in
        their segments (marked deleted) until those are merged, outnumber half the live ones:
        the index is then merged whole, so that it stays within 1.5 times a fresh build's."""
        with self.lock:
            live: int = self._ix.doc_count()
            every: int = self._ix.doc_count_all()
        return every - live > live // 2

    def _adopt(self, other: Index) -> None:
        """Show what ``other`` (a new open of the same folder) shows, from now on."""
        with self.lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if other._ix is not self._ix:
                self._ix.close()
            self.generation = other.generation
            self.library = other.library
            self.state = other.state
            self._ix = other._ix
            self._stamps = other._stamps
            self.schema = other.schema

    def reopen(self) -> None:
        with self.lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def doc_count(self) -> int:
        with self.searcher() as searcher:
            return int(searcher.doc_count())

    def close(self) -> None:
        self.reopen()
        self._ix.close()


def _give_memory_back() -> None:
    """Hand the memory a catch-up freed back to the system (glibc keeps freed memory for the
    process otherwise: about 45 MB after a pull of 2,000 files at 10,000 briefings). A no-op
    where there is no glibc."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)


@contextlib.contextmanager
def _collector_paused(*, collect: bool = False) -> Iterator[None]:
    """Python's cycle collector paused while the library is built: it would walk the millions
    of objects being made again and again (a third of the time of a start at 10,000 briefings).

    ``collect``: a catch-up in a running process leaves garbage in cycles (Whoosh's writer and
    its pool of postings: hundreds of MB for a pull of 2,000 files), which is collected before
    the rest is frozen; frozen, it would never be freed, and every pull would add to what the
    process holds (297 MB -> 2.6 GB over five pulls of 2,000 files at 10,000 briefings). Only
    what was made since the collector was paused is walked."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collect:
            gc.collect(0)  # everything made while paused is in the youngest generation
        # what was built lives as long as the process: out of the collector's sight, or its
        # first full collection walks all of it (over a second at 10,000 briefings)
        gc.freeze()
        if was:
            gc.enable()


# A catch-up in a running app commits its documents as a new segment without merging (merging
# rewrites the small segments: most of a catch-up's time once a few have piled up); Index.tidy
# merges them afterwards, once the reader sees the change, when there are this many.
TIDY_SEGMENTS = 6


def _merge_all(writer: Any, segments: list[Any]) -> list[Any]:
    """Every segment merged into one: the deleted documents are left out on the way."""
    from whoosh.reading import SegmentReader

    for seg in segments:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return []


def _tidy_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Merge the smallest segments into one, keeping the largest and the next two: at most
    ``TIDY_SEGMENTS - 1`` remain, and the segments rewritten are mostly the newest and smallest.
    """
    from whoosh.reading import SegmentReader

    if len(segments) < TIDY_SEGMENTS:
        return segments
    ordered = sorted(segments, key=lambda seg: seg.doc_count_all())
    largest = ordered.pop()
    cut = len(ordered) - 2
    for seg in ordered[:cut]:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [largest, *ordered[cut:]]


def _segments(manifest: dict[str, tuple[int, int, int]]) -> int:
    return sum(1 for name in manifest if name.endswith(".seg"))
