"""The layering of docs/architecture.md holds by itself: ``lint-imports`` (run by ``make lint``)
passes on the package as it is, and fails, naming the contract, on each kind of wrong import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, on the package found under ``src``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(PROJECT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=src,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(src)},
        timeout=120,
    )


def test_the_package_keeps_every_contract() -> None:
    done = lint_imports(PROJECT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


WRONG_IMPORTS = {
    "a stage imports the one above it": (
        "briefings/loader.py",
        "import dragoman.library.model",
        "The flow: the CLI, then the app",
    ),
    "the search imports the app": ("search/panes.py", "import dragoman.app.rows", "The flow"),
    "the core imports Textual": ("search/documents.py", "import textual.content", "Textual"),
    "the library imports Whoosh": ("library/model.py", "import whoosh.query", "Whoosh"),
    "the app reads YAML": ("app/rows.py", "import yaml", "YAML"),
    "the app reads briefing files": (
        "app/rows.py",
        "import dragoman.briefings.loader",
        "The app never reads briefing files",
    ),
    "two modules of a folder import each other": (
        "briefings/fields.py",
        "import dragoman.briefings.checks",
        "No circle of imports",
    ),
}


@pytest.mark.parametrize("case", list(WRONG_IMPORTS), ids=list(WRONG_IMPORTS))
def test_a_wrong_import_breaks_its_contract(case: str, tmp_path: Path) -> None:
    module, line, contract = WRONG_IMPORTS[case]
    shutil.copytree(PROJECT / "src" / "dragoman", tmp_path / "dragoman")
    path = tmp_path / "dragoman" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    broken = done.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, done.stdout
