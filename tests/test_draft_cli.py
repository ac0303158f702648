"""``dragoman draft`` end to end: a draft of each kind of article, checked together with the
library; a file never written over; a file it cannot read, or a bad option, exits 2 with one
line."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]
PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = PROJECT / "tests" / "data" / "articles"


@pytest.fixture(autouse=True)
def _cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    shutil.copytree(PROJECT / "briefings", folder)
    return folder


@pytest.mark.parametrize(
    "article",
    [
        "000_ad252a842471562f.txt",
        "001_206f46c8eace23b9.txt",
        "agency-report.txt",
        "note.txt",
        "dialogue.md",
        "page.html",
    ],
)
def test_a_draft_passes_check_with_the_library(run_cli: Run, library: Path, article: str) -> None:
    target = library / "draft.yaml"
    code, out, err = run_cli(
        "draft", ARTICLES / article, "--path", library, "--output", target, "--published", "2025"
    )
    assert code == 0, err
    assert str(target) in out and "proposals:" in out
    code, out, _ = run_cli("check", library)
    assert code == 0, out
    assert "errors: 0" in out


def test_printed_by_default_and_as_json(run_cli: Run, library: Path) -> None:
    code, out, _ = run_cli(
        "draft", ARTICLES / "note.txt", "--path", library, "--published", "2025-03"
    )
    assert code == 0
    assert out.startswith("# A draft briefing") and "id: 2025-03-04-" in out
    code, out, _ = run_cli("draft", ARTICLES / "note.txt", "--path", library, "--json")
    data = json.loads(out)
    assert data["counts"]["people"] == 2 and data["yaml"].startswith("# A draft")


def test_source_options_are_written(run_cli: Run, library: Path) -> None:
    code, out, _ = run_cli(
        "draft",
        ARTICLES / "note.txt",
        "--path",
        library,
        "--publisher",
        "VNA",
        "--url",
        "https://example.org/a",
        "--published",
        "2025-03-05",
    )
    assert code == 0
    assert "  publisher: VNA\n  url: https://example.org/a\n  published: 2025-03-05\n" in out


def test_an_existing_file_is_never_written_over(run_cli: Run, library: Path) -> None:
    target = library / "mine.yaml"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run_cli("draft", ARTICLES / "note.txt", "--path", library, "--output", target)
    assert code == 2 and "exists already" in err
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (None, "missing.txt", "does not exist"),
        (b"", "empty.txt", "is empty"),
        (b"%PDF-1.4 binary", "paper.pdf", "is not text"),
        (b"\x00\x01\x02\x03", "blob.txt", "is not text"),
        (b"General Tran Van A met the press.\x00 He proposed talks.", "nul.txt", "NUL bytes"),
        (b"<html><body><nav>Home | News | Contact</nav></body></html>", "menu.html", "no article"),
    ],
)
def test_an_article_it_cannot_read_says_so_in_one_line(
    run_cli: Run, library: Path, tmp_path: Path, content: bytes | None, name: str, says: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run_cli("draft", path, "--path", library)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err and name in err


def test_a_huge_article_is_refused(run_cli: Run, library: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (2 * 1024 * 1024 + 10))
    code, _, err = run_cli("draft", path, "--path", library)
    assert code == 2 and "limit" in err


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [("--published", "last week", "--published"), ("--url", "ftp://x", "--url")],
)
def test_a_bad_option_says_what_to_give(
    run_cli: Run, library: Path, option: str, value: str, says: str
) -> None:
    code, _, err = run_cli("draft", ARTICLES / "note.txt", "--path", library, option, value)
    assert code == 2 and says in err


@pytest.mark.parametrize("what", ["device", "pipe"])
def test_a_device_or_a_pipe_is_refused_at_once(
    run_cli: Run, library: Path, tmp_path: Path, what: str
) -> None:
    """Never read without end (/dev/zero) nor wait for a writer (a FIFO)."""
    if what == "device":
        path = tmp_path / "zero.txt"
        path.symlink_to("/dev/zero")
    else:
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    code, _, err = run_cli("draft", path, "--path", library)
    assert code == 2 and "is not a regular file" in err and str(path) in err


def test_an_output_dragoman_would_not_read_or_cannot_write_is_refused(
    run_cli: Run, library: Path, tmp_path: Path
) -> None:
    note = ARTICLES / "note.txt"
    code, _, err = run_cli("draft", note, "--path", library, "--output", tmp_path / "d.txt")
    assert code == 2 and "ending in .yaml" in err
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "d.yaml"
    code, _, err = run_cli("draft", note, "--path", library, "--output", target)
    assert code == 2 and "is a file, not a folder" in err
    assert not list(tmp_path.glob("*.yaml"))


def test_an_article_too_long_for_a_briefing_file_is_refused(
    run_cli: Run, library: Path, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Long\n\n" + "General Tran Van A proposed talks. " * 200, encoding="utf-8")
    code, _, err = run_cli("draft", path, "--path", library, "--max-file-size", "4K")
    assert code == 2 and "over the 4,096-byte limit of a briefing file" in err
    code, out, _ = run_cli("draft", path, "--path", library, "--max-file-size", "1M")
    assert code == 0 and "Tran Van A" in out
