"""Pins without a screen: where a folder's pins file lives, pinning and unpinning, saving
atomically and reading back (a restart), a pin whose entity has gone (shown as missing, never
dropped), a damaged file (set aside and kept), a folder that cannot be written; and
``dragoman pins`` as text and JSON, in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dragoman.library.library import Library, load_library
from dragoman.library.pins import (
    DATA_ENV,
    PinsError,
    data_dir,
    load_pins,
    pin_rows,
    pins_json,
    pins_path,
    save_pins,
    toggled,
    toggled_key,
)

Run = Callable[..., tuple[int, str, str]]

BRIEFING = """
id: 2025-03-01-talks
title: Defence talks in Hanoi
date: 2025-03-01
people:
  - {id: nguyen-van-a, name: Nguyen Van A, role: Defence attaché, country: VN}
  - {id: tran-thi-b, name: Tran Thi B, role: Deputy minister, country: VN}
events:
  - id: hanoi-talks
    title: Defence talks in Hanoi
    date: 2025-03-01
    participants: [nguyen-van-a, tran-thi-b]
"""

WHEN = datetime(2025, 11, 2, 9, 14, 3, tzinfo=UTC)


@pytest.fixture(autouse=True)
def data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_cache: Path) -> Path:
    """This test's own data folder (and index cache): never the analyst's."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_ENV, str(folder))
    return folder


@pytest.fixture
def folder(write_briefing: Callable[[str, str], Path], briefings_dir: Path) -> Path:
    write_briefing("talks.yaml", BRIEFING)
    return briefings_dir


@pytest.fixture
def library(folder: Path) -> Library:
    return load_library(folder)


def pinned(folder: Path, library: Library, *ids: str) -> None:
    """Pin ``ids`` (entities, or ``briefing:ID``) in this order and save."""
    pins = load_pins(folder).pins
    for id_ in ids:
        if id_.startswith("briefing:"):
            pins = toggled(pins, library.briefings[id_.removeprefix("briefing:")], now=WHEN)
        else:
            pins = toggled(pins, library.entities[id_], now=WHEN)
    save_pins(pins)


# -- where ---------------------------------------------------------------------------------


