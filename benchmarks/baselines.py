"""What a reader or a developer would use instead, timed on the same corpus and queries.

- ``rg -i`` over the briefing files: what an analyst does today.
- SQLite FTS5 with ``remove_diacritics 2``: what a developer might pick instead of Whoosh. One
  row per briefing file; a query asks for the count and the best 20 with a snippet, as
  ``dragoman search`` gives the total and the best 20 with snippets.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from pathlib import Path


def ripgrep() -> str | None:
    return shutil.which("rg")


def rg_seconds(root: Path, words: list[str], *, phrase: bool = False) -> float:
    """One search as an analyst types it: ``rg -i WORD`` (or the phrase as a literal); with
    two words, the files holding the first, then the lines of those files holding the second.
    The output is read through a pipe, as a terminal would take it."""
    rg = ripgrep()
    assert rg is not None
    started = time.perf_counter()
    if phrase or len(words) == 1:
        pattern = " ".join(words)
        subprocess.run([rg, "-i", "-F", pattern, str(root)], capture_output=True, check=False)
    else:
        first = subprocess.run(
            [rg, "-i", "-l", "-F", words[0], str(root)], capture_output=True, check=False
        )
        files = first.stdout.decode().split("\n")
        files = [f for f in files if f]
        if files:
            subprocess.run([rg, "-i", "-F", words[1], *files], capture_output=True, check=False)
    return time.perf_counter() - started


class Fts5:
    """An FTS5 table of the briefing files, built in a temporary database file."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def build(self, root: Path) -> float:
        started = time.perf_counter()
        if self.db.exists():
            self.db.unlink()
        con = sqlite3.connect(self.db)
        con.execute(
            "CREATE VIRTUAL TABLE briefings USING fts5("
            "path UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        with con:
            for path in sorted(root.rglob("*.yaml")):
                con.execute(
                    "INSERT INTO briefings (path, body) VALUES (?, ?)",
                    (str(path), path.read_text(encoding="utf-8", errors="replace")),
                )
            con.execute("INSERT INTO briefings(briefings) VALUES ('optimize')")
        con.close()
        return time.perf_counter() - started

    def open(self) -> None:
        self.con = sqlite3.connect(self.db)

    def close(self) -> None:
        self.con.close()

    def query_seconds(self, match: str) -> tuple[float, int]:
        started = time.perf_counter()
        total = self.con.execute(
            "SELECT count(*) FROM briefings WHERE briefings MATCH ?", (match,)
        ).fetchone()[0]
        self.con.execute(
            "SELECT path, snippet(briefings, 1, '«', '»', '…', 24) FROM briefings "
            "WHERE briefings MATCH ? ORDER BY rank LIMIT 20",
            (match,),
        ).fetchall()
        return time.perf_counter() - started, int(total)


def fts5_match(words: list[str], *, phrase: bool = False, prefix: bool = False) -> str:
    """The FTS5 form of a query: words ANDed, a quoted phrase, or a prefix."""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if phrase:
        return '"' + " ".join(words).replace('"', '""') + '"'
    if prefix:
        return quoted[-1] + "*"
    return " AND ".join(quoted)
