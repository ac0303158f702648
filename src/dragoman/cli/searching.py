"""The commands that use the search index: ``search`` (ranked results with snippets),
``facets`` (how many results of each kind, country, year, tag, area, status and type) and
``index`` (build it, or catch it up with the files). Each prints text, or JSON under ``--json``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from dragoman.cli.common import (
    Failed,
    add_path_option,
    json_out,
    open_for_search,
    open_index,
    out,
)
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


R = TypeVar("R")


def _searched(args: argparse.Namespace, query: str, run: Callable[[Any], R]) -> R:
    """``run(index)`` on the index, caught up; a query not understood fails with its message
    (exit 2), and index files damaged under the search are rebuilt and the search run again."""
    from dragoman.search.query import QueryError

    index = open_for_search(args, query)
    try:
        try:
            return run(index)
        except QueryError as exc:
            raise Failed(exc.message, query=query, position=exc.position) from exc
        except Exception:  # the index files were damaged under us: rebuild them and try again
            index.close()
            if not args.json:
                out("dragoman: the search index was damaged; rebuilding it", sys.stderr)
            index, _ = open_index(args, rebuild=True)
            return run(index)
    finally:
        index.close()


def cmd_search(args: argparse.Namespace) -> int:
    from dragoman.search.results import search

    result = _searched(
        args, args.query, lambda index: search(index, args.query, kind=args.kind, limit=args.limit)
    )
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


def cmd_facets(args: argparse.Namespace) -> int:
    from dragoman.search.facets import FACETS, facets, facets_json

    found = _searched(args, args.query, lambda index: facets(index, args.query))
    if args.json:
        json_out(facets_json(found))
        return 0
    for note in found.notes:
        out(f"note: {note}")
    out(count(found.total, "result"))
    for name in FACETS:
        values = found.counts[name]
        if not values:
            continue
        out("")
        out(name.capitalize())
        width = max(len(value) for value in values)
        for value, n in values.items():
            out(f"  {value:<{width}}  {n}")
    return 0


def add_facets_command(sub: Any) -> None:
    """``dragoman facets [QUERY] [--json] [--path PATH]``: the folder only as ``--path``, since
    the query may be left out."""
    parser = sub.add_parser(
        "facets",
        help="count the results of a query by kind, country, year, tag, area, status and type",
    )
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help="a query as for search (see docs/search.md); none counts everything",
    )
    add_path_option(parser)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(run=cmd_facets)