def test_each_folder_has_its_own_file_in_the_data_folder(
    data: Path, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pins_path(folder)
    assert path.parent == data / "pins"
    assert pins_path(tmp_path / "other") != path
    monkeypatch.chdir(folder.parent)
    assert pins_path(Path(folder.name)) == path  # a relative path is the same folder


def test_without_the_variable_the_platforms_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(DATA_ENV)
    assert data_dir() == Path(platformdirs.user_data_dir("dragoman", appauthor=False))


def test_the_file_names_its_folder_and_every_pin(folder: Path, library: Library) -> None:
    pinned(folder, library, "nguyen-van-a")
    data = json.loads(pins_path(folder).read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "folder": str(folder.resolve()),
        "pins": [
            {
                "kind": "person",
                "id": "nguyen-van-a",
                "title": "Nguyen Van A",
                "pinned": "2025-11-02T09:14:03+00:00",
            }
        ],
    }


# -- pinning -------------------------------------------------------------------------------


def test_pin_latest_first_and_unpin(folder: Path, library: Library) -> None:
    pins = load_pins(folder).pins
    assert pins.items == ()
    pins = toggled(pins, library.entities["nguyen-van-a"])
    pins = toggled(pins, library.entities["hanoi-talks"])
    pins = toggled(pins, library.briefings["2025-03-01-talks"])
    assert [p.id for p in pins.items] == ["2025-03-01-talks", "hanoi-talks", "nguyen-van-a"]
    pins = toggled(pins, library.entities["hanoi-talks"])
    assert [p.id for p in pins.items] == ["2025-03-01-talks", "nguyen-van-a"]
    assert pins.has("person", "nguyen-van-a") and not pins.has("event", "hanoi-talks")


def test_a_briefing_and_an_entity_of_one_id_are_two_pins(folder: Path) -> None:
    pins = toggled_key(load_pins(folder).pins, "briefing", "same", "A briefing")
    pins = toggled_key(pins, "event", "same", "An event")
    assert len(pins.items) == 2
    pins = toggled_key(pins, "briefing", "same", "A briefing")
    assert [(p.kind, p.id) for p in pins.items] == [("event", "same")]


def test_pins_survive_a_restart(folder: Path, library: Library) -> None:
    pinned(folder, library, "nguyen-van-a", "briefing:2025-03-01-talks")
    again = load_pins(folder)  # a new run reads the file
    assert again.message == ""
    rows = pin_rows(again.pins, load_library(folder))
    assert [(r.kind, r.id, r.title, r.date) for r in rows] == [
        ("briefing", "2025-03-01-talks", "Defence talks in Hanoi", "2025-03-01"),
        ("person", "nguyen-van-a", "Nguyen Van A", "2025-03-01"),
    ]


def test_rows_show_the_current_title(
    folder: Path, library: Library, write_briefing: Callable[[str, str], Path]
) -> None:
    pinned(folder, library, "tran-thi-b")
    write_briefing("talks.yaml", BRIEFING.replace("Tran Thi B", "Tran Thi Bich"))
    [row] = pin_rows(load_pins(folder).pins, load_library(folder))
    assert (row.title, row.missing) == ("Tran Thi Bich", False)


def test_a_pin_whose_entity_is_gone_is_missing_not_dropped(
    folder: Path, library: Library, write_briefing: Callable[[str, str], Path]
) -> None:
    pinned(folder, library, "tran-thi-b", "nguyen-van-a")
    write_briefing("talks.yaml", BRIEFING.replace("  - {id: tran-thi-b", "  - {id: tran-thi-c"))
    rows = pin_rows(load_pins(folder).pins, load_library(folder))
    assert [(r.id, r.kind, r.title, r.date, r.missing) for r in rows] == [
        ("nguyen-van-a", "person", "Nguyen Van A", "2025-03-01", False),
        ("tran-thi-b", "person", "Tran Thi B", "", True),
    ]
    assert [p.id for p in load_pins(folder).pins.items] == ["nguyen-van-a", "tran-thi-b"]


# -- writing -------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_whole(
    folder: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned(folder, library, "nguyen-van-a")
    path = pins_path(folder)
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    more = toggled(load_pins(folder).pins, library.entities["tran-thi-b"])
    with pytest.raises(PinsError, match="No space left on device"):
        save_pins(more)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


def test_a_folder_that_cannot_be_written_says_so(
    tmp_path: Path, folder: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(blocker / "data"))
    pins = toggled(load_pins(folder).pins, library.entities["nguyen-van-a"])
    with pytest.raises(PinsError) as failed:
        save_pins(pins)
    assert "could not be saved" in failed.value.message
    assert str(blocker) in failed.value.message


# -- a damaged file ------------------------------------------------------------------------

DAMAGED = {
    "not JSON": b"{bad",
    "not UTF-8": b'{"version": 1, "pins": ["\xff"]}',
    "a list": b"[]",
    "no pins": b'{"version": 1}',
    "a pin without an id": b'{"version": 1, "pins": [{"kind": "person", "title": "x"}]}',
    "another version": b'{"version": 99, "pins": []}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_set_aside_and_kept(
    folder: Path, library: Library, content: bytes
) -> None:
    path = pins_path(folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = load_pins(folder, now=WHEN)
    aside = path.with_name(f"{path.name}.damaged-20251102T091403")
    assert loaded.pins.items == ()
    assert str(path) in loaded.message and str(aside) in loaded.message
    assert aside.read_bytes() == content and not path.exists()
    save_pins(toggled(loaded.pins, library.entities["nguyen-van-a"]))  # pinning goes on
    assert [p.id for p in load_pins(folder).pins.items] == ["nguyen-van-a"]
    assert aside.read_bytes() == content


def test_a_second_damaged_file_never_overwrites_the_first(folder: Path) -> None:
    path = pins_path(folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first")
    load_pins(folder, now=WHEN)
    path.write_bytes(b"second")
    load_pins(folder, now=WHEN)
    kept = sorted(p.read_bytes() for p in path.parent.iterdir())
    assert kept == [b"first", b"second"]


def test_a_damaged_file_that_cannot_be_moved_is_never_written_over(
    folder: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pins_path(folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{bad")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    loaded = load_pins(folder)
    assert loaded.pins.items == () and "could not be set aside" in loaded.message
    monkeypatch.undo()
    with pytest.raises(PinsError, match="move or delete it"):
        save_pins(toggled(loaded.pins, library.entities["nguyen-van-a"]))
    assert path.read_bytes() == b"{bad"


# -- dragoman pins -------------------------------------------------------------------------


def test_cli_with_no_pins(run_cli: Run, folder: Path) -> None:
    assert run_cli("pins", folder, "--json") == (0, "[]\n", "")
    code, out, _ = run_cli("pins", "--path", folder)
    assert code == 0 and out.startswith("no pins")


def test_cli_lists_pins_text_and_json(
    run_cli: Run, folder: Path, library: Library, write_briefing: Callable[[str, str], Path]
) -> None:
    pinned(folder, library, "tran-thi-b", "briefing:2025-03-01-talks")
    write_briefing("talks.yaml", BRIEFING.replace("  - {id: tran-thi-b", "  - {id: tran-thi-c"))
    code, out, err = run_cli("pins", folder)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "briefing",
        "2025-03-01-talks",
        *["Defence", "talks", "in", "Hanoi"],
        "2025-03-01",
    ]
    assert lines[1].split() == ["person", "tran-thi-b", "Tran", "Thi", "B", "missing"]
    code, out, err = run_cli("pins", "--path", folder, "--json")
    assert json.loads(out) == [
        {
            "id": "2025-03-01-talks",
            "kind": "briefing",
            "title": "Defence talks in Hanoi",
            "date": "2025-03-01",
            "missing": False,
            "pinned": "2025-11-02T09:14:03+00:00",
        },
        {
            "id": "tran-thi-b",
            "kind": "person",
            "title": "Tran Thi B",
            "date": "",
            "missing": True,
            "pinned": "2025-11-02T09:14:03+00:00",
        },
    ]


def test_cli_reports_a_damaged_file_on_stderr_and_goes_on(run_cli: Run, folder: Path) -> None:
    path = pins_path(folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{bad")
    code, out, err = run_cli("pins", folder, "--json")
    assert (code, json.loads(out)) == (0, [])
    assert "dragoman: warning:" in err and "set aside" in err and str(path) in err
    [aside] = path.parent.iterdir()
    assert aside.name.startswith(f"{path.name}.damaged-")


def test_cli_as_a_process(folder: Path, library: Library, data: Path, tmp_path: Path) -> None:
    pinned(folder, library, "nguyen-van-a")
    env = {**os.environ, DATA_ENV: str(data), "DRAGOMAN_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "pins", "--json", "--path", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == pins_json(pin_rows(load_pins(folder).pins, library))
