"""``dragoman cite ID [PATH]``: the citation of an entity or briefing, as ``c`` copies it in the
app (its name, kind and date, then one plain line per source briefing), or as JSON with
``--json``. An id that is not there exits 2 with the ids it may have meant.

Uses :mod:`dragoman.cli.common` and the library's citation.
"""

from __future__ import annotations

import argparse
from typing import Any

from dragoman.cli.common import add_path, find, json_out, load, out


def cmd_cite(args: argparse.Namespace) -> int:
    from dragoman.library.citation import citation, citation_json

    library, _ = load(args)
    item = find(library, args.id, 2)
    if args.json:
        json_out(citation_json(library, item))
    else:
        out(citation(library, item))
    return 0


def add_cite_command(sub: Any) -> None:
    cite = sub.add_parser(
        "cite", help="a citation of one entity or briefing: each source with publisher and URL"
    )
    cite.add_argument(
        "id", metavar="ID", help="the id of a person, organization, event, proposal or briefing"
    )
    add_path(cite)
    cite.add_argument("--json", action="store_true", help="print it as JSON")
    cite.set_defaults(run=cmd_cite)
