"""The app under hostile conditions: files that change, vanish or cannot be read while it runs,
a full disk, a second instance on the same folder, an index damaged under it.

Whatever happens it must stay up, say what went wrong in words, name the file, and come back
to what the folder holds after a rebuild.
"""

# Fixtures imported from app_fixtures are requested by naming them as parameters:
# ruff: noqa: F811

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import dragoman.search.index
from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    BROKEN_YAML,
    KINDS,
    SIZE,
    detail_lines,
    fresh_cache,
    ids,
    isolated_home,
    screen_text,
    search_for,
    settle,
    shared_cache,
    status_text,
    wait_until,
    write_folder,
)
from dragoman.app import DragomanApp
from dragoman.app.screens.problems import ProblemsScreen
from dragoman.search.index import Index
from dragoman.search.panes import search_panes
from fault_fixtures import fill_disk, generations, only_folder, small_disk, unprivileged_prefix
from search_fixtures import BANGKOK, HANOI, KUALA_LUMPUR, cache_env, write_corpus

TESTS = Path(__file__).resolve().parent


def person_briefing(briefing_id: str, person_id: str, name: str) -> str:
    return f"""
    id: {briefing_id}
    title: Briefing {briefing_id}
    date: 2025-03-01
    people:
      - {{id: {person_id}, name: {name}, country: VN}}
    """


def pane_ids(app: DragomanApp) -> dict[str, list[str]]:
    return {kind: ids(app, kind) for kind in KINDS}


async def problems_text(pilot: Pilot[None]) -> str:
    """Open the problems (F2), read them, close them again."""
    app = pilot.app
    assert isinstance(app, DragomanApp)
    await pilot.press("escape", "escape")  # out of the search bar, whatever it holds
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(app.screen, ProblemsScreen)
    text = screen_text(app)
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(app.screen, ProblemsScreen)
    return text


# ============================================================================================
# 4. Files that change while the app runs


@pytest.fixture
def changing_folder(tmp_path: Path) -> Path:
    return write_folder(
        tmp_path / "briefings",
        {
            "keep.yaml": person_briefing("2025-03-01-keep", "nguyen-van-keep", "Nguyen Van Keep"),
            "gone.yaml": person_briefing("2025-03-02-gone", "tran-van-gone", "Tran Van Gone"),
            "broken.yaml": person_briefing("2025-03-03-broken", "le-thi-broke", "Le Thi Broke"),
            "rewrite.yaml": person_briefing("2025-03-04-rewrite", "pham-old", "Pham Old"),
            "dir.yaml": person_briefing("2025-03-05-dir", "vo-dir", "Vo Dir"),
        },
    )


def change_everything(root: Path) -> None:
    """Delete one briefing, break one, rewrite one, and put a folder in place of another."""
    (root / "gone.yaml").unlink()
    (root / "broken.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    write_folder(
        root, {"rewrite.yaml": person_briefing("2025-03-04-rewrite", "pham-new", "Pham New")}
    )
    (root / "dir.yaml").unlink()
    (root / "dir.yaml").mkdir()


