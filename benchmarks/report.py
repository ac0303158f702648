"""The benchmark's results as Markdown tables, written into docs/performance.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
TARGET_SIZE = "10000"


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.1f} ms" if ms < 100 else f"{ms:,.0f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:,.2f} s"


def _verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "met" if value <= target else "**missed**"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    targets = report["targets"]
    lines = [
        f"Run on {report['date']}: {m['cpu'] or 'unknown CPU'}, {m['cores']} cores, "
        f"{m['memory_gb']} GB, Python {m['python']}, {m['system']}; load average "
        f"{m['load_average_at_start'][0]:.2f} at the start, "
        f"{m.get('load_average_at_end', (0,))[0]:.2f} at the end.",
        "",
    ]
    if "draft" in report:
        lines += _draft_seeds(report["draft"]["seeds"])
    for size, r in report["sizes"].items():
        at_target = size == TARGET_SIZE

        def target(key: str, at_target: bool = at_target) -> float | None:
            return targets[key] if at_target else None

        c = r["corpus"]
        lines += [
            f"### {int(size):,} briefings",
            "",
            f"Corpus: seed {r['seed']}, {c.get('megabytes', 0):.1f} MB of YAML, "
            f"{r['documents']:,} documents in the index ({r['index_mb']:.0f} MB on disk).",
            "",
            "| measure | median | p95 | target | |",
            "|---|---|---|---|---|",
        ]

        def row(
            label: str,
            data: dict[str, Any],
            key: str | None,
            fmt: Any = _ms,
            lines: list[str] = lines,
            target: Any = target,
        ) -> None:
            goal = target(key) if key else None
            judged = data["p95"] if key and key.endswith("p95") else data["median"]
            lines.append(
                f"| {label} | {fmt(data['median'])} | {fmt(data['p95'])} | "
                f"{fmt(goal) if goal is not None else ''} | {_verdict(judged, goal)} |"
            )

        row("full index build", r["build_seconds"], "build_seconds", _s)
        row("full build, peak memory", r["build_peak_mb"], "build_peak_mb", _mb)
        row("open, nothing changed (after the import)", r["open_seconds"], None)
        row("import of dragoman's index", r["import_seconds"], None)
        if "first_paint" in r:
            row("app start-up: first paint (real terminal)", r["first_paint"], "first_paint")
            row("app start-up: first results (real terminal)", r["first_results"], "first_results")
        if "first_answer" in r:
            f = r["first_answer"]
            built = f["background_build"]
            searched = f["cli_searched"]
            if f.get("app") is not None:
                lines.append(
                    f"| folder never indexed: app's first results, during its build "
                    f"(real terminal) | {f['app']:.2f} | | 5.00 | {_verdict(f['app'], 5.0)} |"
                )
            lines.append(
                "| folder never indexed: `dragoman search` answers"
                + (f" (from {searched:,} briefings)" if searched else "")
                + (f"; its background build ended after {built:.0f} s" if built else "")
                + f" | {f['cli']:.2f} | | 5.00 | {_verdict(f['cli'], 5.0)} |"
            )
        if "look_unchanged" in r:
            row("running app: a look at the files, nothing changed", r["look_unchanged"], None)
        row("running app: catch up, 1 briefing changed", r["catch_up_1"], "catch_up_1")
        row("running app: catch up, 100 briefings changed", r["catch_up_100"], None, _s)
        if "tidy" in r:
            row("running app: merging small segments, after a catch-up", r["tidy"], None)
        if "pulls" in r:
            p = r["pulls"]
            times = ", ".join(f"{t:.1f}" for t in p["seconds"])
            memory = " → ".join(f"{m:.0f}" for m in [p["start_rss_mb"], *p["rss_mb"]])
            sizes = " → ".join(f"{m:.0f}" for m in [p["fresh_index_mb"], *p["index_mb"]])
            lines.append(
                f"| running app: five pulls of a fifth of the folder (s each: {times}); "
                f"memory {memory} MB; index {sizes} MB | {p['rss_ratio'] or 0:.2f}× memory | "
                f"{p['index_ratio'] or 0:.2f}× index | 1.5× | "
                f"{_verdict(max(p['rss_ratio'] or 0, p['index_ratio'] or 0), 1.5)} |"
            )
        if "draft" in r:
            d = r["draft"]
            goal = 2.0 if at_target else None
            row(f"draft a {d['words']:,}-word article: the gazetteer", d["gazetteer"], None)
            row(f"draft a {d['words']:,}-word article: the drafting", d["drafting"], None)
            lines.append(
                f"| draft a {d['words']:,}-word article: `dragoman draft`, end to end | "
                f"{_s(d['command']['median'])} | {_s(d['command']['p95'])} | "
                f"{_s(goal) if goal else ''} | {_verdict(d['command']['median'], goal)} |"
            )
        if "start_after_1" in r:
            row("next start: open after 1 briefing changed", r["start_after_1"], None, _s)
            row("next start: open after 100 briefings changed", r["start_after_100"], None, _s)
        if "keystroke" in r:
            row("keystroke to repainted panes (app)", r["keystroke"], "keystroke_p95")
        if "app_rss_mb" in r:
            goal = target("app_mb")
            lines.append(
                f"| app memory after first results / peak after a query | "
                f"{r['app_rss_mb']:.0f} MB | {r['app_peak_rss_mb']:.0f} MB | "
                f"{_mb(goal) if goal else ''} | {_verdict(r['app_peak_rss_mb'], goal)} |"
            )
        lines += [
            "",
            "Query latency by class: `search` as `dragoman search` runs it (the total and the "
            "best 20 with snippets) and `panes` as the app runs it on each keystroke (every "
            "list, titles only).",
            "",
            "| class | search median | search p95 | panes median | panes p95 | target p95 | |",
            "|---|---|---|---|---|---|---|",
        ]
        for cls, q in r["queries"].items():
            goal = target("fuzzy_p95" if cls == "fuzzy" else "query_p95")
            worst = max(q["search"]["p95"], q["panes"]["p95"])
            lines.append(
                f"| {cls} | {_ms(q['search']['median'])} | {_ms(q['search']['p95'])} | "
                f"{_ms(q['panes']['median'])} | {_ms(q['panes']['p95'])} | "
                f"{_ms(goal) if goal else ''} | {_verdict(worst, goal)} |"
            )
        lines.append("")
        queries = "; ".join(
            f"{cls}: " + ", ".join(f"`{t}`" for t in q["queries"])
            for cls, q in r["queries"].items()
        )
        lines += [f"Queries: {queries}.", ""]
        lines += _views(r, target)
        b = r["baselines"]
        ratios = r["ratios"]
        lines += [
            "Baselines on the same files, same run (ratio: their median over dragoman's "
            "`search` median; higher is better for dragoman).",
            "",
            "| class | dragoman | `rg -i` | ratio | SQLite FTS5 | ratio |",
            "|---|---|---|---|---|---|",
        ]
        for cls, q in r["queries"].items():
            rg = (b.get("rg") or {}).get(cls)
            fts = (b.get("fts5") or {}).get(cls)
            rg_ratio = ratios.get("rg", {}).get("by_class", {}).get(cls)
            fts_ratio = ratios.get("fts5", {}).get("by_class", {}).get(cls)
            cells = [
                _ms(q["search"]["median"]),
                _ms(rg["median"]) if rg else "—",
                _ratio(rg_ratio),
                _ms(fts["median"]) if fts else "—",
                _ratio(fts_ratio),
            ]
            lines.append(f"| {cls} | " + " | ".join(cells) + " |")
        if "rg" in ratios:
            overall = ratios["rg"]["median_query"]
            goal = target("rg_ratio")
            verdict = ""
            if goal:
                verdict = " (target ≥ 20x: " + ("met" if overall >= goal else "**missed**") + ")"
            lines += ["", f"Median query against `rg -i`: {_ratio(overall)}{verdict}."]
        if "fts5" in ratios:
            lines += [
                f"Against FTS5: {_ratio(ratios['fts5']['median_query'])} (its build: "
                f"{_s(b['fts5_build_seconds'])}; it has no filters, dates, fuzzy or ranking "
                "by names, and finds files, not people or proposals)."
            ]
        lines.append("")
    return "\n".join(lines)


def _views(r: dict[str, Any], target: Any) -> list[str]:
    """The analyst's views: computed in the app's process, facets, and the CLI as a process."""
    if "views" not in r:
        return []
    lines = [
        "The analyst's views, computed from the library in memory (as the app does), facets on "
        "top of a search, and each CLI view as a whole process with the index warm.",
        "",
        "| view | median | p95 | target | |",
        "|---|---|---|---|---|",
    ]
    for name, data in r["views"].items():
        if name == "picks":
            continue
        goal = target("view_seconds")
        lines.append(
            f"| {name} | {_ms(data['median'])} | {_ms(data['p95'])} | "
            f"{_ms(goal) if goal else ''} | {_verdict(data['median'], goal)} |"
        )
    for cls, data in (r.get("facets") or {}).items():
        goal = target("facets_seconds")
        lines.append(
            f"| facets, {cls} | {_ms(data['median'])} | {_ms(data['p95'])} | "
            f"{_ms(goal) if goal else ''} | {_verdict(data['median'], goal)} |"
        )
    for name, data in (r.get("cli_views") or {}).items():
        if "median" not in data:
            lines.append(f"| `dragoman {name}` | failed | | | |")
            continue
        goal = target("cli_view_seconds")
        lines.append(
            f"| `dragoman {name}` (process) | {_s(data['median'])} | {_s(data['p95'])} | "
            f"{_s(goal) if goal else ''} | {_verdict(data['median'], goal)} |"
        )
    picks = r["views"].get("picks", {})
    lines += [
        "",
        f"Parties: the busiest country {picks.get('country')}, the pair "
        f"{picks.get('pair_a')}–{picks.get('pair_b')}, the busiest person {picks.get('person')}.",
        "",
    ]
    return lines


def _ratio(value: float | None) -> str:
    """How many times faster dragoman is: "12x", "1.4x", "0.3x" (slower), or a dash."""
    if not value:
        return "—"
    return f"{value:,.0f}x" if value >= 10 else f"{value:.1f}x"


def _mb(value: float) -> str:
    return f"{value:,.0f} MB"


def rewrite(path: Path, tables: str) -> None:
    """Put ``tables`` between the markers of ``path`` (appended with markers if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{tables.rstrip()}\n{END}"
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")


def _draft_seeds(seeds: dict[str, Any]) -> list[str]:
    """Recall and precision of the drafts of the two articles behind the bundled briefings,
    per kind: against a library holding only the other briefing, then an empty one."""
    from benchmarks.drafting import PRECISION, TARGETS

    lines = [
        "### `dragoman draft` against the briefings made by hand",
        "",
        "Each article behind a bundled briefing, drafted against a library holding only the "
        "other bundled briefing (and, in brackets, against an empty library), compared with "
        "the briefing made by hand from it: recall / precision per kind.",
        "",
        "| kind | " + " | ".join(seeds) + " | target |",
        "|---|" + "---|" * len(seeds) + "---|",
    ]
    kinds = next(iter(seeds.values()))["other"]
    for kind in kinds:
        cells = []
        for by_setup in seeds.values():
            fair, empty = by_setup["other"][kind], by_setup["empty"][kind]
            cells.append(
                f"{fair['recall']:.0%} / {fair['precision']:.0%} "
                f"({empty['recall']:.0%} / {empty['precision']:.0%})"
            )
        goal = TARGETS.get(kind)
        aim = f"≥ {goal:.0%} / ≥ {PRECISION:.0%}" if goal else f"— / ≥ {PRECISION:.0%}"
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {aim} |")
    return [*lines, ""]
