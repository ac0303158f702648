"""A small library of briefings with known answers, shared by the search and index tests.

Three briefings, one per date precision (a year, a month, a day), declaring people with
Vietnamese, Thai and Japanese names, organizations with acronyms as aliases, events with and
without an end date, and proposals of several statuses and areas.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from dragoman.search.index import Index
from dragoman.search.report import IndexReport
from dragoman.search.results import SearchResult, search

# Written decomposed (NFD) into its file on purpose: the loader must compose it.
NGUYEN_NFD = unicodedata.normalize("NFD", "Nguyễn Thị Hà")
THAI_NAME = "สมชาย ใจดี"
JAPANESE_NAME = "小泉進次郎"

HANOI = "2024-hanoi-maritime-dialogue.yaml"
BANGKOK = "2025-06-bangkok-cyber-forum.yaml"
KUALA_LUMPUR = "2025-11-01-kuala-lumpur.yaml"

HANOI_BRIEFING: dict[str, Any] = {
    "id": "2024-hanoi-maritime-dialogue",
    "title": "Hanoi maritime security dialogue",
    "date": "2024",
    "summary": "Vietnam hosted a dialogue on maritime security; the source gives only the year.",
    "tags": ["maritime-security", "east-sea"],
    "text": (
        "Officials from Vietnam met in Hanoi to discuss maritime security. "
        "Deputy Minister Hoàng Xuân Chiến opened the meetings. "
        "Đặng Văn Đông spoke on coast guard training."
    ),
    "people": [
        {
            "id": "hoang-xuan-chien",
            "name": "Hoàng Xuân Chiến",
            "rank": "Senior Lieutenant General",
            "role": "Deputy Minister of National Defence",
            "organization": "vietnam-mnd",
            "country": "VN",
            "summary": "Chiến spoke on pandemic preparedness and opened the Hanoi meetings.",
        },
        {
            "id": "nguyen-thi-ha",
            "name": NGUYEN_NFD,
            "country": "VN",
            "summary": "Head of the coast guard training office; deputy to Chien.",
        },
        {
            "id": "dang-van-dong",
            "name": "Đặng Văn Đông",
            "country": "VN",
            "summary": "Spoke on coast guard training.",
        },
    ],
    "organizations": [
        {
            "id": "vietnam-mnd",
            "name": "Ministry of National Defence of Vietnam",
            "kind": "ministry",
            "country": "VN",
        },
        {"id": "three-rivers-commission", "name": "Three Rivers Commission", "kind": "commission"},
        {"id": "vietnam-training-command", "name": "Training Command", "kind": "command"},
    ],
    "events": [
        {
            "id": "hanoi-dialogue-2024",
            "title": "Hanoi Maritime Dialogue",
            "date": "2024",
            "kind": "dialogue",
            "country": "VN",
            "chairs": ["hoang-xuan-chien"],
            "participants": ["dang-van-dong"],
            "organizations": ["vietnam-mnd"],
        },
        {
            "id": "harbour-exercise-2023",
            "title": "Harbour exercise",
            "date": "2023-05-02",
            "kind": "exercise",
        },
    ],
    "proposals": [
        {
            "id": "pandemic-drill",
            "title": "Joint pandemic response drill",
            "by": "hoang-xuan-chien",
            "at": "hanoi-dialogue-2024",
            "areas": ["pandemic-response"],
            "status": "agreed",
            "summary": "A yearly drill of military medical teams.",
        },
        {
            "id": "river-cleanup",
            "title": "Delta cleanup",
            "by": "vietnam-mnd",
            "status": "stalled",
            "summary": "Clean the rivers of the delta.",
        },
    ],
}

BANGKOK_BRIEFING: dict[str, Any] = {
    "id": "2025-06-bangkok-cyber-forum",
    "title": "Bangkok cyber security forum",
    "date": "2025-06",
    "summary": "A forum on cyber security in Bangkok, held over three days.",
    "tags": ["cyber-security"],
    "people": [
        {
            "id": "somchai-jaidee",
            "name": THAI_NAME,
            "aliases": ["Somchai Jaidee"],
            "country": "TH",
            "summary": "สมชาย ใจดี, a Thai official, chaired the cyber forum.",
        },
        {
            "id": "koizumi-shinjiro",
            "name": JAPANESE_NAME,
            "aliases": ["Koizumi Shinjiro"],
            "role": "Minister of Defense",
            "country": "JP",
            "summary": "Japan's defence minister.",
        },
    ],
    "events": [
        {
            "id": "bangkok-cyber-forum-2025",
            "title": "Bangkok Cyber Forum",
            "date": "2025-06-10",
            "end": "2025-06-12",
            "kind": "forum",
            "country": "TH",
            "chairs": ["somchai-jaidee"],
            "participants": ["koizumi-shinjiro"],
        },
        {
            "id": "harbour-exercise-2025",
            "title": "Harbour exercise",
            "date": "2025-02-03",
            "kind": "exercise",
        },
    ],
    "proposals": [
        {
            "id": "cyber-hotline",
            "title": "Cyber incident hotline",
            "by": "somchai-jaidee",
            "to": ["koizumi-shinjiro"],
            "at": "bangkok-cyber-forum-2025",
            "areas": ["cyber-security"],
            "status": "proposed",
            "summary": "A hotline between the cyber commands, staffed day and night.",
        },
    ],
}

KUALA_LUMPUR_BRIEFING: dict[str, Any] = {
    "id": "2025-11-01-kuala-lumpur",
    "title": "ASEAN-Japan defence ministers meet in Kuala Lumpur",
    "date": "2025-11-01",
    "summary": "Defence ministers met in Kuala Lumpur; Giang set out priorities.",
    "tags": ["hadr", "maritime-security"],
    "text": (
        "General Giang spoke first. Giang said the ADMM+ matters; Giang praised ADMM+ again "
        "and Giang thanked ADMM+ members. Giang closed by restating Vietnam's position on the "
        "East Sea. The U.S. delegation attended the tea reception."
    ),
    "people": [
        {
            "id": "phan-van-giang",
            "name": "Phan Van Giang",
            "rank": "General",
            "role": "Minister of National Defence",
            "organization": "vietnam-mnd",
            "country": "VN",
            "summary": "Vietnam's defence minister; proposed disaster relief cooperation.",
        },
        {
            "id": "koizumi-shinjiro",
            "name": JAPANESE_NAME,
            "aliases": ["Koizumi Shinjiro"],
            "role": "Minister of Defense",
            "country": "JP",
            "summary": "Japan's defence minister; co-chaired the informal meeting.",
        },
    ],
    "organizations": [
        {
            "id": "admm-plus",
            "name": "ASEAN Defence Ministers' Meeting Plus",
            "aliases": ["ADMM+"],
            "kind": "forum",
        },
        {
            "id": "admm-plus-ewg-maritime-security",
            "name": "ADMM+ Experts' Working Group on Maritime Security",
            "kind": "working-group",
            "part_of": "admm-plus",
            "summary": (
                "Expert group of the ADMM+, co-chaired by Japan; the ADMM+ members take "
                "part, ADMM+ style."
            ),
        },
        {
            "id": "united-states",
            "name": "United States",
            "aliases": ["U.S."],
            "kind": "government",
            "country": "US",
        },
        {
            "id": "interoperability-directorate",
            "name": "Interoperability Directorate",
            "kind": "directorate",
        },
    ],
    "events": [
        {
            "id": "asean-japan-idmm-2025",
            "title": "ASEAN-Japan Informal Defence Ministers' Meeting",
            "date": "2025-11-01",
            "kind": "meeting",
            "place": "Kuala Lumpur",
            "country": "MY",
            "chairs": ["koizumi-shinjiro"],
            "participants": ["phan-van-giang"],
            "organizations": ["admm-plus"],
        },
        {
            "id": "asean-us-tea-reception-2025",
            "title": "ASEAN tea reception with the U.S. Secretary",
            "date": "2025-11-01",
            "kind": "reception",
            "participants": ["phan-van-giang"],
            "organizations": ["united-states"],
        },
    ],
    "proposals": [
        {
            "id": "hadr-focus",
            "title": "Focus cooperation on disaster relief",
            "by": "phan-van-giang",
            "at": "asean-japan-idmm-2025",
            "to": ["koizumi-shinjiro"],
            "areas": ["hadr"],
            "status": "agreed",
            "summary": "Giang asked that future work concentrate on disaster relief.",
        },
        {
            "id": "east-sea-restraint",
            "title": "Restraint in the East Sea",
            "by": "phan-van-giang",
            "at": "asean-us-tea-reception-2025",
            "areas": ["maritime-security"],
            "status": "proposed",
            "summary": "Disputes in the East Sea must be settled by peaceful means.",
        },
        {
            "id": "sea-lanes",
            "title": "Open sea lanes",
            "by": "united-states",
            "at": "asean-us-tea-reception-2025",
            "summary": "Keep the sea lanes open, from the east coast of Africa to the Pacific.",
        },
    ],
}

CORPUS: dict[str, dict[str, Any]] = {
    HANOI: HANOI_BRIEFING,
    BANGKOK: BANGKOK_BRIEFING,
    KUALA_LUMPUR: KUALA_LUMPUR_BRIEFING,
}

PEOPLE = {
    "hoang-xuan-chien",
    "nguyen-thi-ha",
    "dang-van-dong",
    "somchai-jaidee",
    "koizumi-shinjiro",
    "phan-van-giang",
}
ORGANIZATIONS = {
    "vietnam-mnd",
    "three-rivers-commission",
    "vietnam-training-command",
    "admm-plus",
    "admm-plus-ewg-maritime-security",
    "united-states",
    "interoperability-directorate",
}
EVENTS = {
    "hanoi-dialogue-2024",
    "harbour-exercise-2023",
    "bangkok-cyber-forum-2025",
    "harbour-exercise-2025",
    "asean-japan-idmm-2025",
    "asean-us-tea-reception-2025",
}
PROPOSALS = {
    "pandemic-drill",
    "river-cleanup",
    "cyber-hotline",
    "hadr-focus",
    "east-sea-restraint",
    "sea-lanes",
}
BRIEFINGS = {
    "2024-hanoi-maritime-dialogue",
    "2025-06-bangkok-cyber-forum",
    "2025-11-01-kuala-lumpur",
}
ALL_IDS = PEOPLE | ORGANIZATIONS | EVENTS | PROPOSALS | BRIEFINGS


def briefing_text(content: dict[str, Any]) -> str:
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)


def write_briefing(folder: Path, name: str, content: dict[str, Any]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(briefing_text(content), encoding="utf-8")
    return path


def write_corpus(folder: Path, names: tuple[str, ...] | None = None) -> Path:
    """The corpus (or some of its files) written into ``folder``, which is returned."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or tuple(CORPUS):
        write_briefing(folder, name, CORPUS[name])
    return folder


