"""Writing a file whole or not at all, for every stage: the index's cache, the pins, exports.

Uses nothing of dragoman.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# what a new file's permissions are (reading the umask means setting it: read once, here)
_UMASK = os.umask(0o022)
os.umask(_UMASK)

TEMPORARY_PREFIX = ".tmp-"  # a writer killed midway leaves such a file beside the target


def write_atomically(path: Path, *parts: bytes, private: bool = True) -> None:
    """Write ``parts`` to ``path`` through a temporary file beside it, flushed to disk, then
    renamed over it: a crash leaves the old file or the new one, never half of one.

    ``private``: the file is readable by its owner alone (the cache, the pins); otherwise a
    new file gets the usual permissions and a replaced one keeps its own (an export)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX, suffix=path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for data in parts:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                mode = 0o666 & ~_UMASK
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
