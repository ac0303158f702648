"""The command line as an analyst uses it: check, show and schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dragoman.briefings.schema import briefing_schema
from dragoman.library.library import load_library
from dragoman.library.present import source_line

Run = Callable[..., tuple[int, str, str]]
Write = Callable[[str, str | dict[str, Any]], Path]

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning): (?P<code>[a-z-]+): (?P<message>.+)$"
)
SUMMARY = re.compile(
    r"^files read: (\d+); loaded: briefings: (\d+), people: (\d+), organizations: (\d+), "
    r"events: (\d+), proposals: (\d+); errors: (\d+); warnings: (\d+)$"
)
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# -- check ------------------------------------------------------------------------------------


def test_check_on_the_bundled_briefings_is_clean(run_cli: Run, bundled_briefings: Path) -> None:
    code, out, err = run_cli("check", bundled_briefings)
    assert (code, err) == (0, "")
    [summary] = out.splitlines()
    m = SUMMARY.match(summary)
    assert m, summary
    counts = load_library(bundled_briefings).counts()
    assert [int(n) for n in m.groups()] == [2, *counts.values(), 0, 0]
    assert counts["briefings"] == 2
    assert min(counts.values()) > 0


@pytest.fixture
def broken_folder(write_briefing: Write) -> Path:
    write_briefing(
        "a-good.yaml",
        "id: a\ntitle: A\ndate: 2024\npeople:\n  - id: giang\n    name: Giang\n",
    )
    write_briefing(
        "b-broken.yaml",
        "id: b\ntitle: B\ndate: 2024-02-30\nsumary: s\n",
    )
    return write_briefing(
        "c-warned.yaml",
        "id: c\ntitle: C\ndate: 2025\nevents:\n  - id: e\n    title: E\n    date: 2025\n"
        "    participants: [giang, nobody]\n",
    ).parent


def test_check_lists_every_problem_in_compiler_form(run_cli: Run, broken_folder: Path) -> None:
    code, out, err = run_cli("check", broken_folder)
    assert code == 1
    assert err == ""
    *lines, summary = out.splitlines()
    parsed = []
    for line in lines:
        m = LINE.match(line)
        assert m, line
        parsed.append(
            (Path(m["path"]).name, int(m["line"]), int(m["col"]), m["severity"], m["code"])
        )
    assert parsed == [
        ("b-broken.yaml", 1, 1, "error", "missing-field"),
        ("b-broken.yaml", 3, 7, "error", "bad-date"),
        ("b-broken.yaml", 4, 1, "error", "unknown-field"),
        ("c-warned.yaml", 8, 27, "warning", "dangling-link"),
    ]
    assert all(Path(LINE.match(line)["path"]).is_file() for line in lines)  # type: ignore[index]
    assert SUMMARY.match(summary)
    assert summary.startswith("files read: 3; loaded: briefings: 2, people: 1,")
    assert summary.endswith("errors: 3; warnings: 1")


def test_check_with_only_warnings_succeeds(run_cli: Run, write_briefing: Write) -> None:
    path = write_briefing(
        "a.yaml", "id: a\ntitle: A\ndate: 2024\npeople:\n  - id: x\n    name: Y\n"
    )
    code, out, _ = run_cli("check", path.parent)
    assert code == 0
    assert ": warning: person-id: " in out
    assert out.splitlines()[-1].endswith("errors: 0; warnings: 1")


def test_check_json(run_cli: Run, broken_folder: Path) -> None:
    code, out, _ = run_cli("check", broken_folder, "--json")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"path", "files", "counts", "errors", "warnings", "diagnostics"}
    assert report["path"] == str(broken_folder)
    assert report["files"] == 3
    assert report["counts"] == {
        "briefings": 2,
        "people": 1,
        "organizations": 0,
        "events": 1,
        "proposals": 0,
    }
    assert (report["errors"], report["warnings"]) == (3, 1)
    first = report["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "message"}
    assert [d["code"] for d in report["diagnostics"]] == [
        "missing-field",
        "bad-date",
        "unknown-field",
        "dangling-link",
    ]


def test_check_on_a_missing_path_exits_2(run_cli: Run, tmp_path: Path) -> None:
    code, out, err = run_cli("check", tmp_path / "no-such-folder")
    assert code == 2
    assert out == ""
    assert "no briefings at" in err
    assert "no-such-folder" in err


def test_check_on_a_single_file(run_cli: Run, broken_folder: Path) -> None:
    code, out, _ = run_cli("check", broken_folder / "a-good.yaml")
    assert code == 0
    assert out.startswith("files read: 1; loaded: briefings: 1, people: 1,")


def test_max_file_size_option(run_cli: Run, broken_folder: Path) -> None:
    code, out, _ = run_cli("check", broken_folder, "--max-file-size", "10")
    assert code == 1
    assert out.count(": error: too-large: ") == 3
    code, _, err = run_cli("check", broken_folder, "--max-file-size", "lots")
    assert code == 2
    assert "not a size" in err


def test_max_file_size_from_the_environment(
    run_cli: Run, broken_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAGOMAN_MAX_FILE_SIZE", "10")
    _, out, _ = run_cli("check", broken_folder)
    assert out.count(": error: too-large: ") == 3


# -- show -------------------------------------------------------------------------------------


def section(out: str, title: str) -> list[str]:
    """The indented lines under ``title:`` in ``show`` output."""
    lines = out.splitlines()
    start = lines.index(f"  {title}:") + 1
    found = []
    for line in lines[start:]:
        if not line.startswith("    "):
            break
        found.append(line.strip())
    return found


def test_show_a_minister_with_the_events_attended_and_proposals_made(
    run_cli: Run, bundled_briefings: Path
) -> None:
    code, out, err = run_cli("show", "phan-van-giang", "--path", bundled_briefings)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["Phan Van Giang", "person phan-van-giang"]
    assert "  role: Minister of National Defence" in lines
    attended = section(out, "Attended")
    assert any("[event asean-japan-idmm-2025, 2025-11-01]" in line for line in attended)
    assert any("[event asean-us-tea-reception-2025, 2025-11-01]" in line for line in attended)
    proposals = section(out, "Proposals made")
    assert any("proposal giang-japan-hadr-cooperation" in line for line in proposals)
    assert any("proposal giang-east-sea-doc-coc" in line for line in proposals)
    assert any("organization vietnam-mnd" in line for line in section(out, "Organization"))


def test_every_value_under_briefings_carries_its_label(
    run_cli: Run, bundled_briefings: Path
) -> None:
    code, out, _ = run_cli("show", "phan-van-giang", "--path", bundled_briefings)
    assert code == 0
    briefings = out.split("\nBriefings\n", 1)[1].splitlines()
    sources = [line.strip() for line in briefings if line.startswith("      ")]
    assert sources == ["translator: Tran Hoai"]  # the translator, named as such


def test_a_source_line_labels_each_value_in_one_order() -> None:
    source = {
        "url": "https://example.org/a",
        "translator": "Tran Hoai",
        "publisher": "Vietnam News Agency",
        "published": "2025-11-02",
        "author": "",
    }
    assert source_line(source) == (
        "publisher: Vietnam News Agency · translator: Tran Hoai · published: 2025-11-02 · "
        "url: https://example.org/a"
    )
    assert source_line({}) == ""


def test_show_takes_the_folder_where_a_user_puts_it(run_cli: Run, bundled_briefings: Path) -> None:
    assert run_cli("show", "phan-van-giang", bundled_briefings) == run_cli(
        "show", "phan-van-giang", "--path", bundled_briefings
    )
    code, out, _ = run_cli("check", "--path", bundled_briefings)
    assert code == 0
    assert out.endswith("errors: 0; warnings: 0\n")


def test_an_unknown_id_under_json_is_a_json_error(run_cli: Run, bundled_briefings: Path) -> None:
    code, out, err = run_cli("show", "phan-van-gaing", bundled_briefings, "--json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert data["id"] == "phan-van-gaing"
    assert "phan-van-giang" in data["suggestions"]
    assert "no entity or briefing has the id" in data["error"]


def test_show_a_co_chair(run_cli: Run, bundled_briefings: Path) -> None:
    code, out, _ = run_cli("show", "koizumi-shinjiro", "--path", bundled_briefings)
    assert code == 0
    chaired = section(out, "Chaired")
    assert len(chaired) == 1
    assert "[event asean-japan-idmm-2025, 2025-11-01]" in chaired[0]


def test_show_json(run_cli: Run, bundled_briefings: Path) -> None:
    code, out, _ = run_cli("show", "phan-van-giang", "--path", bundled_briefings, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["id"], data["kind"], data["title"]) == (
        "phan-van-giang",
        "person",
        "Phan Van Giang",
    )
    assert data["fields"]["country"] == "VN"
    assert [link["id"] for link in data["links"]["organization"]] == ["vietnam-mnd"]
    attended = {link["id"] for link in data["backlinks"]["attended"]}
    assert attended == {"asean-japan-idmm-2025", "asean-us-tea-reception-2025"}
    assert all(link["resolved"] for link in data["backlinks"]["proposed"])
    assert "giang-japan-hadr-cooperation" in {link["id"] for link in data["backlinks"]["proposed"]}
    [ref] = data["briefings"]
    assert ref["id"] == "2025-11-01-kuala-lumpur-asean-japan-idmm"
    assert ref["line"] == 1


def test_show_a_briefing(run_cli: Run, bundled_briefings: Path) -> None:
    briefing_id = "2024-tokyo-japan-asean-vice-ministerial-forum"
    code, out, _ = run_cli("show", briefing_id, "--path", bundled_briefings)
    assert code == 0
    assert out.splitlines()[1].startswith(f"briefing {briefing_id}  2024  ")
    assert "  hoang-xuan-chien" not in out
    assert "[person hoang-xuan-chien, 2024]" in out


def test_show_lists_the_history_of_a_changed_role(run_cli: Run, write_briefing: Write) -> None:
    write_briefing(
        "a.yaml",
        {
            "id": "a",
            "title": "A",
            "date": "2023",
            "people": [{"id": "giang", "name": "Giang", "role": "Chief of Staff"}],
        },
    )
    path = write_briefing(
        "b.yaml",
        {
            "id": "b",
            "title": "B",
            "date": "2024-05",
            "people": [{"id": "giang", "name": "Giang", "role": "Minister"}],
        },
    )
    code, out, _ = run_cli("show", "giang", "--path", path.parent)
    assert code == 0
    assert "  role: Minister" in out
    assert section(out, "role") == ["2023  Chief of Staff  (a)", "2024-05  Minister  (b)"]


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("phan-van-gaing", "phan-van-giang"),
        ("Hoàng Xuân", "hoang-xuan-chien"),
        ("JASMINE", "jasmine"),
    ],
)
def test_show_an_unknown_id_suggests_close_ones(
    run_cli: Run, bundled_briefings: Path, query: str, suggested: str
) -> None:
    code, out, err = run_cli("show", query, "--path", bundled_briefings)
    assert code == 1
    assert out == ""
    assert f"no entity or briefing has the id {query!r}" in err
    assert "did you mean" in err
    assert suggested in err


def test_show_an_unknown_id_with_nothing_close(run_cli: Run, bundled_briefings: Path) -> None:
    code, _, err = run_cli("show", "zzzzqqqq", "--path", bundled_briefings)
    assert code == 1
    assert "did you mean" not in err


# -- schema -----------------------------------------------------------------------------------


def test_schema_prints_the_json_schema(run_cli: Run) -> None:
    code, out, _ = run_cli("schema")
    assert code == 0
    assert json.loads(out) == briefing_schema()


# -- what reaches the terminal ----------------------------------------------------------------

HOSTILE = r"""
id: hostile
title: "\e]52;c;aGk=\a"
date: 2024
summary: "[bold]x[/] and \u202eevil"
people:
  - id: mallory
    name: "Mallory \e[31mred\e[0m [bold]x[/]"
    aliases: [Mallory]
    role: "\e[2J\e[H"
