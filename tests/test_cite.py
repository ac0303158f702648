"""Citations and source URLs in the core, and ``dragoman cite``: the lines of a person, an event,
a proposal and a briefing of the bundled samples; several sources in date order; hostile text
inert; which URLs may be opened; the command's text, JSON and unknown ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dragoman.library.citation import (
    citation,
    citation_json,
    openable,
    source_urls,
    url_refusal,
)
from dragoman.library.library import Library, load_library

Run = Callable[..., tuple[int, str, str]]
PROJECT = Path(__file__).resolve().parent.parent
BUNDLED = PROJECT / "briefings"
KL = "2025-11-01-kuala-lumpur-asean-japan-idmm"
KL_TITLE = (
    "ASEAN-Japan Informal Defence Ministers' Meeting and ASEAN tea reception with U.S. "
    "Secretary of War Hegseth, Kuala Lumpur"
)
TOKYO = "2024-tokyo-japan-asean-vice-ministerial-forum"
KL_SOURCE = f"[1] {KL_TITLE} · translated by Tran Hoai · briefing {KL} (2025-11-01)"


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load_library(BUNDLED)


def _cite(library: Library, id_: str) -> list[str]:
    item = library.get(id_)
    assert item is not None, id_
    return citation(library, item).split("\n")


@pytest.mark.parametrize(
    ("id_", "lines"),
    [
        ("phan-van-giang", ["Phan Van Giang · person · 2025-11-01", KL_SOURCE]),
        (
            "asean-japan-idmm-2025",
            [
                "ASEAN-Japan Informal Defence Ministers' Meeting, Kuala Lumpur · event · "
                "2025-11-01",
                KL_SOURCE,
            ],
        ),
        (
            "giang-japan-hadr-cooperation",
            [
                "ASEAN-Japan information exchange and cooperation on search and rescue and "
                "disaster response · proposal · 2025-11-01",
                KL_SOURCE,
            ],
        ),
        (KL, [f"{KL_TITLE} · briefing · 2025-11-01", KL_SOURCE]),
        (
            "hoang-xuan-chien",
            [
                "Hoàng Xuân Chiến · person · 2024",
                "[1] 14th Japan-ASEAN Defence Vice-Ministerial Forum, Tokyo, and Vietnam's "
                f"bilateral meetings on its sidelines · briefing {TOKYO} (2024)",
            ],
        ),
    ],
)
def test_the_citation_of_a_bundled_entity_or_briefing(
    bundled: Library, id_: str, lines: list[str]
) -> None:
    assert _cite(bundled, id_) == lines


def test_the_bundled_samples_give_no_url_to_open(bundled: Library) -> None:
    for id_ in ("phan-van-giang", "asean-japan-idmm-2025", KL, TOKYO):
        item = bundled.get(id_)
        assert item is not None
        assert source_urls(bundled, item) == []


def _briefing(id_: str, date: str, source: dict[str, str], **declared: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Report {id_}", "date": date, "source": source, **declared}


def _write(folder: Path, *briefings: dict[str, Any]) -> Library:
    folder.mkdir(parents=True, exist_ok=True)
    for briefing in briefings:
        text = json.dumps(briefing)  # JSON is YAML: every string quoted, escapes as \u001b
        (folder / f"{briefing['id']}.yaml").write_text(text, encoding="utf-8")
    return load_library(folder)


def _two_sources(tmp_path: Path) -> Library:
    nguyen = [{"id": "nguyen", "name": "Nguyen Van A", "role": "Attaché", "country": "VN"}]
    return _write(
        tmp_path / "two",
        _briefing(
            "b-new",
            "2025-03-01",
            {
                "publisher": "Defence Daily",
                "published": "2025-03-02",
                "url": "https://example.org/new",
                "author": "J. Smith",
            },
            people=nguyen,
        ),
        _briefing(
            "b-old",
            "2024-05",
            {"publisher": "QDND", "url": "http://example.org/old?a=1#x"},
            people=nguyen,
        ),
        _briefing("b-bare", "2023", {}, people=nguyen),
    )


def test_sources_are_cited_oldest_first_with_publisher_date_and_url(tmp_path: Path) -> None:
    library = _two_sources(tmp_path)
    assert _cite(library, "nguyen") == [
        "Nguyen Van A · person · 2025-03-01",
        "[1] Report b-bare · briefing b-bare (2023)",
        "[2] Report b-old · QDND · http://example.org/old?a=1#x · briefing b-old (2024-05)",
        "[3] Report b-new · Defence Daily · by J. Smith · published 2025-03-02 · "
        "https://example.org/new · briefing b-new (2025-03-01)",
    ]
    item = library.get("nguyen")
    assert item is not None
    assert source_urls(library, item) == [
        ("Report b-old", "http://example.org/old?a=1#x"),
        ("Report b-new", "https://example.org/new"),
    ]


HOSTILE = "\x1b]52;c;UFdORUQ=\x07[bold]x[/] [@click=app.quit]q[/] \x9b31m\u202e \x00 new\nline"


def test_hostile_text_comes_out_inert(tmp_path: Path) -> None:
    library = _write(
        tmp_path / "h",
        _briefing(
            "b-hostile",
            "2024",
            {"publisher": HOSTILE, "url": "javascript:alert(1)\x1b[2J", "published": "2024"},
            people=[{"id": "p", "name": HOSTILE}],
            events=[{"id": "e", "title": HOSTILE, "date": "2024"}],
            proposals=[{"id": "pr", "title": HOSTILE, "by": ["p"]}],
        ),
    )
    for id_ in ("p", "e", "pr", "b-hostile"):
        item = library.get(id_)
        assert item is not None, id_
        text = citation(library, item)
        lines = text.split("\n")
        assert len(lines) == 2, lines  # the newline inside a name breaks no line
        assert all(c.isprintable() for line in lines for c in line), text
        assert "\\x1b]52;c;UFdORUQ=\\x07" in text and "\\x9b31m" in text and "\\u202e" in text
        assert "[bold]x[/]" in text  # markup is text, shown as written
        data = citation_json(library, item)
        assert data["text"] == text
        rendered = json.dumps(data, ensure_ascii=True)
        assert "\x1b" not in rendered and "\x07" not in rendered
    item = library.get("p")
    assert item is not None
    assert [openable(url) for _, url in source_urls(library, item)] == [False]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "https://example.org/a/b?c=d#e",
        "HTTPS://EXAMPLE.ORG/",
        "https://user@example.org:8443/x",
        "https://[::1]/x",
        "https://qdnd.vn/quoc-phong-an-ninh/tin-tuc/bai-viet-ễ",
    ],
)
def test_http_and_https_urls_may_be_opened(url: str) -> None:
    assert url_refusal(url) is None
    assert openable(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "not javascript:"),
        ("file:///etc/passwd", "not file:"),
        ("data:text/html,<script>alert(1)</script>", "not data:"),
        ("ftp://example.org/x", "not ftp:"),
        ("example.org/page", "not no scheme"),
        ("//example.org/page", "not no scheme"),
        ("https://", "no host"),
        ("http:///path", "no host"),
        ("https:example.org", "no host"),
        ("https://exa mple.org/", "spaces or control"),
        ("https://example.org/ x", "spaces or control"),
        ("https://example.org/\x1b[2J", "spaces or control"),
        ("https://example.org/\u202e", "spaces or control"),
        ("https://example.org/\n", "spaces or control"),
        ("https://example.org:port/", "cannot be read"),
        ("https://[::1/", "cannot be read"),
        ("", "empty"),
    ],
)
def test_other_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    refused = url_refusal(url)
    assert refused is not None and reason in refused, refused
    assert not openable(url)
    assert refused.isprintable()


# -- dragoman cite -----------------------------------------------------------------------------


def test_cite_prints_the_citation(run_cli: Run) -> None:
    code, out, err = run_cli("cite", "phan-van-giang", BUNDLED)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Phan Van Giang · person · 2025-11-01", KL_SOURCE]
    code, again, _ = run_cli("cite", "phan-van-giang", "--path", str(BUNDLED))
    assert (code, again) == (0, out)


def test_cite_json_has_stable_keys(run_cli: Run, tmp_path: Path) -> None:
    _two_sources(tmp_path)
    code, out, _ = run_cli("cite", "nguyen", tmp_path / "two", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["id", "kind", "title", "date", "sources", "text"]
    assert (data["id"], data["kind"], data["title"], data["date"]) == (
        "nguyen",
        "person",
        "Nguyen Van A",
        "2025-03-01",
    )
    assert [s["briefing"] for s in data["sources"]] == ["b-bare", "b-old", "b-new"]
    newest = data["sources"][2]
    assert list(newest) == [
        "briefing",
        "title",
        "date",
        "publisher",
        "author",
        "translator",
        "published",
        "url",
        "openable",
        "path",
    ]
    assert newest["publisher"] == "Defence Daily" and newest["published"] == "2025-03-02"
    assert newest["url"] == "https://example.org/new" and newest["openable"] is True
    assert newest["translator"] is None and newest["path"].endswith("b-new.yaml")
    assert data["sources"][0]["url"] is None and data["sources"][0]["openable"] is False
    assert data["text"].split("\n")[0] == "Nguyen Van A · person · 2025-03-01"


def test_cite_an_unknown_id_exits_2_with_did_you_mean(run_cli: Run) -> None:
    code, out, err = run_cli("cite", "giang", BUNDLED)
    assert (code, out) == (2, "")
    assert "no entity or briefing has the id 'giang'" in err
    assert "did you mean phan-van-giang" in err
    code, out, _ = run_cli("cite", "giang", BUNDLED, "--json")
    assert code == 2
    data = json.loads(out)
    assert data["id"] == "giang" and "phan-van-giang" in data["suggestions"]
