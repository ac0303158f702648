"""The search index: a disposable Whoosh cache of the library, kept in the user's cache folder.

The YAML files are the truth; this is a cache that can always be rebuilt. Layout, one folder per
briefings folder (keyed by its resolved path)::

    <cache>/folders/<key>/
        lock          held (flock) by the one process that writes
        CURRENT       the name of the generation in use; replaced atomically
        gen-<stamp>/  a Whoosh index, ``state.pickle`` (the base state: the file table, every
                      file's parsed briefing, a digest of every indexed document, the manifest
                      of the index files) and ``state.journal`` (entries appended by each
                      catch-up since that base: what changed)

On every open the index catches up with the files: only new, changed (size, mtime, then content
hash), renamed and deleted files are re-read, the library merges again only what they declare
(:meth:`Library.updated`), and only documents whose content changed are re-indexed. A running app
does the same in place (:meth:`Index.refresh`) with the library and state it holds, and merges
small segments and folds the journal afterwards (:meth:`Index.tidy`). With nothing changed, no
YAML is parsed at all. A version stamp or any failure to read the index triggers a rebuild into
a new generation that is swapped in atomically, so a reader never sees a half-built index. The
rest of dragoman never imports Whoosh: it goes through :class:`Index` and :mod:`dragoman.search`
(and :mod:`dragoman.scoring`, which scores its queries).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import hashlib
import json
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

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.writing import MERGE_SMALL

from dragoman import whoosh_fixes  # noqa: F401  (applied on import)
from dragoman.analysis import name_analyzer, ngram_analyzer, prose_analyzer, words
from dragoman.diagnostics import Diagnostic
from dragoman.format import FORMAT_VERSION, ParsedBriefing, PartialDate
from dragoman.library import Briefing, Entity, Library, list_extra
from dragoman.loader import (
    LoadLimits,
    display_path,
    list_briefing_files,
    parse_briefing_bytes,
    parse_briefing_file,
    read_regular_file,
)

__all__ = [
    "INDEX_VERSION",
    "CacheError",
    "Index",
    "IndexDamaged",
    "IndexReport",
    "cache_root",
    "folder_cache",
]

# Bump SCHEMA_REVISION whenever documents or analysis change: every index is then rebuilt.
SCHEMA_REVISION = 5
INDEX_VERSION = f"format{FORMAT_VERSION}-schema{SCHEMA_REVISION}"

Progress = Callable[[int, int, str], None]
# Whoosh sorts postings in memory up to this many MB (by its own estimate, below what they
# take), then spills sorted runs to disk and merges them all. 1,000 briefings make about 190 MB
# of postings by that estimate: nothing spills (a pool of 128 MB spilled, a third of a build).
# 10,000 make about 1.9 GB, which spill with any pool that fits in memory; there 400 MB instead
# of 512 took the build's peak from 1,088 to 911 MB for 6 % more time (187 -> 198 s, one run
# each, side by side).
WRITER_MB = 400


class CacheError(RuntimeError):
    """The cache folder cannot be used safely (another user owns it, it cannot be created)."""


class IndexDamaged(RuntimeError):
    """An index file changed under an open index: its searches cannot be trusted any more."""


def make_schema() -> Schema:
    return Schema(
        uid=ID(unique=True, stored=True),
        id=ID(stored=True, field_boost=4.0, sortable=True),
        kind=ID(stored=True),
        name=TEXT(analyzer=name_analyzer(), stored=True, field_boost=6.0),
        aliases=TEXT(analyzer=name_analyzer(), field_boost=5.0),
        idwords=TEXT(analyzer=name_analyzer(), field_boost=3.0),
        ngram=TEXT(analyzer=ngram_analyzer(), phrase=False, field_boost=3.0),
        links=TEXT(analyzer=name_analyzer(), field_boost=1.5),
        prose=TEXT(analyzer=prose_analyzer()),
        plain=TEXT(analyzer=name_analyzer(), phrase=False),
        person=KEYWORD(commas=True, scorable=False),
        event=KEYWORD(commas=True, scorable=False),
        org=KEYWORD(commas=True, scorable=False),
        briefing=KEYWORD(commas=True, scorable=False),
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
        extra=STORED(),  # what the lists show after the name (list_extra)
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


def _ids_by_kind(library: Library, ids: list[str]) -> dict[str, list[str]]:
    """The ids of entities, by kind (a minister links to thousands: one pass, not three)."""
    out: dict[str, list[str]] = {"person": [], "event": [], "organization": [], "proposal": []}
    entities = library.entities
    for i in ids:
        if (e := entities.get(i)) is not None:
            out[e.kind].append(i)
    return out


def entity_prose(entity: Entity) -> str:
    """The text of an entity searched as prose (and cut into snippets)."""
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
    return " · ".join(p for p in prose_parts if p)


def briefing_prose(briefing: Briefing) -> str:
    """The text of a briefing searched as prose (and cut into snippets)."""
    source = briefing.source
    prose = [
        briefing.text("summary"),
        briefing.text("text"),
        *(source[k] for k in ("publisher", "author", "translator") if k in source),
    ]
    return "\n".join(p for p in prose if p)


def prose_of(item: Entity | Briefing) -> str:
    return briefing_prose(item) if isinstance(item, Briefing) else entity_prose(item)


def entity_document(library: Library, entity: Entity) -> dict[str, Any]:
    aliases = entity.items("aliases")
    outgoing = [t for ids in entity.links.values() for t in ids]
    incoming = [t for ids in entity.backlinks.values() for t in ids]
    link_names = []
    for target in outgoing:
        other = library.entities.get(target)
        link_names.append(other.name if other else target)
        if other is not None:
            link_names.extend(other.items("aliases"))
    by_kind = _ids_by_kind(library, outgoing + incoming)
    doc: dict[str, Any] = {
        "uid": f"e:{entity.id}",
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": "\n".join(aliases),
        "idwords": entity.id.replace("-", " "),
        "ngram": "\n".join([entity.name, *aliases]),
        "links": "\n".join(link_names),
        "prose": entity_prose(entity),
        "person": ",".join(by_kind["person"]),
        "event": ",".join(by_kind["event"]),
        "org": ",".join(by_kind["organization"]),
        "briefing": ",".join(entity.briefings),
        "tag": ",".join(entity.items("areas")),
        "names": _names_form([entity.name, *aliases]),
        "extra": list_extra(entity),
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
    doc: dict[str, Any] = {
        "uid": f"b:{briefing.id}",
        "id": briefing.id,
        "kind": "briefing",
        "name": briefing.title,
        "aliases": "",
        "idwords": briefing.id.replace("-", " "),
        "ngram": briefing.title,
        "links": "",
        "prose": briefing_prose(briefing),
        "person": ",".join(_ids_of(library, declared, "person")),
        "event": ",".join(_ids_of(library, declared, "event")),
        "org": ",".join(_ids_of(library, declared, "organization")),
        "briefing": briefing.id,
        "tag": ",".join(briefing.items("tags")),
        "names": _names_form([briefing.title]),
        "extra": "",
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
    # names the base (``state.pickle``) this state was read from or written as
    token: str = ""
    # the bytes of ``state.journal`` read or written for that base, and the file records in it
    journal_end: int = 0
    journaled: int = 0
    # (size, mtime_ns) of the base file as read or written: another writer's new base shows
    base_stamp: tuple[int, int] = (0, 0)


# what a catch-up or a build leaves to open: the generation, its library and its state
Opened = tuple[Path, Library, State]


@dataclass(slots=True)
class Journal:
    """One entry of ``state.journal``: what one catch-up changed in the state whose base
    ``token`` names (the files set or replaced, the files removed, the digests set or removed)
    and the listing and manifest as they are after it.

    A catch-up appends one of these instead of writing the whole state (two seconds at 10,000
    briefings). The journal is folded into a new base once it names many files.
    """

    token: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)
    digests: dict[str, bytes] = field(default_factory=dict)
    digests_gone: set[str] = field(default_factory=set)
    listing: list[Diagnostic] = field(default_factory=list)
    manifest: dict[str, tuple[int, int, int]] = field(default_factory=dict)


STATE_MAGIC = b"dragoman-state\x00\x01"
JOURNAL_MAGIC = b"dragoman-journal\x00\x01"
_NOT_INDEX = ("state.pickle", "state.journal", "MAIN_WRITELOCK", "manifest.json")
# a journal naming more files than this share of the folder (or this many) becomes a new base
JOURNAL_SHARE = 0.05
JOURNAL_FILES = 64
MANIFEST_MAGIC = "dragoman-manifest-1"


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


# Checksums of files up to this size only, for a start that must not read the whole index:
# the tables of contents (which Whoosh unpickles) are small; segments are checked by size.
SMALL_FILE = 1 << 20


def verify_manifest(
    generation: Path, manifest: dict[str, tuple[int, int, int]], *, quick: bool = False
) -> None:
    """Raise ``ValueError`` when an index file is missing, added, resized or changed.

    ``quick`` checks the checksums of the small files only (see :data:`SMALL_FILE`).
    """
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
        if path.stat().st_size != size:
            raise ValueError(f"the index file {name} is damaged")
        if (not quick or size < SMALL_FILE) and _crc(path) != crc:
            raise ValueError(f"the index file {name} is damaged")


def write_manifest_file(generation: Path, manifest: dict[str, tuple[int, int, int]]) -> None:
    """The manifest again, on its own and as JSON (never unpickled), so that a start can check
    the index files and show results before it loads the state."""
    body = json.dumps({"version": INDEX_VERSION, "files": manifest}, sort_keys=True)
    line = f"{MANIFEST_MAGIC} {zlib.crc32(body.encode()):08x}\n{body}"
    _atomic_write(generation / "manifest.json", line.encode())


def read_manifest_file(generation: Path) -> dict[str, tuple[int, int, int]]:
    """The manifest written beside an index; ``ValueError`` when missing, damaged or old."""
    try:
        head, _, body = (generation / "manifest.json").read_bytes().decode().partition("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError("no manifest") from exc
    magic, _, crc = head.partition(" ")
    if magic != MANIFEST_MAGIC or crc != f"{zlib.crc32(body.encode()):08x}":
        raise ValueError("the manifest is damaged")
    data = json.loads(body)
    if data.get("version") != INDEX_VERSION:
        raise ValueError("the manifest is from another version")
    return {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in data["files"].items()}


def _repair_manifest_file(generation: Path, manifest: dict[str, tuple[int, int, int]]) -> None:
    """Write the manifest file again when it is missing or damaged (the state, verified, says
    what it must hold), so that the next start can show results at once again."""
    try:
        if read_manifest_file(generation) == manifest:
            return
    except ValueError:
        pass
    with contextlib.suppress(OSError):  # a full disk: the next start reads the state first
        write_manifest_file(generation, manifest)


def encode_state_parts(state: State) -> tuple[bytes, bytes]:
    """``state.pickle`` in two parts, written one after the other: the magic line and a CRC-32
    of the payload, then the payload (a pickle). Not joined: at 10,000 briefings the payload
    is about 100 MB, and a joined copy would double what a save holds at its peak."""
    payload = pickle.dumps(
        replace(state, journal_end=0, journaled=0, base_stamp=(0, 0)), protocol=5
    )
    return STATE_MAGIC + zlib.crc32(payload).to_bytes(4, "big"), payload


def encode_state(state: State) -> bytes:
    """The bytes of ``state.pickle``: a magic line, a CRC-32 of the payload, the pickle."""
    return b"".join(encode_state_parts(state))


def _unwrap(data: bytes, magic: bytes) -> Any:
    head = len(magic)
    if not data.startswith(magic):
        raise ValueError("not a dragoman index state")
    with memoryview(data) as view:  # no copy of the payload (about 100 MB at 10,000 briefings)
        payload = view[head + 4 :]
        if zlib.crc32(payload) != int.from_bytes(data[head : head + 4], "big"):
            raise ValueError("the index state is damaged")
        try:
            return pickle.loads(payload)
        finally:
            payload.release()


def decode_state(data: bytes) -> State:
    """The state in ``data``; ``ValueError`` when it is not one, damaged or of another version.

    The checksum is verified before anything is unpickled.
    """
    state = _unwrap(data, STATE_MAGIC)
    if not isinstance(state, State) or state.version != INDEX_VERSION:
        raise ValueError("the index state is from another version")
    return state


def encode_journal(entry: Journal) -> bytes:
    """One entry of ``state.journal``: magic, length, CRC-32, pickle."""
    payload = pickle.dumps((INDEX_VERSION, entry), protocol=5)
    head = len(payload).to_bytes(4, "big") + zlib.crc32(payload).to_bytes(4, "big")
    return JOURNAL_MAGIC + head + payload


def decode_journal(data: bytes) -> tuple[list[Journal], int]:
    """The whole entries at the start of ``data`` and where they end. An entry cut short or
    damaged (a writer killed while appending it) ends the journal there."""
    entries: list[Journal] = []
    end = 0
    magic = len(JOURNAL_MAGIC)
    while data.startswith(JOURNAL_MAGIC, end) and end + magic + 8 <= len(data):
        size = int.from_bytes(data[end + magic : end + magic + 4], "big")
        crc = int.from_bytes(data[end + magic + 4 : end + magic + 8], "big")
        payload = data[end + magic + 8 : end + magic + 8 + size]
        if len(payload) != size or zlib.crc32(payload) != crc:
            break
        version, entry = pickle.loads(payload)
        if version != INDEX_VERSION or not isinstance(entry, Journal):
            break
        entries.append(entry)
        end += magic + 8 + size
    return entries, end


def read_state(generation: Path) -> State:
    """The state of a generation: its base, then the entries of its journal that follow that
    base (entries of an older base, left by a writer killed while writing a new one, are not).
    Raises (``OSError``, ``ValueError``, anything unpickling raises) when it cannot be read."""
    base = generation / "state.pickle"
    st = os.stat(base)
    state = decode_state(base.read_bytes())
    state = replace(state, base_stamp=(st.st_size, st.st_mtime_ns))
    try:
        data = (generation / "state.journal").read_bytes()
    except FileNotFoundError:
        return state
    entries, end = decode_journal(data)
    if not state.token or not entries or entries[0].token != state.token:
        return state
    files = dict(state.files)
    digests = dict(state.digests)
    journaled = 0
    for entry in entries:
        if entry.token != state.token:
            break
        for rel in entry.gone:
            files.pop(rel, None)
        files.update(entry.files)
        for uid in entry.digests_gone:
            digests.pop(uid, None)
        digests.update(entry.digests)
        journaled += len(entry.files) + len(entry.gone)
        state = replace(state, listing=entry.listing, manifest=entry.manifest)
    return replace(state, files=files, digests=digests, journal_end=end, journaled=journaled)


def _append(path: Path, offset: int, data: bytes) -> None:
    """Write ``data`` at ``offset`` of ``path`` (what lies beyond is cut off: a torn entry)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_size < offset:
            raise ValueError("the index journal is shorter than its state says")
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _journal_full(state: State) -> bool:
    return state.journaled > max(JOURNAL_FILES, JOURNAL_SHARE * len(state.files))


