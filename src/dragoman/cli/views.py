"""The analyst's views on the command line: ``timeline``, ``proposals``, ``pair`` and
``contacts``. Each prints text, or JSON under ``--json``, from the same computation in the
library (:mod:`dragoman.library.timeline`, :mod:`~dragoman.library.tracker`,
:mod:`~dragoman.library.contacts`); a QUERY in the search language narrows the first two.

Bad input (a month 13, an unknown country, a name that fits nobody or several people) exits 2
with one line saying what to write instead. Uses :mod:`dragoman.cli.common`, the library and
the index (which keeps the library ready between runs).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import STATUSES
from dragoman.cli.common import Failed, add_path, add_path_option, json_out, open_index, out
from dragoman.library.contacts import (
    contacts,
    contacts_json,
    contacts_lines,
    pair,
    pair_json,
    pair_lines,
)
from dragoman.library.library import Library
from dragoman.library.parties import Party, PartyError, PartyKind, resolve_party
from dragoman.library.timeline import DateBounds, timeline, timeline_json, timeline_lines
from dragoman.library.tracker import proposals, tracker_json, tracker_lines


def _date(option: str, text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise Failed(f"{option} {exc}") from None


def _bounds(args: argparse.Namespace) -> DateBounds | None:
    start, end = _date("--from", args.start), _date("--to", args.end)
    if start is None and end is None:
        return None
    if start is not None and end is not None and end.last_key < start.key:
        raise Failed(f"--to {end} is before --from {start}; give the earlier date to --from")
    return DateBounds(start, end)


def party(
    library: Library,
    text: str,
    what: str,
    kinds: tuple[PartyKind, ...] = ("person", "organization", "country"),
) -> Party:
    try:
        return resolve_party(library, text, kinds)
    except PartyError as exc:
        said = f"{what}: {exc.message}" if what else exc.message
        raise Failed(said, candidates=exc.candidates) from None


def _with_library(args: argparse.Namespace, view: Callable[[Any, Library], int]) -> int:
    """Open the index (its library is kept ready between runs) and run ``view`` on it."""
    index, _ = open_index(args)
    try:
        library = index.library or Library()
        return view(index, library)
    finally:
        index.close()


def _ids(index: Any, query: str | None, kind: str) -> tuple[set[str] | None, list[str]]:
    """The ids of ``kind`` the query finds (None: no query given), and its notes."""
    if not query:
        return None, []
    from dragoman.search.matching import matching_ids
    from dragoman.search.query import QueryError

    try:
        found = matching_ids(index, query, kind)
    except QueryError as exc:
        raise Failed(exc.message, query=query, position=exc.position) from exc
    return found.ids, found.notes


def _print(
    args: argparse.Namespace, data: dict[str, Any], lines: list[str], notes: list[str]
) -> None:
    if args.json:
        json_out(data)
        return
    for note in notes:
        out(f"note: {note}")
    for line in lines:
        out(line)


def cmd_timeline(args: argparse.Namespace) -> int:
    bounds = _bounds(args)

    def view(index: Any, library: Library) -> int:
        codes = [party(library, c, "--country", ("country",)).key for c in args.country or ()]
        parties = [
            party(library, w, "--with", ("person", "organization")).key for w in args.with_ or ()
        ]
        ids, notes = _ids(index, args.query, "event")
        found = timeline(library, bounds=bounds, countries=codes, parties=parties, ids=ids)
        lines = timeline_lines(library, found)
        lines.append(f"{len(found)} event" + ("" if len(found) == 1 else "s"))
        _print(args, timeline_json(library, found), lines, notes)
        return 0

    return _with_library(args, view)


def _statuses(given: list[str] | None) -> list[str]:
    out_: list[str] = []
    for status in given or ():
        value = status.strip().lower()
        if value not in STATUSES:
            raise Failed(
                f"--status {status} is not a status; use one of {', '.join(STATUSES)}",
                statuses=list(STATUSES),
            )
        out_.append(value)
    return out_


def cmd_proposals(args: argparse.Namespace) -> int:
    bounds = _bounds(args)
    statuses = _statuses(args.status)
    quiet = _date("--quiet-since", args.quiet_since)

    def view(index: Any, library: Library) -> int:
        by = party(library, args.by, "--by").key if args.by else None
        ids, notes = _ids(index, args.query, "proposal")
        found = proposals(
            library,
            statuses=statuses,
            by=by,
            area=args.area.lower() if args.area else None,
            bounds=bounds,
            quiet_since=quiet,
            ids=ids,
        )
        lines = tracker_lines(library, found)
        lines.append(
            ("" if not found else "\n")
            + f"{len(found)} proposal"
            + ("" if len(found) == 1 else "s")
        )
        _print(args, tracker_json(library, found), lines, notes)
        return 0

    return _with_library(args, view)


def cmd_pair(args: argparse.Namespace) -> int:
    def view(index: Any, library: Library) -> int:
        a = party(library, args.a, "")
        b = party(library, args.b, "")
        if a.key == b.key:
            raise Failed(f"A and B are both {a.name}; give two different parties")
        found = pair(library, a, b)
        _print(args, pair_json(library, found), pair_lines(library, found), [])
        return 0

    return _with_library(args, view)


def cmd_contacts(args: argparse.Namespace) -> int:
    def view(index: Any, library: Library) -> int:
        of = party(library, args.party, "")
        found = contacts(library, of)
        _print(args, contacts_json(of, found), contacts_lines(of, found), [])
        return 0

    return _with_library(args, view)


_WHO = "a country (VN, Vietnam), a person or an organization (id or name)"


def _dates(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help=f"{what} on or after (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    parser.add_argument("--to", dest="end", metavar="DATE", help=f"{what} on or before")


def add_view_commands(sub: Any) -> None:
    """The four commands' parsers."""
    tl = sub.add_parser("timeline", help="events in date order, with who took part")
    tl.add_argument("query", nargs="?", metavar="QUERY", help="narrow with the search language")
    _dates(tl, "events held")
    tl.add_argument(
        "--country",
        action="append",
        metavar="CC",
        help="events this country took part in (repeatable: any of them)",
    )
    tl.add_argument(
        "--with",
        dest="with_",
        action="append",
        metavar="WHO",
        help="events this person or organization took part in (repeatable: all of them)",
    )
    tl.add_argument("--json", action="store_true", help="print the events as JSON")
    add_path_option(tl)
    tl.set_defaults(run=cmd_timeline)

    pr = sub.add_parser(
        "proposals", help="what became of each proposal: status trail, first and last heard"
    )
    pr.add_argument("query", nargs="?", metavar="QUERY", help="narrow with the search language")
    pr.add_argument(
        "--status",
        action="append",
        metavar="S",
        help=f"only this status (repeatable): {', '.join(STATUSES)}",
    )
    pr.add_argument("--by", metavar="WHO", help=f"proposed by {_WHO}")
    pr.add_argument("--area", metavar="A", help="with this area (hadr, maritime-security)")
    _dates(pr, "first heard of")
    pr.add_argument(
        "--quiet-since", metavar="DATE", help="open proposals last heard of before this date"
    )
    pr.add_argument("--json", action="store_true", help="print the proposals as JSON")
    add_path_option(pr)
    pr.set_defaults(run=cmd_proposals)

    pa = sub.add_parser(
        "pair", help="who met whom: the events two parties shared, and the proposals between them"
    )
    pa.add_argument("a", metavar="A", help=_WHO)
    pa.add_argument("b", metavar="B", help=_WHO)
    add_path(pa)
    pa.add_argument("--json", action="store_true", help="print it as JSON")
    pa.set_defaults(run=cmd_pair)

    co = sub.add_parser("contacts", help="everyone a party has met, most often first")
    co.add_argument("party", metavar="X", help=_WHO)
    add_path(co)
    co.add_argument("--json", action="store_true", help="print them as JSON")
    co.set_defaults(run=cmd_contacts)
