"""The words of the field that the draft's recognisers read by: military ranks, honorifics,
offices, the words of ministries and forums, kinds of event, the verbs of proposing and agreeing.

These are lists of the trade (any defence article uses them), never of one article's people,
places or organizations. Every word is kept folded and lowercased, as :func:`key` makes it.
Uses :mod:`dragoman.text`.
"""

from __future__ import annotations

from dragoman.text import fold


def key(word: str) -> str:
    """A word as the lists hold it: accents folded, lowercased, curly apostrophes straight,
    a final full stop dropped (``Gen.`` -> ``gen``)."""
    return fold(word).lower().replace("’", "'").rstrip(".")


def _words(text: str) -> frozenset[str]:
    return frozenset(key(w) for w in text.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Phrases separated by ``|``, each as a tuple of keys, longest first (matched greedily)."""
    found = {tuple(key(w) for w in p.split()) for p in text.split("|") if p.strip()}
    return tuple(sorted(found, key=len, reverse=True))


# Ranks, written out or abbreviated; the longest is matched first.
RANKS = _phrases(
    "General|Gen.|Gen|Lieutenant General|Lieut. Gen.|Lt. Gen.|Lt Gen|Lt-Gen|Major General|"
    "Maj. Gen.|Maj Gen|Maj-Gen|Brigadier General|Brig. Gen.|Brig Gen|Brigadier|"
    "Senior Lieutenant General|Sen. Lieut. Gen.|Sr. Lt. Gen.|Senior General|Colonel General|"
    "Senior Colonel|Colonel|Col.|Lieutenant Colonel|Lt. Col.|Lt Col|Major|Maj.|Captain|Capt.|"
    "Lieutenant|Lt.|Admiral|Adm.|Vice Admiral|Vice Adm.|Rear Admiral|Rear Adm.|"
    "Fleet Admiral|Field Marshal|Marshal|Air Chief Marshal|Air Marshal|Air Vice Marshal|"
    "Air Commodore|Commodore|Group Captain|Wing Commander|Sergeant|Sgt.|Staff Sergeant|"
    "Master Sergeant|Sergeant Major|Corporal|Private|Ensign|Police General|"
    "Police Lieutenant General|Police Major General"
)
# The long form of an abbreviated or shortened rank, as a briefing writes it.
RANK_LONG = {
    "gen": "General",
    "lieut gen": "Lieutenant General",
    "lt gen": "Lieutenant General",
    "lt-gen": "Lieutenant General",
    "maj gen": "Major General",
    "maj-gen": "Major General",
    "brig gen": "Brigadier General",
    "sen lieut gen": "Senior Lieutenant General",
    "sr lt gen": "Senior Lieutenant General",
    "col": "Colonel",
    "lt col": "Lieutenant Colonel",
    "maj": "Major",
    "capt": "Captain",
    "lt": "Lieutenant",
    "adm": "Admiral",
    "vice adm": "Vice Admiral",
    "rear adm": "Rear Admiral",
    "sgt": "Sergeant",
}

# Honorifics and forms of address: kept in an alias, never in the name.
HONORIFICS = _phrases(
    "Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Miss|Dr|Dr.|Prof.|Professor|Sir|Dame|Madam|Madame|H.E.|"
    "His Excellency|Her Excellency|Excellency|Hon.|Honourable|Honorable|The Honourable|"
    "Dato'|Dato’|Datuk|Dato' Seri|Dato’ Seri|Datuk Seri|Datin|Datin Seri|Tan Sri|Puan Sri|Tun|"
    "Toh Puan|Dato' Sri|Datuk Sri|Pehin|Haji|Hajjah|Ir.|Yang Berhormat|YB|Senator|"
    "Sheikh|Shaikh|Prince|Princess|Lord|Lady|Monsieur|Herr|Frau|Señor|Señora|Khun|Ibu|"
    "Bapak|Encik|Daw|Samdech|Samdech Pichey Sena"
)
# One-word titles that, before a surname, stand for an office: "Secretary Hegseth".
TITLE_WORDS = _words(
    "Minister Secretary President Chairman Chairwoman Chair Ambassador Premier Director "
    "Commander Chief Governor Envoy Spokesman Spokeswoman Spokesperson Deputy Vice Senator "
    "Representative Attaché Attache Undersecretary Under-Secretary Counsellor Counselor Adviser "
    "Advisor Chancellor Mayor Inspector Superintendent Head King Queen Sultan Emperor Prime "
    "Secretary-General Director-General Vice-Minister Deputy-Minister Commander-in-Chief "
    "Vice-President Vice-Chairman Chief-of-Staff Minister-Counsellor"
)
# Offices: a role starts with one of these words ("Deputy Minister of National Defence").
OFFICE_HEADS = TITLE_WORDS | _words(
    "Secretary-General Director-General Director General Permanent Commander-in-Chief "
    "Chief-of-Staff Vice-Minister Vice-President Vice-Chairman Deputy-Minister Minister-Counsellor "
    "Officer Coordinator Leader Rapporteur Delegate Deputy-Chief Acting Senior First Second "
    "Third Principal Assistant Executive Defence Defense Foreign Military Naval Air Army Navy "
    "Home National State Parliamentary Special"
)
# The words of an office or organization's name after its head ("of National Defence").
DOMAIN_WORDS = _words(
    "Defence Defense National War Foreign Affairs Policy State Staff Armed Forces Force Army Navy "
    "Air Military Security Home Interior Justice Intelligence International Cooperation "
    "Office Ministry Department General Joint Naval Maritime Coast Guard Border Public Planning "
    "Logistics Operations Command Personnel Relations External Industry Technology Science "
    "Economic Economy Finance Trade Strategic Strategy Affairs Veterans Training Education "
    "Health Medical Engineering Defence-Industry Cyber Space Marine Marines Corps Police "
    "Homeland Commerce Transport Communications Information Legal Administration Political "
    "Immigration Customs Energy Environment Agriculture Fisheries Labour Labor Tourism Culture "
    "Policy-Making Regional Bilateral Multilateral Peacekeeping Protocol Headquarters People's "
    "Republic Royal Self-Defense Self-Defence Ground Maritime Coastguard Mission Delegation"
)
# Lowercase words that may join the words of a person's name.
NAME_PARTICLES = _words(
    "bin binti bte binte ibn bint van von der den de da di dos das do du del della la le al el "
    "ben ter ap"
)
# Head words of an organization's name; the kind a briefing gives it.
ORG_HEADS: dict[str, str] = {
    "ministry": "ministry",
    "department": "department",
    "office": "office",
    "secretariat": "office",
    "bureau": "office",
    "agency": "agency",
    "directorate": "department",
    "administration": "agency",
    "forum": "forum",
    "meeting": "forum",
    "meeting-plus": "forum",
    "plus": "forum",
    "dialogue": "forum",
    "conference": "forum",
    "summit": "forum",
    "group": "working-group",
    "initiative": "initiative",
    "programme": "initiative",
    "program": "initiative",
    "council": "council",
    "committee": "committee",
    "commission": "commission",
    "association": "bloc",
    "organization": "organization",
    "organisation": "organization",
    "alliance": "alliance",
    "union": "bloc",
    "community": "bloc",
    "forces": "armed-forces",
    "force": "armed-forces",
    "army": "armed-forces",
    "navy": "armed-forces",
    "guard": "armed-forces",
    "command": "command",
    "academy": "academy",
    "university": "academy",
    "college": "academy",
    "institute": "institute",
    "centre": "centre",
    "center": "centre",
    "mechanism": "mechanism",
    "network": "network",
    "coalition": "alliance",
    "government": "government",
    "parliament": "parliament",
    "assembly": "parliament",
    "senate": "parliament",
    "congress": "parliament",
    "corps": "armed-forces",
}
# Head words of documents and ideas, not organizations: a treaty, a code, a partnership.
NOT_ORG_HEADS = _words(
    "Convention Declaration Code Treaty Agreement Charter Protocol Memorandum Law Act Resolution "
    "Partnership Strategy Doctrine Vision Plan Outlook Statement Communiqué Communique Accord "
    "Concept Sea Ocean Strait River Island Islands Peninsula Gulf Bay Street Hotel Centre-Point "
    "War Crisis"
)
# The words of a meeting series ("Forum", "Meeting"): its instance is an event.
EVENT_HEADS: dict[str, str] = {
    "meeting": "meeting",
    "forum": "forum",
    "summit": "summit",
    "conference": "conference",
    "dialogue": "dialogue",
    "talks": "meeting",
    "consultation": "dialogue",
    "consultations": "dialogue",
    "exercise": "exercise",
    "ceremony": "ceremony",
    "reception": "reception",
    "symposium": "conference",
    "seminar": "conference",
    "workshop": "conference",
    "retreat": "meeting",
    "visit": "visit",
    "banquet": "reception",
    "dinner": "reception",
    "luncheon": "reception",
    "lunch": "reception",
    "breakfast": "reception",
    "signing": "signing",
    "call": "meeting",
    "session": "meeting",
    "talk": "meeting",
    "discussion": "meeting",
    "discussions": "meeting",
}
# Words that a capitalised run is never a person's name for (sentence openers, calendar words).
NOT_NAME = _words(
    "The A An This That These Those It Its He She His Her They Their We Our I You In On At Of "
    "For With By From To As And Or But If While When Where After Before During Also Both Each "
    "All Some Many Most Such Other Another Beyond Despite Looking Regarding Speaking Meeting "
    "Similarly Notably Additionally However Yet For Now Then Today Yesterday Tomorrow Tonight "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec Photo Source Read More Share Tweet Print Email Video Image Caption Reuters AFP "
    "AP Xinhua Bernama Kyodo VNA Update Updated Breaking News Related Advertisement Copyright "
    "Translated Editing Reporting Writing By Via Chairmanship Sidelines Plenary East West North "
    "South Southeast Northeast Central Asia Pacific Asia-Pacific Indo-Pacific Europe Africa "
    "Americas Middle Sea China's Ocean Gulf Strait Cooperation Partnership Strategic "
    "Comprehensive Vice-Ministerial Ministerial Defence Defense Informal Annual Experts Experts' "
    "Working Group Initiative Forum Ministers Ministers' Ministry Department Office Forces "
    "United Nations Union Council Committee Summit Conference Dialogue Law Convention Code "
    "Declaration Conduct Parties Step Towards Collective Challenges Speculative Horizons Role "
    "Bridge Broader Deepening Historical Bonds Bilateral Engagements Building Trust Unity Shared "
    "Vision Regional Stability Lieutenant General Major Colonel Admiral Senior"
)
# Verbs of saying and doing that end the subject of a sentence ("Chiến expressed ...").
VERBS = _words(
    "said says stated expressed emphasized emphasised stressed noted proposed suggested urged "
    "called agreed pledged committed reaffirmed affirmed welcomed praised commended highlighted "
    "attended met held recognized recognised appreciated reiterated thanked congratulated "
    "discussed visited received signed announced hosted chaired led delivered engaged identified "
    "argued described added told asked invited vowed offered hoped wished underlined "
    "underscored acknowledged valued shared spoke advocated raised briefed informed conveyed "
    "extended reported mentioned explained insisted confirmed promised requested recommended "
    "declared pointed spoke assured believed expects expected wants wanted voiced lauded hailed "
    "paid"
)
# Words of a group that speaks as one: "Both sides agreed", "The two officials praised".
GROUP_SUBJECTS = (
    ("both", "sides"),
    ("the", "two", "sides"),
    ("the", "two", "officials"),
    ("the", "two", "ministers"),
    ("the", "two", "leaders"),
    ("the", "two", "countries"),
    ("both", "countries"),
    ("both", "ministers"),
    ("both", "leaders"),
    ("both", "officials"),
    ("the", "two"),
    ("the", "three", "ministers"),
    ("the", "three", "leaders"),
    ("the", "three", "sides"),
    ("the", "three", "countries"),
    ("the", "four", "ministers"),
    ("the", "four", "countries"),
    ("the", "sides"),
    ("the", "ministers"),
)
# how many people a group subject names: "the three ministers" are three
GROUP_SIZES = {"three": 3, "four": 4}
PRONOUNS = _words("He She His Her Him")
