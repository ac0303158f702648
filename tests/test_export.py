"""``dragoman export``: a dossier holding everything ``show --json`` links, in Markdown that
briefing text cannot turn into structure or HTML, and in JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dragoman.library.dossier import dossier, dossier_markdown, md
from dragoman.library.library import Library, load_library
from dragoman.library.present import briefing_json, entity_json
from views_fixtures import write_views_folder

Run = Callable[..., tuple[int, str, str]]
PROJECT = Path(__file__).resolve().parent.parent


def _linked(library: Library, id_: str) -> set[str]:
    """The events, proposals and briefings ``show --json`` links from one entity or briefing."""
    item = library.get(id_)
    assert item is not None
    if item.kind == "briefing":
        data = briefing_json(library, item)  # type: ignore[arg-type]
        rows = [r for section in data["declares"].values() for r in section]
        return {r["id"] for r in rows if r["kind"] in ("event", "proposal")}
    data = entity_json(library, item)  # type: ignore[arg-type]
    rows = [r for part in ("links", "backlinks") for rs in data[part].values() for r in rs]
    found = {r["id"] for r in rows if r["kind"] in ("event", "proposal")}
    return found | {b["id"] for b in data["briefings"]}


@pytest.mark.parametrize("folder", ["bundled", "views"])
def test_a_dossier_holds_every_event_proposal_and_briefing_show_links(
    folder: str, tmp_path: Path
) -> None:
    root = PROJECT / "briefings" if folder == "bundled" else write_views_folder(tmp_path / "v")
    library = load_library(root)
    for id_ in [*library.entities, *library.briefings]:
        item = library.get(id_)
        assert item is not None
        data = dossier(library, item)
        held = {r["id"] for rows in data["links"].values() for r in rows}
        held |= {s["id"] for s in data["sources"]}
        assert _linked(library, id_) <= held, id_
        text = dossier_markdown(data)
        for rows in data["links"].values():
            for r in rows:
                assert md(r["title"]) in text


HOSTILE = "<script>alert(1)</script> [click](javascript:alert(1)) | # x \x1b[31m *b* `c`"


def test_hostile_text_comes_out_inert(tmp_path: Path) -> None:
    folder = tmp_path / "h"
    folder.mkdir()
    (folder / "h.yaml").write_text(
        json.dumps(
            {
                "id": "b-hostile",
                "title": "# " + HOSTILE,
                "date": "2024",
                "source": {"publisher": HOSTILE, "url": "javascript:alert(1)"},
                "people": [{"id": "p", "name": "- " + HOSTILE, "role": "1. " + HOSTILE}],
                "events": [{"id": "e", "title": "> " + HOSTILE, "date": "2024", "chairs": ["p"]}],
            }
        ),
        encoding="utf-8",
    )
    library = load_library(folder)
    assert not library.errors
    for id_ in ("p", "e", "b-hostile"):
        item = library.get(id_)
        assert item is not None
        text = dossier_markdown(dossier(library, item))
        assert "<script" not in text and "\x1b" not in text
        assert "](" not in text.replace("\\](", "")
        assert "javascript:alert(1)>" not in text  # never an autolink but to http(s)
        for line in text.splitlines():
            if line.startswith("#"):
                assert re.match(r"#{1,2} ", line) and not line[2:].lstrip("# ").startswith("#")
            if line.startswith(("- ", "1. ")):
                item_text = line.split(" ", 1)[1]
                assert not re.match(r"[-+#>]|[0-9]+[.)]", item_text)
            if line.startswith("|"):  # a table row keeps its columns
                assert len(re.findall(r"(?<!\\)\|", line)) in (3, 4, 5)


def test_export_cli_markdown_json_file_and_bad_input(
    run_cli: Run, tmp_path: Path, isolated_cache: Path
) -> None:
    briefings = PROJECT / "briefings"
    code, out, _ = run_cli("export", "phan-van-giang", briefings)
    assert code == 0 and out.startswith("# Phan Van Giang\n") and "## Sources" in out
    code, out, _ = run_cli("export", "phan-van-giang", briefings, "--format", "json")
    data = json.loads(out)
    assert set(data) >= {
        "id",
        "kind",
        "title",
        "date",
        "fields",
        "links",
        "roles",
        "met",
        "sources",
    }
    target = tmp_path / "giang.md"
    code, out, _ = run_cli("export", "phan-van-giang", briefings, "--output", target)
    assert code == 0 and out.strip() == str(target) and target.read_text().startswith("# Phan")
    code, _, err = run_cli("export", "phan-van-gaing", briefings)
    assert code == 2 and "did you mean phan-van-giang" in err
    code, _, err = run_cli("export", "phan-van-giang", briefings, "--output", tmp_path / "no/x.md")
    assert code == 2 and "cannot write" in err


def test_export_of_a_pair_is_the_who_met_whom_card_with_sources(
    run_cli: Run, tmp_path: Path, isolated_cache: Path
) -> None:
    folder = write_views_folder(tmp_path / "v")
    code, out, _ = run_cli("export", "--pair", "VN", "japan", folder)
    assert code == 0
    assert out.startswith("# Vietnam and Japan\n\n*3 shared events, first 2017-08-03, last 2024*")
    assert "| 2017-08-03 | 5th Vietnam-Japan Defence Policy Dialogue |" in out
    assert "## Proposals between them" in out and "## Sources" in out
    code, out, _ = run_cli("export", "--pair", "JP", "VN", "--path", folder, "--format", "json")
    data = json.loads(out)
    assert [e["id"] for e in data["events"]] == ["dialogue-5", "dialogue-6", "dialogue-7"]
    assert all(e["sources"] for e in data["events"]) and data["sources"]
    code, _, err = run_cli("export", "--pair", "VN", "vietnam", folder)
    assert code == 2 and "twice" in err
    code, _, err = run_cli("export", "--path", folder)
    assert code == 2 and "give an ID to export, or --pair A B" in err
