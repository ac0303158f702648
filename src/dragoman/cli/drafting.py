"""``dragoman draft ARTICLE``: a draft briefing from an article (text, Markdown or a saved web
page), with what the library (``--path``, read through the index) already knows; printed, or
written to ``--output`` (never over an existing file). The draft's own warnings go to stderr.
Uses :mod:`dragoman.cli.common`, the draft and the briefings' loader.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.cli.common import (
    Failed,
    add_path_option,
    briefings_path,
    json_out,
    limits,
    open_index,
    out,
)


def _options(args: argparse.Namespace, article: Path) -> Any:
    from dragoman.draft.compose import OptionError, options_for

    try:
        return options_for(article, args.publisher, args.url, args.published)
    except OptionError as exc:
        raise Failed(f"--{exc.field}: {exc}") from None


def _gazetteer(args: argparse.Namespace) -> Any:
    """The library's names: from the briefings its index read, when no file changed since (no
    library is merged: at 10,000 briefings 0.7 s instead of 1.9 s); else through the index,
    caught up with the files."""
    from dragoman.draft.gazetteer import Gazetteer
    from dragoman.search.known import read_briefings

    parsed = read_briefings(briefings_path(args)[0])
    if parsed is not None:
        return Gazetteer.from_briefings(parsed)
    index, _ = open_index(args)
    try:
        return Gazetteer.from_library(index.library)
    finally:
        index.close()


def _check_output(target: Path) -> None:
    """Refuse an --output that dragoman would not read, or cannot write: never over a file."""
    where = str(target)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise Failed(
            f"{where}: dragoman reads briefings from *.yaml files; give a name ending in .yaml",
            path=where,
        )
    if target.exists() or target.is_symlink():
        raise Failed(f"{where} exists already; give another --output", path=where)
    parent = next((p for p in target.parents if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise Failed(
            f"{where}: {parent} is a file, not a folder; give another --output", path=where
        )


def cmd_draft(args: argparse.Namespace) -> int:
    from dragoman.draft.article import ArticleError
    from dragoman.draft.compose import check_size, draft_article, draft_yaml
    from dragoman.draft.reading import read_article

    source = Path(args.article).expanduser()
    try:
        article = read_article(source)
    except ArticleError as exc:
        raise Failed(exc.message, path=str(source)) from None
    options = _options(args, source)
    try:  # the text alone would make a briefing `check` refuses
        check_size(article, str(source), limits(args).max_file_size)
    except ArticleError as exc:
        raise Failed(exc.message, path=str(source)) from None
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        _check_output(target)
    gazetteer = _gazetteer(args)
    draft = draft_article(article, gazetteer, options)
    text = draft_yaml(draft)
    parsed = parse_briefing_bytes(str(target or "draft.yaml"), text.encode("utf-8"))
    problems = [d.format() for d in parsed.diagnostics]
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as handle:  # never over an existing file
                handle.write(text)
        except FileExistsError:
            where = str(target)
            raise Failed(f"{where} exists already; give another --output", path=where) from None
        except OSError as exc:
            where = str(target)
            raise Failed(f"cannot write {where}: {exc.strerror or exc}", path=where) from None
    counts = {
        "people": len(draft.people),
        "organizations": len(draft.organizations),
        "events": len(draft.events),
        "proposals": len(draft.proposals),
    }
    if args.json:
        data: dict[str, Any] = {"id": draft.id, "path": str(target) if target else None}
        data |= {"counts": counts, "diagnostics": [d.to_json() for d in parsed.diagnostics]}
        if target is None:
            data["yaml"] = text
        json_out(data)
        return 0
    for problem in problems:
        out(problem, sys.stderr)
    if target is None:
        sys.stdout.write(text)
    else:
        summary = ", ".join(f"{k}: {n}" for k, n in counts.items())
        out(f"{target} ({summary}); check each commented value, then `dragoman check`")
    return 0


def add_draft_command(sub: Any) -> None:
    draft = sub.add_parser(
        "draft", help="draft a briefing from an article (text, Markdown or a saved web page)"
    )
    draft.add_argument("article", metavar="ARTICLE", help="the article file")
    add_path_option(draft)
    draft.add_argument("--output", metavar="FILE", help="write the draft to FILE (never over one)")
    draft.add_argument("--publisher", metavar="P", help="who published the article")
    draft.add_argument("--url", metavar="U", help="the article's web address")
    draft.add_argument(
        "--published", metavar="DATE", help="when it was published: YYYY, YYYY-MM or YYYY-MM-DD"
    )
    draft.add_argument("--json", action="store_true", help="print the draft and its counts as JSON")
    draft.set_defaults(run=cmd_draft)
