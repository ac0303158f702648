"""The search index: a disposable Whoosh cache of the library, kept in the user's cache folder.

The YAML files are the truth; this is a cache that can always be rebuilt. Layout, one folder per
briefings folder (keyed by its resolved path)::

    <cache>/folders/<key>/
        lock          held (flock) by the one process that writes
        CURRENT       the name of the generation in use; replaced atomically
        gen-<stamp>/  a Whoosh index and ``state.pickle`` (the file table, every file's parsed
                      briefing and a digest of every indexed document)

On every open the index catches up with the files: only new, changed (size, mtime, then content
hash), renamed and deleted files are re-read, and only documents whose content changed are
re-indexed. With nothing changed, no YAML is parsed at all. A version stamp or any failure to
read the index triggers a rebuild into a new generation that is swapped in atomically, so a
reader never sees a half-built index. The rest of dragoman never imports Whoosh: it goes through
:class:`Index` and :mod:`dragoman.search`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import pickle
import shutil
import stat
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from . import whoosh_fixes  # noqa: F401  (applied on import)
from .analysis import name_analyzer, ngram_analyzer, prose_analyzer, words
from .diagnostics import Diagnostic
from .format import FORMAT_VERSION, ParsedBriefing, PartialDate
from .library import Briefing, Entity, Library
from .loader import (
    LoadLimits,
    display_path,
    find_briefing_files,
    parse_briefing_bytes,
    parse_briefing_file,
)

__all__ = [
    "INDEX_VERSION",
    "CacheError",
    "Index",
    "IndexReport",
    "cache_root",
    "folder_cache",
]

# Bump SCHEMA_REVISION whenever documents or analysis change: every index is then rebuilt.
SCHEMA_REVISION = 2
INDEX_VERSION = f"format{FORMAT_VERSION}-schema{SCHEMA_REVISION}"

Progress = Callable[[int, int, str], None]
# Whoosh sorts postings in memory up to this many MB, then spills sorted runs to disk and
# merges them: spilling cost a third of a build.
WRITER_MB = 512


class CacheError(RuntimeError):
    """The cache folder cannot be used safely (another user owns it, it cannot be created)."""


def make_schema() -> Schema:
    return Schema(
        uid=ID(unique=True, stored=True),
        id=ID(stored=True, field_boost=4.0),
        kind=ID(stored=True),
        name=TEXT(analyzer=name_analyzer(), stored=True, field_boost=6.0),
        aliases=TEXT(analyzer=name_analyzer(), stored=True, field_boost=5.0),
        idwords=TEXT(analyzer=name_analyzer(), field_boost=3.0),
        ngram=TEXT(analyzer=ngram_analyzer(), phrase=False, field_boost=3.0),
        links=TEXT(analyzer=name_analyzer(), field_boost=1.5),
        prose=TEXT(analyzer=prose_analyzer(), stored=True),
        plain=TEXT(analyzer=name_analyzer(), phrase=False),
        person=KEYWORD(commas=True, scorable=False),
        event=KEYWORD(commas=True, scorable=False),
        org=KEYWORD(commas=True, scorable=False),
        briefing=KEYWORD(commas=True, stored=True, scorable=False),
        country=ID(stored=True),
        status=ID(stored=True),
        tag=KEYWORD(commas=True, scorable=False),
        type=ID(),
        # signed: this Whoosh fork's unsigned NUMERIC fields match everything on open ranges
        start=NUMERIC(int, bits=32),
        end=NUMERIC(int, bits=32),
        sortdate=NUMERIC(int, bits=32, stored=True, sortable=True),
        date=STORED(),
        names=STORED(),
    )


# --------------------------------------------------------------------------------------------
# Documents


def day_number(key: tuple[int, int, int]) -> int:
    year, month, day = key
    return year * 10000 + month * 100 + day


def _date_fields(date: PartialDate, end: PartialDate | None = None) -> dict[str, Any]:
    last = (end or date).last_key
    first = date.key if date.month else (date.year, 1, 1)
    if date.month and not date.day:
        first = (date.year, date.month, 1)
    return {
        "start": day_number(first),
        "end": day_number(last),
        "sortdate": day_number(date.key),
        "date": str(date),
    }


def _names_form(names: list[str]) -> str:
    return "\n".join(" ".join(words(n)) for n in names if n)


def _ids_of(library: Library, ids: list[str], kind: str) -> list[str]:
    return [i for i in ids if (e := library.entities.get(i)) is not None and e.kind == kind]


def entity_document(library: Library, entity: Entity) -> dict[str, Any]:
    aliases = entity.items("aliases")
    quote = entity.text("quote")
    prose_parts = [
        entity.text("summary"),
        f"“{quote}”" if quote else None,
        entity.text("rank"),
        entity.text("place"),
        entity.text("kind"),
    ]
    for entry in entity.history("role"):
        if isinstance(entry.value, str) and entry.value not in prose_parts:
            prose_parts.append(entry.value)
    outgoing = [t for ids in entity.links.values() for t in ids]
    incoming = [t for ids in entity.backlinks.values() for t in ids]
    link_names = []
    for target in outgoing:
        other = library.entities.get(target)
        link_names.append(other.name if other else target)
        if other is not None:
            link_names.extend(other.items("aliases"))
    linked = outgoing + incoming
    doc: dict[str, Any] = {
        "uid": f"e:{entity.id}",
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": "\n".join(aliases),
        "idwords": entity.id.replace("-", " "),
        "ngram": "\n".join([entity.name, *aliases]),
        "links": "\n".join(link_names),
        "prose": " · ".join(p for p in prose_parts if p),
        "person": ",".join(_ids_of(library, linked, "person")),
        "event": ",".join(_ids_of(library, linked, "event")),
        "org": ",".join(_ids_of(library, linked, "organization")),
        "briefing": ",".join(entity.briefings),
        "tag": ",".join(entity.items("areas")),
        "names": _names_form([entity.name, *aliases]),
    }
    for key in ("country", "status"):
        if value := entity.text(key):
            doc[key] = value
    if (kind_word := entity.text("kind")) and entity.kind in ("event", "organization"):
        doc["type"] = kind_word.lower()
    end = entity.text("end")
    doc.update(_date_fields(entity.date, PartialDate.parse(end) if end else None))
    return doc


def briefing_document(library: Library, briefing: Briefing) -> dict[str, Any]:
    declared = [i for _, i in briefing.declares]
    source = briefing.source
    prose = [
        briefing.text("summary"),
        briefing.text("text"),
        *(source[k] for k in ("publisher", "author", "translator") if k in source),
    ]
    doc: dict[str, Any] = {
        "uid": f"b:{briefing.id}",
        "id": briefing.id,
        "kind": "briefing",
        "name": briefing.title,
        "aliases": "",
        "idwords": briefing.id.replace("-", " "),
        "ngram": briefing.title,
        "links": "",
        "prose": "\n".join(p for p in prose if p),
        "person": ",".join(_ids_of(library, declared, "person")),
        "event": ",".join(_ids_of(library, declared, "event")),
        "org": ",".join(_ids_of(library, declared, "organization")),
        "briefing": briefing.id,
        "tag": ",".join(briefing.items("tags")),
        "names": _names_form([briefing.title]),
    }
    doc.update(_date_fields(briefing.date))
    return doc


def documents(library: Library) -> Iterator[dict[str, Any]]:
    for entity in library.entities.values():
        yield _with_plain(entity_document(library, entity))
    for briefing in library.briefings.values():
        yield _with_plain(briefing_document(library, briefing))


def _with_plain(doc: dict[str, Any]) -> dict[str, Any]:
    doc["plain"] = doc["prose"]
    return doc


def digest(doc: dict[str, Any]) -> bytes:
    return hashlib.blake2b(repr(sorted(doc.items())).encode(), digest_size=16).digest()


# --------------------------------------------------------------------------------------------
# The cache folder


def cache_root() -> Path:
    env = os.environ.get("DRAGOMAN_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("dragoman", appauthor=False))


def _private_dir(path: Path) -> bool:
    """Create ``path`` (0700) or check that it is ours and private.

    Returns True when the folder could be trusted as it was; False when it was ours but open to
    others (it is made private again, and its contents should be thrown away).
    """
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError as exc:
        raise CacheError(f"cannot create the cache folder {path}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise CacheError(
            f"the cache folder {path} is not a plain folder; remove it or set DRAGOMAN_CACHE_DIR"
        )
    if st.st_uid != os.getuid():
        raise CacheError(
            f"the cache folder {path} belongs to another user, so its index files cannot be "
            "trusted; remove it or set DRAGOMAN_CACHE_DIR to a folder of your own"
        )
    if st.st_mode & 0o077:
        os.chmod(path, 0o700)
        return False
    return True


def folder_cache(root: Path) -> Path:
    """The private cache folder for one briefings folder."""
    base = cache_root()
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner = os.stat(base).st_uid
    except OSError as exc:
        raise CacheError(f"cannot create the cache folder {base}: {exc.strerror or exc}") from exc
    if owner != os.getuid() and not os.stat(base).st_mode & stat.S_ISVTX:
        raise CacheError(
            f"the cache folder {base} belongs to another user; remove it or set "
            "DRAGOMAN_CACHE_DIR to a folder of your own"
        )
    resolved = str(root.resolve())
    key = hashlib.sha256(resolved.encode()).hexdigest()[:24]
    folders = base / "folders"
    _private_dir(folders)
    path = folders / key
    if not _private_dir(path):
        # It was readable or writable by others: whatever is inside may have been planted.
        for child in path.iterdir():
            _remove(child)
    return path


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


class _Lock:
    """An exclusive flock on a file: one writer per briefings folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, wait: bool) -> bool:
        if self.path.is_dir() and not self.path.is_symlink():
            shutil.rmtree(self.path, ignore_errors=True)  # our private folder: not a lock
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            raise CacheError(
                f"cannot use the lock file {self.path}: {exc.strerror or exc}"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


# --------------------------------------------------------------------------------------------
# State kept beside the index


@dataclass(slots=True)
class FileRecord:
    size: int
    mtime_ns: int
    sha: str
    parsed: ParsedBriefing


@dataclass(slots=True)
class State:
    version: str
    root: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    listing: list[Diagnostic] = field(default_factory=list)
    digests: dict[str, bytes] = field(default_factory=dict)
    # every index file: name -> (size, mtime_ns, crc32); checked before Whoosh reads any of them
    manifest: dict[str, tuple[int, int, int]] = field(default_factory=dict)


STATE_MAGIC = b"dragoman-state\x00\x01"
_NOT_INDEX = ("state.pickle", "MAIN_WRITELOCK")


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def make_manifest(
    generation: Path, previous: dict[str, tuple[int, int, int]] | None = None
) -> dict[str, tuple[int, int, int]]:
    """Sizes and checksums of the index files; files unchanged since ``previous`` keep theirs
    (Whoosh never rewrites a segment, so only new files are read)."""
    out: dict[str, tuple[int, int, int]] = {}
    for child in generation.iterdir():
        if child.name in _NOT_INDEX or child.name.startswith(".tmp-") or not child.is_file():
            continue
        st = child.stat()
        old = (previous or {}).get(child.name)
        if old is not None and old[:2] == (st.st_size, st.st_mtime_ns):
            out[child.name] = old
        else:
            out[child.name] = (st.st_size, st.st_mtime_ns, _crc(child))
    return out


def verify_manifest(generation: Path, manifest: dict[str, tuple[int, int, int]]) -> None:
    """Raise ``ValueError`` when an index file is missing, added, resized or changed."""
    if not manifest:
        raise ValueError("the index has no manifest")
    present = {
        c.name
        for c in generation.iterdir()
        if c.name not in _NOT_INDEX and not c.name.startswith(".tmp-")
    }
    if present != set(manifest):
        raise ValueError("index files are missing or unexpected")
    for name, (size, _, crc) in manifest.items():
        path = generation / name
        if path.stat().st_size != size or _crc(path) != crc:
            raise ValueError(f"the index file {name} is damaged")


def encode_state(state: State) -> bytes:
    """The bytes of ``state.pickle``: a magic line, a CRC-32 of the payload, the pickle."""
    payload = pickle.dumps(state, protocol=5)
    return STATE_MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload


def decode_state(data: bytes) -> State:
    """The state in ``data``; ``ValueError`` when it is not one, damaged or of another version.

    The checksum is verified before anything is unpickled.
    """
    head = len(STATE_MAGIC)
    if not data.startswith(STATE_MAGIC):
        raise ValueError("not a dragoman index state")
    payload = data[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(data[head : head + 4], "big"):
        raise ValueError("the index state is damaged")
    state = pickle.loads(payload)
    if not isinstance(state, State) or state.version != INDEX_VERSION:
        raise ValueError("the index state is from another version")
    return state


@dataclass(slots=True)
class IndexReport:
    """What opening the index did."""

    files: int = 0
    added: int = 0
    changed: int = 0
    renamed: int = 0
    removed: int = 0
    parsed: int = 0
    documents_updated: int = 0
    documents_removed: int = 0
    rebuilt: bool = False
    reason: str = ""
    read_only: bool = False
    seconds: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.renamed or self.removed or self.rebuilt)

    def summary(self) -> str:
        if self.rebuilt:
            head = f"index rebuilt ({self.reason})" if self.reason else "index built"
        elif self.changed_anything:
            head = "index updated"
        else:
            head = "index up to date"
        parts = [
            f"{self.files} files",
            f"{self.added} added",
            f"{self.changed} changed",
            f"{self.renamed} renamed",
            f"{self.removed} removed",
            f"{self.documents_updated} documents re-indexed",
        ]
        if self.documents_removed:
            parts.append(f"{self.documents_removed} documents removed")
        tail = " (another dragoman is writing it: read only)" if self.read_only else ""
        return f"{head}: {', '.join(parts)} in {self.seconds:.2f} s{tail}"


def _with_display(parsed: ParsedBriefing, display: str) -> ParsedBriefing:
    if parsed.path == display:
        return parsed
    return replace(
        parsed,
        path=display,
        diagnostics=[replace(d, path=display) for d in parsed.diagnostics],
    )


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------------------------
# The index


class Index:
    """An open index over one briefings folder, with the library it was built from."""

    def __init__(self, root: Path, folder: Path, generation: Path, library: Library) -> None:
        self.root = root
        self.folder = folder
        self.generation = generation
        self.library = library
        self._ix = whoosh_index.open_dir(str(generation))
        self.schema = self._ix.schema
        self._searcher: Any = None
        self.lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------

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
                    index = cls(root, folder, current, _library_from_state(root, state))
                except Exception:
                    continue
                report.read_only = True
                report.files = len(state.files)
                report.seconds = time.perf_counter() - started
                return index, report
            lock.acquire(True)  # nothing usable yet: wait for the writer to finish
        try:
            index = _catch_up(cls, root, folder, rebuild, limits, progress, report)
        finally:
            lock.release()
        report.seconds = time.perf_counter() - started
        return index, report

    # -- reading ---------------------------------------------------------------------------

    def searcher(self) -> Any:
        """A fresh Whoosh searcher (never ``refresh()``: the fork returns stale documents)."""
        return self._ix.searcher()

    @contextlib.contextmanager
    def shared_searcher(self) -> Iterator[Any]:
        """The searcher kept open for queries, one thread at a time.

        Opening a searcher costs tens of milliseconds; this one is opened once per generation
        and reopened (never refreshed) by :meth:`reopen` when the index changes.
        """
        with self.lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            yield self._searcher

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


def _current(folder: Path) -> Path | None:
    try:
        name = (folder / "CURRENT").read_text().strip()
    except OSError:
        return None
    if not name.startswith("gen-") or "/" in name:
        return None
    path = folder / name
    return path if path.is_dir() else None


def _load_state(generation: Path) -> State | None:
    """The state beside an index, or None when it is missing, damaged or of another version.

    Its checksum is verified before anything is unpickled, and then every index file is checked
    against the manifest before Whoosh (which unpickles its table of contents) reads them.
    """
    try:
        state = decode_state((generation / "state.pickle").read_bytes())
        verify_manifest(generation, state.manifest)
    except Exception:  # truncated, bit-flipped, missing: any of these means "rebuild"
        return None
    return state


def _library_from_state(root: Path, state: State) -> Library:
    parsed = [
        _with_display(record.parsed, display_path(root, root / rel))
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
    """The new file table; unchanged files are not read, changed ones are re-parsed."""
    files, listing = find_briefing_files(root)
    single = root.is_file()
    records: dict[str, FileRecord] = {}
    pending: list[tuple[str, Path, os.stat_result | None]] = []
    for path in files:
        rel = path.name if single else path.relative_to(root).as_posix()
        try:
            st = os.stat(path)
        except OSError:
            st = None
        prev = old.get(rel)
        if (
            prev is not None
            and st is not None
            and (prev.size, prev.mtime_ns)
            == (
                st.st_size,
                st.st_mtime_ns,
            )
        ):
            records[rel] = prev
            continue
        pending.append((rel, path, st))
    present = set(records) | {rel for rel, _, _ in pending}
    removed = {rel: rec for rel, rec in old.items() if rel not in present}
    by_sha = {rec.sha: rel for rel, rec in removed.items()}
    touched: set[str] = set()
    report.files = len(files)
    for number, (rel, path, st) in enumerate(pending, start=1):
        if progress:
            progress(number, len(pending), rel)
        display = display_path(root, path)
        try:
            with open(path, "rb") as handle:
                data = handle.read(limits.max_file_size + 1)
        except OSError:
            data = None
        if data is None or st is None:
            parsed = parse_briefing_file(path, display, limits)
            records[rel] = FileRecord(-1, -1, "", parsed)
            touched.add(rel)
            continue
        sha = hashlib.sha256(data).hexdigest()
        prev = old.get(rel)
        if prev is not None and prev.sha == sha:
            records[rel] = FileRecord(st.st_size, st.st_mtime_ns, sha, prev.parsed)
            continue
        if prev is None and sha in by_sha:
            source = by_sha.pop(sha)
            parsed = _with_display(removed.pop(source).parsed, display)
            records[rel] = FileRecord(st.st_size, st.st_mtime_ns, sha, parsed)
            report.renamed += 1
            touched.update((rel, source))
            continue
        parsed = parse_briefing_bytes(display, data, limits)
        report.parsed += 1
        if prev is None:
            report.added += 1
        else:
            report.changed += 1
        records[rel] = FileRecord(st.st_size, st.st_mtime_ns, sha, parsed)
        touched.add(rel)
    report.removed = len(removed)
    touched.update(removed)
    return records, listing, touched


def _catch_up(
    cls: type[Index],
    root: Path,
    folder: Path,
    rebuild: bool,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
) -> Index:
    current = _current(folder)
    state = _load_state(current) if current is not None else None
    reason = ""
    if rebuild:
        reason = "asked for"
    elif current is None:
        reason = ""
    elif state is None:
        reason = "the index was unreadable or from another version"
    if state is not None and current is not None and not rebuild:
        try:
            return _update(cls, root, folder, current, state, limits, progress, report)
        except Exception as exc:  # any failure to read or write the index: rebuild it
            reason = f"the index could not be read ({type(exc).__name__})"
            report.added = report.changed = report.renamed = report.removed = 0
            report.parsed = report.documents_updated = report.documents_removed = 0
    return _rebuild(cls, root, folder, reason, limits, progress, report)


def _update(
    cls: type[Index],
    root: Path,
    folder: Path,
    generation: Path,
    state: State,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
) -> Index:
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.searcher() as searcher:
            if searcher.doc_count() != len(state.digests):
                raise ValueError("the index does not hold what its state says")
    finally:
        ix.close()
    records, listing, touched = _scan(root, state.files, limits, report, progress)
    library = _library_from_state(root, State(INDEX_VERSION, str(root), records, listing))
    if touched or listing != state.listing:
        docs = {doc["uid"]: doc for doc in documents(library)}
        new_digests = {uid: digest(doc) for uid, doc in docs.items()}
        changed = [uid for uid, d in new_digests.items() if state.digests.get(uid) != d]
        gone = [uid for uid in state.digests if uid not in new_digests]
        if changed or gone:
            ix = whoosh_index.open_dir(str(generation))
            writer = ix.writer()
            try:
                for uid in gone:
                    writer.delete_by_term("uid", uid)
                for uid in changed:
                    writer.update_document(**docs[uid])
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
        report.documents_updated = len(changed)
        report.documents_removed = len(gone)
        manifest = make_manifest(generation, state.manifest)
        new_state = State(INDEX_VERSION, str(root), records, listing, new_digests, manifest)
        _atomic_write(generation / "state.pickle", encode_state(new_state))
    elif records != state.files:  # only mtimes moved: remember them
        new_state = State(INDEX_VERSION, str(root), records, listing, state.digests, state.manifest)
        _atomic_write(generation / "state.pickle", encode_state(new_state))
    return cls(root, folder, generation, library)


def _rebuild(
    cls: type[Index],
    root: Path,
    folder: Path,
    reason: str,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
) -> Index:
    records, listing, _ = _scan(root, {}, limits, report, progress)
    report.added = len(records)
    library = _library_from_state(root, State(INDEX_VERSION, str(root), records, listing))
    generation = Path(tempfile.mkdtemp(dir=folder, prefix=f"gen-{time.time_ns()}-"))
    try:
        ix = whoosh_index.create_in(str(generation), make_schema())
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
            INDEX_VERSION, str(root), records, listing, digests, make_manifest(generation)
        )
        _atomic_write(generation / "state.pickle", encode_state(state))
        _atomic_write(folder / "CURRENT", generation.name.encode())
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    report.rebuilt = True
    report.reason = reason
    report.documents_updated = len(digests)
    _sweep(folder, keep=generation)
    return cls(root, folder, generation, library)


def _sweep(folder: Path, keep: Path) -> None:
    """Remove older generations (a reader holding one open keeps its open files on POSIX)."""
    for child in folder.iterdir():
        if child.name.startswith("gen-") and child != keep:
            _remove(child)
