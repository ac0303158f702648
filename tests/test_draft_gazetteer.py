"""The draft's gazetteer grown from the briefings as the index read them (no library merged):
it knows what the merged library knows, and the index gives those briefings only while no file
changed since it was written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dragoman.draft.gazetteer import Gazetteer
from dragoman.library.library import load_library
from dragoman.search.index import Index
from dragoman.search.known import read_briefings
from search_fixtures import HANOI, write_corpus

PROJECT = Path(__file__).resolve().parent.parent


def _long_ago(root: Path) -> Path:
    """The files of ``root`` as if written long ago: a file written within two seconds of a
    look is read again by the next (its time is not trusted yet)."""
    for path in root.iterdir():
        os.utime(path, (1.6e9, 1.6e9))
    return root


@pytest.mark.parametrize("folder", ["bundled", "corpus"])
def test_the_briefings_as_read_know_what_the_library_knows(
    folder: str, tmp_path: Path, isolated_cache: Path
) -> None:
    root = (
        PROJECT / "src" / "dragoman" / "bundled"
        if folder == "bundled"
        else _long_ago(write_corpus(tmp_path / "briefings"))
    )
    Index.open(root)[0].close()
    parsed = read_briefings(root)
    assert parsed is not None
    merged = Gazetteer.from_library(load_library(root))
    read = Gazetteer.from_briefings(parsed)
    assert read.kinds == merged.kinds
    assert read.people.items() >= merged.people.items()  # every spelling declared, at least
    assert read.orgs.items() >= merged.orgs.items()
    assert read.org_info == merged.org_info
    assert read.ministries == merged.ministries
    assert read.places == merged.places
    assert read.event_dates == merged.event_dates


def test_the_index_gives_its_briefings_only_while_no_file_changed(
    tmp_path: Path, isolated_cache: Path
) -> None:
    root = write_corpus(tmp_path / "briefings")
    assert read_briefings(root) is None  # never indexed
    Index.open(_long_ago(root))[0].close()
    parsed = read_briefings(root)
    assert parsed is not None and len(parsed) == 3
    (root / HANOI).write_text((root / HANOI).read_text() + "\n", encoding="utf-8")
    assert read_briefings(root) is None  # changed since: the index must catch up first
    Index.open(_long_ago(root))[0].close()
    assert read_briefings(root) is not None
