"""Any text, and any bytes saved as a file, gives a draft that reads back through the
briefings' loader with no error, or one clear message: never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.draft.article import ArticleError
from dragoman.draft.compose import Options, draft_article, draft_text, draft_yaml
from dragoman.draft.gazetteer import Gazetteer
from dragoman.draft.reading import article_from_bytes

# words that set the recognisers going: ranks, honorifics, offices, names, verbs, acronyms
_WORDS = str.split(
    "General Gen. Sen. Lieut. Major Dato' Seri Datuk Dr. Mr Minister Deputy Secretary-General "
    "of the Ministry Defence Forum Meeting Working Group Initiative ASEAN ADMM+ (JASMINE) "
    "Hoàng Xuân Chiến Phan Van Giang bin Ali Koizumi Shinjiro Vietnam's Japanese Thai Lao U.S. "
    "proposed agreed pledged urged called on for commitment reaffirmed their He She Both sides "
    "met with meeting talks attended a tea reception in Tokyo Kuala Lumpur on November 1 "
    "Tuesday 2024 14th held under the co-chairmanship chaired by , . ; : - – \" ' ’ ( ) # * & "
    "leftcenterrightdel Share Tweet Photo: Translated by \n \n\n",
    " ",
)
_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_WORDS), max_size=80).map(" ".join),
)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _errors(yaml: str) -> list[str]:
    parsed = parse_briefing_bytes("draft.yaml", yaml.encode("utf-8"))
    return [d.format() for d in parsed.diagnostics if d.severity == "error"]


@_SETTINGS
@given(_texts, st.sampled_from([None, "2024", "2025-11", "2025-11-02"]))
def test_any_text_gives_a_draft_that_reads_back(text: str, published: str | None) -> None:
    draft = draft_text(text, None, Options(published=published, fallback_year=2025))
    assert _errors(draft_yaml(draft)) == []


@_SETTINGS
@given(_texts)
def test_any_markdown_gives_a_draft_that_reads_back(text: str) -> None:
    draft = draft_text(text, None, Options(fallback_year=2025), kind="markdown")
    assert _errors(draft_yaml(draft)) == []


@_SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.md", "a", "a.html", "a.pdf"]))
def test_any_bytes_as_a_file_give_a_draft_or_one_message(data: bytes, name: str) -> None:
    try:
        article = article_from_bytes(data, name)
    except ArticleError as exc:
        assert name in exc.message
        return
    draft = draft_article(article, Gazetteer(), Options(fallback_year=2025))
    assert _errors(draft_yaml(draft)) == []


@_SETTINGS
@given(_texts)
def test_a_page_of_any_text_gives_a_draft_or_one_message(text: str) -> None:
    page = f"<html><head><title>{text[:40]}</title></head><body><p>{text}</p></body></html>"
    try:
        article = article_from_bytes(page.encode("utf-8"), "page.html")
    except ArticleError:
        return
    assert (
        _errors(draft_yaml(draft_article(article, Gazetteer(), Options(fallback_year=2025)))) == []
    )