async def test_files_changed_under_the_app_then_a_rebuild(
    changing_folder: Path, fresh_cache: Path
) -> None:
    root = changing_folder
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "5 briefings · 5 entities" in status_text(app)
        app.go_to("tran-van-gone")
        await settle(pilot)
        change_everything(root)

        # before a rebuild the app answers from the index it has, without crashing
        await search_for(pilot, "tran")
        assert ids(app, "person") == ["tran-van-gone"]
        app.go_to("tran-van-gone")
        await settle(pilot)
        await search_for(pilot, "")
        app.go_to("pham-old")
        await settle(pilot)

        app.action_rebuild()  # "Rebuild the index" in the command palette
        await pilot.pause()
        await settle(pilot)
        assert app.is_running
        status = status_text(app)
        assert "index rebuilt" in status
        assert "2 briefings · 2 entities" in status
        assert "1 error, 0 warnings (F2)" in status
        assert app.library is not None
        assert sorted(app.library.entities) == ["nguyen-van-keep", "pham-new"]
        assert ids(app, "person") == ["pham-new", "nguyen-van-keep"]

        await search_for(pilot, "pham")
        assert ids(app, "person") == ["pham-new"]
        await search_for(pilot, "tran")
        assert pane_ids(app) == {kind: [] for kind in KINDS}
        assert "Nothing matches 'tran'" in status_text(app)
        # the deleted one, from the history and by its id: nothing breaks
        app.go_to("tran-van-gone")
        await pilot.press("escape", "escape", "left_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.is_running

        text = await problems_text(pilot)
        assert f"{root / 'broken.yaml'}:6:10" in text
        assert "yaml-syntax" in text

    # a new start on the changed folder catches up to the same
    again = DragomanApp(root)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.library is not None
        assert sorted(again.library.entities) == ["nguyen-van-keep", "pham-new"]
        assert "1 error, 0 warnings (F2)" in status_text(again)


async def test_after_a_rebuild_a_deleted_entity_is_no_longer_shown(
    changing_folder: Path, fresh_cache: Path
) -> None:
    app = DragomanApp(changing_folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.go_to("tran-van-gone")
        await settle(pilot)
        change_everything(changing_folder)
        app.action_rebuild()
        await pilot.pause()
        await settle(pilot)
        assert app.library is not None and "tran-van-gone" not in app.library.entities
        assert "Tran Van Gone" not in detail_lines(app), detail_lines(app)


# ============================================================================================
# 3. Files the app cannot read


def symlink_loop(root: Path) -> list[str]:
    (root / "loop-a.yaml").symlink_to("loop-b.yaml")
    (root / "loop-b.yaml").symlink_to("loop-a.yaml")
    return ["loop-a.yaml", "loop-b.yaml"]


def dangling_symlink(root: Path) -> list[str]:
    (root / "gone.yaml").symlink_to(root / "no-such-file.yaml")
    return ["gone.yaml"]


def not_utf8(root: Path) -> list[str]:
    (root / "latin1.yaml").write_bytes(b"id: latin-one\ntitle: R\xe9union\ndate: 2024\n")
    return ["latin1.yaml"]


def parent_link(root: Path) -> list[str]:
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    return []


HOSTILE = {
    "symlink loop": symlink_loop,
    "dangling symlink": dangling_symlink,
    "not UTF-8": not_utf8,
    "link to the parent folder": parent_link,
}


@pytest.mark.parametrize("kind", list(HOSTILE))
async def test_a_hostile_file_is_named_in_the_problems_and_the_rest_loads(
    tmp_path: Path, fresh_cache: Path, kind: str
) -> None:
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    files = HOSTILE[kind](root)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = status_text(app)
        assert "2 briefings" in status
        assert f"{len(files)} error" in status
        await search_for(pilot, "chien")
        assert "hoang-xuan-chien" in ids(app, "person")
        text = await problems_text(pilot)
        for name in files:
            assert str(root / name) in text
        if not files:
            assert "symlink-loop" in text


@contextlib.contextmanager
def fifo_released(fifo: Path) -> Iterator[None]:
    """On the way out, let go of anyone blocked opening ``fifo`` to read it."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


async def test_a_fifo_in_the_folder_does_not_stop_the_app_opening(
    tmp_path: Path, fresh_cache: Path
) -> None:
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    os.mkfifo(root / "pipe.yaml")
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        with fifo_released(root / "pipe.yaml"):
            await wait_until(pilot, lambda: app.library is not None, "the index", timeout=3)
        await settle(pilot)
        assert "1 error" in status_text(app)
        assert str(root / "pipe.yaml") in await problems_text(pilot)


# The app in a child process: as a user who cannot read every file, or to see it survive (or
# not) damage that kills a process.
APP_CHILD = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path

    sys.path.insert(0, sys.argv[3])
    from app_fixtures import SIZE, ids, screen_text, search_for, settle, status_text
    from dragoman.app import DragomanApp

    root, mode = Path(sys.argv[1]), sys.argv[2]


    async def main():
        app = DragomanApp(root)
        out = {}
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            out["status"] = status_text(app)
            if mode == "truncate":
                await search_for(pilot, "giang")  # the searcher is open: the segment mapped
                for path in app.index.generation.iterdir():
                    if path.suffix == ".seg":
                        with open(path, "r+b") as handle:
                            handle.truncate(0)
                for query in ("giang", "chien", "koizumi"):
                    await search_for(pilot, query)
                out["people"] = ids(app, "person")
            await pilot.press("escape", "f2")
            await pilot.pause()
            out["problems"] = screen_text(app)
        print(json.dumps(out))


    asyncio.run(main())
    """
)


def run_app_child(
    root: Path, mode: str, env: dict[str, str], prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-c", APP_CHILD, str(root), mode, str(TESTS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_an_unreadable_file_is_named_in_the_problems(
    tmp_path: Path, isolated_home: dict[str, Path]
) -> None:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("root without setpriv: no way to make a file unreadable")
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK, KUALA_LUMPUR))
    secret = root / KUALA_LUMPUR
    secret.chmod(0)
    env = {
        **os.environ,
        "DRAGOMAN_CACHE_DIR": str(tmp_path / "cache"),
        "DRAGOMAN_CONFIG_DIR": str(isolated_home["config"]),
    }
    try:
        done = run_app_child(root, "problems", env, prefix)
    finally:
        secret.chmod(0o644)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert "2 briefings" in out["status"]
    assert "1 error, 0 warnings (F2)" in out["status"]
    assert str(secret) in out["problems"]
    assert "Permission denied" in out["problems"]


