"""The manifest of an index generation: every index file's size, mtime and checksum.

It lets an open check cheaply (sizes and the checksums of small files) or fully (every byte) that
the files are the ones written, and a running index notice a file changed under it.

Uses the cache folder's helpers and the index version.
"""

from __future__ import annotations

import contextlib
import json
import stat
import zlib
from pathlib import Path

from dragoman.search.documents import INDEX_VERSION
from dragoman.search.storage.cache import _atomic_write, _remove

_NOT_INDEX = ("state.pickle", "state.journal", "MAIN_WRITELOCK", "manifest.json")


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


def _roll_back(generation: Path, manifest: dict[str, tuple[int, int, int]]) -> None:
    """Remove from ``generation`` every file its manifest does not list: what a failed or
    killed write added (new segments, a new table of contents, temporary files)."""
    with contextlib.suppress(OSError):
        for child in generation.iterdir():
            if child.name not in manifest and child.name not in _NOT_INDEX:
                _remove(child)
