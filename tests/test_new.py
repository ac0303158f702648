"""``dragoman new``: a briefing from the template that passes ``check``, never over an existing
file, and what a bad title, date, id or folder gets."""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.briefings.template import TemplateError, briefing_id, new_briefing

Run = Callable[..., tuple[int, str, str]]


def _errors(text: str) -> list[str]:
    parsed = parse_briefing_bytes("new.yaml", text.encode("utf-8"))
    return [d.message for d in parsed.diagnostics if d.severity == "error"]


_titles = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=120,
).filter(lambda t: t.strip() != "")
_dates = st.builds(
    lambda y, m, d, p: (
        f"{y:04d}" if p == 0 else f"{y:04d}-{m:02d}" if p == 1 else f"{y:04d}-{m:02d}-{d:02d}"
    ),
    st.integers(1, 9999),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_titles, _dates)
def test_any_title_and_date_give_a_briefing_with_no_error(title: str, date: str) -> None:
    name, text = new_briefing(title, date)
    assert _errors(text) == []
    parsed = parse_briefing_bytes("new.yaml", text.encode("utf-8"))
    assert parsed.values["title"] == title.strip()
    assert str(parsed.date) == date
    assert name == f"{parsed.id}.yaml"
    assert parsed.id is not None and parsed.id.startswith(date)


def test_the_commented_examples_are_a_valid_briefing_once_uncommented() -> None:
    _, text = new_briefing("Talks", "2024-10-01")
    head, _, rest = text.partition("date: 2024-10-01\n")
    body = "\n".join(line[2:] if line.startswith("# ") else line for line in rest.splitlines())
    assert _errors(head + "date: 2024-10-01\n" + body) == []
    assert "people:" in body and "proposals:" in body


def test_the_id_is_the_date_and_the_folded_title_cut_at_a_hyphen() -> None:
    assert briefing_id("Hoàng Xuân Chiến meets Japan's minister", "2024-10") == (
        "2024-10-hoang-xuan-chien-meets-japan-s-minister"
    )
    assert briefing_id("ประชุม", "2024") == "2024-briefing"
    long = briefing_id("word " * 40, "2024")
    assert len(long) <= 5 + 60 and not long.endswith("-")


@pytest.mark.parametrize(
    ("title", "date", "id_", "message"),
    [
        ("  ", "2024", None, "the title is empty"),
        ("two\nlines", "2024", None, "line break"),
        ("two\u2028lines", "2024", None, "line break"),
        ("Talks", "2024-13", None, "the month must be 01 to 12"),
        ("Talks", "24", None, "is not a date"),
        ("Talks", "2024", "Bad Id", "is not an id"),
    ],
)
def test_bad_input_says_what_to_give(title: str, date: str, id_: str | None, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        new_briefing(title, date, id_)
    assert message in caught.value.message


def test_new_writes_a_file_that_check_passes_and_never_overwrites(
    run_cli: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    code, out, _ = run_cli(
        "new", "--title", "Talks in Hanoi", "--date", "2024-10-01", "--path", folder
    )
    assert code == 0
    path = folder / "2024-10-01-talks-in-hanoi.yaml"
    assert out.strip() == str(path) and path.is_file()
    assert run_cli("check", folder)[0] == 0
    before = path.read_text(encoding="utf-8")
    code, _, err = run_cli("new", "--title", "Other", "--date", "2024", "--path", folder,
                           "--id", "2024-10-01-talks-in-hanoi")  # fmt: skip
    assert code == 2 and "exists already" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == before
    code, out, _ = run_cli("new", "--title", "T", "--date", "2025", "--path", folder, "--json")
    assert code == 0 and json.loads(out) == {"path": str(folder / "2025-t.yaml"), "id": "2025-t"}


def test_new_refuses_bad_input_and_a_missing_folder(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli("new", "--title", "T", "--date", "2024-02-30", "--path", tmp_path)
    assert code == 2 and "February 2024 has days 01 to 29" in err
    monkeypatch.chdir(tmp_path)  # no ./briefings, no $DRAGOMAN_BRIEFINGS: never the samples
    code, _, err = run_cli("new", "--title", "T", "--date", "2024")
    assert code == 2 and "give one with --path DIR" in err
    (tmp_path / "briefings").mkdir()
    code, out, _ = run_cli("new", "--title", "T", "--date", "2024")
    assert code == 0 and out.strip() == str(Path("briefings") / "2024-t.yaml")
    assert set(string.printable) >= set(out)
