"""Helpers for the fault tests: a generated library big enough that indexing it takes a few
hundred milliseconds, a fingerprint of what searching it returns, a small disk (tmpfs), and
the ways of running dragoman with fewer rights than root."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from dragoman.search.index import Index
from dragoman.search.results import search
from search_fixtures import cache_env

WORDS = (
    *("maritime", "cyber", "hotline", "drill", "coast", "guard", "training", "frigate"),
    *("patrol", "doctrine", "logistics", "medical", "relief", "exercise", "observer"),
    *("liaison", "treaty", "radar", "submarine", "airlift", "demining"),
)
COUNTRIES = ("VN", "TH", "JP", "MY", "ID", "PH", "SG")

# Queries that reach every part of the index: the stored fields (the empty query lists every
# document), the words, the phrases, the keyword and numeric fields.
CORPUS_QUERIES = (
    "",
    "kind:person",
    "kind:event",
    "kind:briefing",
    "kind:proposal",
    "maritime",
    "coast guard",
    '"coast guard"',
    "frigate -radar",
    "revision",
    "country:vn",
    "date:2025-03",
    "person:person-007",
    "organization",
    "brief*",
)

CorpusFingerprint = dict[str, Any]


def generated_briefing(number: int, revision: int = 0) -> dict[str, Any]:
    """Briefing ``number`` of the generated library: deterministic for (number, revision).

    People are shared between briefings (so entities merge), every event links people and an
    organization, and a revision changes the title, the summary and the length of the file.
    """
    rng = random.Random(number * 1000 + revision)

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    day = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
    people = [f"person-{(number * 3 + k) % 90:03d}" for k in range(3)]
    org = f"org-{number % 20:02d}"
    title = f"Briefing {number} on {words(2)}"
    if revision:
        title += f" revision {revision}" + " again" * revision
    return {
        "id": f"{day}-briefing-{number:03d}",
        "title": title,
        "date": day,
        "summary": words(12),
        "tags": sorted({rng.choice(WORDS) for _ in range(2)}),
        "text": " ".join(words(15) + "." for _ in range(6)),
        "people": [
            {
                "id": p,
                "name": p.replace("-", " ").title(),
                "country": rng.choice(COUNTRIES),
                "summary": words(8),
            }
            for p in people
        ],
        "organizations": [{"id": org, "name": f"Organization {number % 20}", "kind": "ministry"}],
        "events": [
            {
                "id": f"event-{number:03d}",
                "title": f"Meeting {number} {words(2)}",
                "date": day,
                "kind": "meeting",
                "chairs": people[:1],
                "participants": people[1:],
                "organizations": [org],
            }
        ],
        "proposals": [
            {
                "id": f"proposal-{number:03d}",
                "title": f"Proposal {words(3)}",
                "by": people[0],
                "at": f"event-{number:03d}",
                "status": "proposed",
                "summary": words(10),
            }
        ],
    }


def generated_name(number: int) -> str:
    return f"b{number:03d}.yaml"


def write_generated(root: Path, number: int, revision: int = 0, name: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / (name or generated_name(number))
    text = yaml.safe_dump(
        generated_briefing(number, revision), allow_unicode=True, sort_keys=False, width=1000
    )
    path.write_text(text, encoding="utf-8")
    return path


def write_generated_library(root: Path, count: int) -> Path:
    for number in range(count):
        write_generated(root, number)
    return root


def corpus_fingerprint(index: Index) -> CorpusFingerprint:
    """Every result of :data:`CORPUS_QUERIES`, order aside, as JSON-ready lists."""
    out: CorpusFingerprint = {}
    for query in CORPUS_QUERIES:
        result = search(index, query, limit=100_000)
        hits = sorted([h.id, h.kind, h.title, h.date, h.snippet_text] for h in result.hits)
        out[query] = [result.total, hits]
    return out


def fresh_corpus_fingerprint(root: Path, cache: Path) -> CorpusFingerprint:
    """The fingerprint of an index of ``root`` built from nothing in the cache ``cache``."""
    shutil.rmtree(cache, ignore_errors=True)
    with cache_env(cache):
        index, report = Index.open(root)
        assert report.rebuilt
        try:
            return corpus_fingerprint(index)
        finally:
            index.close()


def as_json(value: Any) -> Any:
    """``value`` as it comes back from JSON (tuples become lists)."""
    return json.loads(json.dumps(value))


def generations(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("gen-"))


def only_folder(cache: Path) -> Path:
    """The one per-briefings-folder cache folder inside ``cache``."""
    folders = list((cache / "folders").iterdir())
    assert len(folders) == 1, folders
    return folders[0]


# -- a small disk -----------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(mount_point: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``mount_point`` for the block; skips the test when this
    system does not let us mount one (not root, no CAP_SYS_ADMIN, no mount command)."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("no mount command to make a small disk")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def fill_disk(mount_point: Path, leave: int) -> Path:
    """Fill the disk at ``mount_point`` with a file, leaving about ``leave`` bytes free."""
    filler = mount_point / "filler"
    with open(filler, "ab") as handle:
        chunk = b"\0" * 65536
        while (room := free_bytes(mount_point) - leave) > 0:
            try:
                handle.write(chunk[: min(room, len(chunk))])
                handle.flush()
            except OSError as exc:  # pragma: no cover - full already
                assert exc.errno == errno.ENOSPC
                break
    assert free_bytes(mount_point) <= leave
    return filler


# -- fewer rights than root -------------------------------------------------------------------


def unprivileged_prefix() -> list[str] | None:
    """A command prefix under which ``chmod 000`` stops reads, or None when there is none.

    Not root: nothing needed. Root: ``setpriv`` drops the capabilities that let root read any
    file (it stays uid 0, so the cache folder is still its own).
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None