def save_state(generation: Path, old: State, new: State, *, fold: bool = True) -> State:
    """Write ``new``, the state that follows ``old`` (as read or last saved): as an entry
    appended to the journal while the journal stays small (or ``fold`` is false: a running
    app's catch-up leaves folding to :meth:`Index.tidy`), else as a new base. Returns ``new``
    as saved (its token and journal position set)."""
    entry = Journal(old.token, listing=new.listing, manifest=new.manifest)
    for rel, record in new.files.items():
        if old.files.get(rel) is not record:
            entry.files[rel] = record
    entry.gone = set(old.files.keys() - new.files.keys())
    if new.digests is not old.digests:
        for uid, value in new.digests.items():
            if old.digests.get(uid) != value:
                entry.digests[uid] = value
        entry.digests_gone = set(old.digests.keys() - new.digests.keys())
    journaled = old.journaled + len(entry.files) + len(entry.gone)
    if old.token and (not fold or not _journal_full(replace(new, journaled=journaled))):
        frame = encode_journal(entry)
        try:
            _append(generation / "state.journal", old.journal_end, frame)
        except ValueError:
            pass  # the journal is not what was read: a new base instead
        else:
            end = old.journal_end + len(frame)
            return replace(
                new,
                token=old.token,
                journal_end=end,
                journaled=journaled,
                base_stamp=old.base_stamp,
            )
    saved = replace(new, token=os.urandom(8).hex(), journal_end=0, journaled=0)
    _atomic_write(generation / "state.pickle", *encode_state_parts(saved))
    _remove(generation / "state.journal")  # of the old base: ignored from now on anyway
    return replace(saved, base_stamp=_stamp(generation / "state.pickle"))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


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
    # set when the index could not be brought up to date (a full disk) and is shown as it was
    warning: str = ""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.renamed or self.removed or self.rebuilt)

    def summary(self) -> str:
        if self.rebuilt:
            head = f"index rebuilt ({self.reason})" if self.reason else "index built"
        elif self.warning:
            head = "index not updated"
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
        if self.warning:
            tail += f"; {self.warning}"
        return f"{head}: {', '.join(parts)} in {self.seconds:.2f} s{tail}"


