"""A full build of the index into a new generation, swapped in atomically.

Used on a first start, on a version change, and whenever the index cannot be read or caught up;
a reader never sees a half-built index.

Uses the scan, the documents and the storage beside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from dragoman.briefings.loader import LoadLimits
from dragoman.library.library import Library
from dragoman.search.documents import INDEX_VERSION, digest, documents, make_schema
from dragoman.search.report import FINISHING, INDEXING, IndexReport, Progress
from dragoman.search.scan import _library_from_state, _scan
from dragoman.search.storage.cache import _atomic_write, _storage, _sweep
from dragoman.search.storage.manifest import make_manifest, write_manifest_file
from dragoman.search.storage.state import State, _stamp, encode_state_parts

# Whoosh sorts postings in memory up to this many MB (by its own estimate, below what they
# take), then spills sorted runs to disk and merges them all. 1,000 briefings make about 190 MB
# of postings by that estimate: nothing spills (a pool of 128 MB spilled, a third of a build).
# 10,000 make about 1.9 GB, which spill with any pool that fits in memory; there 400 MB instead
# of 512 took the build's peak from 1,088 to 911 MB for 6 % more time (187 -> 198 s, one run
# each, side by side).
WRITER_MB = 400


T = TypeVar("T")
# Opens what a build or a catch-up leaves, called with the generation, its library and its
# state while the writer's lock is still held (Index.open passes one that makes the Index)
Opener = Callable[[Path, Library, State], T]


# An update that fails with one of these keeps the index as it was rather than rebuilding:
# rebuilding would fail the same way (and a rebuild needs room for a whole new index).
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


def _rebuild(
    open_: Opener[T],
    root: Path,
    folder: Path,
    reason: str,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
) -> T:
    records, listing, _ = _scan(root, {}, limits, report, progress)
    report.added = len(records)
    library = _library_from_state(root, State(INDEX_VERSION, str(root), records, listing))
    generation = Path(tempfile.mkdtemp(dir=folder, prefix=f"gen-{time.time_ns()}-"))
    try:
        digests = _fill(generation, library, progress)
        state = State(
            INDEX_VERSION,
            str(root),
            records,
            listing,
            digests,
            make_manifest(generation),
            os.urandom(8).hex(),
        )
        _atomic_write(generation / "state.pickle", *encode_state_parts(state))
        state = replace(state, base_stamp=_stamp(generation / "state.pickle"))
        write_manifest_file(generation, state.manifest)
        _atomic_write(folder / "CURRENT", generation.name.encode())
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    report.rebuilt = True
    report.reason = reason
    report.documents_updated = len(digests)
    _sweep(folder, keep=generation)
    return open_(generation, library, state)


def build_processes(briefings: int) -> int:
    """How many processes write a build: two on a machine with two cores or more, for a folder
    of :data:`PARALLEL_FROM` briefings or more, from the main thread only (a process forked
    while other threads run, as in the app, may deadlock); ``$DRAGOMAN_BUILD_PROCESSES``
    decides instead when set (1: never in parallel)."""
    given = os.environ.get("DRAGOMAN_BUILD_PROCESSES", "").strip()
    if given.isdigit():
        return max(1, int(given))
    if briefings < PARALLEL_FROM or threading.current_thread() is not threading.main_thread():
        return 1
    return min(2, os.cpu_count() or 1)


PARALLEL_FROM = 2000
PARALLEL_BATCH = 200  # documents handed to a writing process at a time
# each writing process's pool: at 10,000 briefings two of 128 MB built in 110 s with the
# processes' memory together (proportional set size) at most 848 MB (one process with
# 400 MB: 195 s, 890 MB resident; two of 200 MB were no faster)
PARALLEL_POOL_MB = 128
PROGRESS_EVERY = 100  # documents written between two reports of progress


def _fill(generation: Path, library: Library, progress: Progress | None = None) -> dict[str, bytes]:
    """Write every document of ``library`` into a new index in ``generation``; the digests.
    In parallel where it pays (:func:`build_processes`); should that fail in any way, once
    more in one process."""
    processes = build_processes(len(library.briefings))
    if processes > 1:
        try:
            return _write_all(generation, library, processes, progress)
        except Exception:
            for path in generation.iterdir():  # what the parallel writers left
                path.unlink() if path.is_file() else shutil.rmtree(path, ignore_errors=True)
    return _write_all(generation, library, 1, progress)


def _write_all(
    generation: Path, library: Library, processes: int, progress: Progress | None = None
) -> dict[str, bytes]:
    ix = _storage(generation).create_index(make_schema())
    writer: Any = parallel_writer(ix, processes) if processes > 1 else None
    writer = writer or ix.writer(limitmb=WRITER_MB)
    digests: dict[str, bytes] = {}
    try:
        try:
            total = len(library.entities) + len(library.briefings)
            for number, doc in enumerate(documents(library), start=1):
                digests[doc["uid"]] = digest(doc)
                writer.add_document(**doc)
                if progress and (number % PROGRESS_EVERY == 0 or number == total):
                    progress(number, total, INDEXING)
            if progress:
                progress(0, 1, FINISHING)
            writer.commit(optimize=processes == 1)  # in parallel: a segment per process
        except BaseException:
            writer.cancel()
            raise
        with ix.searcher() as searcher:
            written = searcher.doc_count_all()
        if written != len(digests):  # a lost segment would leave documents out silently
            raise BuildError(f"{written:,} documents written of {len(digests):,}")
    finally:
        ix.close()
    return digests


class BuildError(Exception):
    """A build in parallel did not write what it was given."""


def parallel_writer(ix: Any, processes: int) -> Any:
    """Whoosh's ``MpWriter`` (documents handed to sub-writers in batches, a segment each),
    made to fail rather than hang or lose documents: a sub-writer that stops is noticed while
    documents are handed out, sub-writers are daemons killed on cancel (Whoosh's own cancel
    never reaches them), and :func:`_write_all` counts what was written."""
    import pickle
    import queue

    from whoosh.multiproc import MpWriter, SubWriterTask
    from whoosh.util import random_name
    from whoosh.writing import SegmentWriter

    class CheckedWriter(MpWriter):  # type: ignore[misc]
        def _new_task(self) -> Any:
            task = SubWriterTask(
                self.storage,
                self.indexname,
                self.jobqueue,
                self.resultqueue,
                self.subargs,
                self.multisegment,
            )
            task.daemon = True
            self.tasks.append(task)
            task.start()
            return task

        def _enqueue(self) -> None:
            filename = f"{random_name()}.doclist"
            with self.temp_storage().create_file(filename).raw_file() as f:
                for item in self.docbuffer:
                    pickle.dump(item, f, 2)
            if len(self.tasks) < self.procs:
                self._new_task()
            job = (filename, len(self.docbuffer))
            while True:
                try:
                    self.jobqueue.put(job, timeout=1)
                    break
                except queue.Full:
                    if not all(task.is_alive() for task in self.tasks):
                        raise BuildError("a writing process stopped") from None
            self.docbuffer: list[Any] = []

        def cancel(self) -> None:
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
                    task.join(5)
            SegmentWriter.cancel(self)

    return CheckedWriter(
        ix,
        procs=processes,
        multisegment=True,
        limitmb=PARALLEL_POOL_MB,
        batchsize=PARALLEL_BATCH,
    )