proposals:
  - id: p
    title: "[link=https://example.org]click[/link]"
    by: mallory
    status: "\e[5m"
"""


@pytest.fixture
def hostile_folder(write_briefing: Write, briefings_dir: Path) -> Path:
    write_briefing("hostile.yaml", HOSTILE)
    (briefings_dir / "name\x1b[31m.yaml").write_text("id: x\ntitle: t\ndate: 2024\nbad\x07: 1\n")
    return briefings_dir


def test_check_prints_control_characters_escaped(run_cli: Run, hostile_folder: Path) -> None:
    code, out, _ = run_cli("check", hostile_folder)
    assert code == 1
    assert not RAW_CONTROLS.search(out)
    assert "name\\x1b[31m.yaml:" in out
    assert ": error: bad-status: " in out


def test_check_json_keeps_control_characters_escaped(run_cli: Run, hostile_folder: Path) -> None:
    _, out, _ = run_cli("check", hostile_folder, "--json")
    assert not RAW_CONTROLS.search(out)
    paths = {d["path"] for d in json.loads(out)["diagnostics"]}
    assert any(p.endswith("name\x1b[31m.yaml") for p in paths)


def test_show_prints_control_characters_escaped_and_markup_literally(
    run_cli: Run, hostile_folder: Path
) -> None:
    code, out, _ = run_cli("show", "mallory", "--path", hostile_folder)
    assert code == 0
    assert not RAW_CONTROLS.search(out)
    lines = out.splitlines()
    assert lines[0] == "Mallory \\x1b[31mred\\x1b[0m [bold]x[/]"
    assert "  role: \\x1b[2J\\x1b[H" in lines
    assert "\\x1b]52;c;aGk=\\x07" in out
    assert "[link=https://example.org]click[/link]" in out


def test_show_a_briefing_prints_control_characters_escaped(
    run_cli: Run, hostile_folder: Path
) -> None:
    code, out, _ = run_cli("show", "hostile", "--path", hostile_folder)
    assert code == 0
    assert not RAW_CONTROLS.search(out)
    assert out.splitlines()[0] == "\\x1b]52;c;aGk=\\x07"
    assert "  summary: [bold]x[/] and \\u202eevil" in out


def test_show_json_keeps_the_text_and_escapes_it(run_cli: Run, hostile_folder: Path) -> None:
    code, out, _ = run_cli("show", "mallory", "--path", hostile_folder, "--json")
    assert code == 0
    assert not RAW_CONTROLS.search(out)
    data = json.loads(out)
    assert data["title"] == "Mallory \x1b[31mred\x1b[0m [bold]x[/]"
    assert data["briefings"][0]["title"] == "\x1b]52;c;aGk=\x07"


def test_an_unknown_id_is_echoed_escaped(run_cli: Run, hostile_folder: Path) -> None:
    code, _, err = run_cli("show", "\x1b[2Jmallory", "--path", hostile_folder)
    assert code == 1
    assert not RAW_CONTROLS.search(err)
