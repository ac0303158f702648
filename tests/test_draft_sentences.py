"""What the draft must not take for a proposal, what it must, and who ``the two sides`` are:
cases an analyst met drafting articles of other shapes (a denial, a budget debated, a country
ready to host, a wire report's collective subject), and events of one generic name that must
not merge across drafts."""

from __future__ import annotations

import shutil
from pathlib import Path

from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.draft.compose import Options, draft_text, draft_yaml
from dragoman.library.library import load_library

PROJECT = Path(__file__).resolve().parent.parent


def _proposals(text: str) -> list[tuple[str, object, str]]:
    draft = draft_text(text, None, Options(published="2025-10-02"))
    return [
        (p.text("status") or "", p.fields["by"].value, p.text("quote") or "")
        for p in draft.proposals
    ]


def test_a_denial_or_a_negation_is_no_proposal() -> None:
    text = (
        "KUALA LUMPUR, 2 October 2025 - Malaysian Defence Minister Mohamed Khaled bin Nordin "
        "said Malaysia had never agreed to joint patrols. Deputy Defence Minister Adly Zahari "
        "denied that Malaysia had signed a secret pact. General Tan Ah Kow did not propose "
        "new drills. The minister refused to commit troops."
    )
    assert _proposals(text) == []


def test_the_adjective_proposed_is_no_proposal_but_the_verb_is() -> None:
    text = (
        "HANOI, 2 October 2025 - General Phan Van Giang spoke to the assembly. The proposed "
        "budget was debated in parliament. Later General Phan Van Giang proposed a hotline."
    )
    [(status, by, quote)] = _proposals(text)
    assert status == "proposed" and by == "phan-van-giang"
    assert quote == "Later General Phan Van Giang proposed a hotline."


def test_readiness_and_hope_are_proposals() -> None:
    text = (
        "JAKARTA, 3 March 2025 - Indonesian Defence Minister Sjafrie Sjamsoeddin said Indonesia "
        "was ready to host the next meeting. He expressed the hope that talks would conclude "
        "soon."
    )
    found = _proposals(text)
    assert [(status, by) for status, by, _ in found] == [
        ("proposed", "sjafrie-sjamsoeddin"),
        ("proposed", "sjafrie-sjamsoeddin"),
    ]


def test_the_two_sides_are_the_two_named_last_of_two_countries() -> None:
    text = (
        "MANILA, July 8 (AFP) - Philippine Secretary of National Defense Gilberto Teodoro and "
        "Japanese Defense Minister Koizumi Shinjiro held talks in Manila.\n\n"
        '"We stand together," said Koizumi.\n\n'
        "Chinese foreign ministry spokeswoman Mao Ning said Beijing opposed the talks.\n\n"
        "Philippine Army chief General Roy Galido said his troops were ready.\n\n"
        "The two ministers agreed to begin talks on a logistics agreement."
    )
    agreed = [(by, quote) for status, by, quote in _proposals(text) if status == "agreed"]
    assert agreed == [
        (
            ["gilberto-teodoro", "koizumi-shinjiro"],
            "The two ministers agreed to begin talks on a logistics agreement.",
        )
    ]


def test_a_speaker_named_twice_is_one_proposer() -> None:
    text = (
        "SINGAPORE, 1 June 2025 - Singapore's Defence Minister Chan Chun Sing met Malaysia's "
        "Defence Minister Mohamed Khaled bin Nordin. Both ministers agreed to hold joint drills."
    )
    for _, by, _ in _proposals(text):
        assert isinstance(by, str) or len(by) == len(set(by))


def test_a_dateline_is_no_part_of_the_title_made_from_the_first_sentence() -> None:
    draft = draft_text(
        "JAKARTA, 3 March 2025 - Indonesian Defence Minister Sjafrie Sjamsoeddin met "
        "Australia's Deputy Prime Minister Richard Marles.",
        None,
        Options(published="2025-03-05"),
    )
    assert "JAKARTA" not in str(draft.title.value)
    assert "jakarta-3-march" not in draft.id