def _with_display(parsed: ParsedBriefing, display: str) -> ParsedBriefing:
    if parsed.path == display:
        return parsed
    return replace(
        parsed,
        path=display,
        diagnostics=[replace(d, path=display) for d in parsed.diagnostics],
    )


def _atomic_write(path: Path, *parts: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for data in parts:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# Whoosh maps segments with mmap. A segment truncated under a map kills the process with
# SIGBUS at the next read past its new end, where plain reads would only raise; but plain reads
# made searches slower on 10,000 briefings: +16 % for the median query, +50-85 % for the short
# prefixes typed first (g, gi, gia), +150 % for fuzzy ones. So the maps stay, and
# Index.check_files refuses to search a generation whose files changed size or time, which
# turns a truncation before a search into IndexDamaged (a rebuild) instead of a crash.
USE_MMAP = True


def _storage(generation: Path) -> FileStorage:
    """The Whoosh storage of a generation (see :data:`USE_MMAP`)."""
    return FileStorage(str(generation), supports_mmap=USE_MMAP)


def _file_stamps(
    generation: Path, manifest: dict[str, tuple[int, int, int]] | None
) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every index file: from ``manifest``, else as they are now."""
    if manifest:
        return {name: (size, mtime_ns) for name, (size, mtime_ns, _) in manifest.items()}
    stamps: dict[str, tuple[int, int]] = {}
    with contextlib.suppress(OSError):
        for child in generation.iterdir():
            if child.name in _NOT_INDEX or child.name.startswith(".tmp-"):
                continue
            with contextlib.suppress(OSError):
                st = child.stat()
                if stat.S_ISREG(st.st_mode):
                    stamps[child.name] = (st.st_size, st.st_mtime_ns)
    return stamps


# --------------------------------------------------------------------------------------------
# The index


class Index:
    """An open index over one briefings folder, with the library it was built from."""

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
        try:
            with _collector_paused():
                generation, library, state = _catch_up(
                    root, folder, rebuild, limits, progress, report
                )
        finally:
            lock.release()
        index = cls(root, folder, generation, library, manifest=state.manifest, state=state)
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
            with _collector_paused():
                generation, library, state = _catch_up(
                    self.root, self.folder, False, limits, progress, report, known
                )
        finally:
            lock.release()
        other = type(self)(
            self.root, self.folder, generation, library, manifest=state.manifest, state=state
        )
        self._adopt(other)
        report.seconds = time.perf_counter() - started
        return report

    def tidy(self) -> bool:
        """Merge the small segments that catch-ups in this process left, once there are
        :data:`TIDY_SEGMENTS` of them (every segment is searched: many small ones slow every
        query), and fold a long journal into a new base state. The app calls it after a
        catch-up is shown. Returns whether it did anything."""
        state = self.state
        if state is None or (
            _segments(state.manifest) < TIDY_SEGMENTS and not _journal_full(state)
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
                if _segments(state.manifest) >= TIDY_SEGMENTS:
                    unused = _write_changes(self.generation, {}, [], [], merge=_tidy_policy)
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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the library is built: it would walk the millions
    of objects being made again and again (a third of the time of a start at 10,000 briefings);
    what is built holds no garbage cycles worth waiting for."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # what was built lives as long as the process: out of the collector's sight, or its
        # first full collection walks all of it (over a second at 10,000 briefings)
        gc.freeze()
        if was:
            gc.enable()


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
        state = read_state(generation)
        verify_manifest(generation, state.manifest)
    except Exception:  # truncated, bit-flipped, missing: any of these means "rebuild"
        return None
    return state


def _still(generation: Path, state: State) -> bool:
    """Whether the index files of ``generation`` are still those ``state`` lists (no other
    process wrote them since), by the manifest copy every writer leaves and a quick check."""
    try:
        if read_manifest_file(generation) != state.manifest:
            return False
        verify_manifest(generation, state.manifest, quick=True)
    except (OSError, ValueError):
        return False
    # nor the state: a new base (another writer folded its journal) or entries added to it
    journal = _stamp(generation / "state.journal")[0]
    return _stamp(generation / "state.pickle") == state.base_stamp and (
        journal == state.journal_end or (journal == -1 and state.journal_end == 0)
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
            progress(number, len(pending), rel)
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


def _catch_up(
    root: Path,
    folder: Path,
    rebuild: bool,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
    known: tuple[Path, State, Library] | None = None,
) -> Opened:
    """Bring the index of ``root`` up to date with its files (the writer's lock held): the
    generation to open, its library and its state.

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
            return _update(root, current, state, limits, progress, report, library)
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
                return current, library, state
            reason = f"the index could not be read ({type(exc).__name__})"
    return _rebuild(root, folder, reason, limits, progress, report)


def _merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's policy of merging small segments into bigger ones, never touching the largest
    (a build's, tens of thousands of documents): Whoosh's own would merge it too once enough
    small ones pile up, and rewriting it takes as long as a build."""
    if len(segments) <= 1:
        return segments
    largest = max(segments, key=lambda seg: seg.doc_count_all())
    rest = [seg for seg in segments if seg is not largest]
    return [largest, *MERGE_SMALL(writer, rest)]


# A catch-up in a running app commits its documents as a new segment without merging (merging
# rewrites the small segments: most of a catch-up's time once a few have piled up); Index.tidy
# merges them afterwards, once the reader sees the change, when there are this many.
TIDY_SEGMENTS = 6


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


def _update(
    root: Path,
    generation: Path,
    state: State,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
    library: Library | None = None,
) -> Opened:
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
    return generation, library, new_state


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
            unused = _write_changes(generation, docs, fresh, gone, merge=merge)
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
) -> set[str]:
    """Commit the changed and deleted documents to the Whoosh index of ``generation``.

    Returns the files the new table of contents no longer uses (the old one, merged segments),
    which Whoosh would delete at once but which are left for the caller to delete once the
    new state is saved: until then the old table of contents is whole. On an exception the
    writer is cancelled; the files it wrote are left to :func:`_roll_back`.
    """
    ix = _storage(generation).open_index()
    writer = ix.writer()
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


def _roll_back(generation: Path, manifest: dict[str, tuple[int, int, int]]) -> None:
    """Remove from ``generation`` every file its manifest does not list: what a failed or
    killed write added (new segments, a new table of contents, temporary files)."""
    with contextlib.suppress(OSError):
        for child in generation.iterdir():
            if child.name not in manifest and child.name not in _NOT_INDEX:
                _remove(child)


def _whole(generation: Path, state: State) -> bool:
    """Whether the index files of ``generation`` are exactly those ``state`` lists."""
    try:
        verify_manifest(generation, state.manifest)
    except (OSError, ValueError):
        return False
    return True


def _tidied_state(generation: Path) -> State | None:
    """The state of a generation that a killed writer left extra files in (a commit never
    recorded, or the old files of one recorded), once they are removed; None when the state
    is unreadable or the files it lists are not whole."""
    try:
        state = read_state(generation)
    except Exception:  # missing, damaged, of another version
        return None
    _roll_back(generation, state.manifest)
    return state if _whole(generation, state) else None


# An update that fails with one of these keeps the index as it was rather than rebuilding:
# rebuilding would fail the same way (and a rebuild needs room for a whole new index).
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


def _rebuild(
    root: Path,
    folder: Path,
    reason: str,
    limits: LoadLimits,
    progress: Progress | None,
    report: IndexReport,
) -> Opened:
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
    return generation, library, state


def _sweep(folder: Path, keep: Path | None) -> None:
    """Remove every generation but ``keep`` and the temporary files of ``_atomic_write``: what
    a finished rebuild replaced, or what a killed one left. Called with the lock held, so no
    other process is writing any of it.

    A reader in another process may have an older generation open: its open searcher keeps
    its files (mapped, or open) on POSIX, as after any rebuild; what it has yet to open is
    gone, and it reports that as a damaged index and rebuilds (the app does so once).
    """
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            stale = child.name.startswith("gen-") and child != keep
            if stale or child.name.startswith(".tmp-"):
                _remove(child)
        if keep is not None:
            for child in keep.iterdir():
                if child.name.startswith(".tmp-"):
                    _remove(child)