# ============================================================================================
# 2. A full disk


@pytest.fixture
def disk(
    tmp_path: Path, isolated_home: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A 2 MB disk holding the cache (DRAGOMAN_CACHE_DIR); the test is skipped without one."""
    with small_disk(tmp_path / "disk") as mount_point:
        monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(mount_point / "cache"))
        yield mount_point


def previous_people(tmp_path: Path, query: str) -> list[str]:
    """The people the index of the first two briefings finds for ``query`` (built elsewhere)."""
    root = write_corpus(tmp_path / "previous", (HANOI, BANGKOK))
    with cache_env(tmp_path / "previous-cache"):
        index, _ = Index.open(root)
        try:
            return [h.id for h in search_panes(index, query).panes["person"][1]]
        finally:
            index.close()


async def test_a_full_disk_during_a_rebuild_is_said_and_the_app_keeps_its_index(
    tmp_path: Path, disk: Path
) -> None:
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    expected = previous_people(tmp_path, "chien")
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "2 briefings" in status_text(app)
        write_corpus(root, (KUALA_LUMPUR,))
        fill_disk(disk, leave=16 * 1024)
        app.action_rebuild()
        await pilot.pause()
        await settle(pilot)
        assert app.is_running
        status = status_text(app)
        assert "No space left on device" in status or "disk is full" in status.lower(), status
        assert "Traceback" not in screen_text(app)
        # the index it had still answers
        await search_for(pilot, "chien")
        assert ids(app, "person") == expected
        # space again: the next rebuild reads the third briefing
        (disk / "filler").unlink()
        app.action_rebuild()
        await pilot.pause()
        await settle(pilot)
        assert "3 briefings" in status_text(app)
        await search_for(pilot, "giang")
        assert ids(app, "person") == ["phan-van-giang"]
    assert len(generations(only_folder(disk / "cache"))) == 1


async def test_a_failed_rebuild_leaves_the_previous_results_on_screen(
    tmp_path: Path, disk: Path
) -> None:
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = pane_ids(app)
        fill_disk(disk, leave=16 * 1024)
        app.action_rebuild()
        await pilot.pause()
        await settle(pilot)
        assert "No space left on device" in status_text(app)
        assert pane_ids(app) == before


async def test_an_app_started_on_a_full_disk_shows_the_previous_index(
    tmp_path: Path, disk: Path
) -> None:
    root = write_corpus(tmp_path / "briefings", (HANOI, BANGKOK))
    expected = previous_people(tmp_path, "chien")
    Index.open(root)[0].close()
    write_corpus(root, (KUALA_LUMPUR,))
    fill_disk(disk, leave=16 * 1024)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        status = status_text(app)
        assert "No space left on device" in status or "disk is full" in status.lower(), status
        await search_for(pilot, "chien")
        assert ids(app, "person") == expected


# ============================================================================================
# 5. Two instances on one folder


async def test_two_apps_on_one_folder_both_open_and_search(
    tmp_path: Path, fresh_cache: Path
) -> None:
    root = write_corpus(tmp_path / "briefings")
    first, second = DragomanApp(root), DragomanApp(root)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await settle(one)
        await settle(two)
        for app, pilot in ((first, one), (second, two)):
            assert "3 briefings" in status_text(app)
            await search_for(pilot, "giang")
            assert ids(app, "person") == ["phan-van-giang"]
        assert first.report is not None and second.report is not None
        assert sorted([first.report.rebuilt, second.report.rebuilt]) == [False, True]
        # one rebuilds: the other goes on answering from the generation it has open
        old = second.index
        first.action_rebuild()
        await one.pause()
        await settle(one)
        assert "index rebuilt" in status_text(first)
        await search_for(two, "koizumi")
        assert second.index is old
        assert ids(second, "person") == ["koizumi-shinjiro"]
    assert len(generations(only_folder(fresh_cache))) == 1


async def test_a_second_app_opens_read_only_while_the_first_writes(
    tmp_path: Path, fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus(tmp_path / "briefings")
    Index.open(root)[0].close()  # an index to read
    (root / HANOI).touch()  # and something for the first app to catch up with
    entered, gate = threading.Event(), threading.Event()
    real_catch_up = dragoman.search.index._catch_up

    def slow_catch_up(*args: Any, **kwargs: Any) -> Index:
        if not entered.is_set():
            entered.set()
            gate.wait(30)  # the first app holds the lock here
        return real_catch_up(*args, **kwargs)

    monkeypatch.setattr(dragoman.search.index, "_catch_up", slow_catch_up)
    first, second = DragomanApp(root), DragomanApp(root)
    try:
        async with first.run_test(size=SIZE) as one:
            await wait_until(one, entered.is_set, "the first app to start writing")
            async with second.run_test(size=SIZE) as two:
                try:
                    await wait_until(
                        two,
                        lambda: "read only" in status_text(second),
                        "the second app to open read only",
                        timeout=2,
                    )
                    await search_for(two, "giang")
                    assert ids(second, "person") == ["phan-van-giang"]
                finally:
                    gate.set()
                    await settle(one)
                    await settle(two)
    finally:
        gate.set()


# ============================================================================================
# 6. An index damaged under the running app


def flip_middle(data: bytearray) -> None:
    for i in range(len(data) // 10, len(data) // 5):
        data[i] ^= 0xFF


def flip_all(data: bytearray) -> None:
    for i in range(len(data)):
        data[i] ^= 0xFF


def zero_all(data: bytearray) -> None:
    data[:] = bytes(len(data))


DAMAGE = {"bytes flipped": flip_middle, "every byte flipped": flip_all, "zeroed": zero_all}
QUERIES = ("kind:person", "giang", "chien", '"east sea"', "koizumi")


def damage_segments(generation: Path, how: str) -> None:
    """Overwrite the index's segment files in place (same size: the maps stay valid)."""
    for path in generation.iterdir():
        if path.suffix == ".seg":
            data = bytearray(path.read_bytes())
            DAMAGE[how](data)
            with open(path, "r+b") as handle:
                handle.write(bytes(data))


@pytest.mark.parametrize(
    ("how", "searched_before"),
    [
        pytest.param("bytes flipped", False, id="bytes flipped-closed"),
        pytest.param("zeroed", False, id="zeroed-closed"),
        pytest.param("bytes flipped", True, id="bytes flipped-open searcher"),
        pytest.param("every byte flipped", True, id="every byte flipped-open searcher"),
        pytest.param("zeroed", True, id="zeroed-open searcher"),
    ],
)
async def test_a_damaged_index_is_rebuilt_once_and_the_user_told_once(
    tmp_path: Path,
    fresh_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    searched_before: bool,
) -> None:
    """Segments overwritten in place, before the app's searcher is opened or under it."""
    root = write_corpus(tmp_path / "briefings")
    with cache_env(tmp_path / "fresh"):
        fresh, _ = Index.open(root)
    try:
        expected = {
            q: {k: [h.id for h in v[1]] for k, v in search_panes(fresh, q).panes.items()}
            for q in QUERIES
        }
    finally:
        fresh.close()
    opens: list[bool] = []
    real_open = Index.open

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        opens.append(bool(kwargs.get("rebuild")))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Index, "open", counting_open)
    app = DragomanApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.index is not None
        if searched_before:
            await search_for(pilot, "hanoi")
            assert ids(app, "event") == ["hanoi-dialogue-2024"]
        damage_segments(app.index.generation, how)
        for query in QUERIES:
            await search_for(pilot, query)
            assert app.is_running
            if len(opens) > 1:  # rebuilt: from now on, what a fresh build gives
                shown = {k: ids(app, k) for k in KINDS}
                want = {k: expected[query].get(k, []) for k in KINDS}
                assert shown == want, query
        assert opens in ([False], [False, True]), opens
        damaged = [n for n in app._notifications if "damaged" in n.message]
        assert len(damaged) == len(opens) - 1 <= 1
        # the same searches once more: nothing is rebuilt again, nobody is told again
        for query in QUERIES[:3]:
            await search_for(pilot, query)
            shown = {k: ids(app, k) for k in KINDS}
            assert shown == {k: expected[query].get(k, []) for k in KINDS}, query
        assert len(opens) <= 2
        assert len([n for n in app._notifications if "damaged" in n.message]) <= 1


def test_a_segment_truncated_under_the_app_does_not_kill_it(
    tmp_path: Path, isolated_home: dict[str, Path]
) -> None:
    root = write_corpus(tmp_path / "briefings")
    env = {
        **os.environ,
        "DRAGOMAN_CACHE_DIR": str(tmp_path / "cache"),
        "DRAGOMAN_CONFIG_DIR": str(isolated_home["config"]),
    }
    done = run_app_child(root, "truncate", env)
    assert done.returncode == 0, f"the app died ({done.returncode}): {done.stderr[-1000:]}"
    out = json.loads(done.stdout)
    assert out["people"] == ["koizumi-shinjiro"]