PAIR_TALKS = (
    "{city}, {date} - {a} met {b} for the {ordinal} Defence Policy Dialogue in {city_words}. "
    "Both sides agreed to hold the next dialogue in {next_city}."
)


def test_two_meetings_of_one_generic_name_never_merge(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(PROJECT / "briefings" / "2025-11-01-kuala-lumpur-asean-japan-idmm.yaml", library)
    first = draft_text(
        "Defence policy dialogue\n\nHANOI, 4 April 2025 - Vietnam's Deputy Minister of National "
        "Defence Hoang Xuan Chien held talks with the Philippines' Undersecretary Irineo Espino.",
        load_library(library),
        Options(published="2025-04-05"),
    )
    (library / "first.yaml").write_text(draft_yaml(first), encoding="utf-8")
    second = draft_text(
        "Defence policy dialogue\n\nBANGKOK, 10 June 2025 - Thailand's Permanent Secretary for "
        "Defence General Sanitchanog Sangkachantra held talks with Cambodia's General Nem Sowat.",
        load_library(library),
        Options(published="2025-06-10"),
    )
    first_ids = {e.id for e in first.events}
    second_ids = {e.id for e in second.events}
    assert not first_ids & second_ids  # April in Hanoi is not June in Bangkok
    again = draft_text(
        "Defence policy dialogue\n\nHANOI, 4 April 2025 - Vietnam's Deputy Minister of National "
        "Defence Hoang Xuan Chien held talks with the Philippines' Undersecretary Irineo Espino.",
        load_library(library),
        Options(published="2025-04-05"),
    )
    assert {e.id for e in again.events} == first_ids  # the same meeting told again: one event


def _orgs(text: str, library: Path | None = None) -> dict[str, str]:
    loaded = load_library(library) if library else None
    draft = draft_text(text, loaded, Options(published="2025-06-13"))
    return {o.id: o.text("name") or "" for o in draft.organizations}


def test_an_organization_ends_where_a_person_a_possessive_or_another_name_begins() -> None:
    bundled = PROJECT / "briefings"
    found = _orgs(
        "BANGKOK, 12 August 2025 - The Secretary General of the Ministry of Defence Malaysia "
        "Datuk Lokman Hakim bin Ali visited the Royal Thai Navy's headquarters.",
        bundled,
    )
    assert found == {
        "malaysia-mod": "Malaysian Ministry of Defence",
        "royal-thai-navy": "Royal Thai Navy",
    }
    found = _orgs(
        "KUALA LUMPUR, 2 May 2025 - The Ministry of Defence of Malaysia and the Ministry of "
        "Defence of the Kingdom of Thailand signed a memorandum.",
        bundled,
    )
    assert set(found) == {"malaysia-mod", "thailand-mod"}  # the library's, by country
    found = _orgs(
        "SINGAPORE, 1 June 2025 - Chief of Defence Force Vice Admiral Aaron Beng met the "
        "delegation."
    )
    assert found == {"defence-force": "Defence Force"}


def test_a_country_without_a_sure_adjective_is_named_after_the_ministry() -> None:
    found = _orgs(
        "SINGAPORE, 1 June 2025 - Pakistan's Defence Minister Khawaja Asif met Canada's "
        "Defence Minister Bill Blair."
    )
    assert sorted(found.values()) == [
        "Canadian Ministry of Defence",
        "Ministry of Defence of Pakistan",
    ]


def test_a_family_name_in_capitals_and_a_given_name_that_is_a_rank() -> None:
    draft = draft_text(
        "SEOUL, 5 May 2025 - Minister of National Defense AHN Gyu-back met Japanese Defense "
        "Minister Gen Nakatani. AHN proposed a hotline. Nakatani agreed to study it.",
        None,
        Options(published="2025-05-06"),
    )
    people = {p.id: (p.text("name"), p.items("aliases")) for p in draft.people}
    assert people == {
        "ahn-gyu-back": ("Ahn Gyu-back", ["AHN Gyu-back"]),
        "gen-nakatani": ("Gen Nakatani", []),
    }
    assert not draft.organizations or all(o.id != "ahn" for o in draft.organizations)
    assert [p.fields["by"].value for p in draft.proposals] == ["ahn-gyu-back", "gen-nakatani"]


def test_each_point_of_an_agreed_list_is_a_proposal_quoting_its_point() -> None:
    text = (
        "# Prabowo and Marles agree on new defence cooperation\n\n"
        "Indonesian President Prabowo Subianto received Australian Minister for Defence Richard "
        "Marles in Jakarta on 20 February 2025.\n\n"
        "The two leaders agreed on the following points:\n\n"
        "- to ratify the Defence Cooperation Agreement;\n"
        "- to hold a joint amphibious exercise in 2026;\n"
        "- to expand officer exchanges.\n"
    )
    draft = draft_text(text, None, Options(published="2025-02-21"), kind="markdown")
    points = [
        "to ratify the Defence Cooperation Agreement",
        "to hold a joint amphibious exercise in 2026",
        "to expand officer exchanges",
    ]
    assert [(p.text("quote"), p.text("status")) for p in draft.proposals] == [
        (point, "agreed") for point in points
    ]
    assert [p.text("title") for p in draft.proposals] == [
        "Ratify the Defence Cooperation Agreement",
        "Hold a joint amphibious exercise in 2026",
        "Expand officer exchanges",
    ]
    for proposal in draft.proposals:
        assert proposal.fields["by"].value == ["prabowo-subianto", "richard-marles"]
    parsed = parse_briefing_bytes("draft.yaml", draft_yaml(draft).encode("utf-8"))
    assert [d.code for d in parsed.diagnostics] == []  # every point stands in the text


def test_a_possessive_inside_a_name_and_a_ministry_named_twice() -> None:
    found = _orgs(
        "SINGAPORE, 1 June 2025 - Officers of the People's Liberation Army attended. The "
        "Singapore Ministry of Defence hosted the dialogue. Singapore's Defence Minister Chan "
        "Chun Sing welcomed the delegates."
    )
    assert found == {
        "people-s-liberation-army": "People's Liberation Army",
        "singapore-mod": "Singapore Ministry of Defence",
    }


def test_an_office_s_last_word_or_numeral_is_no_part_of_the_name() -> None:
    draft = draft_text(
        "SINGAPORE, 1 June 2025 - Fiji's Minister for Home Affairs and Immigration Pio "
        "Tikoduadua spoke. Brunei's Minister of Defence II Pehin Halbi Mohammad Yussof attended.",
        None,
        Options(published="2025-06-01"),
    )
    assert [(p.id, p.text("name")) for p in draft.people] == [
        ("pio-tikoduadua", "Pio Tikoduadua"),
        ("halbi-mohammad-yussof", "Halbi Mohammad Yussof"),
    ]


def test_who_met_someone_and_proposed_is_the_proposer() -> None:
    text = (
        "SINGAPORE, 1 June 2025 - The European Union's Kaja Kallas met Philippine Foreign "
        "Secretary Enrique Manalo on the sidelines and proposed a security partnership."
    )
    [(_, by, _)] = _proposals(text)
    assert by == "kaja-kallas"


def test_the_three_ministers_are_three() -> None:
    text = (
        "SINGAPORE, 31 May 2025 - U.S. Defense Secretary Pete Hegseth, Japanese Defense Minister "
        "Koizumi Shinjiro and Australian Defence Minister Richard Marles held a trilateral "
        "meeting. The three ministers pledged to deepen cooperation on maritime surveillance."
    )
    [(status, by, _)] = _proposals(text)
    assert status == "agreed"
    assert by == ["pete-hegseth", "koizumi-shinjiro", "richard-marles"]
