"""First answers on a folder never indexed, in the benchmark: the app in a real terminal (time
to its first results, from a preview of the newest briefings, while its build runs) and the
CLI (``dragoman search`` answering from a preview while it starts a build in the background,
whose end is waited for and timed). JSON keys are stable: ``first_answer.app``,
``first_answer.cli``, ``first_answer.cli_searched``, ``first_answer.background_build``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import terminal

QUERY = "maritime security"


def first_answers(root: Path, work: Path, env: dict[str, str], app: bool) -> dict[str, Any]:
    """Seconds to the first answer on a folder never indexed, in the app (when ``app``) and
    the CLI; how many briefings the CLI's answer came from; how long the build it started in
    the background took to end."""
    out: dict[str, Any] = {}
    if app:
        cache = _fresh(work / "cache-first-app")
        started = terminal.startup(root, {**env, "DRAGOMAN_CACHE_DIR": str(cache)})
        out["app"] = started["first_results"]  # the app is closed: its build ends with it
        shutil.rmtree(cache, ignore_errors=True)
    cache = _fresh(work / "cache-first-cli")
    run_env = {**os.environ, **env, "DRAGOMAN_CACHE_DIR": str(cache)}
    started_at = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "search", QUERY, "--path", str(root), "--json"],
        capture_output=True,
        text=True,
        env=run_env,
        check=False,
    )
    out["cli"] = time.perf_counter() - started_at
    if done.returncode != 0:
        raise SystemExit(f"the first search failed:\n{done.stderr}")
    answer = json.loads(done.stdout)
    partial = answer.get("partial")
    out["cli_searched"] = partial["searched"] if partial else None
    out["background_build"] = _wait_for_build(root, run_env, started_at) if partial else None
    shutil.rmtree(cache, ignore_errors=True)
    return out


def _fresh(cache: Path) -> Path:
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    return cache


def _wait_for_build(root: Path, env: dict[str, str], started_at: float) -> float:
    """Seconds from the search to the end of the build it started: ``dragoman index`` waits
    for the writer's lock, then finds nothing to build (or, had it come first, builds it
    itself and the background build finds nothing: the time is the same)."""
    done = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "index", "--path", str(root), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"the index could not be built:\n{done.stderr}")
    return time.perf_counter() - started_at
