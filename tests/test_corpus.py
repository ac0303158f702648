"""The benchmark corpus generator: valid, deterministic and shaped like real briefings."""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.corpus import CorpusStats, change_briefings, generate
from benchmarks.corpus import main as corpus_main

from dragoman.library.library import Library, load_library
from dragoman.library.model import Entity

Run = Callable[..., tuple[int, str, str]]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def _check(run_cli: Run, root: Path) -> dict[str, object]:
    code, out, err = run_cli("check", root, "--json")
    report = json.loads(out)
    assert isinstance(report, dict)
    problems = [f"{d['code']}: {d['message']}" for d in report["diagnostics"]]
    assert (code, err, report["errors"], report["warnings"]) == (0, "", 0, 0), problems[:5]
    return report


def _people(library: Library) -> list[Entity]:
    return [e for e in library.entities.values() if e.kind == "person"]


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


@pytest.fixture(scope="module")
def corpus_300(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CorpusStats, Library]:
    root = tmp_path_factory.mktemp("corpus") / "c300"
    stats = generate(300, 11, root)
    return root, stats, load_library(root)


def test_a_small_corpus_checks_clean(run_cli: Run, tmp_path: Path) -> None:
    root = tmp_path / "out" / "corpus"  # created with its parents
    stats = generate(60, 3, root)
    report = _check(run_cli, root)
    assert report["files"] == stats.files == 60
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert counts["briefings"] == 60
    assert (counts["people"], counts["organizations"]) == (stats.people, stats.organizations)
    assert (counts["events"], counts["proposals"]) == (stats.events, stats.proposals)
    # one folder per year, the file named by the briefing id
    for path in root.rglob("*.yaml"):
        assert path.parent.name == path.name[:4]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first = generate(40, 5, tmp_path / "a")
    second = generate(40, 5, tmp_path / "b")
    other = generate(40, 6, tmp_path / "c")
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len(a) == 40
    assert a == b
    assert a != c
    assert [f.name for f in (tmp_path / "a").rglob("*")] == [
        f.name for f in (tmp_path / "b").rglob("*")
    ]
    same = {k: v for k, v in vars_of(first).items() if k != "seconds"}
    assert same == {k: v for k, v in vars_of(second).items() if k != "seconds"}
    assert vars_of(other) != vars_of(first)


def vars_of(stats: CorpusStats) -> dict[str, object]:
    return {name: getattr(stats, name) for name in CorpusStats.__dataclass_fields__}


def test_a_corpus_of_300_checks_clean_and_matches_its_stats(
    run_cli: Run, corpus_300: tuple[Path, CorpusStats, Library]
) -> None:
    root, stats, library = corpus_300
    _check(run_cli, root)
    assert stats.people == sum(1 for _ in _people(library))
    assert 50 <= stats.people <= 80  # about n/5
    top = library.entities[stats.top_person_id]
    assert top.name == stats.top_person_name
    assert len(top.declarations) == stats.top_person_briefings
    assert len(library.entities[stats.rare_person_id].declarations) == 1
    thai = library.entities[stats.thai_person_id]
    assert _is_thai(thai.name) and stats.thai_person_alias in thai.items("aliases")
    texts = [b.text("text") or "" for b in library.briefings.values()]
    assert sum(stats.common_phrase in t.lower() for t in texts) > 30
    assert sum(stats.common_word in t.lower() for t in texts) > 30
    dates = sorted(b.date.key for b in library.briefings.values())
    assert str(library.briefings[stats.sample_briefing_id].date) == stats.first_date
    assert dates[0][0] == int(stats.first_date[:4]) and dates[-1][0] == int(stats.last_date[:4])
    statuses = [h.value for h in library.entities[stats.proposal_id].history("status")]
    assert statuses == list(stats.proposal_statuses)


def test_appearances_have_a_heavy_tail(corpus_300: tuple[Path, CorpusStats, Library]) -> None:
    _root, _stats, library = corpus_300
    counts = sorted(len(p.declarations) for p in _people(library))
    assert counts[-1] >= 10 * statistics.median(counts)
    assert counts[0] <= 3


