"""Reading the folder for the index: which files are new, changed, renamed or gone.

Files are compared by size and mtime, then by content hash; only changed ones are parsed (through
the briefings stage). What changed is counted in an :class:`IndexReport`. Also the library that a
state's parsed briefings make, for a build, a catch-up or an open that reads no file.

Uses the briefings' loader, the library (to merge a state's parsed briefings) and the state.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from dataclasses import replace
from pathlib import Path

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.loader import (
    LoadLimits,
    display_path,
    list_briefing_files,
    parse_briefing_bytes,
    parse_briefing_file,
    read_regular_file,
)
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.library.library import Library
from dragoman.search.report import READING, IndexReport, Progress
from dragoman.search.storage.state import FileRecord, State


def _with_display(parsed: ParsedBriefing, display: str) -> ParsedBriefing:
    if parsed.path == display:
        return parsed
    return replace(
        parsed,
        path=display,
        diagnostics=[replace(d, path=display) for d in parsed.diagnostics],
    )


def _display(root: Path, rel: str) -> str:
    return display_path(root, root / rel)


def _library_from_state(root: Path, state: State) -> Library:
    parsed = [
        _with_display(record.parsed, _display(root, rel))
        for rel, record in sorted(state.files.items())
    ]
    return Library.build(parsed, state.listing)


def _scan(
    root: Path,
    old: dict[str, FileRecord],
    limits: LoadLimits,
    report: IndexReport,
    progress: Progress | None,
) -> tuple[dict[str, FileRecord], list[Diagnostic], set[str]]:
    """The new file table; unchanged files are not read, changed ones are re-parsed.

    A file is trusted unread when its size and mtime match its record. A record whose mtime
    was too close to the time of its scan to be trusted (see :func:`_kept_mtime`) never
    matches, so that file is hashed again next time.
    """
    scanned_ns = time.time_ns()  # before any stat: a file written after this is racy
    files, listing = list_briefing_files(root)
    records: dict[str, FileRecord] = {}
    pending: list[tuple[str, Path, os.stat_result | None]] = []
    for name, rel in files:
        try:
            st = os.stat(name)
        except OSError:
            st = None
        prev = old.get(rel)
        if (
            prev is not None
            and st is not None
            and prev.size == st.st_size
            and prev.mtime_ns == st.st_mtime_ns
        ):
            records[rel] = prev
            continue
        pending.append((rel, Path(name), st))
    present = set(records) | {rel for rel, _, _ in pending}
    removed = {rel: rec for rel, rec in old.items() if rel not in present}
    by_sha = {rec.sha: rel for rel, rec in removed.items()}
    touched: set[str] = set()
    report.files = len(files)
    for number, (rel, path, st) in enumerate(pending, start=1):
        if progress:
            progress(number, len(pending), READING)
        display = display_path(root, path)
        data: bytes | None = None
        if st is not None and stat.S_ISREG(st.st_mode):
            with contextlib.suppress(OSError):  # never blocks: FIFOs and devices are refused
                data, _ = read_regular_file(path, limits.max_file_size + 1)
        if data is None or st is None:  # the loader says why, without blocking either
            parsed = parse_briefing_file(path, display, limits)
            records[rel] = FileRecord(-1, -1, "", parsed)
            touched.add(rel)
            continue
        sha = hashlib.sha256(data).hexdigest()
        prev = old.get(rel)
        mtime_ns = _kept_mtime(st, scanned_ns)
        if prev is not None and prev.sha == sha:
            records[rel] = FileRecord(st.st_size, mtime_ns, sha, prev.parsed)
            continue
        if prev is None and sha in by_sha:
            source = by_sha.pop(sha)
            parsed = _with_display(removed.pop(source).parsed, display)
            records[rel] = FileRecord(st.st_size, mtime_ns, sha, parsed)
            report.renamed += 1
            touched.update((rel, source))
            continue
        parsed = parse_briefing_bytes(display, data, limits)
        report.parsed += 1
        if prev is None:
            report.added += 1
        else:
            report.changed += 1
        records[rel] = FileRecord(st.st_size, mtime_ns, sha, parsed)
        touched.add(rel)
    report.removed = len(removed)
    touched.update(removed)
    return records, listing, touched


def pending(root: Path, old: dict[str, FileRecord]) -> tuple[int, int]:
    """How many files differ from their records (new, changed or gone), and the newest
    modification time among those present (nanoseconds; 0 for none): a look that only lists
    and stats, reading nothing, to tell whether the folder is still being written."""
    files, _ = list_briefing_files(root)
    count = newest = 0
    seen: set[str] = set()
    for name, rel in files:
        seen.add(rel)
        try:
            st = os.stat(name)
        except OSError:
            count += 1
            continue
        prev = old.get(rel)
        if prev is None or (prev.size, prev.mtime_ns) != (st.st_size, st.st_mtime_ns):
            count += 1
            newest = max(newest, st.st_mtime_ns)
    count += sum(1 for rel in old if rel not in seen)
    return count, newest


# A file modified this close to a scan may be modified again within the same tick of the file
# system clock (Linux stamps files with a coarse clock; cp -p, rsync and tar set old times):
# same size, same mtime, new content. Its mtime is not trusted (git calls it "racily clean").
RACY_NS = 2_000_000_000


def _kept_mtime(st: os.stat_result, scanned_ns: int) -> int:
    """The mtime to record for a file read in a scan that started at ``scanned_ns``: its own,
    or -1 (never equal to a real one) when it is too recent to be trusted, so that the next
    scan hashes the file again instead of trusting it (git smudges such entries the same way).
    """
    return -1 if st.st_mtime_ns >= scanned_ns - RACY_NS else st.st_mtime_ns
