"""Each recogniser of ``dragoman draft`` on its own: reading an article and its clutter,
sentences, countries, people, organizations, dates, events, proposals, and the YAML written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.draft.article import ArticleError, article_from_text
from dragoman.draft.compose import Draft, Options, draft_text, draft_yaml
from dragoman.draft.countries import country_code, place_country
from dragoman.draft.dates import explicit_dates
from dragoman.draft.emit import scalar
from dragoman.draft.gazetteer import Gazetteer, person_key
from dragoman.draft.reading import article_from_bytes
from dragoman.draft.tokens import sentences
from dragoman.library.library import load_library

ARTICLES = Path(__file__).parent / "data" / "articles"
BUNDLED = Path(__file__).resolve().parent.parent / "briefings"


def _draft(text: str, published: str | None = "2025-06-13", library: Path | None = None) -> Draft:
    loaded = load_library(library) if library else None
    return draft_text(text, loaded, Options(published=published))


def _by_id(entities: list, id_: str):  # type: ignore[no-untyped-def]
    return next(e for e in entities if e.id == id_)


# -- the article -----------------------------------------------------------------------------


def test_layout_markers_captions_share_buttons_and_credits_are_set_aside() -> None:
    text = (
        "Minister speaks\n\nThe minister spoke at length.\n\nleftcenterrightdel\n"
        "General Tran Van A attends the meeting.\n\nShare\nTweet\nPrint\nPhoto: VNA\n\n"
        "He proposed closer ties.\n\nTranslated by Le Thi B"
    )
    article = article_from_text(text)
    assert article.title == "Minister speaks"
    assert article.captions == ["General Tran Van A attends the meeting."]
    assert article.credits == {"translator": "Le Thi B"}
    assert article.text == "The minister spoke at length.\n\nHe proposed closer ties."


def test_a_markdown_heading_is_the_title_and_emphasis_is_dropped() -> None:
    article = article_from_text(
        "# A **bold** title\n\nThe *first* [line](https://x.example).", "markdown"
    )
    assert article.title == "A bold title"
    assert article.text == "The first line."


def test_a_saved_page_gives_its_article_without_the_page() -> None:
    article = article_from_bytes((ARTICLES / "page.html").read_bytes(), "page.html")
    assert article.title == "Thai and Malaysian defence chiefs meet in Bangkok"
    assert "Phumtham proposed" in article.text
    for clutter in ("Subscribe", "Related news", "Copyright", "Tweet", "Photo:"):
        assert clutter not in article.text
    assert article.meta["publisher"] == "Defence Daily"
    assert article.meta["url"].startswith("https://defence-daily.example/")


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"%PDF-1.7 ...", "a.pdf", "not text"),
        (b"\x00\x01\x02binary", "a.txt", "not text"),
        (b"caf\xe9 au lait", "a.txt", "not UTF-8"),
        (b"<html><body><script>x</script></body></html>", "a.html", "no article text"),
        (b"hello", "a.docx", "is not read"),
    ],
)
def test_what_cannot_be_read_is_said_in_one_line(data: bytes, name: str, says: str) -> None:
    with pytest.raises(ArticleError) as caught:
        article_from_bytes(data, name)
    assert says in caught.value.message and name in caught.value.message


def test_a_rank_abbreviation_or_a_dotted_acronym_does_not_end_a_sentence() -> None:
    found = sentences(
        article_from_text(
            "Sen. Lieut. Gen. Hoàng Xuân Chiến met the U.S. delegation. "
            "He thanked the U.S. He left."
        )
    )
    assert [s.text for s in found] == [
        "Sen. Lieut. Gen. Hoàng Xuân Chiến met the U.S. delegation.",
        "He thanked the U.S.",
        "He left.",
    ]


# -- countries and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Japanese", "JP"),
        ("Vietnamese", "VN"),
        ("Malaysia's", "MY"),
        ("Cambodia’s", "KH"),
        ("Lao", "LA"),
        ("Thai", "TH"),
        ("U.S.", "US"),
        ("Indonesian", "ID"),
        ("Tran", None),
        ("ASEAN", None),
    ],
)
def test_countries_and_demonyms(word: str, code: str | None) -> None:
    assert country_code(word) == code


def test_places_pycountry_knows_give_their_country() -> None:
    assert place_country("Tokyo") == "JP"
    assert place_country("Kuala Lumpur") == "MY"
    assert place_country("Hanoi") == "VN"


def test_dates_are_as_precise_as_the_text() -> None:
    published = PartialDate.parse("2025-11-02")
    found = explicit_dates("Also on November 1 in Kuala Lumpur, and on 3 March 2024.", published)
    assert [str(f.date) for f in found] == ["2025-11-01", "2024-03-03"]
    # a day after publication is the year before
    assert str(explicit_dates("on December 20", published)[0].date) == "2024-12-20"
    assert explicit_dates("on November 1", None) == []


def test_a_weekday_gives_the_month_of_publication_never_a_day() -> None:
    draft = _draft("The forum, held on Tuesday, ended.", published="2024-10-23")
    assert draft.date.value == "2024-10"
    assert _draft("The forum, held on Tuesday, ended.", published="2024").date.value == "2024"


# -- people ----------------------------------------------------------------------------------


def test_a_person_gets_rank_role_country_and_an_alias_with_the_honorific() -> None:
    draft = _draft(
        "In his meeting with Malaysia’s Secretary-General of the Ministry of Defence, "
        "Datuk Lokman Hakim bin Ali, General Tran Van Nam expressed confidence."
    )
    lokman = _by_id(draft.people, "lokman-hakim-bin-ali")
    assert lokman.text("name") == "Lokman Hakim bin Ali"
    assert lokman.items("aliases") == ["Datuk Lokman Hakim bin Ali"]
    assert lokman.text("role") == "Secretary-General of the Ministry of Defence"
    assert lokman.text("country") == "MY"
    assert "paragraph 1" in (lokman.fields["role"].note or "")
    nam = _by_id(draft.people, "tran-van-nam")
    assert nam.text("rank") == "General"


def test_an_abbreviated_rank_is_written_out_and_accents_fold_into_the_id() -> None:
    draft = _draft(
        "Vietnam's Deputy Minister of National Defence, Sen. Lieut. Gen. Hoàng Xuân Chiến, spoke."
    )
    (chien,) = draft.people
    assert chien.id == "hoang-xuan-chien"
    assert chien.text("rank") == "Senior Lieutenant General"
    assert chien.text("role") == "Deputy Minister of National Defence"
    assert chien.text("country") == "VN"
    assert chien.items("aliases") == ["Hoang Xuan Chien"]


def test_an_office_after_the_name_is_the_role() -> None:
    draft = _draft(
        "Meeting with Major General Somphone Mittaphone, Chief of the Office of the Lao "
        "Ministry of National Defence, the minister spoke."
    )
    (person,) = draft.people
    assert person.text("rank") == "Major General"
    assert person.text("role") == "Chief of the Office of the Lao Ministry of National Defence"
    assert person.text("country") == "LA"


def test_later_mentions_by_surname_given_name_or_title_are_the_same_person() -> None:
    draft = _draft(
        "U.S. Secretary of War Pete Hegseth arrived. Secretary Hegseth proposed a dialogue. "
        "Later General Phan Van Giang spoke. General Giang urged restraint."
    )
    assert sorted(p.id for p in draft.people) == ["pete-hegseth", "phan-van-giang"]
    by = {str(p.fields["by"].value) for p in draft.proposals}
    assert by == {"pete-hegseth", "phan-van-giang"}


def test_a_known_person_keeps_the_library_id_whatever_the_word_order_or_honorific() -> None:
    draft = _draft(
        "Malaysian Defence Minister Dato' Seri Mohamed Khaled bin Nordin met Japanese Minister "
        "of Defense Shinjiro Koizumi and Senior Lieutenant General Hoang Xuan Chien.",
        library=BUNDLED,
    )
    ids = {p.id: p for p in draft.people}
    for known in ("mohamed-khaled-bin-nordin", "koizumi-shinjiro", "hoang-xuan-chien"):
        assert ids[known].known
    assert ids["koizumi-shinjiro"].items("aliases") == ["Shinjiro Koizumi"]
    assert person_key("Dato' Seri Mohamed Khaled bin Nordin") == person_key(
        "Nordin Mohamed Khaled bin"
    )


def test_words_that_are_not_names_are_not_people() -> None:
    draft = _draft(
        "The South China Sea remains a contentious issue. Kuala Lumpur's leadership was praised. "
        "The Comprehensive Strategic Partnership matters."
    )
    assert draft.people == []


# -- organizations ---------------------------------------------------------------------------


def test_an_acronym_in_brackets_is_the_alias_and_gives_the_id() -> None:
    draft = _draft(
        "He urged both sides to expand cooperation under the Japan-ASEAN Ministerial Initiative "
        "for Enhanced Defence Cooperation (JASMINE), within the United Nations Convention on the "
        "Law of the Sea (UNCLOS) and against illegal, unreported, and unregulated (IUU) fishing."
    )
    (jasmine,) = draft.organizations
    assert jasmine.id == "jasmine"
    assert jasmine.items("aliases") == ["JASMINE"]
    assert jasmine.text("kind") == "initiative"


def test_a_minister_serves_the_ministry_of_the_country() -> None:
    draft = _draft("Japanese Minister of Defense Koizumi Shinjiro spoke.")
    (person,) = draft.people
    (ministry,) = draft.organizations
    assert person.text("organization") == ministry.id == "japan-mod"
    assert ministry.text("name") == "Japanese Ministry of Defense"
    assert ministry.text("country") == "JP"


def test_a_known_organization_is_found_by_name_alias_or_ministry_of_its_country() -> None:
    draft = _draft(
        "The Vietnamese Defense Minister, General Phan Van Giang, praised the ADMM+ framework "
        "of ASEAN and the ADMM+ again.",
        library=BUNDLED,
    )
    ids = {o.id for o in draft.organizations}
    assert {"admm-plus", "asean", "vietnam-mnd"} <= ids


def test_an_organization_inside_another_is_part_of_it() -> None:
    draft = _draft(
        "Major General Somphone Mittaphone, Chief of the Office of the Lao Ministry of National "
        "Defence, spoke."
    )
    orgs = {o.id: o for o in draft.organizations}
    assert orgs["laos-mnd-office"].text("part_of") == "laos-mnd"
    assert orgs["laos-mnd"].text("country") == "LA"


# -- events and proposals --------------------------------------------------------------------


def test_the_main_event_and_a_meeting_on_its_sidelines() -> None:
    draft = _draft(
        "Representatives gathered in Tokyo for the 14th Japan-ASEAN Defence Vice-Ministerial "
        "Forum, held on Tuesday, with Vietnam's Deputy Minister of National Defence, Sen. Lieut. "
        "Gen. Hoàng Xuân Chiến.\n\nIn his meeting with Thailand's Permanent Secretary for "
        "Defence, General Sanitchanog Sangkachantra, Chiến praised the partnership. Both sides "
        "agreed to share experiences.",
        published="2024",
    )
    main, side = draft.events
    assert main.id == "japan-asean-dvmf-14"  # places and blocs, then initials
    assert main.text("kind") == "forum" and main.text("place") == "Tokyo"
    assert main.text("country") == "JP"
    assert str(main.fields["date"].value) == "2024"
    assert side.text("part_of") == main.id
    assert side.items("participants") == ["hoang-xuan-chien", "sanitchanog-sangkachantra"]
    (agreed,) = draft.proposals
    assert agreed.text("at") == side.id and agreed.text("status") == "agreed"
    assert agreed.fields["by"].value == ["hoang-xuan-chien", "sanitchanog-sangkachantra"]


def test_chairs_are_read_from_the_chairmanship() -> None:
    draft = _draft(
        "The ASEAN-Japan Informal Defence Ministers' Meeting, held under the co-chairmanship of "
        "Malaysian Minister of Defense Dato' Seri Mohamed Khaled bin Nordin and Japanese "
        "Minister of Defense Koizumi Shinjiro, was useful."
    )
    (event,) = draft.events
    assert event.items("chairs") == ["mohamed-khaled-bin-nordin", "koizumi-shinjiro"]


def test_a_proposal_quotes_its_sentence_and_he_is_the_subject_before() -> None:
    text = (
        "Secretary of War Pete Hegseth spoke first. He expressed the wish to enhance defence "
        "cooperation. The U.S. regularly proposes informal meetings."
    )
    draft = _draft(text)
    (proposal,) = draft.proposals
    assert proposal.text("quote") == "He expressed the wish to enhance defence cooperation."
    assert proposal.fields["by"].value == "pete-hegseth"
    assert proposal.text("status") == "proposed"
    assert "He" in (proposal.fields["by"].note or "")


@pytest.mark.parametrize(
    "sentence",
    [
        "The forum was a powerful call for dialogue.",
        "No evidence suggests a lack of commitment.",
        "By reaffirming their commitment, the two sides closed.",
    ],
)
def test_nouns_and_participles_of_proposing_are_not_proposals(sentence: str) -> None:
    assert _draft(f"General Tran Van Nam spoke. {sentence}").proposals == []


# -- writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain text",
        "yes",
        "Null",
        "a: b",
        "# hash",
        "- dash",
        "it's",
        "x #y",
        "tab\there",
        "",
        "trailing ",
        "\x1b[31m",
        "line\nbreak",
        "[flow]",
        "a, b",
        "café",
        "\u2028",
    ],
)
def test_any_string_reads_back_as_itself(text: str) -> None:
    value = text or "x"
    yaml = (
        f"id: x\ntitle: {scalar(value)}\ndate: 2024\norganizations:\n  - id: o\n    name: x\n"
        f"    aliases: [{scalar(value, flow=True)}]\n"
    )
    parsed = parse_briefing_bytes("x.yaml", yaml.encode("utf-8"))
    assert [d for d in parsed.diagnostics if d.severity == "error"] == []
    assert parsed.values["title"] == value
    assert parsed.declarations[0].items("aliases") == [value]


def test_every_guess_carries_its_comment_and_the_draft_parses() -> None:
    draft = _draft((ARTICLES / "agency-report.txt").read_text(encoding="utf-8"))
    yaml = draft_yaml(draft)
    assert (
        'rank: Lieutenant General  # "Lieutenant General Tandyo Budi Revita", paragraph 4' in yaml
    )
    parsed = parse_briefing_bytes("d.yaml", yaml.encode("utf-8"))
    assert parsed.diagnostics == []


def test_gazetteer_lookups_ignore_accents_order_and_spelling() -> None:
    gazetteer = Gazetteer.from_library(load_library(BUNDLED))
    assert gazetteer.person("Chien Hoang Xuan") == "hoang-xuan-chien"
    assert gazetteer.person("Datuk Lokman Hakim bin Ali") == "lokman-hakim-bin-ali"
    assert gazetteer.org("ADMM+") == "admm-plus"
    assert (
        gazetteer.org("the ASEAN - Japan Informal Defense Ministers' Meeting") == "asean-japan-idmm"
    )
    assert gazetteer.person_by_word("Giang") == "phan-van-giang"
