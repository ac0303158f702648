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
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from dragoman.briefings.loader import LoadLimits
from dragoman.library.library import Library
from dragoman.search.documents import INDEX_VERSION, digest, documents, make_schema
from dragoman.search.report import IndexReport, Progress
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
        ix = _storage(generation).create_index(make_schema())
        writer = ix.writer(limitmb=WRITER_MB)
        digests: dict[str, bytes] = {}
        try:
            for doc in documents(library):
                digests[doc["uid"]] = digest(doc)
                writer.add_document(**doc)
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        finally:
            ix.close()
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
