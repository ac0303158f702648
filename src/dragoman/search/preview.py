"""Answers during a first build: a small index of the newest briefings, kept in memory.

A folder never indexed takes minutes to build at thousands of briefings (every file parsed, every
document written). Meanwhile a reader can search a preview: the newest briefings that can be
read in a moment (:data:`PREVIEW_SECONDS`), merged and indexed in memory, with the same schema,
query language and ranking as the full index. Its :attr:`Index.partial` says how much of the
folder it holds, and the results say so. The app shows it until its own build ends; the CLI
answers from it while a build runs in another process.

Uses the briefings' loader, the library, the documents and the index beside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.loader import (
    LoadLimits,
    display_path,
    list_briefing_files,
    parse_briefing_file,
)
from dragoman.library.library import Library
from dragoman.search.documents import documents, make_schema
from dragoman.search.index import Index
from dragoman.search.report import Partial
from dragoman.search.storage.cache import _current, folder_cache

# A folder of fewer briefing files than this is built whole before the first answer: it takes
# a few seconds at most (300 briefings: about 3 s on two cores). $DRAGOMAN_PREVIEW_FROM
# decides instead when set.
PREVIEW_FROM = 300
# How long a preview reads briefings, newest first; writing them into the index in memory then
# takes about six times as long (of the benchmark's corpus, 282 briefings read in 0.5 s were
# indexed in 3.2 s), so that an answer comes within about 3 s of asking.
PREVIEW_SECONDS = 0.3
PREVIEW_MOST = 2000  # briefings, however fast they are read
# A preview for a query known in advance (the CLI's) first looks through the files, newest
# first, for those that hold its words, for at most this long (10,000 files of the benchmark's
# corpus, 108 MB: 0.44 s), and reads those first.
LOOK_SECONDS = 1.0
# the filters whose values stand in the files as they are typed (ids)
_ID_FILTERS = frozenset({"person", "event", "org", "by", "to", "with", "briefing"})

# a date in a file's path: 2025, 2025-11 or 2025-11-01 (the first digits of its name)
_DATE = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?!\d)")


def preview_from() -> int:
    given = os.environ.get("DRAGOMAN_PREVIEW_FROM", "").strip()
    return int(given) if given.isdigit() else PREVIEW_FROM


def first_build(root: Path) -> int:
    """How many briefing files a first build of ``root`` will read, when it has no index yet
    and is large enough (:func:`preview_from`) that a preview should answer first; else 0."""
    try:
        if _current(folder_cache(root)) is not None:
            return 0
        files, _ = list_briefing_files(root)
    except Exception:  # the full open says what is wrong with the cache or the folder
        return 0
    return len(files) if len(files) >= max(1, preview_from()) else 0


def being_built(root: Path) -> bool:
    """Whether another dragoman holds the writer's lock of ``root``'s index (building it)."""
    from dragoman.search.storage.cache import _Lock

    lock = _Lock(folder_cache(root) / "lock")
    try:
        if lock.acquire(False):
            lock.release()
            return False
    except Exception:
        return False
    return True


def newest_first(root: Path) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """The briefing files of ``root`` (path, path relative to it), newest first: by the date a
    path holds (``2025/…``, ``2025-11-01-…yaml``), then by modification time; and what listing
    the folder found wrong."""
    files, listing = list_briefing_files(root)

    def key(item: tuple[str, str]) -> tuple[str, int]:
        dates = ["-".join(part for part in m.groups() if part) for m in _DATE.finditer(item[1])]
        mtime = 0
        with contextlib.suppress(OSError):
            mtime = os.stat(item[0]).st_mtime_ns
        return (max(dates, default=""), mtime)

    return sorted(files, key=key, reverse=True), listing


def query_words(text: str) -> list[str]:
    """The words a file must hold to answer ``text`` (lowercased; ids of link filters as
    typed): what :func:`preview` looks for. None for a query that cannot be read."""
    from dragoman.search.query import And, Filter, Node, Not, Or, Phrase, QueryError, Word, parse

    found: list[str] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, Word | Phrase):
            found.extend(w.lower() for w in node.text.split() if w)
        elif isinstance(node, Filter) and node.name in _ID_FILTERS:
            found.append(node.value.lower())
        elif isinstance(node, And | Or):
            for item in node.items:
                walk(item)
        elif isinstance(node, Not):
            return  # what a result must not hold says nothing of which files hold results

    try:
        walk(parse(text))
    except QueryError:
        return []
    return [w for w in found if len(w) > 1]


def _holding(files: list[tuple[str, str]], wanted: list[str], limits: LoadLimits) -> set[str]:
    """The files among ``files`` (looked at in order, for :data:`LOOK_SECONDS` at most) whose
    bytes hold every one of the ``wanted`` words, case aside."""
    needles = [w.encode("utf-8") for w in wanted]
    started = time.perf_counter()
    found: set[str] = set()
    for name, _rel in files:
        with contextlib.suppress(OSError):
            with open(name, "rb") as f:
                data = f.read(limits.max_file_size + 1).lower()
            if all(n in data for n in needles):
                found.add(name)
        if time.perf_counter() - started >= LOOK_SECONDS:
            break
    return found


def preview(
    root: Path,
    limits: LoadLimits | None = None,
    *,
    wanted: list[str] | None = None,
    seconds: float | None = None,
    most: int | None = None,
) -> Index:
    """An index of the newest briefings of ``root`` that can be read in ``seconds`` (at least
    one, at most ``most``; :data:`PREVIEW_SECONDS` and :data:`PREVIEW_MOST` unless given), in
    memory; :attr:`Index.partial` says how many of how many.

    ``wanted``: the words of a query asked in advance (:func:`query_words`); the files that
    hold them all are read first, newest first, then the others."""
    from whoosh.filedb.filestore import RamStorage

    limits = limits or LoadLimits.from_env()
    seconds = PREVIEW_SECONDS if seconds is None else seconds
    most = PREVIEW_MOST if most is None else most
    files, listing = newest_first(root)
    holding: set[str] = set()
    if wanted:
        holding = _holding(files, wanted, limits)
        files = [f for f in files if f[0] in holding] + [f for f in files if f[0] not in holding]
    started = time.perf_counter()
    parsed = []
    for name, _rel in files[: max(1, most)]:
        path = Path(name)
        parsed.append(parse_briefing_file(path, display_path(root, path), limits))
        if time.perf_counter() - started >= seconds:
            break
    library = Library.build(parsed, listing)
    ix = RamStorage().create_index(make_schema())
    writer = ix.writer()
    try:
        for doc in documents(library):
            writer.add_document(**doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    partial = Partial(len(parsed), len(files), by_words=bool(holding))
    return PreviewIndex(root, library, ix, partial)


class PreviewIndex(Index):
    """An :class:`Index` over a preview in memory: it searches like any other, and has no
    files, state or generation (it is never caught up or tidied: a full open replaces it)."""

    def __init__(self, root: Path, library: Library, ix: object, partial: Partial) -> None:
        # not Index.__init__, which opens a generation on disk
        self.root = root
        self.folder = self.generation = root
        self.library = library
        self.state = None
        self.partial = partial
        self._ix = ix
        self._stamps = {}
        self.schema = getattr(ix, "schema", None)
        self._searcher = None
        self.lock = threading.RLock()

    def check_files(self) -> None:
        """Nothing on disk to be damaged."""

    def pending(self) -> tuple[int, int]:
        return 0, 0
