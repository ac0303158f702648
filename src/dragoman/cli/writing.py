"""The commands that write: ``new`` (a briefing from the template, never over an existing file)
and ``export`` (a dossier, Markdown or JSON). Uses :mod:`dragoman.cli.common`, the briefings'
template and the library's dossier.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dragoman.briefings.template import TemplateError, new_briefing
from dragoman.cli.common import Failed, add_path, find, json_out, load, out


def _folder(given: str | None) -> Path:
    """Where a new briefing goes: ``--path``, else ./briefings, else $DRAGOMAN_BRIEFINGS;
    never the sample briefings bundled with dragoman."""
    if given:
        return Path(given).expanduser()
    if Path("briefings").is_dir():
        return Path("briefings")
    if env := os.environ.get("DRAGOMAN_BRIEFINGS"):
        return Path(env).expanduser()
    raise Failed(
        "no briefings folder here (./briefings) and no $DRAGOMAN_BRIEFINGS; "
        "give one with --path DIR"
    )


def cmd_new(args: argparse.Namespace) -> int:
    try:
        name, text = new_briefing(args.title, args.date, args.id)
    except TemplateError as exc:
        raise Failed(exc.message) from None
    folder = _folder(args.path_option)
    if folder.exists() and not folder.is_dir():
        raise Failed(f"{folder} is a file; give the folder to write the new briefing in")
    path = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # never over an existing file
            handle.write(text)
    except FileExistsError:
        raise Failed(
            f"{path} exists already; edit it, or give another --id", path=str(path)
        ) from None
    except OSError as exc:
        raise Failed(f"cannot write {path}: {exc.strerror or exc}", path=str(path)) from None
    if args.json:
        json_out({"path": str(path), "id": name.removesuffix(".yaml")})
    else:
        out(str(path))
    return 0


def add_writing_commands(sub: Any) -> None:
    new = sub.add_parser("new", help="write a new briefing from the template, ready to fill")
    new.add_argument("--title", required=True, help="the briefing's title")
    new.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--id", help="the briefing's id (default: the date and the title's slug)")
    new.add_argument(
        "--path",
        dest="path_option",
        metavar="DIR",
        help="the folder to write it in (default: ./briefings, else $DRAGOMAN_BRIEFINGS)",
    )
    new.add_argument("--json", action="store_true", help="print the path and id as JSON")
    new.set_defaults(run=cmd_new)


def cmd_export(args: argparse.Namespace) -> int:
    from dragoman.library.dossier import dossier_text

    if args.pair and args.id and not args.path:  # `export --pair A B PATH`: the PATH given
        args.path, args.id = args.id, None
    if bool(args.pair) == bool(args.id):
        raise Failed("give an ID to export, or --pair A B (not both)")
    library, _ = load(args)
    if args.pair:
        text = _pair_text(library, args)
    else:
        text = dossier_text(library, find(library, args.id, 2), args.format)
    if not args.output:
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise Failed(f"cannot write {target}: {exc.strerror or exc}", path=str(target)) from None
    out(str(target))
    return 0


def _pair_text(library: Any, args: argparse.Namespace) -> str:
    from dragoman.cli.views import party
    from dragoman.library.contacts import pair
    from dragoman.library.dossier import json_text, pair_dossier, pair_markdown

    a, b = (party(library, text, "--pair") for text in args.pair)
    if a.key == b.key:
        raise Failed(f"--pair names {a.name} twice; give two different parties")
    data = pair_dossier(library, pair(library, a, b))
    return json_text(data) if args.format == "json" else pair_markdown(library, data)


def add_export_command(sub: Any) -> None:
    export = sub.add_parser("export", help="a dossier of one entity or briefing, Markdown or JSON")
    export.add_argument("id", nargs="?", metavar="ID", help="the id of what to export")
    export.add_argument(
        "--pair", nargs=2, metavar=("A", "B"), help="the who-met-whom card of two parties instead"
    )
    add_path(export)
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("--output", metavar="FILE", help="write it to FILE (default: print it)")
    export.set_defaults(run=cmd_export, json=False)
