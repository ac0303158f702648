"""The docs say what dragoman does: every ``console`` example of README.md and docs/ is run and
its output compared, and the README's picture of the screen is the app's screen.

Run with ``DRAGOMAN_UPDATE_DOCS=1`` to write what dragoman prints now into the docs instead
(then read the diff: a change there is a change users see).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    isolated_home,  # autouse: a cache and a config folder of the test's own
    search_for,
    settle,
    shared_cache,
)
from dragoman.app import DragomanApp
from dragoman.cli import main
from dragoman.cli.main import COMMANDS
from dragoman.search.index import Index

PROJECT = Path(__file__).resolve().parent.parent
DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]
UPDATE = os.environ.get("DRAGOMAN_UPDATE_DOCS") == "1"
CONSOLE = re.compile(r"```console\n(.*?)```\n", re.S)
SECONDS = re.compile(r"\b\d+\.\d+ s\b")  # how long an index took: not the docs' business


def examples() -> list[tuple[Path, int, str]]:
    """(file, block number, block) of every console block that runs dragoman."""
    found = []
    for path in DOCS:
        for number, block in enumerate(CONSOLE.findall(path.read_text(encoding="utf-8"))):
            if any(_runnable(line) for line in block.splitlines()):
                found.append((path, number, block))
    return found


def _runnable(line: str) -> bool:
    """A ``$ dragoman ...`` line this test can run: a command whose output is shown (not the
    app, not a redirection)."""
    command = line.split("  #")[0]
    words = shlex.split(command[2:]) if line.startswith("$ dragoman ") else []
    return len(words) > 1 and words[1] in COMMANDS and ">" not in command


def run_block(block: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The block with the output of each ``$ dragoman`` command as it is now."""
    out: list[str] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        out.append(line)
        if not _runnable(line):
            continue
        while i < len(lines) and not lines[i].startswith("$ "):  # the output shown before
            i += 1
        capsys.readouterr()
        main(shlex.split(line[2:].split("  #")[0])[1:])
        printed, _ = capsys.readouterr()
        out += printed.rstrip("\n").splitlines()
        if i < len(lines):
            out.append("")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("path", "number", "block"),
    examples(),
    ids=[f"{p.name}-{n}" for p, n, _ in examples()],
)
def test_a_documented_command_prints_what_the_docs_show(
    path: Path,
    number: int,
    block: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(PROJECT)  # `briefings` is the bundled folder, as in a fresh clone
    got = run_block(block, capsys)
    if UPDATE and got != block:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(block, got, 1), encoding="utf-8")
        return
    assert SECONDS.sub("N s", got) == SECONDS.sub("N s", block)


README_SCREEN = re.compile(r"(typing `giang` and opening the minister:\n\n```text\n)(.*?)```", re.S)
WIDTH, HEIGHT = 100, 31


async def test_the_readme_shows_the_screen_as_the_app_draws_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(PROJECT)  # the status line names the folder as given: `briefings`
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = README_SCREEN.search(readme)
    assert match, "the README's picture of the screen is missing"
    Index.open(Path("briefings"))[0].close()  # as after a first start: the index is ready
    app = DragomanApp(Path("briefings"))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(pilot)
        await search_for(pilot, "giang")
        people = app.query_one("#list-person")
        people.focus()
        await pilot.press("enter")
        await settle(pilot)
        strips = app.screen._compositor.render_strips()
        screen = "".join(strip.text.rstrip() + "\n" for strip in strips)
    if UPDATE and screen != match.group(2):
        readme = readme[: match.start(2)] + screen + readme[match.end(2) :]
        (PROJECT / "README.md").write_text(readme, encoding="utf-8")
        return
    shown = "".join(line.rstrip() + "\n" for line in match.group(2).splitlines())
    assert shown == screen


# A screen of each analyst's view in the README: `<!-- screen 80x24: KEYS -->` then a text
# block; KEYS are pressed one by one from the search bar (a word longer than one character is a
# key name: tab, enter, escape; `/VN` types VN), the app settling after each.
VIEW_SCREEN = re.compile(r"<!-- screen (\d+)x(\d+): (.*?) -->\n```text\n(.*?)```", re.S)


def _view_screens() -> list[tuple[int, int, str]]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    return [(int(w), int(h), keys) for w, h, keys, _ in VIEW_SCREEN.findall(readme)]


@pytest.mark.parametrize(("width", "height", "keys"), _view_screens())
async def test_the_readme_shows_each_view_as_the_app_draws_it(
    width: int, height: int, keys: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT)
    Index.open(Path("briefings"))[0].close()
    app = DragomanApp(Path("briefings"))
    async with app.run_test(size=(width, height)) as pilot:
        await settle(pilot)
        for key in keys.split():
            if key.startswith("/"):
                await pilot.press(*key[1:])
            else:
                await pilot.press(key)
            await settle(pilot)
        strips = app.screen._compositor.render_strips()
        screen = "".join(strip.text.rstrip() + "\n" for strip in strips)
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    match = next(m for m in VIEW_SCREEN.finditer(readme) if m.group(3) == keys)
    if UPDATE and screen != match.group(4):
        readme = readme[: match.start(4)] + screen + readme[match.end(4) :]
        (PROJECT / "README.md").write_text(readme, encoding="utf-8")
        return
    shown = "".join(line.rstrip() + "\n" for line in match.group(4).splitlines())
    assert shown == screen


THREE_COMMANDS = re.compile(r"in three commands\.\*\*.*?```text\n(.*?)```", re.S)


def test_the_readme_drafts_a_briefing_in_three_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's path from an article to a briefing, run in a folder of its own: the
    bundled briefings, and the article of docs/draft.md's example as ``article.txt``; the
    editor's step deletes the draft's comments, as the analyst does once each is checked."""
    block = THREE_COMMANDS.search((PROJECT / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "the README's three commands are missing"
    shutil.copytree(PROJECT / "briefings", tmp_path / "briefings")
    shutil.copy(PROJECT / "tests" / "data" / "articles" / "note.txt", tmp_path / "article.txt")
    monkeypatch.chdir(tmp_path)
    lines = block.group(1).splitlines()
    got: list[str] = []
    for line in lines:
        if not line.startswith("$ "):
            continue
        got.append(line)
        words = shlex.split(line[2:])
        if words[0] == "$EDITOR":
            path = Path(words[1])
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"  # .*$", "", text, flags=re.M), encoding="utf-8")
            continue
        capsys.readouterr()
        assert main(words[1:]) == 0
        got += capsys.readouterr().out.rstrip("\n").splitlines()
    assert got == lines
