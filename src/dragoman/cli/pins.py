"""``dragoman pins [PATH] [--json]``: the pins of a briefings folder (pinned with ``b`` in the
app), latest first, each with its current kind, title and date, or ``missing`` when it has gone
from the briefings.

Text is a line per pin (kind, id, title, date or ``missing``); ``--json`` a list of objects with
the keys ``id``, ``kind``, ``title``, ``date``, ``missing`` and ``pinned``
(:func:`~dragoman.library.pins.pins_json`). A damaged pins file is set aside, said on stderr,
and the command goes on with no pins (exit 0).

Uses :mod:`dragoman.cli.common`, the library's pins, and the index (which keeps the library
ready between runs).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from dragoman.cli.common import add_path, briefings_path, json_out, open_index, out
from dragoman.library.library import Library
from dragoman.library.pins import PinRow, load_pins, pin_rows, pins_json, pins_lines


def cmd_pins(args: argparse.Namespace) -> int:
    path, _ = briefings_path(args)
    loaded = load_pins(path)
    if loaded.message:
        out(f"dragoman: warning: {loaded.message}", sys.stderr)
    rows: list[PinRow] = []
    if loaded.pins.items:  # the library is read only when there is something to look up
        index, _ = open_index(args)
        try:
            rows = pin_rows(loaded.pins, index.library or Library())
        finally:
            index.close()
    if args.json:
        json_out(pins_json(rows))
    else:
        for line in pins_lines(rows):
            out(line)
    return 0


def add_pins_command(sub: Any) -> None:
    pins = sub.add_parser(
        "pins", help="the entities and briefings pinned in the app (b), latest first"
    )
    add_path(pins)
    pins.add_argument(
        "--json",
        action="store_true",
        help="print them as JSON: id, kind, title, date, missing, pinned",
    )
    pins.set_defaults(run=cmd_pins)
