"""The index's cache folder: where it lives, who may write it (a lock), atomic writes, sweeping
old generations, and the Whoosh storage of a generation.

One folder per briefings folder (keyed by its resolved path) under the user's cache folder, made
private; the one process that writes holds ``lock`` (flock). Uses Whoosh's file storage, with
:mod:`dragoman.search.whoosh_fixes` applied; nothing else of dragoman.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import stat
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from dragoman.files import TEMPORARY_PREFIX, write_atomically
from dragoman.search import live_stats, whoosh_fixes  # noqa: F401  (applied on import)


class CacheError(RuntimeError):
    """The cache folder cannot be used safely (another user owns it, it cannot be created)."""


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


def _atomic_write(path: Path, *parts: bytes) -> None:
    write_atomically(path, *parts)  # private: the cache holds pickles


def _current(folder: Path) -> Path | None:
    try:
        name = (folder / "CURRENT").read_text().strip()
    except OSError:
        return None
    if not name.startswith("gen-") or "/" in name:
        return None
    path = folder / name
    return path if path.is_dir() else None


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
            if stale or child.name.startswith(TEMPORARY_PREFIX):
                _remove(child)
        if keep is not None:
            for child in keep.iterdir():
                if child.name.startswith(TEMPORARY_PREFIX):
                    _remove(child)


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
