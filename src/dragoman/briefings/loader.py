"""Finding briefing files and reading each one safely into a :class:`ParsedBriefing`.

Nothing here raises on bad input: every problem becomes a diagnostic, and one broken file never
stops the others.

Uses the safe YAML reader, the checks and the diagnostics.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dragoman.briefings.checks import check_briefing
from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.briefings.yamlsafe.compose import compose
from dragoman.briefings.yamlsafe.nodes import YamlLimits

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "LoadLimits",
    "NotRegularFileError",
    "find_briefing_files",
    "parse_briefing_bytes",
    "parse_briefing_file",
    "parse_size",
    "read_regular_file",
]

DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024  # 4 MiB: a long article is ~100 KB
SUFFIXES = (".yaml", ".yml")


def parse_size(text: str) -> int:
    """``4M``, ``512K``, ``1G`` or a number of bytes."""
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[iI]?[bB]?\s*", text)
    if not m:
        raise ValueError(f"{text!r} is not a size; write bytes or a number with K, M or G")
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]
    return int(m.group(1)) * factor


@dataclass(frozen=True, slots=True)
class LoadLimits:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    yaml: YamlLimits = field(default_factory=YamlLimits)

    @classmethod
    def from_env(cls) -> LoadLimits:
        raw = os.environ.get("DRAGOMAN_MAX_FILE_SIZE")
        if raw:
            try:
                return cls(max_file_size=parse_size(raw))
            except ValueError:
                pass
        return cls()


def find_briefing_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``*.yaml``/``*.yml`` file under ``root`` (or ``root`` itself), sorted.

    Hidden files and folders are skipped; symbolic links are followed once (a loop is reported,
    not followed forever); folders that cannot be read are reported.

    What counts is what a name points to, not its suffix: a folder named ``x.yaml`` (or a link
    to one) is a folder like any other and is walked into; anything else named ``*.yaml`` is
    listed, and reading it (:func:`read_regular_file`) reports one that is not a regular file
    (a FIFO, a socket, a device) as ``unreadable: not a regular file`` without opening it for
    a blocking read.
    """
    found, problems = list_briefing_files(root)
    return [Path(path) for path, _ in found], problems


def list_briefing_files(root: Path) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """:func:`find_briefing_files` as strings: (path, path relative to ``root`` with ``/``),
    in the same order. It runs on every look for changes, so it makes no ``Path`` objects: at
    10,000 files they took most of the time of a look."""
    problems: list[Diagnostic] = []
    if root.is_file():
        return [(str(root), root.name)], problems
    found: list[tuple[tuple[str, ...], str, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    top = str(root)

    def on_error(exc: OSError) -> None:
        where = exc.filename or str(root)
        problems.append(
            Diagnostic(
                str(where),
                1,
                1,
                "error",
                "unreadable",
                f"cannot read this folder ({exc.strerror or exc}); check its permissions",
            )
        )

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            on_error(exc)
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            problems.append(
                Diagnostic(
                    dirpath,
                    1,
                    1,
                    "warning",
                    "symlink-loop",
                    "this folder was reached twice through a symbolic link; it was read once",
                )
            )
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        below = dirpath[len(top) :].lstrip(os.sep)
        parts = tuple(below.split(os.sep)) if below else ()
        prefix = below.replace(os.sep, "/") + "/" if below else ""
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            found.append(((*parts, name), os.path.join(dirpath, name), prefix + name))
    found.sort()  # by the parts of the path, as paths sort
    return [(path, rel) for _, path, rel in found], problems


def _decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(
            path, 1, 1, "error", "bad-encoding", "the file is UTF-16; save it as UTF-8"
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            path,
            line,
            column,
            "error",
            "bad-encoding",
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
        )


def _too_large(path: str, size: int, limits: LoadLimits) -> ParsedBriefing:
    message = (
        f"the file is {size:,} bytes, over the {limits.max_file_size:,}-byte cap; split it, "
        "or raise the cap with --max-file-size or DRAGOMAN_MAX_FILE_SIZE"
    )
    return ParsedBriefing(path, diagnostics=[Diagnostic(path, 1, 1, "error", "too-large", message)])


def parse_briefing_bytes(
    path: str, data: bytes, limits: LoadLimits | None = None
) -> ParsedBriefing:
    """Check the bytes of one briefing file; ``path`` is how diagnostics name it."""
    limits = limits or LoadLimits()
    if len(data) > limits.max_file_size:
        return _too_large(path, len(data), limits)
    text, problem = _decode(path, data)
    if text is None:
        assert problem is not None
        return ParsedBriefing(path, diagnostics=[problem])
    try:
        node, problems = compose(text, limits.yaml)
        yaml_diags = [
            Diagnostic(path, p.line, p.column, "error", p.code, p.message) for p in problems
        ]
        if node is None and any(p.fatal for p in problems):
            return ParsedBriefing(path, diagnostics=yaml_diags)
        result = check_briefing(path, node)
    except Exception as exc:  # the last net: a bug here must not lose the other briefings
        return ParsedBriefing(
            path,
            diagnostics=[
                Diagnostic(
                    path,
                    1,
                    1,
                    "error",
                    "internal",
                    f"this file could not be checked ({type(exc).__name__}: {exc}); please "
                    "report it with the file",
                )
            ],
        )
    result.diagnostics[:0] = yaml_diags
    return result


class NotRegularFileError(OSError):
    """The path names a FIFO, a socket, a device or a folder: nothing to read a briefing from."""


def read_regular_file(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """At most ``limit`` bytes of the regular file ``path``, with its status.

    Never blocks on what is not a regular file: the name is checked with ``stat`` first, then
    opened without blocking (``O_NONBLOCK``: opening a FIFO for reading would otherwise wait
    for a writer) and checked again with ``fstat``, so a file swapped for a FIFO in between is
    caught too. Raises :class:`NotRegularFileError` for anything else, ``OSError`` when it
    cannot be read.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)  # a regular file: reads are the same either way
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1  # the handle owns it now
            return handle.read(limit), st
    finally:
        if fd >= 0:
            os.close(fd)


def parse_briefing_file(
    path: Path, display: str | None = None, limits: LoadLimits | None = None
) -> ParsedBriefing:
    """Read and check one file; unreadable files become a diagnostic."""
    shown = display or str(path)
    limits = limits or LoadLimits()
    try:
        data, st = read_regular_file(path, limits.max_file_size + 1)
        if len(data) > limits.max_file_size:
            return _too_large(shown, st.st_size, limits)
    except NotRegularFileError:
        return ParsedBriefing(
            shown,
            diagnostics=[
                Diagnostic(shown, 1, 1, "error", "unreadable", "not a regular file; it was skipped")
            ],
        )
    except OSError as exc:
        return ParsedBriefing(
            shown,
            diagnostics=[
                Diagnostic(
                    shown,
                    1,
                    1,
                    "error",
                    "unreadable",
                    f"cannot read the file ({exc.strerror or exc}); check that it exists and "
                    "that you may read it",
                )
            ],
        )
    return parse_briefing_bytes(shown, data, limits)


def iter_parsed(root: Path, limits: LoadLimits | None = None) -> Iterator[ParsedBriefing]:
    """Parse every briefing under ``root``; see :func:`find_briefing_files`."""
    files, _ = find_briefing_files(root)
    for path in files:
        yield parse_briefing_file(path, display_path(root, path), limits)


def display_path(root: Path, path: Path) -> str:
    """How a file is named in messages: relative to the current folder when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