def test_names_are_written_as_sources_write_them(
    corpus_300: tuple[Path, CorpusStats, Library],
) -> None:
    _root, _stats, library = corpus_300
    people = _people(library)
    accented = [p for p in people if p.text("country") == "VN" and not p.name.isascii()]
    assert accented, "no Vietnamese names with diacritics"
    assert all(unicodedata.is_normalized("NFC", p.name) for p in people)
    thai = [p for p in people if _is_thai(p.name)]
    assert thai, "no names in Thai script"
    for p in thai:
        aliases = p.items("aliases")
        assert aliases and aliases[0].isascii()
    japanese = [p for p in people if p.text("country") == "JP"]
    assert any(not p.name.isascii() for p in japanese)  # macrons
    assert all(p.items("aliases") for p in japanese)
    families = [p.name.split()[0] for p in people if p.text("country") == "VN"]
    assert len(set(families)) < len(families)  # family names are shared, ids are not


def test_events_form_follows_chains_and_part_of_trees(
    corpus_300: tuple[Path, CorpusStats, Library],
) -> None:
    _root, stats, library = corpus_300
    events = {e.id: e for e in library.entities.values() if e.kind == "event"}

    def chain_length(event: Entity) -> int:
        length = 1
        while (before := event.text("follows")) in events:
            event, length = events[before], length + 1
        return length

    assert max(chain_length(e) for e in events.values()) >= 5
    assert chain_length(events[stats.longest_chain[-1]]) == len(stats.longest_chain) >= 5
    parts = [e for e in events.values() if e.text("part_of")]
    assert parts and all(e.text("part_of") in events for e in parts)
    orgs = [e for e in library.entities.values() if e.kind == "organization"]
    assert any(o.text("part_of") for o in orgs)


def test_proposals_move_through_statuses(corpus_300: tuple[Path, CorpusStats, Library]) -> None:
    _root, _stats, library = corpus_300
    proposals = [e for e in library.entities.values() if e.kind == "proposal"]
    moved = [p for p in proposals if len({h.value for h in p.history("status")}) >= 2]
    assert moved
    assert {p.text("status") for p in proposals} >= {"proposed", "agreed", "done"}


def test_texts_and_dates_look_like_real_briefings(
    corpus_300: tuple[Path, CorpusStats, Library],
) -> None:
    _root, _stats, library = corpus_300
    briefings = list(library.briefings.values())
    words = [len((b.text("text") or "").split()) for b in briefings]
    assert min(words) >= 300 and max(words) <= 1500
    precisions = [b.date.precision for b in briefings]
    assert precisions.count("day") > len(briefings) / 2
    assert precisions.count("month") > 0 and precisions.count("year") > 0
    years = {b.date.year for b in briefings}
    assert min(years) <= 2007 and max(years) >= 2024
    joined = " ".join(b.text("text") or "" for b in briefings).lower()
    for word in ("maritime security", "disaster relief", "peacekeeping", "defence policy dialogue"):
        assert word in joined
    assert "lorem" not in joined and "person 1" not in joined


def test_change_briefings_edits_and_stays_clean(run_cli: Run, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    generate(80, 9, root)
    before = _files(root)
    changed = change_briefings(root, 10, seed=1)
    assert len(changed) == 10
    after = _files(root)
    assert sorted(after) == sorted(before)
    keys = [p.relative_to(root).as_posix() for p in changed]
    assert all(after[k] != before[k] for k in keys)
    assert all(after[k] == before[k] for k in after if k not in keys)
    for _ in range(5):  # repeated edits: texts stay within bounds, check stays clean
        change_briefings(root, 40, seed=2)
    _check(run_cli, root)
    library = load_library(root)
    assert max(len((b.text("text") or "").split()) for b in library.briefings.values()) <= 1500
    # the same seed edits the same files the same way
    copy = tmp_path / "copy"
    generate(80, 9, copy)
    change_briefings(copy, 10, seed=1)
    assert [p.name for p in change_briefings(copy, 3, seed=4)] == [
        p.name for p in change_briefings(root, 3, seed=4)
    ]


def test_the_command_line_refuses_a_non_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert corpus_main(["--briefings", "20", "--seed", "1", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("wrote 20 briefings") and "MB" in line and len(line.splitlines()) == 1
    assert corpus_main(["--briefings", "20", "--seed", "2", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    notes = out / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    mine = out / "mine.yaml"
    mine.write_text("id: mine\ntitle: Mine\ndate: 2024\n", encoding="utf-8")
    assert corpus_main(["--briefings", "20", "--seed", "2", "--force", str(out)]) == 0
    assert notes.read_text(encoding="utf-8") == "keep me"
    assert mine.exists()  # not written by the generator: kept
    generated = [p for p in out.rglob("*.yaml") if p != mine]
    assert len(generated) == 20
    mine.unlink()
    fresh = tmp_path / "fresh"
    generate(20, 2, fresh)
    assert _files(out) == _files(fresh)