@contextmanager
def cache_env(cache: Path) -> Iterator[Path]:
    """``DRAGOMAN_CACHE_DIR`` pointed at ``cache`` for the block (for module-scoped fixtures)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRAGOMAN_CACHE_DIR", str(cache))
        mp.delenv("DRAGOMAN_MAX_FILE_SIZE", raising=False)
        yield cache


@contextmanager
def opened_corpus(tmp: Path) -> Iterator[Index]:
    """The whole corpus in ``tmp``, indexed into a cache inside ``tmp``; open for the block."""
    root = write_corpus(tmp / "briefings")
    with cache_env(tmp / "cache"):
        index, report = Index.open(root)
        assert report.rebuilt, report
        try:
            yield index
        finally:
            index.close()


def open_index(root: Path, **kwargs: Any) -> tuple[Index, IndexReport]:
    """Open (and close later) an index; the caller has set ``DRAGOMAN_CACHE_DIR``."""
    assert os.environ.get("DRAGOMAN_CACHE_DIR"), "the cache must be isolated"
    return Index.open(root, **kwargs)


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def find(index: Index, text: str, **kwargs: Any) -> list[str]:
    """The ids of every result (no limit in practice), in rank order."""
    kwargs.setdefault("limit", 1000)
    return ids(search(index, text, **kwargs))


def id_set(index: Index, text: str, **kwargs: Any) -> set[str]:
    found = find(index, text, **kwargs)
    assert len(found) == len(set(found)), f"duplicate results for {text!r}: {found}"
    return set(found)


def everything(index: Index) -> list[tuple[str, str, str]]:
    """Every document as (id, kind, date), in the order of the empty query: a fingerprint."""
    result = search(index, "", limit=1000)
    return [(h.id, h.kind, h.date) for h in result.hits]
