"""The commands that use the search index: ``search`` (ranked results with snippets) and
``index`` (build it, or catch it up with the files). Both print text, or JSON under ``--json``.
"""

from __future__ import annotations

import argparse
import sys

from dragoman.cli.common import Failed, json_out, open_index, out
from dragoman.library.library import Library
from dragoman.text import count, printable


def cmd_index(args: argparse.Namespace) -> int:
    index, report = open_index(args, rebuild=args.rebuild, show_progress=not args.json)
    try:
        library = index.library or Library()  # Index.open always loads it
    finally:
        index.close()
    errors, warnings = len(library.errors), len(library.warnings)
    if args.json:
        json_out(
            {"path": str(index.root), **report.to_json(), "errors": errors, "warnings": warnings}
        )
    else:
        out(report.summary())
        if errors or warnings:
            problems = f"{count(errors, 'error')}, {count(warnings, 'warning')}"
            out(f"{problems} in the briefings: run `dragoman check`")
    return 1 if report.warning else 0


def cmd_search(args: argparse.Namespace) -> int:
    from dragoman.search.query import QueryError
    from dragoman.search.results import search

    index, _ = open_index(args)
    try:
        try:
            result = search(index, args.query, kind=args.kind, limit=args.limit)
        except QueryError as exc:
            raise Failed(exc.message, query=args.query, position=exc.position) from exc
        except Exception:  # the index files were damaged under us: rebuild them and try again
            index.close()
            if not args.json:
                out("dragoman: the search index was damaged; rebuilding it", sys.stderr)
            index, _ = open_index(args, rebuild=True)
            result = search(index, args.query, kind=args.kind, limit=args.limit)
    finally:
        index.close()
    if args.json:
        json_out(result.to_json())
        return 0
    for note in result.notes:
        out(f"note: {note}")
    bold = sys.stdout.isatty()
    for hit in result.hits:
        out(f"{hit.date:<10}  {hit.kind:<12}  {hit.title}  [{hit.id}]")
        if hit.snippet:
            text = "".join(
                (f"\x1b[1m{printable(t)}\x1b[0m" if bold else f"«{printable(t)}»")
                if m
                else printable(t)
                for t, m in hit.snippet
            )
            sys.stdout.write(f"            {text}\n")
    shown = len(result.hits)
    out(count(result.total, "result") + (f", {shown} shown" if shown < result.total else ""))
    if result.suggestion:
        out(f"did you mean: {result.suggestion}")
    return 0
