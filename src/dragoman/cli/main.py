"""The parser of ``dragoman``'s arguments and the dispatch to each command, with the one place
that turns a failure into a message and an exit status: never a traceback.

Uses the commands' modules beside it and the JSON Schema.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from dragoman import __version__
from dragoman.briefings.schema import schema_text
from dragoman.cli.citing import add_cite_command
from dragoman.cli.common import Failed, add_path, out, report_failure
from dragoman.cli.drafting import add_draft_command
from dragoman.cli.pins import add_pins_command
from dragoman.cli.reading import cmd_check, cmd_open, cmd_show
from dragoman.cli.searching import add_facets_command, cmd_index, cmd_search
from dragoman.cli.views import add_view_commands
from dragoman.cli.writing import add_export_command, add_writing_commands

COMMANDS = (
    "check",
    "show",
    "schema",
    "search",
    "index",
    "timeline",
    "proposals",
    "pair",
    "contacts",
    "new",
    "draft",
    "export",
    "facets",
    "cite",
    "pins",
)
KINDS = ("person", "organization", "event", "proposal", "briefing")


def cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


class Parser(argparse.ArgumentParser):
    """argparse, whose usage errors are failures like any other (JSON under ``--json``)."""

    def error(self, message: str) -> NoReturn:
        raise Failed(f"{message}; see `{self.prog} --help`")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dragoman",
        description="Read and keep briefings on defence diplomacy: events, people and proposals "
        "that link to one another.",
    )
    parser.add_argument("--version", action="version", version=f"dragoman {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check briefings and report every problem")
    add_path(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(run=cmd_check)

    show = sub.add_parser("show", help="show one entity or briefing with its links and history")
    show.add_argument(
        "id", metavar="ID", help="the id of a person, organization, event, proposal or briefing"
    )
    add_path(show)
    show.add_argument("--json", action="store_true", help="print it as JSON")
    show.set_defaults(run=cmd_show)

    schema = sub.add_parser("schema", help="print the JSON Schema of the briefing format")
    schema.set_defaults(run=cmd_schema)

    search = sub.add_parser("search", help="search the briefings (see docs/search.md)")
    search.add_argument(
        "query",
        metavar="QUERY",
        help='words, "phrases", OR, -word, prefix*, fuzzy~, kind:, date:...',
    )
    add_path(search)
    search.add_argument("--kind", choices=KINDS, help="only this kind of result")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (20)")
    search.add_argument("--json", action="store_true", help="print the results as JSON")
    search.set_defaults(run=cmd_search)

    index = sub.add_parser("index", help="build the search index or catch it up with the files")
    add_path(index)
    index.add_argument("--rebuild", action="store_true", help="build it anew from the YAML files")
    index.add_argument("--json", action="store_true", help="print what was done as JSON")
    index.set_defaults(run=cmd_index)
    add_view_commands(sub)
    add_writing_commands(sub)
    add_draft_command(sub)
    add_export_command(sub)
    add_facets_command(sub)
    add_cite_command(sub)
    add_pins_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            parser = build_parser()
            args = parser.parse_args(argv)
            run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
            if run is None:
                parser.print_help()
                return 0
            return run(args)
        opener = Parser(prog="dragoman", add_help=False)
        add_path(opener)
        args = opener.parse_args(argv)
        return cmd_open(args)
    except Failed as failure:
        return report_failure(args or argparse.Namespace(json="--json" in argv), failure)
    except ValueError as exc:  # bad option values, e.g. --max-file-size
        return report_failure(args or argparse.Namespace(json="--json" in argv), Failed(str(exc)))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback: say what failed and how to report it
        out(
            f"dragoman: unexpected error ({type(exc).__name__}: {exc}); please report it with "
            "the command you ran",
            sys.stderr,
        )
        return 3
