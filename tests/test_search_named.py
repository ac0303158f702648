"""A name typed alone finds its person or organization first: above the hundreds of events,
proposals and briefings whose titles or text hold the same words, in the CLI's search, while
typing (the last word as the start of a word), and in the app's panes (Enter goes to the
person's pane, and the detail shows them).

The folder here is made for it: 660 events titled with the names, each scoring higher than the
people by relevance alone (short titles, the names repeated in their summaries), more than the
pool of best-scored candidates the ranking reads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from app_fixtures import (  # noqa: F401  (fixtures are found by name)
    SIZE,
    detail_lines,
    isolated_home,
    search_for,
    settle,
    shared_cache,
)
from dragoman.app import DragomanApp
from dragoman.app.widgets import EntityList
from dragoman.search.index import Index
from dragoman.search.panes import search_panes
from dragoman.search.results import search

PEOPLE = [
    {
        "id": "nishida-yasunori",
        "name": "Nishida Yasunori",
        "role": "Vice-Minister",
        "country": "JP",
    },
    {
        "id": "hoang-xuan-chien",
        "name": "Hoàng Xuân Chiến",
        "aliases": ["Hoang Xuan Chien"],
        "role": "Deputy Minister",
        "country": "VN",
    },
    {"id": "nguyen-van-nam", "name": "Nguyễn Văn Nam", "country": "VN"},
]
ORGANIZATIONS = [
    {
        "id": "vietnam-coast-guard",
        "name": "Vietnam Coast Guard",
        "aliases": ["VCG"],
        "country": "VN",
    },
]


def _events() -> list[dict[str, Any]]:
    events = []
    for n in range(660):  # 220 events for each name: more than the pool of the best-scored
        who, party = [
            ("Nishida Yasunori", "nishida-yasunori"),
            ("Hoàng Xuân Chiến", "hoang-xuan-chien"),
            ("Vietnam Coast Guard", "vietnam-coast-guard"),
        ][n % 3]
        links = "organizations" if party == "vietnam-coast-guard" else "participants"
        events.append(
            {
                "id": f"meeting-{n}",
                "title": f"Lich receives {who}" if n % 2 else f"{who} visits",
                "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "summary": f"{who} and {who} again; {who.split()[0]} spoke to the VCG.",
                links: [party],
            }
        )
    return events


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("named") / "briefings"
    root.mkdir()
    people = {
        "id": "2025-people",
        "title": "Who is who",
        "date": "2025",
        "people": PEOPLE,
        "organizations": ORGANIZATIONS,
    }
    meetings = {
        "id": "2025-meetings",
        "title": "A year of meetings with Nishida Yasunori and the Vietnam Coast Guard",
        "date": "2025-12",
        "text": "Nishida Yasunori. Hoàng Xuân Chiến. Vietnam Coast Guard. " * 20,
        "events": _events(),
        "proposals": [
            {
                "id": "nishida-proposal",
                "title": "Nishida Yasunori proposes a hotline",
                "status": "proposed",
                "by": ["nishida-yasunori"],
                "date": "2025-05-01",
            }
        ],
    }
    for name, content in (("people.yaml", people), ("meetings.yaml", meetings)):
        (root / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False))
    return root


@pytest.fixture(scope="module")
def index(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    import os

    os.environ["DRAGOMAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("named-cache"))
    opened, _ = Index.open(folder)
    yield opened
    opened.close()


NAMES = [
    # (typed, the entity it names): one, two and three words, accented or not, any order
    ("nishida", "nishida-yasunori"),
    ("Yasunori", "nishida-yasunori"),
    ("yasunori nishida", "nishida-yasunori"),
    ("Nishida Yasunori", "nishida-yasunori"),
    ("chien", "hoang-xuan-chien"),
    ("Chiến", "hoang-xuan-chien"),
    ("hoang xuan", "hoang-xuan-chien"),
    ("Hoàng Xuân", "hoang-xuan-chien"),
    ("xuan chien hoang", "hoang-xuan-chien"),
    ("coast guard", "vietnam-coast-guard"),
    ("guard vietnam coast", "vietnam-coast-guard"),
    ("VCG", "vietnam-coast-guard"),
]


@pytest.mark.parametrize(("typed", "expected"), NAMES)
def test_a_name_typed_alone_ranks_its_entity_first(index: Any, typed: str, expected: str) -> None:
    result = search(index, typed, limit=5)
    assert result.hits[0].id == expected, [h.id for h in result.hits]
    # the events holding the name in their titles come right after it, not before
    assert any(h.kind == "event" for h in result.hits[1:])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nish", "nishida-yasunori"),
        ("nishida yas", "nishida-yasunori"),
        ("hoang xuan ch", "hoang-xuan-chien"),
        ("chiê", "hoang-xuan-chien"),
        ("coast gu", "vietnam-coast-guard"),
    ],
)
def test_while_typing_the_last_word_counts_as_the_start_of_one(
    index: Any, typed: str, expected: str
) -> None:
    assert search(index, typed, limit=3, as_you_type=True).hits[0].id == expected
    panes = search_panes(index, typed)
    kind = "organization" if expected == "vietnam-coast-guard" else "person"
    assert panes.best_kind == kind
    assert panes.panes[kind][1][0].id == expected


def test_words_beyond_the_name_rank_the_titles_that_hold_them_all_first(index: Any) -> None:
    """ "receives" is in no name: "nishida receives" names no one, and the events say it."""
    hits = search(index, "nishida receives", limit=5).hits
    assert hits[0].kind == "event"
    assert all("Nishida" in h.title for h in hits)


def test_a_name_in_the_cli_comes_first(folder: Path, index: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dragoman.cli", "search", "yasunori", str(folder), "--limit", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "[nishida-yasunori]" in done.stdout.splitlines()[0]


async def test_in_the_app_enter_goes_to_the_person_named(folder: Path, index: Any) -> None:
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "nishida")
        assert "Nishida Yasunori" in "\n".join(detail_lines(app))  # shown while typing
        await pilot.press("enter")
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, EntityList)
        assert focused.kind == "person"
        assert focused.current is not None and focused.current.id == "nishida-yasunori"


async def test_typed_letter_by_letter_the_detail_follows_to_the_person(
    folder: Path, index: Any
) -> None:
    """Each new query's best match is shown until the reader opens something: "n", "ni"...
    may best match an event, "nishida" is the person."""
    app = DragomanApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for letter in "nishida":
            await pilot.press(letter)
            await settle(pilot)
        assert app.shown == "nishida-yasunori"
        await pilot.press("down", "enter")  # opened: the detail keeps him from now on
        await settle(pilot)
        app.query_one("#search").focus()
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        assert app.shown == "nishida-yasunori"
