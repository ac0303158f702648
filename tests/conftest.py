"""Shared fixtures: write briefings into a folder, parse briefing text, run the command line."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dragoman.briefings.loader import LoadLimits, parse_briefing_bytes
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.cli import main
from search_fixtures import write_corpus

PROJECT = Path(__file__).resolve().parent.parent
BUNDLED_BRIEFINGS = PROJECT / "briefings"


@pytest.fixture(autouse=True)
def _no_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """An analyst's shell settings must not change what the tests read."""
    monkeypatch.delenv("DRAGOMAN_MAX_FILE_SIZE", raising=False)
    monkeypatch.delenv("DRAGOMAN_BRIEFINGS", raising=False)


def briefing_yaml(content: str | dict[str, Any]) -> str:
    """YAML for a briefing: dedented text as written, or a mapping dumped with quoted text."""
    if isinstance(content, str):
        return textwrap.dedent(content).lstrip("\n")
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture
def bundled_briefings() -> Path:
    assert BUNDLED_BRIEFINGS.is_dir(), "the bundled briefings folder is missing"
    return BUNDLED_BRIEFINGS


@pytest.fixture
def briefings_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    return folder


@pytest.fixture
def write_briefing(briefings_dir: Path) -> Callable[[str, str | dict[str, Any]], Path]:
    """``write_briefing("a.yaml", text_or_mapping)`` writes one file into ``briefings_dir``."""

    def write(name: str, content: str | dict[str, Any]) -> Path:
        path = briefings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(briefing_yaml(content), encoding="utf-8")
        return path

    return write


@pytest.fixture
def parse() -> Callable[..., ParsedBriefing]:
    """``parse(text)`` checks briefing text (dedented) or bytes as the file ``briefing.yaml``."""

    def parse_text(
        content: str | bytes, *, path: str = "briefing.yaml", max_file_size: int | None = None
    ) -> ParsedBriefing:
        data = briefing_yaml(content).encode("utf-8") if isinstance(content, str) else content
        limits = LoadLimits() if max_file_size is None else LoadLimits(max_file_size=max_file_size)
        return parse_briefing_bytes(path, data, limits)

    return parse_text


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """``run_cli("check", path)`` -> (exit code, stdout, stderr)."""

    def run(*argv: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


# -- fixtures for the tests that build the corpus in a folder of their own ---------------------


@pytest.fixture
def isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """``DRAGOMAN_CACHE_DIR`` in this test's temporary folder (autouse where a module asks)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The corpus written into this test's temporary folder."""
    return write_corpus(tmp_path / "briefings")
