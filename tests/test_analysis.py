"""Text analysis: folding, tokens and their offsets, stemming, n-grams; and, through a real
index, the promise of docs/search.md that accents, case and Unicode forms never matter."""

from __future__ import annotations

import pickle
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dragoman.search.analysis import (
    NGRAM_MAX,
    STOPS,
    WORD_RE,
    composed_name_analyzer,
    composed_ngram_analyzer,
    composed_prose_analyzer,
    fold_term,
    name_analyzer,
    ngram_analyzer,
    prose_analyzer,
    words,
)
from dragoman.search.documents import make_schema
from dragoman.search.index import Index
from dragoman.search.results import search
from search_fixtures import JAPANESE_NAME, NGUYEN_NFD, THAI_NAME, find, id_set, opened_corpus


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRAGOMAN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with opened_corpus(tmp_path_factory.mktemp("analysis")) as opened:
        yield opened


# --------------------------------------------------------------------------------------------
# fold_term and words


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Chiến", "chien"),
        ("CHIẾN", "chien"),
        ("chien", "chien"),
        ("Hoàng", "hoang"),
        ("Đặng", "dang"),
        ("đông", "dong"),
        ("ĐÔNG", "dong"),
        ("U.S.", "us"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
    ],
)
def test_fold_term_folds_accents_case_and_inner_punctuation(word: str, folded: str) -> None:
    assert fold_term(word) == folded


@pytest.mark.parametrize("word", ["Chiến", "Nguyễn", "Đặng", "Xuân", "Hà"])
def test_fold_term_gives_one_answer_for_composed_and_decomposed_input(word: str) -> None:
    assert nfd(word) != word
    assert fold_term(nfd(word)) == fold_term(word)


def test_scripts_without_latin_letters_are_kept_as_written() -> None:
    assert fold_term(JAPANESE_NAME) == JAPANESE_NAME
    assert words(THAI_NAME) == [fold_term(w) for w in THAI_NAME.split()]
    assert all(words(THAI_NAME)), "a Thai word must not fold to nothing"


def test_words_splits_on_spaces_and_punctuation_but_keeps_acronyms_whole() -> None:
    assert words("Hoàng Xuân Chiến, U.S. and O'Brien (ADMM+)") == [
        "hoang",
        "xuan",
        "chien",
        "us",
        "and",
        "obrien",
        "admm",
    ]


def test_a_thai_word_with_vowel_marks_is_one_token() -> None:
    # ใจดี ends with a combining vowel sign: it belongs to the word.
    assert [m.group() for m in WORD_RE.finditer("ใจดี")] == ["ใจดี"]


def test_a_decomposed_word_is_one_token() -> None:
    assert [m.group() for m in WORD_RE.finditer(nfd("Chiến đi"))] == [nfd("Chiến"), nfd("đi")]


# --------------------------------------------------------------------------------------------
# The analyzers


def test_name_analyzer_folds_and_keeps_offsets_into_the_original_text() -> None:
    text = "Gen. Hoàng Xuân Chiến met the U.S. delegation"
    tokens = [(t.text, text[t.startchar : t.endchar]) for t in name_analyzer()(text, chars=True)]
    assert tokens == [
        ("gen", "Gen"),
        ("hoang", "Hoàng"),
        ("xuan", "Xuân"),
        ("chien", "Chiến"),
        ("met", "met"),
        ("the", "the"),
        ("us", "U.S"),
        ("delegation", "delegation"),
    ]


def test_name_analyzer_offsets_follow_decomposed_text() -> None:
    text = nfd("Ông Chiến")
    tokens = [(t.text, text[t.startchar : t.endchar]) for t in name_analyzer()(text, chars=True)]
    assert tokens == [("ong", nfd("Ông")), ("chien", nfd("Chiến"))]


def test_name_analyzer_never_stems() -> None:
    assert [t.text for t in name_analyzer()("Meetings Rivers")] == ["meetings", "rivers"]


def test_prose_analyzer_stems_and_drops_stop_words() -> None:
    tokens = [t.text for t in prose_analyzer()("The meetings of the rivers and the ministers")]
    assert tokens == ["meet", "river", "minist"]


@pytest.mark.parametrize("word", ["us", "it"])
def test_prose_analyzer_keeps_us_and_it(word: str) -> None:
    assert word not in STOPS
    assert [t.text for t in prose_analyzer()(f"the {word.upper()} and the {word}")] == [
        word,
        word,
    ]


