"""The commands that read the library: ``check``, ``show``, and ``dragoman [PATH]`` (the app in a
terminal, an overview when piped). Each prints text, or JSON under ``--json``, from the same
data (:mod:`dragoman.library.present`).

Uses :mod:`dragoman.cli.common`, the library's presentation, and the app (to start it).
"""

from __future__ import annotations

import argparse
import sys

from dragoman import __version__
from dragoman.cli.common import briefings_path, find, json_out, load, out
from dragoman.library.model import Briefing
from dragoman.library.present import (
    briefing_json,
    briefing_lines,
    entity_json,
    entity_lines,
)
from dragoman.text import count


def cmd_check(args: argparse.Namespace) -> int:
    library, path = load(args)
    counts = library.counts()
    errors, warnings = len(library.errors), len(library.warnings)
    if args.json:
        json_out(
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
            out(diagnostic.format())
        summary = ", ".join(f"{k}: {n}" for k, n in counts.items())
        out(
            f"files read: {library.files}; loaded: {summary}; "
            f"errors: {errors}; warnings: {warnings}"
        )
    return 1 if errors else 0


def cmd_show(args: argparse.Namespace) -> int:
    library, _ = load(args)
    item = find(library, args.id, 1)
    if isinstance(item, Briefing):
        data, lines = briefing_json(library, item), briefing_lines(library, item)
    else:
        data, lines = entity_json(library, item), entity_lines(library, item)
    if args.json:
        json_out(data)
    else:
        out("\n".join(lines))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    path, how = briefings_path(args)
    if sys.stdout.isatty() and sys.stdin.isatty():
        from dragoman.app import run

        return run(path, how)
    return cmd_overview(args)


def cmd_overview(args: argparse.Namespace) -> int:
    """Without a terminal (a pipe, a script): a plain overview instead of the app."""
    library, path = load(args)
    counts = library.counts()
    out(f"dragoman {__version__}: {path}")
    out(", ".join(f"{n} {k}" for k, n in counts.items()))
    for kind, title in (("event", "Events"), ("person", "People"), ("proposal", "Proposals")):
        items = library.of_kind(kind)
        out(f"\n{title} ({len(items)})")
        for entity in items[:10]:
            out(f"  {entity.date!s:<10}  {entity.name}  [{entity.id}]")
    if library.diagnostics:
        problems = f"{count(len(library.errors), 'error')}, "
        problems += count(len(library.warnings), "warning")
        out(f"\n{problems}: run `dragoman check` to list them")
    out("\n`dragoman show ID` shows an entity with its links; `dragoman --help` lists commands.")
    return 0
