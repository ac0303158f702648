"""Catching up in the benchmark, as the running app does: after 1 and 100 changed briefings
(``Index.refresh``, then ``Index.tidy``), a look with nothing changed, and a team's five pulls
of a fifth of the folder in a row with the memory and index size after each. Keys of the JSON
are stable: ``look_unchanged``, ``catch_up_1``, ``catch_up_100``, ``tidy``, ``pulls``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import corpus

Timed = Callable[..., list[float]]
Summary = Callable[[list[float]], dict[str, Any]]


def running_catch_ups(
    index: Any, root: Path, n: int, plan: Any, timed: Timed, summary: Summary
) -> dict[str, Any]:
    """Catching up as the running app does when it sees files change (``Index.refresh``: a
    look at every file, then the changed ones read, merged and indexed), after 1 and after 100
    changed briefings; and the merge of small segments (``Index.tidy``) that follows it in the
    background, after the lists show the change. A look with nothing changed is timed too."""
    looks = timed(index.refresh, plan.catch_ups)
    ones, hundreds, tidies = [], [], []
    singles = 3 * plan.catch_ups  # cheap here: more runs for a steadier p95
    for i in range(singles + plan.catch_ups_100):
        k = 1 if i < singles else 100
        corpus.change_briefings(root, min(k, n), seed=3000 + i)
        started = time.perf_counter()
        report = index.refresh()
        (ones if k == 1 else hundreds).append(time.perf_counter() - started)
        if not report.changed_anything or report.rebuilt:
            raise SystemExit(f"a catch-up after {k} changed briefings did not see them")
        started = time.perf_counter()
        if index.tidy():
            tidies.append(time.perf_counter() - started)
    out = {
        "look_unchanged": summary(looks),
        "catch_up_1": summary(ones),
        "catch_up_100": summary(hundreds),
    }
    if tidies:
        out["tidy"] = summary(tidies)
    return out


def _rss_mb() -> float:
    """This process's resident memory now (Linux), in MB; 0 where it cannot be read."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def pulls(
    index: Any, root: Path, n: int, fresh_index_mb: float, size_mb: Callable[[Path], float]
) -> dict[str, Any]:
    """A team's pulls, as the running app catches up with them: five in a row, each changing
    a different fifth of the folder, each followed by the app's tidying. The time of each, and
    this process's memory and the index's size on disk after each, against those at the start
    (the index as a fresh build leaves it)."""
    import gc

    gc.collect()
    start_rss = _rss_mb()
    seconds, rss, sizes = [], [], []
    for i in range(5):
        corpus.change_briefings(root, max(1, n // 5), seed=4000 + i)
        started = time.perf_counter()
        index.refresh()
        index.tidy()
        seconds.append(time.perf_counter() - started)
        rss.append(_rss_mb())
        sizes.append(size_mb(index.folder))
    return {
        "seconds": seconds,
        "rss_mb": rss,
        "index_mb": sizes,
        "start_rss_mb": start_rss,
        "fresh_index_mb": fresh_index_mb,
        "rss_ratio": rss[-1] / start_rss if start_rss else None,
        "index_ratio": sizes[-1] / fresh_index_mb if fresh_index_mb else None,
    }