def test_prose_analyzer_keeps_offsets_of_stemmed_words() -> None:
    text = "Chiến opened the meetings"
    tokens = [(t.text, text[t.startchar : t.endchar]) for t in prose_analyzer()(text, chars=True)]
    assert tokens == [("chien", "Chiến"), ("open", "opened"), ("meet", "meetings")]


def test_ngram_analyzer_gives_every_start_of_every_word() -> None:
    grams = [t.text for t in ngram_analyzer()("Phan Giang")]
    assert grams == ["p", "ph", "pha", "phan", "g", "gi", "gia", "gian", "giang"]


def test_ngram_analyzer_is_anchored_at_the_start_of_words() -> None:
    grams = {t.text for t in ngram_analyzer()("Giang")}
    assert "ian" not in grams
    assert "ang" not in grams


def test_ngram_analyzer_folds_and_stops_at_the_maximum_length() -> None:
    grams = [t.text for t in ngram_analyzer()("Interoperability Chiến")]
    assert "interoperabi" in grams
    assert max(len(g) for g in grams) == NGRAM_MAX == 12
    assert "chien" in grams
    assert "chiế" not in grams


def test_analyzers_survive_the_schema_pickle() -> None:
    """Whoosh pickles the schema with its analyzers into every index."""
    schema = pickle.loads(pickle.dumps(make_schema()))
    text = "Hoàng Xuân Chiến opened the meetings"
    for field in ("name", "prose", "ngram"):
        expected = [t.text for t in make_schema()[field].analyzer(text)]
        assert [t.text for t in schema[field].analyzer(text)] == expected


# --------------------------------------------------------------------------------------------
# Through the index: accents, case and Unicode forms never matter


def test_a_name_written_decomposed_is_found_by_a_composed_query(index: Index) -> None:
    composed = unicodedata.normalize("NFC", NGUYEN_NFD)
    assert composed != NGUYEN_NFD
    assert find(index, composed)[0] == "nguyen-thi-ha"
    assert find(index, "Nguyễn")[0] == "nguyen-thi-ha"


def test_a_name_written_decomposed_is_found_by_a_decomposed_query(index: Index) -> None:
    assert find(index, NGUYEN_NFD)[0] == "nguyen-thi-ha"


def test_a_name_written_decomposed_is_found_without_accents(index: Index) -> None:
    assert find(index, "nguyen thi ha")[0] == "nguyen-thi-ha"


def test_a_decomposed_name_is_shown_composed(index: Index) -> None:
    hit = search(index, "nguyen thi ha").hits[0]
    assert hit.title == unicodedata.normalize("NFC", NGUYEN_NFD)


def test_a_composed_name_is_found_by_a_decomposed_query(index: Index) -> None:
    assert find(index, nfd("Hoàng Xuân Chiến"))[0] == "hoang-xuan-chien"
    assert "hoang-xuan-chien" in id_set(index, nfd("Chiến"))


def test_hoang_xuan_chien_without_accents_finds_the_accented_name(index: Index) -> None:
    result = search(index, "Hoang Xuan Chien")
    assert result.hits[0].id == "hoang-xuan-chien"
    assert result.hits[0].title == "Hoàng Xuân Chiến"


@pytest.mark.parametrize("query", ["chien", "CHIEN", "Chiến", "chiến", "CHIẾN"])
def test_case_and_accents_do_not_change_the_results(index: Index, query: str) -> None:
    assert id_set(index, query) == id_set(index, "chien")
    assert find(index, query)[0] == "hoang-xuan-chien"


def test_an_accented_query_finds_the_unaccented_spelling(index: Index) -> None:
    """Nguyễn Thị Hà's summary says "deputy to Chien", without accents."""
    result = search(index, "Chiến", limit=50)
    hit = next(h for h in result.hits if h.id == "nguyen-thi-ha")
    assert ("Chien", True) in hit.snippet


@pytest.mark.parametrize(
    "query", ["dang van dong", "Đặng Văn Đông", "ĐẶNG VĂN ĐÔNG", "đang van đong"]
)
def test_d_with_stroke_folds_to_d(index: Index, query: str) -> None:
    assert find(index, query)[0] == "dang-van-dong"


def test_a_single_d_with_stroke_word_is_found(index: Index) -> None:
    assert "dang-van-dong" in id_set(index, "Đông")
    assert "dang-van-dong" in id_set(index, "dong")


