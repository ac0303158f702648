"""What every command shares: printing text and JSON, saying what went wrong, the folder to
read (given where a user would put it, or as ``--path``), the load limits, and opening the
library or the index. Uses the briefings, library and search stages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dragoman.briefings.loader import LoadLimits, parse_size
from dragoman.briefings.paths import resolve_briefings_path
from dragoman.library.library import Library, load_library
from dragoman.library.model import Briefing, Entity
from dragoman.library.present import suggest_ids
from dragoman.text import printable

if TYPE_CHECKING:  # loaded by the commands that use the index: a start paints sooner
    from dragoman.search.index import Index
    from dragoman.search.report import IndexReport

PATH_HELP = "briefings folder or file (default: ./briefings, $DRAGOMAN_BRIEFINGS, bundled)"


class Failed(Exception):
    """A command cannot go on: ``message`` says why and what to do; ``details`` go into the
    JSON error; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details


def out(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(printable(text, keep_newlines=True) + "\n")


def json_out(data: Any) -> None:
    # ensure_ascii keeps every control character escaped as \uXXXX
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def report_failure(args: argparse.Namespace | None, failure: Failed) -> int:
    """One line on stderr; under ``--json`` a JSON object on stdout instead (a script reads one
    place). Returns the exit status."""
    if args is not None and getattr(args, "json", False):
        json_out({"error": failure.message, **failure.details})
    else:
        out(f"dragoman: {failure.message}", sys.stderr)
    return failure.code


def add_path(parser: argparse.ArgumentParser) -> None:
    """The folder (or file) to read, where a user would put it (``dragoman show ID PATH``) or
    as ``--path PATH``; and the size limit of a briefing file."""
    parser.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    parser.add_argument("--path", dest="path_option", metavar="PATH", help="the same as PATH")
    _add_max_file_size(parser)


def add_path_option(parser: argparse.ArgumentParser) -> None:
    """The folder (or file) to read as ``--path PATH`` only, for a command whose last
    positional argument is optional (``dragoman facets [QUERY]``); and the size limit of a
    briefing file. :func:`given_path` reads it."""
    parser.add_argument("--path", dest="path_option", metavar="PATH", help=PATH_HELP)
    _add_max_file_size(parser)


def _add_max_file_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-file-size",
        metavar="SIZE",
        help="refuse briefing files larger than this (default 4M; also $DRAGOMAN_MAX_FILE_SIZE)",
    )


def given_path(args: argparse.Namespace) -> str | None:
    """The folder given, whichever way; both ways at once must agree."""
    positional, option = getattr(args, "path", None), getattr(args, "path_option", None)
    if positional and option and Path(positional) != Path(option):
        raise Failed(f"two folders were given ({positional} and --path {option}); give one")
    return option or positional


def briefings_path(args: argparse.Namespace) -> tuple[Path, str]:
    """The folder to read and how it was chosen; a folder that is not there fails."""
    path, how = resolve_briefings_path(given_path(args))
    if not path.exists():
        raise Failed(
            f"no briefings at {path} ({how}); give a folder of *.yaml briefings, "
            "e.g. `dragoman check briefings`",
            path=str(path),
        )
    return path, how


def limits(args: argparse.Namespace) -> LoadLimits:
    if getattr(args, "max_file_size", None):
        return LoadLimits(max_file_size=parse_size(args.max_file_size))
    return LoadLimits.from_env()


def find(library: Library, id_: str, code: int) -> Entity | Briefing:
    """The entity or briefing with this id; else a failure (exit ``code``) with did-you-mean."""
    item = library.get(id_)
    if item is None:
        hints = suggest_ids(library, id_)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        raise Failed(
            f"no entity or briefing has the id {id_!r}{hint}", code, id=id_, suggestions=hints
        )
    return item


def load(args: argparse.Namespace) -> tuple[Library, Path]:
    path, _ = briefings_path(args)
    return load_library(path, limits(args)), path


def open_index(
    args: argparse.Namespace, *, rebuild: bool = False, show_progress: bool = False
) -> tuple[Index, IndexReport]:
    from dragoman.search.index import Index
    from dragoman.search.storage.cache import CacheError

    path, _ = briefings_path(args)
    try:
        if not show_progress or not sys.stderr.isatty():
            opened = Index.open(path, rebuild=rebuild, limits=limits(args))
        else:
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("reading briefings", total=None)
                stage = ["reading briefings"]

                def progress(done: int, total: int, what: str) -> None:
                    if what != stage[0]:  # a new stage: its own bar and time left
                        stage[0] = what
                        bar.reset(task, description=what, total=total)
                    bar.update(task, completed=done, total=total)

                opened = Index.open(path, rebuild=rebuild, limits=limits(args), progress=progress)
    except CacheError as exc:
        raise Failed(str(exc)) from exc
    except OSError as exc:  # a full or read-only disk, with no earlier index to fall back on
        where = f" ({exc.filename})" if exc.filename else ""
        raise Failed(
            f"the search index could not be written: {exc.strerror or exc}{where}; "
            "free some space (or make the cache folder writable) and run it again"
        ) from exc
    if opened[1].warning and not getattr(args, "json", False):
        # e.g. a full disk: the index as it was answers (under --json, the report says it)
        out(f"dragoman: warning: {opened[1].warning}", sys.stderr)
    return opened


def open_for_search(args: argparse.Namespace, query: str) -> Index:
    """The index to search for ``query``: as :func:`open_index` opens it, or, for a large
    folder never indexed, a preview of the briefings that hold the query's words and the newest
    (every answer says so) while a build runs in the background, in a process of its own that
    goes on after this command ends."""
    from dragoman.search.preview import being_built, first_build, preview, query_words

    path, _ = briefings_path(args)
    if not first_build(path):
        return open_index(args)[0]
    building = being_built(path)
    found = preview(path, limits(args), wanted=query_words(query))
    if not building:  # started after the preview, which would share the processors with it
        _build_in_background(path, args)
    return found


def _build_in_background(path: Path, args: argparse.Namespace) -> None:
    """``dragoman index --path PATH`` in a new session, its output discarded: it holds the
    index's lock while it builds, so the commands after this one wait for it or preview."""
    import subprocess

    command = [sys.executable, "-m", "dragoman.cli", "index", "--path", str(path)]
    if getattr(args, "max_file_size", None):
        command += ["--max-file-size", args.max_file_size]
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:  # the next command tries again; this one answers from the preview
        out(f"dragoman: the index could not be built in the background: {exc}", sys.stderr)
