"""The analyst's views in the benchmark: each computed in the warm process from the library in
memory (as the app computes it), facets on top of a search, and each CLI view as a whole
process after the index is warm (as a reader runs it).

The parties are picked from the corpus: the country taking part in most events, the pair of
countries that met most, the person who attended most. Keys of the JSON are stable:
``views`` (by view name: median/p95...), ``facets`` (by query class), ``cli_views`` (by
command).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Timed = Callable[[Callable[[], object], int], list[float]]
Summary = Callable[[list[float]], dict[str, Any]]

PROJECT = Path(__file__).resolve().parent.parent


def _picks(library: Any) -> dict[str, str]:
    from dragoman.library.contacts import country_pairs
    from dragoman.library.taking_part import participation

    taking = participation(library)
    countries = [k for k in taking.by_party if k.isupper()]
    people = [k for k in taking.by_party if library.entities.get(k) is not None
              and library.entities[k].kind == "person"]  # fmt: skip
    top_country = max(countries, key=lambda k: (len(taking.by_party[k]), k))
    top_person = max(people, key=lambda k: (len(taking.by_party[k]), k))
    pairs = country_pairs(library)
    a, b = (pairs[0].a, pairs[0].b) if pairs else (top_country, top_country)
    return {"country": top_country, "person": top_person, "pair_a": a, "pair_b": b}


def view_latencies(index: Any, runs: int, timed: Timed, summary: Summary) -> dict[str, Any]:
    """Each view computed in the warm process; the map of who took part, built anew each run
    (as a new library, after a catch-up, builds it on first use)."""
    from dragoman.briefings.dates import PartialDate
    from dragoman.library.contacts import contacts, country_pairs, pair
    from dragoman.library.parties import party_of
    from dragoman.library.taking_part import participation
    from dragoman.library.timeline import timeline
    from dragoman.library.tracker import proposals

    library = index.library
    picks = _picks(library)
    country = party_of(library, picks["country"])
    person = party_of(library, picks["person"])
    a, b = party_of(library, picks["pair_a"]), party_of(library, picks["pair_b"])
    assert country and person and a and b

    def fresh_map() -> None:
        library._views.pop("participation", None)
        participation(library)

    measures: dict[str, Callable[[], object]] = {
        "who took part (built once per library)": fresh_map,
        "timeline, all events": lambda: timeline(library),
        "timeline, one country": lambda: timeline(library, countries=[country.key]),
        "proposals, all": lambda: proposals(library),
        "proposals, quiet since a year": lambda: proposals(library, quiet_since=PartialDate(2020)),
        "pair of the two countries that met most": lambda: pair(library, a, b),
        "contacts of the busiest country": lambda: contacts(library, country),
        "contacts of the busiest person": lambda: contacts(library, person),
        "pairs of countries (who met whom)": lambda: country_pairs(library),
    }
    out: dict[str, Any] = {"picks": picks}
    for name, fn in measures.items():
        out[name] = summary(timed(fn, runs))
    participation(library)
    return out


def facet_latencies(
    index: Any, classes: dict[str, list[str]], runs: int, timed: Timed, summary: Summary
) -> dict[str, Any]:
    """Facets for each query class, alone (what they add on top of the search)."""
    try:
        from dragoman.search.facets import facets
    except ImportError:  # an older dragoman, measured side by side
        return {}
    out: dict[str, Any] = {}
    for cls, texts in {"empty query": [""], **classes}.items():
        values: list[float] = []
        for text in texts:
            values += timed(lambda t=text: facets(index, t), runs)
        out[cls] = summary(values)
    return out


def cli_views(root: Path, env: dict[str, str], picks: dict[str, str], runs: int,
              summary: Summary) -> dict[str, Any]:  # fmt: skip
    """Each CLI view as a whole process (interpreter start to exit), the index warm."""
    commands = {
        "timeline --country": ["timeline", "--country", picks["country"]],
        "timeline QUERY": ["timeline", "security"],
        "proposals --quiet-since": ["proposals", "--quiet-since", "2020"],
        "pair A B": ["pair", picks["pair_a"], picks["pair_b"]],
        "contacts X": ["contacts", picks["person"]],
        "facets QUERY": ["facets", "security"],
    }
    if importlib.util.find_spec("dragoman.search.facets") is None:  # an older dragoman
        del commands["facets QUERY"]
    out: dict[str, Any] = {}
    for name, argv in commands.items():
        values = []
        for n in range(runs + 1):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "dragoman.cli", *argv, "--path", str(root), "--json"],
                capture_output=True,
                env={**os.environ, **env},
                cwd=PROJECT,
                check=False,
            )
            if done.returncode != 0:
                said = (done.stdout.decode() + done.stderr.decode())[-600:]
                raise SystemExit(f"`dragoman {' '.join(argv)}` failed:\n{said}")
            if n:  # the first run warms the disk cache
                values.append(time.perf_counter() - started)
        out[name] = summary(values)
    return out
