"""Hostile conditions for the index and the loader: killed mid-write, a full disk, files that
are loops, pipes, unreadable or changing while they are read, an index damaged while in use.

The YAML files are the truth: whatever happens to the cache, the next start must give what a
build from nothing gives, and nothing a folder holds may crash or hang dragoman.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import dragoman.library.library
import dragoman.search.scan
from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.loader import find_briefing_files
from dragoman.cli import main
from dragoman.library.library import load_library
from dragoman.search.index import Index
from dragoman.search.report import IndexReport
from dragoman.search.results import search
from dragoman.search.storage.cache import _Lock
from fault_fixtures import (
    CorpusFingerprint,
    as_json,
    corpus_fingerprint,
    fill_disk,
    fresh_corpus_fingerprint,
    generated_name,
    generations,
    only_folder,
    small_disk,
    unprivileged_prefix,
    write_generated,
    write_generated_library,
)
from search_fixtures import (
    BANGKOK,
    HANOI,
    KUALA_LUMPUR,
    KUALA_LUMPUR_BRIEFING,
    cache_env,
    write_briefing,
    write_corpus,
)
from test_index import fingerprint, fresh_fingerprint

TESTS = Path(__file__).resolve().parent
SEED = 20251123


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
    return cache


# ============================================================================================
# 1. Killed at any moment while indexing
#
# A "zygote" process imports dragoman once and forks one worker per run, so a run starts in a
# millisecond and many kills fit in a few seconds. A worker reports the points it passes
# ("AT <pid> <point>"); told to hold at a point it stops there until it is killed, so a kill
# lands exactly between two steps of the write. Random kills land anywhere, mid-step too.
# The zygote reaps a worker only when asked, so its pid cannot be reused before the kill.

ZYGOTE = textwrap.dedent(
    r"""
    import json, os, sys, time, traceback
    from pathlib import Path

    sys.path.insert(0, sys.argv[2])
    import whoosh.writing
    import dragoman.search.build
    import dragoman.search.catchup
    import dragoman.search.index
    import dragoman.search.scan
    import dragoman.search.storage.cache
    import dragoman.search.storage.manifest
    import dragoman.search.storage.state
    from dragoman.search.index import Index
    from fault_fixtures import corpus_fingerprint

    root = Path(sys.argv[1])


    def say(line):
        os.write(1, (line + "\n").encode())


    def point(name, hold):
        say(f"AT {os.getpid()} {name}")
        if name == hold:
            while True:
                time.sleep(60)


    # the index's modules: a name is replaced in each module that uses it
    MODULES = (
        dragoman.search.storage.cache,
        dragoman.search.storage.manifest,
        dragoman.search.storage.state,
        dragoman.search.scan,
        dragoman.search.build,
        dragoman.search.catchup,
        dragoman.search.index,
    )


    def patch(name, value):
        for module in MODULES:
            if name in vars(module):
                setattr(module, name, value)


    def install(hold):
        cache, state, catchup = (
            dragoman.search.storage.cache, dragoman.search.storage.state, dragoman.search.catchup
        )
        real_atomic, real_remove = cache._atomic_write, cache._remove
        real_commit, real_replace = whoosh.writing.SegmentWriter.commit, os.replace

        def atomic(path, *parts):
            tag = "state" if path.name == "state.pickle" else "current"
            point(f"{tag}-before", hold)
            real_atomic(path, *parts)
            point(f"{tag}-after", hold)

        def commit(self, *args, **kwargs):
            point("commit-before", hold)
            real_commit(self, *args, **kwargs)
            point("commit-after", hold)

        real_append = state._append

        def append(path, offset, data):
            point("journal-before", hold)
            if hold == "journal-torn":  # killed halfway through writing an entry
                real_append(path, offset, data[: len(data) // 2])
                point("journal-torn", hold)
            real_append(path, offset, data)
            point("journal-after", hold)

        def remove(path):
            point("sweep-before", hold)
            real_remove(path)
            point("sweep-after", hold)

        def replace(src, dst, **kwargs):
            point(f"replace-{Path(dst).name}", hold)
            real_replace(src, dst, **kwargs)

        real_update, real_rebuild = catchup._update, catchup._rebuild

        def update(*args, **kwargs):
            point("in-update", hold)
            return real_update(*args, **kwargs)

        def rebuild(*args, **kwargs):
            point("in-rebuild", hold)
            return real_rebuild(*args, **kwargs)

        patch("_atomic_write", atomic), patch("_remove", remove), patch("_append", append)
        # every catch-up appends to the journal (folding it is a whole write, as a rebuild's,
        # whose points are killed in the rebuilds)
        patch("JOURNAL_FILES", 10**9)
        patch("_update", update), patch("_rebuild", rebuild)
        whoosh.writing.SegmentWriter.commit = commit
        os.replace = replace


    def run(command):
        hold = command.get("hold")
        install(hold)
        def progress(done, total, what):
            if what == "reading briefings":  # a point before each file is read
                point(f"scan-{done}", hold)
        point("start", hold)
        index, report = Index.open(
            root, rebuild=command["mode"] == "rebuild", progress=progress
        )
        out = {"summary": report.summary(), "rebuilt": report.rebuilt}
        if command.get("verify"):
            out["fingerprint"] = corpus_fingerprint(index)
        index.close()
        say(f"DONE {os.getpid()} " + json.dumps(out))


    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "run":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    run(command)
                except BaseException as exc:
                    text = "".join(traceback.format_exception(exc))
                    say(f"ERROR {os.getpid()} " + json.dumps(text))
                    code = 1
                os._exit(code)
            say(f"STARTED {pid}")
        elif command["op"] == "reap":
            _, status = os.waitpid(command["pid"], 0)
            say(f"REAPED {command['pid']} {os.waitstatus_to_exitcode(status)}")
    """
)


@dataclass
class Run:
    """What one worker did: the points it passed, whether it was killed, what it reported."""

    pid: int
    points: list[str] = field(default_factory=list)
    done: dict[str, Any] | None = None
    exit_code: int | None = None

    @property
    def killed(self) -> bool:
        return self.exit_code == -signal.SIGKILL


class Zygote:
    def __init__(self, root: Path, cache: Path) -> None:
        env = {**os.environ, "DRAGOMAN_CACHE_DIR": str(cache)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE, str(root), str(TESTS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("EOF")

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def next_line(self, deadline: float) -> str:
        try:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError("the worker went quiet") from None
        assert line != "EOF", "the zygote died"
        if line.startswith("ERROR "):
            raise AssertionError("a worker failed:\n" + json.loads(line.split(" ", 2)[2]))
        return line

    def start(self, mode: str, *, hold: str | None = None, verify: bool = False) -> Run:
        self.send(op="run", mode=mode, hold=hold, verify=verify)
        deadline = time.monotonic() + 30
        while not (line := self.next_line(deadline)).startswith("STARTED "):
            pass
        return Run(int(line.split()[1]))

    def follow(self, run: Run, until: str | None, timeout: float = 30) -> bool:
        """Read what ``run`` reports until it passes the point ``until`` (True) or is done."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.next_line(deadline)
            kind, pid, rest = [*line.split(" ", 2), ""][:3]
            if int(pid) != run.pid:
                continue
            if kind == "AT":
                run.points.append(rest)
                if rest == until:
                    return True
            elif kind == "DONE":
                run.done = json.loads(rest)
                return False

    def reap(self, run: Run) -> None:
        self.send(op="reap", pid=run.pid)
        deadline = time.monotonic() + 30
        while True:
            line = self.next_line(deadline)
            if line.startswith(f"REAPED {run.pid} "):
                run.exit_code = int(line.split()[2])
                return
            if line.startswith(f"AT {run.pid} "):
                run.points.append(line.split(" ", 2)[2])
            if line.startswith(f"DONE {run.pid} "):
                run.done = json.loads(line.split(" ", 2)[2])

    def kill(self, run: Run) -> None:
        # The zygote has not reaped it: the pid is still this worker's (maybe a zombie).
        os.kill(run.pid, signal.SIGKILL)
        self.reap(run)

    def complete(self, mode: str, *, verify: bool = False) -> Run:
        run = self.start(mode, verify=verify)
        assert not self.follow(run, None)
        self.reap(run)
        assert run.exit_code == 0 and run.done is not None
        return run

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck zygote
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def zygote(root: Path, cache: Path) -> Iterator[Zygote]:
    z = Zygote(root, cache)
    try:
        yield z
    finally:
        z.close()


LIBRARY_SIZE = 30

# Points between two steps of a write, each killed at once in each mode it is reached in.
REBUILD_POINTS = [
    "scan-1",
    "scan-10",
    "commit-before",
    "commit-after",
    "state-before",
    "replace-state.pickle",
    "state-after",
    "current-before",
    "replace-CURRENT",
    "current-after",
    "sweep-before",
    "sweep-after",
]
UPDATE_POINTS = [
    "scan-1",
    "commit-before",
    "commit-after",
    "journal-before",  # a catch-up appends what changed to the journal
    "journal-torn",
    "journal-after",
]
RANDOM_KILLS = 5  # in each mode


class Edits:
    """Seeded edits of the generated library: every batch changes a briefing (so a catch-up has
    documents to write), and may add, delete and rename others."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.revisions = dict.fromkeys(range(LIBRARY_SIZE), 0)
        self.names = {n: generated_name(n) for n in range(LIBRARY_SIZE)}
        self.version = 0

    def apply(self) -> None:
        self.version += 1
        actions = ["change"] + [
            self.rng.choice(["change", "add", "delete", "rename"])
            for _ in range(self.rng.randint(0, 3))
        ]
        for action in actions:
            present = sorted(self.names)
            number = self.rng.choice(present)
            if action == "change":
                self.revisions[number] += 1
                write_generated(self.root, number, self.revisions[number], self.names[number])
            elif action == "add":
                new = max(self.revisions) + 1
                self.revisions[new] = 0
                self.names[new] = generated_name(new)
                write_generated(self.root, new)
            elif action == "delete" and len(present) > 15:
                (self.root / self.names.pop(number)).unlink()
            elif action == "rename":
                new_name = f"renamed-{self.version}-{number}.yaml"
                (self.root / self.names[number]).rename(self.root / new_name)
                self.names[number] = new_name


def test_killed_at_any_moment_the_next_start_gives_a_fresh_builds_results(
    tmp_path: Path, isolated_cache: Path
) -> None:
    """SIGKILL while building and while catching up, 20+ times: each next start is complete.

    Rebuilds are killed at every step boundary and at random moments, often one kill after
    another; catch-ups after edits are killed the same way (a start runs to its end before
    each, so the kill lands in a real catch-up). After every fourth kill, and at the end, the
    next start's results must be those of a build from nothing; after every kill the lock is
    free, and generations never outnumber the kills since the last completed rebuild.
    """
    rng = random.Random(SEED)
    root = write_generated_library(tmp_path / "briefings", LIBRARY_SIZE)
    edits = Edits(root, rng)
    references: dict[int, CorpusFingerprint] = {}

    def reference() -> CorpusFingerprint:
        if edits.version not in references:
            fresh = fresh_corpus_fingerprint(root, tmp_path / "fresh")
            references[edits.version] = as_json(fresh)
        return references[edits.version]

    leaked = 0  # killed runs since the last completed rebuild: each may leave a generation

    with zygote(root, isolated_cache) as z:

        def next_start(verify: bool) -> None:
            nonlocal leaked
            run = z.complete("open", verify=verify)
            assert run.done is not None
            if verify:
                assert run.done["fingerprint"] == reference(), run.done["summary"]
            if run.done["rebuilt"]:
                leaked = 0
            assert len(generations(folder)) <= 1 + leaked, "generations pile up"

        def timed(mode: str) -> float:
            started = time.monotonic()
            z.complete(mode)
            return time.monotonic() - started

        z.complete("rebuild")
        folder = only_folder(isolated_cache)
        next_start(verify=True)
        build_time = timed("rebuild")
        edits.apply()
        update_time = timed("open")

        plan: list[tuple[str, str | None, float]] = []
        plan += [("rebuild", p, 0.0) for p in REBUILD_POINTS]
        plan += [("update", p, 0.0) for p in UPDATE_POINTS]
        plan += [("rebuild", None, rng.uniform(0, build_time)) for _ in range(RANDOM_KILLS)]
        plan += [("update", None, rng.uniform(0, update_time)) for _ in range(RANDOM_KILLS)]
        rng.shuffle(plan)

        kills = 0
        for number, (mode, hold, delay) in enumerate(plan):
            if mode == "update":
                next_start(verify=False)  # the index is whole: what follows is a catch-up
                edits.apply()
            run = z.start("rebuild" if mode == "rebuild" else "open", hold=hold)
            if hold is not None:
                assert z.follow(run, hold), f"{mode} never reached {hold}: {run.points}"
            else:
                z.follow(run, "start")
                time.sleep(delay)  # the random moment of the kill is the point of the test
            z.kill(run)
            kills += run.killed
            leaked += run.killed
            assert run.killed or hold is None, run
            if mode == "update" and run.killed:
                assert "in-rebuild" not in run.points, run.points  # it was a catch-up
            # the lock died with the worker: nobody holds it now
            lock = _Lock(folder / "lock")
            assert lock.acquire(wait=False), "the lock stayed held after the kill"
            lock.release()
            if number % 4 == 3:  # else the next kill lands on what this one left
                next_start(verify=True)

        assert kills >= 20, f"only {kills} kills landed"
        index, _ = Index.open(root)
        try:
            assert as_json(corpus_fingerprint(index)) == reference()
        finally:
            index.close()
        # a completed rebuild leaves exactly one generation, whatever the kills left behind
        z.complete("rebuild")
        assert len(generations(folder)) == 1, sorted(p.name for p in folder.iterdir())
        lock = _Lock(folder / "lock")
        assert lock.acquire(wait=False)
        lock.release()


@pytest.mark.parametrize("hold", ["commit-after", "state-after", "current-after"])
def test_a_killed_rebuild_leaves_no_generation_behind_after_the_next_start(
    tmp_path: Path, isolated_cache: Path, hold: str
) -> None:
    root = write_generated_library(tmp_path / "briefings", 12)
    with zygote(root, isolated_cache) as z:
        z.complete("rebuild")
        run = z.start("rebuild", hold=hold)
        assert z.follow(run, hold)
        z.kill(run)
        assert run.killed
        z.complete("open")  # the next start: up to date, nothing to rebuild
    folder = only_folder(isolated_cache)
    current = (folder / "CURRENT").read_text()
    assert [p.name for p in generations(folder)] == [current]


def test_a_kill_mid_swap_leaves_no_temporary_file_behind(
    tmp_path: Path, isolated_cache: Path
) -> None:
    root = write_generated_library(tmp_path / "briefings", 5)
    with zygote(root, isolated_cache) as z:
        run = z.start("rebuild", hold="replace-CURRENT")
        assert z.follow(run, "replace-CURRENT")
        z.kill(run)
        z.complete("rebuild")
        z.complete("open")
    folder = only_folder(isolated_cache)
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-")) == []


# ============================================================================================
# 2. A full disk


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 2 MB disk holding the cache (DRAGOMAN_CACHE_DIR); the test is skipped without one."""
    with small_disk(tmp_path / "disk") as mount_point:
        monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(mount_point / "cache"))
        yield mount_point


@pytest.fixture
def full_disk_root(tmp_path: Path, disk: Path) -> Path:
    """Two briefings indexed on the small disk; then a third added and the disk filled."""
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    index, report = Index.open(root)
    assert report.rebuilt
    assert search(index, "chien").total > 0 and search(index, "giang").total == 0
    index.close()
    write_corpus(root, (KUALA_LUMPUR,))  # "giang" is in this one only
    fill_disk(disk, leave=16 * 1024)
    return root


def previous_totals(tmp_path: Path) -> dict[str, int]:
    """What the index of the first two briefings answers (built elsewhere)."""
    root = write_corpus(tmp_path / "previous-briefings", (HANOI, BANGKOK))
    with cache_env(tmp_path / "previous-cache"):
        index, _ = Index.open(root)
        try:
            return {q: search(index, q).total for q in ("chien", "giang", "")}
        finally:
            index.close()


def test_a_full_disk_is_named_in_plain_words_by_the_command_line(
    full_disk_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ["index", str(full_disk_root)],
        ["search", "chien", "--path", str(full_disk_root)],
    ):
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if code == 0:  # it answered from the previous index
            continue
        assert "No space left on device" in err or "disk is full" in err.lower(), err


def test_a_full_disk_keeps_the_previous_index_in_use(full_disk_root: Path, tmp_path: Path) -> None:
    expected = previous_totals(tmp_path)
    index, report = Index.open(full_disk_root)
    try:
        assert {q: search(index, q).total for q in expected} == expected
        assert not report.rebuilt
    finally:
        index.close()


def test_search_answers_from_the_previous_index_when_the_disk_is_full(
    full_disk_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = main(["search", "chien", "--path", str(full_disk_root), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["total"] > 0
    assert "unexpected" not in err


def test_after_space_is_freed_the_next_open_catches_up(
    full_disk_root: Path, disk: Path, tmp_path: Path
) -> None:
    with contextlib.suppress(OSError):
        index, _ = Index.open(full_disk_root)
        index.close()
    (disk / "filler").unlink()
    index, _ = Index.open(full_disk_root)
    try:
        assert search(index, "giang").total > 0
        assert fingerprint(index) == fresh_fingerprint(full_disk_root, tmp_path / "fresh")
        folder = index.folder
    finally:
        index.close()
    assert len(generations(folder)) == 1, "a half-written generation was left on the disk"


def test_a_rebuild_that_fills_the_disk_leaves_the_previous_generation_whole(
    full_disk_root: Path, disk: Path, tmp_path: Path
) -> None:
    """A rebuild writes into a new folder: when it fails the one in use is untouched."""
    folder = only_folder(disk / "cache")
    (before,) = generations(folder)
    with pytest.raises(OSError):
        Index.open(full_disk_root, rebuild=True)
    assert generations(folder) == [before], "the half-built generation was not removed"
    assert (folder / "CURRENT").read_text() == before.name
    (disk / "filler").unlink()
    index, report = Index.open(full_disk_root)
    try:
        assert not report.rebuilt, report.summary()  # the old generation was still good
        assert fingerprint(index) == fresh_fingerprint(full_disk_root, tmp_path / "fresh")
    finally:
        index.close()


# ============================================================================================
# 3. What a briefings folder may hold


def good_folder(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))


def make_symlink_loop(root: Path) -> list[str]:
    (root / "loop-a.yaml").symlink_to("loop-b.yaml")
    (root / "loop-b.yaml").symlink_to("loop-a.yaml")
    return ["loop-a.yaml", "loop-b.yaml"]


def make_dangling_symlink(root: Path) -> list[str]:
    (root / "gone.yaml").symlink_to(root / "no-such-file.yaml")
    return ["gone.yaml"]


def make_not_utf8(root: Path) -> list[str]:
    (root / "latin1.yaml").write_bytes(
        "id: latin-one\ntitle: Réunion à Hanoï\ndate: 2024\n".encode("latin-1")
    )
    return ["latin1.yaml"]


def make_fifo(root: Path) -> list[str]:
    os.mkfifo(root / "pipe.yaml")
    return ["pipe.yaml"]


HOSTILE: dict[str, Callable[[Path], list[str]]] = {
    "symlink loop": make_symlink_loop,
    "dangling symlink": make_dangling_symlink,
    "not UTF-8": make_not_utf8,
}
GOOD_IDS = {"2024-hanoi-maritime-dialogue", "2025-06-bangkok-cyber-forum"}


def named(diagnostics: list[Diagnostic], files: list[str]) -> set[str]:
    """The files of ``files`` that some diagnostic names."""
    return {f for f in files for d in diagnostics if d.path.endswith(f)}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_check_names_a_hostile_file_and_loads_the_rest(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_folder(tmp_path)
    files = HOSTILE[kind](root)
    code = main(["check", str(root)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    for name in files:
        assert name in out
    assert "briefings: 2" in out


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_the_index_names_a_hostile_file_and_holds_the_rest(
    tmp_path: Path, kind: str, isolated_cache: Path
) -> None:
    root = good_folder(tmp_path)
    files = HOSTILE[kind](root)
    for attempt in range(2):  # built, then caught up with nothing changed
        index, report = Index.open(root)
        try:
            assert report.rebuilt == (attempt == 0)
            assert set(index.library.briefings) == GOOD_IDS
            assert named(index.library.errors, files) == set(files)
            assert search(index, "chien").total > 0
        finally:
            index.close()


def test_a_symlink_to_a_parent_folder_is_read_once(tmp_path: Path) -> None:
    root = good_folder(tmp_path)
    (root / "sub").mkdir()
    write_briefing(root / "sub", KUALA_LUMPUR, KUALA_LUMPUR_BRIEFING)
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "self").symlink_to(".", target_is_directory=True)
    library = load_library(root)
    assert len(library.briefings) == 3
    assert not [d for d in library.errors if d.code == "duplicate-id"], library.errors
    assert {d.code for d in library.warnings} == {"symlink-loop"}
    index, _ = Index.open(root)
    try:
        assert len(index.library.briefings) == 3
        assert search(index, "giang").total > 0
    finally:
        index.close()


def test_a_folder_named_like_a_briefing_is_walked_into(tmp_path: Path) -> None:
    root = good_folder(tmp_path)
    inner = root / "folder.yaml"
    inner.mkdir()
    write_briefing(inner, KUALA_LUMPUR, KUALA_LUMPUR_BRIEFING)
    index, _ = Index.open(root)
    try:
        assert len(index.library.briefings) == 3
        assert index.library.errors == []
    finally:
        index.close()


def test_check_names_a_fifo_and_does_not_wait_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_folder(tmp_path)
    make_fifo(root)
    code = main(["check", str(root)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "pipe.yaml:1:1: error: unreadable: not a regular file" in out


@contextlib.contextmanager
def fifo_released(fifo: Path) -> Iterator[None]:
    """On the way out, let go of anyone blocked opening ``fifo`` to read it (a writer opens and
    closes it: the reader gets an end of file)."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def open_in_thread(root: Path, timeout: float) -> tuple[Index, IndexReport] | BaseException | None:
    """``Index.open(root)`` in a thread: its result, its exception, or None if still running."""
    result: list[tuple[Index, IndexReport] | BaseException] = []

    def target() -> None:
        try:
            result.append(Index.open(root))
        except BaseException as exc:  # pragma: no cover - reported to the test
            result.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    return result[0] if result else None


def test_the_index_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    root = good_folder(tmp_path)
    (fifo,) = make_fifo(root)
    with fifo_released(root / fifo):
        outcome = open_in_thread(root, timeout=2)
    if outcome is None:  # it was blocked: the finally above let it go
        pytest.fail("Index.open hung on a FIFO named pipe.yaml")
    assert not isinstance(outcome, BaseException), outcome
    index, _ = outcome
    try:
        assert named(index.library.errors, ["pipe.yaml"]) == {"pipe.yaml"}
        assert set(index.library.briefings) == GOOD_IDS
    finally:
        index.close()


UNREADABLE_CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from dragoman.search.index import Index

    index, report = Index.open(Path(sys.argv[1]))
    print(json.dumps({
        "briefings": sorted(index.library.briefings),
        "errors": [d.format() for d in index.library.errors],
    }))
    index.close()
    """
)


def test_an_unreadable_file_is_named_and_the_rest_loads(tmp_path: Path) -> None:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("root without setpriv: no way to make a file unreadable")
    root = good_folder(tmp_path)
    secret = write_briefing(root, KUALA_LUMPUR, KUALA_LUMPUR_BRIEFING)
    secret.chmod(0)
    env = {**os.environ, "DRAGOMAN_CACHE_DIR": str(tmp_path / "cache")}
    try:
        check = subprocess.run(
            [*prefix, sys.executable, "-m", "dragoman.cli", "check", str(root)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert check.returncode == 1, check.stderr
        assert "Traceback" not in check.stdout + check.stderr
        assert f"{KUALA_LUMPUR}:1:1: error: unreadable: cannot read the file (Permission" in (
            check.stdout
        )
        assert "briefings: 2" in check.stdout
        opened = subprocess.run(
            [*prefix, sys.executable, "-c", UNREADABLE_CHILD, str(root)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert opened.returncode == 0, opened.stderr
        result = json.loads(opened.stdout)
        assert set(result["briefings"]) == GOOD_IDS
        assert any(KUALA_LUMPUR in e and "Permission denied" in e for e in result["errors"])
    finally:
        secret.chmod(0o644)
    # readable again: the next open reads it (the failed read was not remembered as content)
    with cache_env(tmp_path / "cache"):
        index, report = Index.open(root)
        try:
            assert (report.changed, report.parsed, report.rebuilt) == (1, 1, False), report
            assert search(index, "giang").total > 0
            assert index.library.errors == []
        finally:
            index.close()


def before_reading(
    monkeypatch: pytest.MonkeyPatch, victim: Path, act: Callable[[], object]
) -> None:
    """``act()`` once the index has listed and stat'ed ``victim``, just before it reads it."""
    real = dragoman.search.scan.read_regular_file

    def reading(path: Path, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == victim:
            act()
        return real(path, *args, **kwargs)

    monkeypatch.setattr(dragoman.search.scan, "read_regular_file", reading)


def test_a_file_deleted_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    root = write_corpus(tmp_path / "briefings")
    victim = root / KUALA_LUMPUR
    with monkeypatch.context() as patched:
        before_reading(patched, victim, victim.unlink)  # listed and stat'ed; about to be read
        index, _ = Index.open(root)
    try:
        assert set(index.library.briefings) == GOOD_IDS
        assert named(index.library.errors, [KUALA_LUMPUR]) == {KUALA_LUMPUR}
        assert "No such file" in index.library.errors[0].message
    finally:
        index.close()
    # the next open sees it is gone and agrees with a fresh build
    index, report = Index.open(root)
    try:
        assert report.removed == 1
        assert index.library.errors == []
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()

    # and `dragoman check`: listed, then gone before it is read
    write_briefing(root, KUALA_LUMPUR, KUALA_LUMPUR_BRIEFING)

    def listing_then_delete(folder: Path) -> tuple[list[Path], list[Diagnostic]]:
        found = find_briefing_files(folder)
        victim.unlink()
        return found

    monkeypatch.setattr(dragoman.library.library, "find_briefing_files", listing_then_delete)
    library = load_library(root)
    assert set(library.briefings) == GOOD_IDS
    assert named(library.errors, [KUALA_LUMPUR]) == {KUALA_LUMPUR}


def test_a_file_rewritten_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus(tmp_path / "briefings")
    victim = root / KUALA_LUMPUR
    edited = json.loads(json.dumps(KUALA_LUMPUR_BRIEFING))
    edited["people"][0]["name"] = "Phan Van Zebra"
    with monkeypatch.context() as patched:
        before_reading(patched, victim, lambda: write_briefing(root, KUALA_LUMPUR, edited))
        index, _ = Index.open(root)
    try:
        assert search(index, "zebra").total > 0  # what was read is what is indexed
    finally:
        index.close()
    edited["people"][0]["name"] = "Phan Van Quokka"
    write_briefing(root, KUALA_LUMPUR, edited)
    index, report = Index.open(root)
    try:
        assert report.changed == 1
        assert search(index, "zebra").total == 0 and search(index, "quokka").total > 0
        assert fingerprint(index) == fresh_fingerprint(root, tmp_path / "fresh")
    finally:
        index.close()
    assert victim.exists()


def test_a_same_size_rewrite_with_the_same_mtime_is_seen(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "briefings")
    path = root / KUALA_LUMPUR
    Index.open(root)[0].close()
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "Phan Van Giang" in text
    path.write_text(text.replace("Phan Van Giang", "Phan Van Zebra"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same clock tick
    assert path.stat().st_size == before.st_size
    index, _ = Index.open(root)
    try:
        assert search(index, "zebra").total > 0
    finally:
        index.close()


# ============================================================================================
# 6 (core). An index damaged while it is open

DAMAGED_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dragoman.search.index import Index
    from dragoman.search.results import search

    index, _ = Index.open(Path(sys.argv[1]))
    print(search(index, "giang").total, flush=True)
    for path in index.generation.iterdir():
        if path.suffix == ".seg":
            with open(path, "r+b") as handle:
                handle.truncate(0)
    for query in ("giang", "chien", "kind:person"):
        try:
            print(search(index, query).total, flush=True)
        except Exception as exc:
            print(type(exc).__name__, flush=True)
    """
)


def test_a_segment_truncated_under_an_open_index_is_an_error_not_a_crash(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "briefings")
    done = subprocess.run(
        [sys.executable, "-c", DAMAGED_CHILD, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "DRAGOMAN_CACHE_DIR": str(tmp_path / "cache")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"died with {done.returncode}: {done.stderr[-400:]}"
    assert len(done.stdout.split()) == 4
