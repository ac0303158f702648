"""The index's state: the file table, parsed briefings, document digests, and its journal.

``state.pickle`` is the base (written whole by a build or a fold); ``state.journal`` holds what
each catch-up since changed, appended; reading applies the journal to the base. Both start with
a magic and the index version, so anything else is refused and the index rebuilt.

Uses the manifest and cache beside it, the parsed briefings, and the index version.
"""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.search.documents import INDEX_VERSION
from dragoman.search.storage.cache import _atomic_write, _remove
from dragoman.search.storage.manifest import _roll_back, read_manifest_file, verify_manifest


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


# a journal naming more files than this share of the folder (or this many) becomes a new base
JOURNAL_SHARE = 0.05


JOURNAL_FILES = 64


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
