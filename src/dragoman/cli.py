"""The command line: ``dragoman [PATH]``, ``check``, ``show``, ``schema``.

A thin face on the core: every command reads through :mod:`dragoman.library`. User text is
always printed with control characters made visible, so no briefing can drive the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dragoman import __version__
from dragoman.briefings.loader import LoadLimits, parse_size
from dragoman.briefings.paths import resolve_briefings_path
from dragoman.briefings.schema import schema_text
from dragoman.library.library import Library, load_library
from dragoman.library.model import Briefing
from dragoman.library.present import (
    briefing_json,
    briefing_lines,
    entity_json,
    entity_lines,
    suggest_ids,
)
from dragoman.text import printable

if TYPE_CHECKING:  # loaded by the commands that use the index: a start paints sooner
    from dragoman.search.index import Index
    from dragoman.search.scan import IndexReport

COMMANDS = ("check", "show", "schema", "search", "index")


def _out(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(printable(text, keep_newlines=True) + "\n")


def _json_out(data: Any) -> None:
    # ensure_ascii keeps every control character escaped as \uXXXX
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def _add_path(parser: argparse.ArgumentParser, *, positional: bool) -> None:
    help_text = "briefings folder or file (default: ./briefings, $DRAGOMAN_BRIEFINGS, bundled)"
    if positional:
        parser.add_argument("path", nargs="?", metavar="PATH", help=help_text)
    else:
        parser.add_argument("--path", metavar="PATH", help=help_text)
    parser.add_argument(
        "--max-file-size",
        metavar="SIZE",
        help="refuse briefing files larger than this (default 4M; also $DRAGOMAN_MAX_FILE_SIZE)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dragoman",
        description="Read and keep briefings on defence diplomacy: events, people and proposals "
        "that link to one another.",
    )
    parser.add_argument("--version", action="version", version=f"dragoman {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check briefings and report every problem")
    _add_path(check, positional=True)
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    show = sub.add_parser("show", help="show one entity or briefing with its links and history")
    show.add_argument(
        "id", metavar="ID", help="the id of a person, organization, event, proposal or briefing"
    )
    _add_path(show, positional=False)
    show.add_argument("--json", action="store_true", help="print it as JSON")

    sub.add_parser("schema", help="print the JSON Schema of the briefing format")

    search = sub.add_parser("search", help="search the briefings (see docs/search.md)")
    search.add_argument(
        "query",
        metavar="QUERY",
        help='words, "phrases", OR, -word, prefix*, fuzzy~, kind:, date:...',
    )
    _add_path(search, positional=False)
    search.add_argument("--kind", choices=KINDS, help="only this kind of result")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (20)")
    search.add_argument("--json", action="store_true", help="print the results as JSON")

    index = sub.add_parser("index", help="build the search index or catch it up with the files")
    _add_path(index, positional=True)
    index.add_argument("--rebuild", action="store_true", help="build it anew from the YAML files")
    return parser


KINDS = ("person", "organization", "event", "proposal", "briefing")


def _open_index(
    raw_path: str | None,
    args: argparse.Namespace,
    *,
    rebuild: bool = False,
    show_progress: bool = False,
) -> tuple[Index, IndexReport] | None:
    from dragoman.search.index import Index
    from dragoman.search.storage.cache import CacheError

    path, how = resolve_briefings_path(raw_path)
    if not path.exists():
        _out(
            f"dragoman: no briefings at {path} ({how}); give a folder of *.yaml briefings",
            sys.stderr,
        )
        return None
    try:
        if not show_progress or not sys.stderr.isatty():
            opened = Index.open(path, rebuild=rebuild, limits=_limits(args))
        else:
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("reading briefings", total=None)

                def progress(done: int, total: int, what: str) -> None:
                    bar.update(task, completed=done, total=total)

                opened = Index.open(path, rebuild=rebuild, limits=_limits(args), progress=progress)
    except CacheError as exc:
        _out(f"dragoman: {exc}", sys.stderr)
        return None
    except OSError as exc:  # a full or read-only disk, with no earlier index to fall back on
        where = f" ({exc.filename})" if exc.filename else ""
        _out(
            f"dragoman: the search index could not be written: {exc.strerror or exc}{where}; "
            "free some space (or make the cache folder writable) and run it again",
            sys.stderr,
        )
        return None
    if opened[1].warning:  # e.g. a full disk: the index as it was answers
        _out(f"dragoman: warning: {opened[1].warning}", sys.stderr)
    return opened


def cmd_index(args: argparse.Namespace) -> int:
    opened = _open_index(args.path, args, rebuild=args.rebuild, show_progress=True)
    if opened is None:
        return 2
    index, report = opened
    library = index.library or Library()  # Index.open always loads it
    errors, warnings = len(library.errors), len(library.warnings)
    _out(report.summary())
    if errors or warnings:
        _out(f"{errors} errors, {warnings} warnings in the briefings: run `dragoman check`")
    index.close()
    return 1 if report.warning else 0


def cmd_search(args: argparse.Namespace) -> int:
    from dragoman.search.query import QueryError
    from dragoman.search.results import search

    opened = _open_index(args.path, args)
    if opened is None:
        return 2
    index, _ = opened
    try:
        result = search(index, args.query, kind=args.kind, limit=args.limit)
    except QueryError as exc:
        _out(f"dragoman: {exc.message}", sys.stderr)
        return 2
    except Exception:  # the index files were damaged under us: rebuild them and try again
        index.close()
        _out("dragoman: the search index was damaged; rebuilding it from the briefings", sys.stderr)
        reopened = _open_index(args.path, args, rebuild=True)
        if reopened is None:
            return 2
        index = reopened[0]
        result = search(index, args.query, kind=args.kind, limit=args.limit)
    finally:
        index.close()
    if args.json:
        _json_out(result.to_json())
        return 0
    for note in result.notes:
        _out(f"note: {note}")
    bold = sys.stdout.isatty()
    for hit in result.hits:
        _out(f"{hit.date:<10}  {hit.kind:<12}  {hit.title}  [{hit.id}]")
        if hit.snippet:
            text = "".join(
                (f"\x1b[1m{printable(t)}\x1b[0m" if bold else f"«{printable(t)}»")
                if m
                else printable(t)
                for t, m in hit.snippet
            )
            sys.stdout.write(f"            {text}\n")
    shown = len(result.hits)
    _out(
        f"{result.total} result{'s' * (result.total != 1)}"
        + (f", {shown} shown" if shown < result.total else "")
    )
    if result.suggestion:
        _out(f"did you mean: {result.suggestion}")
    return 0


def _limits(args: argparse.Namespace) -> LoadLimits:
    if getattr(args, "max_file_size", None):
        return LoadLimits(max_file_size=parse_size(args.max_file_size))
    return LoadLimits.from_env()


def _load(raw_path: str | None, args: argparse.Namespace) -> tuple[Library, Path] | None:
    path, how = resolve_briefings_path(raw_path)
    if not path.exists():
        _out(
            f"dragoman: no briefings at {path} ({how}); give a folder of *.yaml briefings, "
            "e.g. `dragoman check briefings`",
            sys.stderr,
        )
        return None
    return load_library(path, _limits(args)), path


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args.path, args)
    if loaded is None:
        return 2
    library, path = loaded
    counts = library.counts()
    errors, warnings = len(library.errors), len(library.warnings)
    if args.json:
        _json_out(
            {
                "path": str(path),
                "files": library.files,
                "counts": counts,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.to_json() for d in library.diagnostics],
            }
        )
    else:
        for diagnostic in library.diagnostics:
            _out(diagnostic.format())
        summary = ", ".join(f"{k}: {n}" for k, n in counts.items())
        _out(
            f"files read: {library.files}; loaded: {summary}; "
            f"errors: {errors}; warnings: {warnings}"
        )
    return 1 if errors else 0


def cmd_show(args: argparse.Namespace) -> int:
    loaded = _load(args.path, args)
    if loaded is None:
        return 2
    library, _ = loaded
    item = library.get(args.id)
    if item is None:
        hints = suggest_ids(library, args.id)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        _out(f"dragoman: no entity or briefing has the id {args.id!r}{hint}", sys.stderr)
        return 1
    if isinstance(item, Briefing):
        data, lines = briefing_json(library, item), briefing_lines(library, item)
    else:
        data, lines = entity_json(library, item), entity_lines(library, item)
    if args.json:
        _json_out(data)
    else:
        _out("\n".join(lines))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    path, how = resolve_briefings_path(args.path)
    if not path.exists():
        _out(
            f"dragoman: no briefings at {path} ({how}); give a folder of *.yaml briefings",
            sys.stderr,
        )
        return 2
    if sys.stdout.isatty() and sys.stdin.isatty():
        from dragoman.app import run

        return run(path, how)
    return cmd_overview(args)


def cmd_overview(args: argparse.Namespace) -> int:
    """Without a terminal (a pipe, a script): a plain overview instead of the app."""
    loaded = _load(args.path, args)
    if loaded is None:
        return 2
    library, path = loaded
    counts = library.counts()
    _out(f"dragoman {__version__}: {path}")
    _out(", ".join(f"{n} {k}" for k, n in counts.items()))
    for kind, title in (("event", "Events"), ("person", "People"), ("proposal", "Proposals")):
        items = library.of_kind(kind)
        _out(f"\n{title} ({len(items)})")
        for entity in items[:10]:
            _out(f"  {entity.date!s:<10}  {entity.name}  [{entity.id}]")
    if library.diagnostics:
        _out(
            f"\n{len(library.errors)} errors, {len(library.warnings)} warnings: "
            "run `dragoman check` to list them"
        )
    _out("\n`dragoman show ID` shows an entity with its links; `dragoman --help` lists commands.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            args = build_parser().parse_args(argv)
            if args.command == "check":
                return cmd_check(args)
            if args.command == "show":
                return cmd_show(args)
            if args.command == "search":
                return cmd_search(args)
            if args.command == "index":
                return cmd_index(args)
            if args.command == "schema":
                sys.stdout.write(schema_text())
                return 0
            build_parser().print_help()
            return 0
        opener = argparse.ArgumentParser(prog="dragoman", add_help=False)
        _add_path(opener, positional=True)
        return cmd_open(opener.parse_args(argv))
    except ValueError as exc:  # bad option values, e.g. --max-file-size
        _out(f"dragoman: {exc}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback: say what failed and how to report it
        _out(
            f"dragoman: unexpected error ({type(exc).__name__}: {exc}); please report it with "
            "the command you ran",
            sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
