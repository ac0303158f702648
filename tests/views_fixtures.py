"""A folder of briefings written for the analyst's views: a series of dialogues (``follows``),
a proposal whose status moves across three briefings, a person written with and without
accents, an event with no country whose chairs give it its countries, and a summit whose
sessions (``part_of``) lend it their people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import briefing_yaml

PEOPLE = [
    {
        "id": "hoang-xuan-chien",
        "name": "Hoàng Xuân Chiến",
        "aliases": ["Hoang Xuan Chien"],
        "role": "Deputy Minister of National Defence",
        "organization": "vietnam-mnd",
        "country": "VN",
    },
    {
        "id": "tanaka-ken",
        "name": "Tanaka Ken",
        "role": "Vice-Minister of Defense",
        "organization": "japan-mod",
        "country": "JP",
    },
    {"id": "kim-min-su", "name": "Kim Min-su", "role": "Vice Minister", "country": "KR"},
]

ORGANIZATIONS = [
    {"id": "vietnam-mnd", "name": "Ministry of National Defence", "country": "VN"},
    {"id": "japan-mod", "name": "Japanese Ministry of Defense", "country": "JP"},
    {"id": "asean", "name": "Association of Southeast Asian Nations", "kind": "bloc"},
]


def _briefing(id_: str, date: str, **sections: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Briefing {id_}", "date": date, "tags": ["dialogue"], **sections}


BRIEFINGS: dict[str, dict[str, Any]] = {
    "2017.yaml": _briefing(
        "b-2017",
        "2017-08",
        people=PEOPLE[:2],
        organizations=ORGANIZATIONS,
        events=[
            {
                "id": "dialogue-5",
                "title": "5th Vietnam-Japan Defence Policy Dialogue",
                "date": "2017-08-03",
                "kind": "dialogue",
                "place": "Hanoi",
                "country": "VN",
                "chairs": ["hoang-xuan-chien", "tanaka-ken"],
            }
        ],
        proposals=[
            {
                "id": "joint-training",
                "title": "Joint training of peacekeepers",
                "by": ["hoang-xuan-chien"],
                "to": ["japan-mod"],
                "at": "dialogue-5",
                "areas": ["peacekeeping"],
                "status": "agreed",
            },
            {
                "id": "quiet-idea",
                "title": "A hotline between the ministries",
                "by": ["tanaka-ken"],
                "to": ["vietnam-mnd"],
                "at": "dialogue-5",
                "areas": ["communications"],
            },
        ],
    ),
    "2018.yaml": _briefing(
        "b-2018",
        "2018-07",
        people=[
            {"id": "hoang-xuan-chien", "name": "Hoang Xuan Chien", "aliases": ["Hoàng Xuân Chiến"]}
        ],
        events=[
            {
                "id": "dialogue-6",
                "title": "6th Vietnam-Japan Defence Policy Dialogue",
                "date": "2018-07",
                "kind": "dialogue",
                "place": "Tokyo",
                "follows": "dialogue-5",
                "chairs": ["hoang-xuan-chien", "tanaka-ken"],
            }
        ],
        proposals=[
            {
                "id": "joint-training",
                "title": "Joint training of peacekeepers",
                "by": ["hoang-xuan-chien"],
                "status": "in-progress",
            }
        ],
    ),
    "2024.yaml": _briefing(
        "b-2024",
        "2024-02-10",
        people=[PEOPLE[2]],
        events=[
            {
                "id": "dialogue-7",
                "title": "7th Vietnam-Japan Defence Policy Dialogue",
                "date": "2024",
                "follows": "dialogue-6",
                "chairs": ["tanaka-ken"],
                "participants": ["hoang-xuan-chien"],
            },
            {"id": "summit", "title": "Defence summit", "date": "2024-02", "place": "Seoul"},
            {
                "id": "summit-session",
                "title": "Summit session on the sea",
                "date": "2024-02-09",
                "part_of": "summit",
                "chairs": ["kim-min-su"],
                "participants": ["hoang-xuan-chien"],
                "organizations": ["asean"],
            },
        ],
        proposals=[
            {
                "id": "joint-training",
                "title": "Joint training of peacekeepers",
                "by": ["hoang-xuan-chien"],
                "status": "done",
            },
            {
                "id": "sea-table",
                "title": "A round table on the sea",
                "by": ["kim-min-su"],
                "at": "summit-session",
                "to": ["vietnam-mnd"],
                "follows": "quiet-idea",
                "areas": ["maritime-security"],
                "status": "stalled",
            },
        ],
    ),
}


def write_views_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in BRIEFINGS.items():
        (folder / name).write_text(briefing_yaml(content), encoding="utf-8")
    return folder