def test_a_thai_name_is_found_by_its_latin_alias(index: Index) -> None:
    assert find(index, "Somchai Jaidee")[0] == "somchai-jaidee"
    assert find(index, "somchai")[0] == "somchai-jaidee"


def test_a_thai_name_is_found_as_written(index: Index) -> None:
    assert find(index, THAI_NAME)[0] == "somchai-jaidee"
    assert find(index, THAI_NAME.split()[1])[0] == "somchai-jaidee"


def test_a_japanese_name_is_found_as_written_and_by_its_alias(index: Index) -> None:
    assert find(index, JAPANESE_NAME)[0] == "koizumi-shinjiro"
    assert find(index, "Koizumi Shinjiro")[0] == "koizumi-shinjiro"
    assert find(index, "koizumi")[0] == "koizumi-shinjiro"


def test_prose_is_stemmed(index: Index) -> None:
    """Chiến's summary says "meetings"; the event is a "meeting"."""
    assert "hoang-xuan-chien" in id_set(index, "meeting")
    assert "asean-japan-idmm-2025" in id_set(index, "meetings")


def test_names_are_not_stemmed(index: Index) -> None:
    """The Three Rivers Commission has only its name; "river" is not a word of it."""
    assert "three-rivers-commission" in id_set(index, "rivers")
    assert "three-rivers-commission" not in id_set(index, "river")
    # the stemmed prose still matches: "Clean the rivers of the delta"
    assert "river-cleanup" in id_set(index, "river")


def test_us_with_dots_is_searchable(index: Index) -> None:
    assert find(index, "U.S.")[0] == "united-states"
    assert "united-states" in id_set(index, "us")
    assert "asean-us-tea-reception-2025" in id_set(index, "U.S.")


def test_us_is_not_dropped_as_a_stop_word_from_prose(index: Index) -> None:
    """The briefing says "The U.S. delegation attended the tea reception"."""
    assert "2025-11-01-kuala-lumpur" in id_set(index, "U.S. delegation")


# --------------------------------------------------------------------------------------------
# The one-pass analyzers give exactly what the chains of Whoosh filters give


PAIRS = {
    "name": (name_analyzer, composed_name_analyzer),
    "prose": (prose_analyzer, composed_prose_analyzer),
    "ngram": (ngram_analyzer, composed_ngram_analyzer),
}
TEXTS = st.text(
    st.sampled_from(list("abc ĐđếnChiếnNgUYễN'’.-_ \n\t,;อุ่นتای12")) | st.characters(), max_size=80
) | st.lists(
    st.sampled_from(
        ["the", "us", "it", "meetings", "maritime", "Hoàng", "U.S.", "O'Brien", "and", "of"]
    )
).map(" ".join)


def _tokens(analyzer: object, text: str, **kwargs: object) -> list[tuple[object, ...]]:
    out = []
    for t in analyzer(text, **kwargs):  # type: ignore[operator]
        out.append(
            (
                t.text,
                getattr(t, "pos", None) if kwargs.get("positions") else None,
                (t.startchar, t.endchar) if kwargs.get("chars") else None,
                getattr(t, "stopped", False),
                getattr(t, "original", None) if kwargs.get("keeporiginal") else None,
            )
        )
    return out


@pytest.mark.parametrize("kind", list(PAIRS))
@settings(max_examples=150, deadline=None)
@given(
    text=TEXTS,
    positions=st.booleans(),
    chars=st.booleans(),
    removestops=st.booleans(),
    keeporiginal=st.booleans(),
    start_pos=st.integers(0, 5),
    mode=st.sampled_from(["", "index", "query"]),
)
@example(
    text="the meetings of us and it",
    positions=True,
    chars=True,
    removestops=False,
    keeporiginal=True,
    start_pos=0,
    mode="",
)
def test_one_pass_analyzers_match_the_filter_chains(
    kind: str,
    text: str,
    positions: bool,
    chars: bool,
    removestops: bool,
    keeporiginal: bool,
    start_pos: int,
    mode: str,
) -> None:
    fast, composed = (make() for make in PAIRS[kind])
    kwargs = dict(
        positions=positions,
        chars=chars,
        removestops=removestops,
        keeporiginal=keeporiginal,
        start_pos=start_pos,
        mode=mode,
    )
    assert _tokens(fast, text, **kwargs) == _tokens(composed, text, **kwargs)


def test_one_pass_analyzers_pickle_with_the_schema() -> None:
    for kind in PAIRS:
        analyzer = PAIRS[kind][0]()
        assert pickle.loads(pickle.dumps(analyzer)) == analyzer
