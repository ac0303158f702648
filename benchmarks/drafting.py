"""``dragoman draft`` in the benchmark: how close the drafts of the two articles behind the
bundled briefings come to the briefings made by hand (recall and precision per kind, against a
library holding only the other briefing, and against an empty one), and how fast a 2,000-word
article is drafted against the corpus's library. JSON keys are stable: ``draft.seeds`` (per
article, per setup, per kind: ``recall``, ``precision``, ``drafted``, ``expected``) at the top
of the report; per size ``draft.words``, ``draft.gazetteer``, ``draft.drafting`` and
``draft.command`` (medians and p95s, seconds).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = PROJECT / "tests" / "data" / "articles"
BRIEFINGS = PROJECT / "briefings"
# each article, the briefing made by hand from it, and when it was published
SEEDS = {
    "kuala-lumpur": (
        ARTICLES / "000_ad252a842471562f.txt",
        BRIEFINGS / "2025-11-01-kuala-lumpur-asean-japan-idmm.yaml",
        "2025-11-02",
    ),
    "tokyo": (
        ARTICLES / "001_206f46c8eace23b9.txt",
        BRIEFINGS / "2024-tokyo-japan-asean-vice-ministerial-forum.yaml",
        "2024",
    ),
}
# about 2,400 words: both articles and a news agency's report, one after the other
LONG_ARTICLE = [SEEDS["kuala-lumpur"][0], SEEDS["tokyo"][0], ARTICLES / "agency-report.txt"]
TARGETS = {"people": 0.95, "countries": 0.95, "organizations": 0.80, "proposals": 0.70}
PRECISION = 0.70

Summary = Callable[[list[float]], dict[str, Any]]


def seed_figures() -> dict[str, Any]:
    """Per article, per setup (``other``: the library holds only the other hand-made
    briefing; ``empty``: no library), per kind: recall, precision and the counts."""
    from dragoman.draft.measure import measure

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed, (article, hand, published) in SEEDS.items():
            (other,) = (h for s, (_, h, _) in SEEDS.items() if s != seed)
            library = Path(tmp) / seed
            library.mkdir()
            shutil.copy(other, library / other.name)
            out[seed] = {}
            for setup, held in (("other", library), ("empty", None)):
                scores = measure(article, hand, held, published)
                out[seed][setup] = {
                    kind: {
                        "recall": round(s.recall, 4),
                        "precision": round(s.precision, 4),
                        "drafted": s.drafted,
                        "expected": s.expected,
                    }
                    for kind, s in scores.items()
                }
    return out


def speed(
    library: Any, root: Path, env: dict[str, str], work: Path, runs: int, summary: Summary
) -> dict[str, Any]:
    """The drafting of a 2,000-word article against ``library`` (the gazetteer built from it,
    then the draft), and ``dragoman draft`` on it end to end against ``root``'s index."""
    from dragoman.draft.compose import Options, draft_article
    from dragoman.draft.gazetteer import Gazetteer, normalise
    from dragoman.draft.reading import read_article

    path = work / "long-article.txt"
    path.write_text(
        "\n\n".join(p.read_text(encoding="utf-8") for p in LONG_ARTICLE), encoding="utf-8"
    )
    article = read_article(path)
    gazetteers, drafts = [], []
    for _ in range(runs):
        normalise.cache_clear()
        started = time.perf_counter()
        gazetteer = Gazetteer.from_library(library)
        gazetteers.append(time.perf_counter() - started)
        started = time.perf_counter()
        draft_article(article, gazetteer, Options(published="2025-11-02"))
        drafts.append(time.perf_counter() - started)
    commands = []
    command = [sys.executable, "-m", "dragoman.cli", "draft", str(path), "--path", str(root)]
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, check=False, cwd=PROJECT)
        commands.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"dragoman draft failed:\n{done.stderr.decode()}")
    return {
        "words": len(path.read_text(encoding="utf-8").split()),
        "gazetteer": summary(gazetteers),
        "drafting": summary(drafts),
        "command": summary(commands),
    }


def met(figures: dict[str, Any]) -> bool:
    """Whether the figures against the other briefing meet the targets of docs/draft.md."""
    for by_setup in figures.values():
        scores = by_setup["other"]
        if any(scores[kind]["recall"] < target for kind, target in TARGETS.items()):
            return False
        if any(s["precision"] < PRECISION for s in scores.values()):
            return False
    return True
