"""The benchmark: ``make bench`` (``python -m benchmarks.run``).

For each corpus size, in one run: the full build (time, peak memory), opening with nothing
changed, the app's first paint and first results in a real terminal, catching up after 1 and 100
changed briefings, query latency by class (through ``search`` as the command line runs it, and
through ``search_panes`` as the app runs it on each keystroke), keystroke to repainted panes in
the app, the app's memory, and the baselines (``rg -i``, SQLite FTS5) on the same corpus.

Medians and p95 over repeated runs are written as JSON and as the tables of
``docs/performance.md`` (between its ``bench:begin``/``bench:end`` markers).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import (
    baselines,
    catch_ups,
    corpus,
    drafting,
    first_answers,
    terminal,
    views,
)

PROJECT = Path(__file__).resolve().parent.parent
SEED = 2026

# targets at 10,000 briefings (issue: benchmarks), in seconds or MB
TARGETS = {
    "build_seconds": 60.0,
    "build_peak_mb": 1024.0,
    "first_paint": 0.5,
    "first_results": 1.0,
    "catch_up_1": 0.3,
    "query_p95": 0.030,
    "fuzzy_p95": 0.100,
    "keystroke_p95": 0.050,
    "app_mb": 400.0,
    "rg_ratio": 20.0,
    "view_seconds": 0.100,
    "facets_seconds": 0.050,
    "cli_view_seconds": 1.0,
}


# --------------------------------------------------------------------------------------------
# Statistics


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": statistics.median(values),
        "p95": p95(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
    }


# --------------------------------------------------------------------------------------------
# Repeats


@dataclass(frozen=True)
class Plan:
    builds: int
    opens: int
    starts: int
    catch_ups: int
    catch_ups_100: int
    query_runs: int
    typing_rounds: int
    rg_runs: int

    @staticmethod
    def for_size(n: int, quick: bool) -> Plan:
        if quick:
            return Plan(1, 2, 2, 2, 1, 3, 1, 1)
        if n >= 50_000:
            return Plan(1, 3, 3, 3, 1, 7, 2, 2)
        if n >= 10_000:
            return Plan(2, 5, 5, 5, 3, 15, 3, 3)
        return Plan(3, 7, 7, 7, 3, 21, 3, 5)


# --------------------------------------------------------------------------------------------
# Queries: picked from the corpus, every one checked to find something


@dataclass
class Queries:
    classes: dict[str, list[str]] = field(default_factory=dict)
    typed: list[str] = field(default_factory=list)  # names typed letter by letter
    rg: dict[str, list[tuple[list[str], bool]]] = field(default_factory=dict)
    fts5: dict[str, list[str]] = field(default_factory=dict)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _thai(text: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


def pick_queries(index: Any) -> Queries:
    """Queries a reader of this corpus would type: topic words, phrases, the names of people
    who appear often (typed without their accents, letter by letter), filters and dates."""
    from dragoman.search.results import search

    library = index.library
    people = sorted(
        library.of_kind("person"),
        key=lambda p: (-len(p.declarations), p.id),
    )
    # the most frequent people with a name word of five letters or more (a reader types a
    # name, not a two-letter family name such as Võ)
    latin = [
        p
        for p in people
        if _ascii(p.name).replace(" ", "").isascii() and max(map(len, _ascii(p.name).split())) >= 5
    ]
    frequent = latin[0]
    middling = latin[len(latin) // 3]
    thai = next(
        (
            p
            for p in people
            if any("\u0e00" <= c <= "\u0e7f" for c in p.name) and p.items("aliases")
        ),
        None,
    )
    family = max(_ascii(frequent.name).split(), key=len)
    given = max(_ascii(middling.name).split(), key=len)
    typed = [family[:6], given[:6]]
    if thai is not None:
        typed.append(_ascii(thai.items("aliases")[0]).split()[0][:6])
    years = sorted({b.date.key[0] for b in library.briefings.values()})
    mid = years[len(years) // 2]
    q = Queries()
    q.classes = {
        "one word": ["maritime", "peacekeeping", "demining", family],
        "two words": ["maritime security", "disaster relief", f"{family} cooperation"],
        "phrase": ['"maritime security"', '"defence policy dialogue"', '"disaster relief"'],
        "name as typed": [t[:k] for t in typed for k in range(1, len(t) + 1)],
        "field filter": [
            "kind:person",
            f"person:{frequent.id}",
            "status:agreed",
            f"minister country:{frequent.text('country') or 'VN'}",
        ],
        "date range": [f"date:{mid}", f"date:{mid}-03..{mid + 1}-06", f"maritime date:{mid}"],
        "fuzzy": ["maritme~", f"{family[:-1]}~", "peacekeepng~"],
    }
    q.typed = typed
    q.rg = {
        "one word": [(["maritime"], False), (["peacekeeping"], False), (["demining"], False)],
        "two words": [(["maritime", "security"], False), (["disaster", "relief"], False)],
        "phrase": [
            (["maritime", "security"], True),
            (["defence", "policy", "dialogue"], True),
            (["disaster", "relief"], True),
        ],
        "name as typed": [([t[:k]], False) for t in typed for k in range(1, len(t) + 1)],
    }
    q.fts5 = {
        "one word": ["maritime", "peacekeeping", "demining", family],
        "two words": [
            baselines.fts5_match(["maritime", "security"]),
            baselines.fts5_match(["disaster", "relief"]),
        ],
        "phrase": [
            baselines.fts5_match(["maritime", "security"], phrase=True),
            baselines.fts5_match(["defence", "policy", "dialogue"], phrase=True),
            baselines.fts5_match(["disaster", "relief"], phrase=True),
        ],
        "name as typed": [
            baselines.fts5_match([t[:k]], prefix=True) for t in typed for k in range(1, len(t) + 1)
        ],
    }
    for cls, texts in q.classes.items():
        for text in texts:
            if cls == "name as typed":
                continue
            if search(index, text, limit=1).total == 0:
                raise SystemExit(f"the benchmark query {text!r} ({cls}) finds nothing")
    return q


# --------------------------------------------------------------------------------------------
# The measures


def _env(cache: Path, config: Path) -> dict[str, str]:
    return {"DRAGOMAN_CACHE_DIR": str(cache), "DRAGOMAN_CONFIG_DIR": str(config)}


def probe(what: str, root: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.probe", what, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=PROJECT,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"the {what} probe failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def timed(fn: Callable[[], object], runs: int, warm: int = 1) -> list[float]:
    for _ in range(warm):
        fn()
    values = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        values.append(time.perf_counter() - started)
    return values


def query_latencies(index: Any, queries: Queries, runs: int) -> dict[str, dict[str, Any]]:
    from dragoman.search.panes import search_panes
    from dragoman.search.results import search

    out: dict[str, dict[str, Any]] = {}
    for cls, texts in queries.classes.items():
        cli: list[float] = []
        panes: list[float] = []
        for text in texts:
            as_you_type = cls == "name as typed"
            cli += timed(lambda t=text, a=as_you_type: search(index, t, as_you_type=a), runs)
            panes += timed(lambda t=text: search_panes(index, t), runs)
        out[cls] = {"search": summary(cli), "panes": summary(panes), "queries": texts}
    return out


def keystrokes(root: Path, env: dict[str, str], queries: Queries, rounds: int) -> dict[str, Any]:
    """Keystroke to repainted panes in the app (Pilot, headless): each key of the names and of
    a two-word query, from the key press to the screen refresh after the new lists."""
    os.environ.update(env)
    from dragoman.app.app import DragomanApp

    painted: dict[int, float] = {}
    shown = asyncio.Event()  # set on each repaint after new lists

    class TimedApp(DragomanApp):
        CSS_PATH = str(
            Path(sys.modules[DragomanApp.__module__].__file__ or "").with_name("dragoman.tcss")
        )

        def _results_shown(self) -> None:
            super()._results_shown()
            serial = self.serial

            def mark() -> None:
                painted[serial] = time.perf_counter()
                shown.set()

            self.call_after_refresh(mark)

    async def repainted(app: DragomanApp) -> None:
        # awaited, not polled: a loop waking every millisecond would take the interpreter
        # from the search worker and be measured as the app's slowness
        while app.serial not in painted:
            shown.clear()
            await asyncio.wait_for(shown.wait(), timeout=60.0)

    async def drive() -> list[float]:
        app = TimedApp(root)
        values: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(lambda: app.index is not None and app.library is not None, pilot)
            await repainted(app)
            texts = [*queries.typed, "maritime security"]
            for _ in range(rounds):
                for text in texts:
                    for ch in text:
                        started = time.perf_counter()
                        await pilot.press(ch if ch != " " else "space")
                        await repainted(app)
                        values.append(painted[app.serial] - started)
                    await pilot.press("escape")  # clears the search bar
                    await repainted(app)
        return values

    values = asyncio.run(drive())
    return summary(values)


async def _until(condition: Callable[[], bool], pilot: Any, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(0.01)


def ensure_corpus(n: int, seed: int, work: Path, root: Path) -> dict[str, Any]:
    """A fresh copy of the corpus of ``n`` briefings for this run: generated once per seed and
    size (kept in ``work``), copied anew because the catch-up measures edit it."""
    pristine = work / f"pristine-{n}-seed{seed}"
    stamp = work / f"pristine-{n}-seed{seed}.json"
    if not stamp.exists():
        shutil.rmtree(pristine, ignore_errors=True)
        started = time.perf_counter()
        stats = corpus.generate(n, seed, pristine)
        facts = {**dataclasses.asdict(stats), "seconds_to_generate": time.perf_counter() - started}
        stamp.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(pristine, root)
    facts = json.loads(stamp.read_text(encoding="utf-8"))
    facts["megabytes"] = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 1e6
    return dict(facts)


def bench_size(n: int, work: Path, plan: Plan, app: bool, seed: int) -> dict[str, Any]:
    root = work / f"corpus-{n}-seed{seed}"
    config = work / "config"
    config.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"briefings": n, "seed": seed}
    log(f"{n:,} briefings: corpus")
    result["corpus"] = ensure_corpus(n, seed, work, root)

    log(f"{n:,} briefings: full build x{plan.builds}")
    builds = []
    cache = work / f"cache-{n}"
    for i in range(plan.builds):
        cache = work / f"cache-{n}-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        builds.append(probe("build", root, _env(cache, config)))
    result["documents"] = builds[-1]["documents"]
    result["build_seconds"] = summary([b["seconds"] for b in builds])
    result["build_peak_mb"] = summary([b["peak_mb"] for b in builds])
    result["index_mb"] = _size_mb(cache)
    env = _env(cache, config)

    log(f"{n:,} briefings: first answers on a folder never indexed")
    result["first_answer"] = first_answers.first_answers(root, work, _env(cache, config), app)

    log(f"{n:,} briefings: open with nothing changed x{plan.opens}")
    opens = [probe("open", root, env) for _ in range(plan.opens)]
    assert all(o["parsed"] == 0 and not o["rebuilt"] for o in opens)
    result["open_seconds"] = summary([o["seconds"] for o in opens])
    result["import_seconds"] = summary([o["import_seconds"] for o in opens])

    if app:
        log(f"{n:,} briefings: app start-up in a terminal x{plan.starts}")
        starts = [terminal.startup(root, env) for _ in range(plan.starts - 1)]
        starts.append(terminal.startup(root, env, query="maritime security"))
        result["first_paint"] = summary([s["first_paint"] for s in starts])
        result["first_results"] = summary([s["first_results"] for s in starts])
        result["app_rss_mb"] = starts[-1]["rss_mb"]
        result["app_peak_rss_mb"] = starts[-1]["peak_rss_mb"]

    log(f"{n:,} briefings: next start after changes x{plan.catch_ups} (1), x{plan.catch_ups_100}")
    ones, hundreds = [], []
    for i in range(plan.catch_ups):
        corpus.change_briefings(root, 1, seed=1000 + i)
        ones.append(probe("open", root, env))
    for i in range(plan.catch_ups_100):
        corpus.change_briefings(root, min(100, n), seed=2000 + i)
        hundreds.append(probe("open", root, env))
    result["start_after_1"] = summary([o["seconds"] for o in ones])
    result["start_after_100"] = summary([o["seconds"] for o in hundreds])

    log(f"{n:,} briefings: queries x{plan.query_runs}")
    os.environ.update(env)
    from dragoman.search.index import Index

    index, _ = Index.open(root)
    try:
        queries = pick_queries(index)
        result["queries"] = query_latencies(index, queries, plan.query_runs)
        log(f"{n:,} briefings: the analyst's views x{plan.opens}")
        result["views"] = views.view_latencies(index, plan.opens, timed, summary)
        result["facets"] = views.facet_latencies(index, queries.classes, plan.opens, timed, summary)
        result["cli_views"] = views.cli_views(
            root, env, result["views"]["picks"], max(1, plan.opens // 2), summary
        )
        log(f"{n:,} briefings: a 2,000-word article drafted x{plan.opens}")
        result["draft"] = drafting.speed(
            index.library, root, {**os.environ, **env}, work, plan.opens, summary
        )
        log(f"{n:,} briefings: catching up while running")
        result.update(catch_ups.running_catch_ups(index, root, n, plan, timed, summary))
        log(f"{n:,} briefings: five pulls of a fifth of the folder, while running")
        result["pulls"] = catch_ups.pulls(index, root, n, _size_mb(cache), _size_mb)
    finally:
        index.close()

    if app:
        log(f"{n:,} briefings: keystrokes in the app x{plan.typing_rounds}")
        result["keystroke"] = keystrokes(root, env, queries, plan.typing_rounds)

    log(f"{n:,} briefings: baselines")
    result["baselines"] = run_baselines(root, work, queries, plan)
    result["ratios"] = ratios(result)
    return result


def run_baselines(root: Path, work: Path, queries: Queries, plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if baselines.ripgrep():
        rg: dict[str, Any] = {}
        for cls, items in queries.rg.items():
            values: list[float] = []
            for words, phrase in items:
                values += timed(
                    lambda w=words, p=phrase: baselines.rg_seconds(root, w, phrase=p),
                    plan.rg_runs,
                )
            rg[cls] = summary(values)
        out["rg"] = rg
    else:
        out["rg"] = None
        log("ripgrep is not installed: no rg baseline (apt-get install ripgrep)")
    fts = baselines.Fts5(work / f"fts5-{root.name}.db")
    out["fts5_build_seconds"] = fts.build(root)
    fts.open()
    try:
        fts5: dict[str, Any] = {}
        for cls, matches in queries.fts5.items():
            values = []
            for match in matches:
                values += timed(lambda m=match: fts.query_seconds(m), plan.query_runs)
            fts5[cls] = summary(values)
        out["fts5"] = fts5
    finally:
        fts.close()
    return out


def ratios(result: dict[str, Any]) -> dict[str, Any]:
    """How many times faster dragoman's median query is than each baseline's, by class."""
    ours = {cls: v["search"]["median"] for cls, v in result["queries"].items()}
    out: dict[str, Any] = {}
    for name in ("rg", "fts5"):
        theirs = result["baselines"].get(name)
        if not theirs:
            continue
        per = {cls: theirs[cls]["median"] / ours[cls] for cls in theirs if cls in ours}
        common = [c for c in theirs if c in ours]
        overall = statistics.median([theirs[c]["median"] for c in common]) / statistics.median(
            [ours[c] for c in common]
        )
        out[name] = {"by_class": per, "median_query": overall}
    return out


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# The machine and the report


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma separated")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", type=Path, help="where corpora and caches go (kept)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--markdown", type=Path, help="rewrite the tables of this file")
    parser.add_argument("--quick", action="store_true", help="one or two runs of everything")
    parser.add_argument("--no-app", action="store_true", help="skip the measures of the app")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.gettempdir()) / "dragoman-bench"
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "targets": TARGETS,
        "sizes": {},
    }
    log("drafts of the two articles behind the bundled briefings")
    report["draft"] = {"seeds": drafting.seed_figures()}
    for n in sizes:
        plan = Plan.for_size(n, args.quick)
        report["sizes"][str(n)] = bench_size(n, work, plan, not args.no_app, args.seed)
    report["machine"]["load_average_at_end"] = os.getloadavg()
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    from benchmarks.report import markdown, rewrite

    tables = markdown(report)
    if args.markdown:
        rewrite(args.markdown, tables)
    print(tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
