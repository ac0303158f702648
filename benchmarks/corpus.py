"""A deterministic generator of realistic briefing corpora for benchmarks.

``python -m benchmarks.corpus --briefings N --seed S OUT_DIR`` writes N briefings (format v1,
docs/format.md) that look like real ones: a pool of about N/5 people whose appearances follow
a heavy tail (a few ministers in hundreds of briefings, most people in one to three), with
Vietnamese, Thai, Malay, Indonesian, Japanese, English and other names; organizations with
``part_of``; chains of dialogues linked by ``follows``; meetings on the sidelines of summits
(``part_of``); proposals whose status moves across later briefings; texts of 300-1500 words.

The same N and seed give byte-identical files: the only source of randomness is one
``random.Random(seed)``, nothing iterates over a set, and every order is fixed. ``dragoman
check`` reports no errors and no warnings on the result.

From Python: :func:`generate` returns :class:`CorpusStats` (counts, and names, words and dates
that occur in the corpus, for benchmark queries that hit); :func:`change_briefings` rewrites a
few briefings with a realistic edit, for catch-up benchmarks.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import sys
import time
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import names as data
from benchmarks.names import CountryInfo, OrgSpec, Topic
from dragoman.text import fold, slugify

__all__ = ["CorpusStats", "change_briefings", "generate", "main"]

FIRST_YEAR = 2005
LAST_YEAR = 2026
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
MARKER = "# Synthetic briefing written by benchmarks/corpus.py"
MIN_WORDS = 300
MAX_WORDS = 1500
STATUSES = ("proposed", "agreed", "in-progress", "done", "stalled", "dropped")
OPEN_STATUSES = ("proposed", "agreed", "in-progress", "stalled")
TRANSITIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "proposed": (("agreed", 0.5), ("in-progress", 0.1), ("stalled", 0.25), ("dropped", 0.15)),
    "agreed": (("in-progress", 0.55), ("done", 0.25), ("stalled", 0.2)),
    "in-progress": (("done", 0.6), ("stalled", 0.4)),
    "stalled": (("agreed", 0.25), ("in-progress", 0.35), ("dropped", 0.4)),
}
# The next status an edit moves a proposal to (done and dropped are final).
NEXT_STATUS = {"proposed": "agreed", "agreed": "in-progress", "in-progress": "done"}
NEXT_STATUS["stalled"] = "in-progress"
TOPIC_WORDS = ("peacekeeping", "demining", "maritime", "cyber", "logistics", "disaster")
LEVEL_OFFICES: dict[str, tuple[str, ...]] = {
    "minister": ("minister", "deputy", "chief"),
    "deputy": ("deputy", "minister", "policy"),
    "chief": ("chief", "navy", "minister"),
    "navy": ("navy", "chief", "deputy"),
    "policy": ("policy", "deputy", "minister"),
}

# -- small helpers ----------------------------------------------------------------------------


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def bare(country: CountryInfo) -> str:
    """The country's name without a leading article, for compounds: ``Vietnam-Philippines``."""
    return country.name.removeprefix("the ")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def weighted(rng: random.Random, table: Sequence[tuple[str, float]]) -> str:
    return rng.choices([t[0] for t in table], [t[1] for t in table])[0]


@dataclass(frozen=True, slots=True)
class PDate:
    """A date as precise as the source: month and day are 0 when unknown."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day)

    def plus(self, days: int) -> PDate:
        """A full date ``days`` later (only for full dates)."""
        d = dt.date(self.year, self.month, self.day) + dt.timedelta(days=days)
        return PDate(d.year, d.month, d.day)

    def prose(self) -> str:
        if self.day:
            return f"{self.day} {data.MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{data.MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def when(self) -> str:
        return f"on {self.prose()}" if self.day else f"in {self.prose()}"

    def opening(self, rng: random.Random) -> str:
        """How an article opens in time, never more precise than the date."""
        if self.day:
            weekday = calendar.day_name[calendar.weekday(self.year, self.month, self.day)]
            return rng.choice((f"On {self.prose()}", f"On {weekday} ({self.prose()})"))
        if self.month:
            return rng.choice((f"In {self.prose()}", "Earlier this month"))
        return rng.choice(("This week", "Earlier this year", f"In {self.year}"))


def random_date(rng: random.Random, year: int, month: int | None = None) -> PDate:
    """A date in ``year``: mostly a full date, sometimes only the month, rarely only the year."""
    r = rng.random()
    m = month or rng.randint(1, 12)
    if r < 0.06:
        return PDate(year)
    if r < 0.19:
        return PDate(year, m)
    return PDate(year, m, rng.randint(1, calendar.monthrange(year, m)[1]))


# -- the world: people and organizations ------------------------------------------------------


@dataclass(slots=True)
class Stint:
    start: int
    end: int
    role: str
    org: str | None
    rank: str | None


@dataclass(slots=True)
class Person:
    idx: int
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    short: str  # how prose refers to the person after the first mention
    display: str  # the first mention: the Latin spelling (with the Thai script beside it)
    stints: list[Stint] = field(default_factory=list)
    weight: float = 1.0
    count: int = 0  # briefings declaring the person

    def stint(self, year: int) -> Stint:
        best = self.stints[0]
        best_gap = 10_000
        for s in self.stints:
            gap = 0 if s.start <= year <= s.end else min(abs(year - s.start), abs(year - s.end))
            if gap < best_gap:
                best, best_gap = s, gap
        return best

    def active(self, year: int) -> bool:
        return any(s.start <= year <= s.end for s in self.stints)


@dataclass(frozen=True, slots=True)
class Org:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    part_of: str | None
    short: str


def _name_vi(rng: random.Random, allow_female: bool) -> tuple[str, tuple[str, ...], str, str]:
    family = weighted(rng, data.VI_FAMILY)
    female = allow_female and rng.random() < 0.08
    middle = "Thị" if female else weighted(rng, data.VI_MIDDLE)
    given = rng.choice(data.VI_FEMALE_GIVEN if female else data.VI_GIVEN)
    name = f"{family} {middle} {given}"
    return name, (fold(name),), given, name


def _name_th(rng: random.Random) -> tuple[str, tuple[str, ...], str, str]:
    g_th, g_lat = rng.choice(data.TH_GIVEN)
    h_th, h_lat = data.TH_FAMILY_HEAD[min(int(rng.paretovariate(1.2)) - 1, 17)]
    t_th, t_lat = rng.choice(data.TH_FAMILY_TAIL)
    latin = f"{g_lat} {h_lat}{t_lat}"
    return f"{g_th} {h_th}{t_th}", (latin,), g_lat, f"{latin} ({g_th} {h_th}{t_th})"


def _name_ms(
    rng: random.Random, honorifics: tuple[str, ...], allow_female: bool, long: bool
) -> tuple[str, tuple[str, ...], str, str]:
    female = allow_female and rng.random() < 0.1
    given = rng.choice(data.MS_FEMALE_GIVEN if female else data.MS_GIVEN)
    if long and len(given.split()) == 1:
        given = f"{given} {rng.choice(data.MS_SECOND)}"
    name = f"{given} {'binti' if female else 'bin'} {weighted(rng, data.MS_FATHER)}"
    aliases: tuple[str, ...] = ()
    if rng.random() < 0.45:
        aliases = (f"{rng.choice(honorifics)} {name}",)
    words = given.split()
    short = words[1] if len(words) > 1 and words[0] in ("Mohamed", "Mohd", "Muhammad") else words[0]
    return name, aliases, short, name


def _name_id(rng: random.Random) -> tuple[str, tuple[str, ...], str, str]:
    given = rng.choice(data.ID_GIVEN)
    r = rng.random()
    if r < 0.12:
        name = given
    elif r < 0.3:
        name = f"{given} {weighted(rng, data.ID_FAMILY)} {weighted(rng, data.ID_FAMILY)}"
    else:
        name = f"{given} {weighted(rng, data.ID_FAMILY)}"
    return name, (), given, name


def _name_ja(rng: random.Random, long: bool) -> tuple[str, tuple[str, ...], str, str]:
    family = rng.choice(data.JA_MORE_FAMILY) if long else weighted(rng, data.JA_FAMILY)
    given = rng.choice(data.JA_MORE_GIVEN if long else data.JA_GIVEN)
    name = f"{family} {given}"
    plain = fold(name)
    western = f"{fold(given)} {fold(family)}"
    return name, (plain, western), family, name


def _name_en(
    rng: random.Random, families: Sequence[tuple[str, float]], given_list: Sequence[str], long: bool
) -> tuple[str, tuple[str, ...], str, str]:
    family = weighted(rng, families)
    given = rng.choice(given_list)
    name = f"{given} {rng.choice(data.INITIALS)}. {family}" if long else f"{given} {family}"
    return name, (), family, name


def _name_sg(rng: random.Random) -> tuple[str, tuple[str, ...], str, str]:
    family = weighted(rng, data.SG_FAMILY)
    a, b = rng.sample(data.SG_SYLLABLES, 2)
    name = f"{family} {a} {b}"
    return name, (), family, name


def _name_lo(rng: random.Random, long: bool) -> tuple[str, tuple[str, ...], str, str]:
    given = rng.choice(data.LO_MORE_GIVEN if long else data.LO_GIVEN)
    family = rng.choice(data.LO_MORE_FAMILY) if long else weighted(rng, data.LO_FAMILY)
    name = f"{given} {family}"
    return name, (), given, name


def _name_km(rng: random.Random, long: bool) -> tuple[str, tuple[str, ...], str, str]:
    family = rng.choice(data.KM_MORE_FAMILY) if long else weighted(rng, data.KM_FAMILY)
    name = f"{family} {rng.choice(data.KM_MORE_GIVEN if long else data.KM_GIVEN)}"
    return name, (), name, name


def _name_my(rng: random.Random) -> tuple[str, tuple[str, ...], str, str]:
    name = " ".join(rng.sample(data.MY_SYLLABLES, rng.choice((2, 3, 3))))
    return name, (), name, name


def make_name(
    rng: random.Random, style: str, female: bool = True, long: bool = False
) -> tuple[str, tuple[str, ...], str, str]:
    """(name, aliases, short form, first mention) in the naming style of a country; ``female``
    allows women's names (the styles with women's names: Vietnamese, Malay); ``long`` draws
    from the longer forms, for when the short ones are taken."""
    if style == "vi":
        return _name_vi(rng, female)
    if style == "th":
        return _name_th(rng)
    if style == "ms":
        return _name_ms(rng, data.MS_HONORIFICS, female, long)
    if style == "bn":
        return _name_ms(rng, data.BN_HONORIFICS, female, long)
    if style == "id":
        return _name_id(rng)
    if style == "ja":
        return _name_ja(rng, long)
    if style == "ph":
        return _name_en(rng, data.PH_FAMILY, data.PH_GIVEN, long)
    if style == "sg":
        return _name_sg(rng)
    if style == "lo":
        return _name_lo(rng, long)
    if style == "km":
        return _name_km(rng, long)
    if style == "my":
        return _name_my(rng)
    return _name_en(rng, data.EN_FAMILY, data.EN_GIVEN, long)


OFFICE_WEIGHT = {"minister": 10.0, "deputy": 9.0, "chief": 5.0, "navy": 3.0, "policy": 4.0}
OFFICE_TERMS = {"minister": 4, "deputy": 5, "chief": 4, "navy": 4, "policy": 5}


class World:
    """Countries, organizations and the people pool, with who held which office when."""

    def __init__(self, rng: random.Random, n_people: int) -> None:
        self.rng = rng
        self.countries: dict[str, CountryInfo] = {c.code: c for c in data.COUNTRIES}
        self.orgs: dict[str, Org] = {}
        self._build_orgs()
        self.people: list[Person] = []
        self.ids: set[str] = set(self.orgs)  # every id in use, of any kind (membership only)
        self.by_country: dict[str, list[int]] = {c: [] for c in self.countries}
        self.offices: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
        self._build_people(n_people)
        self._index()

    # organizations

    def _add_org(self, spec: OrgSpec, country: str | None, part_of: str | None) -> None:
        self.orgs[spec.id] = Org(
            spec.id, spec.name, spec.aliases, spec.kind, country, part_of, spec.short
        )

    def _build_orgs(self) -> None:
        for spec, parent in data.REGIONAL_ORGS:
            self._add_org(spec, None, parent)
        for suffix, subject, _area in data.EWGS:
            self._add_org(
                OrgSpec(
                    f"admm-plus-ewg-{suffix}",
                    f"ADMM-Plus Experts' Working Group on {subject}",
                    f"ADMM-Plus Experts' Working Group on {subject}",
                    "working-group",
                ),
                None,
                "admm-plus",
            )
        for c in data.COUNTRIES:
            self._add_org(c.ministry, c.code, None)
            self._add_org(c.forces, c.code, c.ministry.id)
            if c.navy:
                self._add_org(c.navy, c.code, c.forces.id)
            self._add_org(c.policy, c.code, c.ministry.id)
            self._add_org(c.institute, c.code, c.ministry.id if c.institute_in_ministry else None)
        self.orgs["jasmine"] = Org(
            "jasmine",
            self.orgs["jasmine"].name,
            self.orgs["jasmine"].aliases,
            "initiative",
            "JP",
            "japan-mod",
            self.orgs["jasmine"].short,
        )

    # people

    def _new_person(self, code: str, *, female: bool = True) -> Person:
        style = self.countries[code].style
        for attempt in range(400):
            name, aliases, short, display = make_name(self.rng, style, female, attempt >= 40)
            name = unicodedata.normalize("NFC", name)
            pid = slugify(aliases[0]) if style == "th" else slugify(name)
            if pid and pid not in self.ids:
                break
        else:  # pragma: no cover - the tables are large enough
            raise RuntimeError(f"could not find a free name for {code}")
        self.ids.add(pid)
        person = Person(len(self.people), pid, name, aliases, code, short, display)
        self.people.append(person)
        self.by_country[code].append(person.idx)
        return person

    def _ranks(self, c: CountryInfo, office: str) -> tuple[str, ...]:
        if office == "navy":
            return data.NAVY_RANKS
        return data.VI_ARMY_RANKS if c.style == "vi" else data.ARMY_RANKS

    def _office_role(self, c: CountryInfo, office: str) -> tuple[str, str]:
        if office == "minister":
            return c.minister_role, c.ministry.id
        if office == "deputy":
            return c.deputy_role, c.ministry.id
        if office == "chief":
            return c.chief_role, c.forces.id
        if office == "navy":
            assert c.navy is not None and c.navy_role is not None
            return c.navy_role, c.navy.id
        return c.policy_role, c.policy.id

    def _terms(self, count: int) -> list[tuple[int, int]]:
        cuts = sorted(self.rng.sample(range(FIRST_YEAR + 1, LAST_YEAR), count - 1))
        starts = [FIRST_YEAR - self.rng.randint(0, 3), *cuts]
        ends = [*(s - 1 for s in cuts), LAST_YEAR]
        return list(zip(starts, ends, strict=True))

    def _office_rank(self, c: CountryInfo, office: str) -> tuple[str | None, str | None]:
        """(rank before taking office, rank in office), or None for civilians."""
        rng = self.rng
        if office == "minister":
            if rng.random() >= c.military_minister:
                return None, None
            return (
                "Senior Lieutenant General" if c.style == "vi" else "Lieutenant General",
                "General",
            )
        if office == "deputy":
            if c.civil_deputy:
                return None, None
            return (
                ("Lieutenant General", "Senior Lieutenant General")
                if c.style == "vi"
                else (
                    "Major General",
                    "Lieutenant General",
                )
            )
        if office == "chief":
            return ("Lieutenant General", "General")
        if office == "navy":
            return (
                ("Rear Admiral", "Vice Admiral")
                if rng.random() < 0.5
                else ("Vice Admiral", "Admiral")
            )
        if c.style in ("vi", "lo", "km", "th", "id", "my"):
            return ("Senior Colonel" if c.style == "vi" else "Colonel", "Major General")
        return None, None

    def _build_people(self, n_people: int) -> None:
        rng = self.rng
        for c in data.COUNTRIES:
            budget = max(6 if c.code == "VN" else 2, round(n_people * c.share))
            scale = min(1.0, 0.5 * budget / sum(OFFICE_TERMS.values()))
            # Office holders are at most a third of a country's people, so that most people
            # are the many officials and scholars who appear in a few briefings only.
            cap_offices = max(3 if c.code == "VN" else 1, int(budget * 0.3))
            used = 0
            for office in ("minister", "deputy", "chief", "navy", "policy"):
                if office == "navy" and c.navy is None:
                    continue
                if used >= cap_offices:
                    break
                terms = max(1, round(OFFICE_TERMS[office] * scale))
                terms = min(terms, cap_offices - used)
                role, org = self._office_role(c, office)
                timeline: list[tuple[int, int, int]] = []
                for start, end in self._terms(terms):
                    p = self._new_person(c.code, female=False)
                    before, rank = self._office_rank(c, office)
                    lead = rng.randint(2, 5)
                    if start - 1 >= FIRST_YEAR:
                        prior_role, prior_org = (
                            self._office_role(c, "deputy")
                            if office == "minister"
                            else self._office_role(c, "policy")
                            if office == "deputy"
                            else (f"Deputy {role}", org)
                        )
                        p.stints.append(
                            Stint(start - lead, start - 1, prior_role, prior_org, before)
                        )
                    p.stints.append(Stint(start, end, role, org, rank))
                    p.weight = OFFICE_WEIGHT[office]
                    timeline.append((start, end, p.idx))
                    used += 1
                self.offices[(c.code, office)] = timeline
            generic = max(0, budget - used)
            for j in range(generic):
                p = self._new_person(c.code)
                self._generic_career(c, p)
                p.weight = 2.0 / (j + 1) ** 1.1

    def _generic_roles(
        self, c: CountryInfo
    ) -> list[tuple[str, str | None, tuple[str, ...] | None]]:
        army = data.VI_ARMY_RANKS[:3] if c.style == "vi" else data.ARMY_RANKS[:3]
        partner = self.rng.choice([k for k in data.COUNTRIES if k.code != c.code])
        desk = (
            "ASEAN Cooperation Division"
            if c.code not in ("AU", "US", "GB", "NZ", "JP")
            else ("Southeast Asia Section")
        )
        roles: list[tuple[str, str | None, tuple[str, ...] | None]] = [
            (f"Deputy {c.policy_role}", c.policy.id, army),
            (f"Head of the {desk}, {c.policy.short}", c.policy.id, army[:2]),
            (f"Defence Attaché of {c.name} in {partner.name}", c.ministry.id, army),
            (f"Director of the {c.institute.short}", c.institute.id, None),
            (f"Senior Fellow at the {c.institute.short}", c.institute.id, None),
            (f"Research Fellow at the {c.institute.short}", c.institute.id, None),
            (f"Director of the Peacekeeping Centre of the {c.forces.short}", c.forces.id, army),
            (f"Spokesperson of the {c.ministry.short}", c.ministry.id, None),
            (f"Director of Military Medicine of the {c.forces.short}", c.forces.id, army[1:]),
            (f"Head of the Mine Action Centre of the {c.forces.short}", c.forces.id, army),
            (f"Director of Defence Industry at the {c.ministry.short}", c.ministry.id, None),
            (f"Ambassador of {c.name} to {partner.name}", None, None),
            (f"Deputy Chief of Staff of the {c.forces.short}", c.forces.id, army[1:]),
        ]
        if c.navy:
            roles.append(
                (f"Deputy Commander of the {c.navy.short}", c.navy.id, data.NAVY_RANKS[:2])
            )
            roles.append((f"Chief of Staff of the {c.navy.short}", c.navy.id, data.NAVY_RANKS[:2]))
        return roles

    def _generic_career(self, c: CountryInfo, p: Person) -> None:
        rng = self.rng
        roles = self._generic_roles(c)
        role, org, ranks = rng.choice(roles)
        start = rng.randint(FIRST_YEAR - 2, LAST_YEAR)
        length = min(int(rng.expovariate(1 / 3.0)), 9)
        end = min(start + length, LAST_YEAR)
        if end < FIRST_YEAR:
            start, end = FIRST_YEAR, FIRST_YEAR + length
        rank_i = rng.randrange(len(ranks)) if ranks else 0
        p.stints.append(Stint(start, end, role, org, ranks[rank_i] if ranks else None))
        if end < LAST_YEAR and rng.random() < 0.35:
            if role.startswith("Deputy "):
                role = role.removeprefix("Deputy ")
            else:
                role, org, ranks = rng.choice(roles)
            rank = ranks[min(rank_i + 1, len(ranks) - 1)] if ranks else None
            p.stints.append(
                Stint(end + 1, min(end + 1 + rng.randint(1, 5), LAST_YEAR), role, org, rank)
            )

    def _index(self) -> None:
        self.active: dict[tuple[str, int], tuple[list[int], list[float]]] = {}
        self.unused: dict[tuple[str, int], list[int]] = {}
        for code, members in self.by_country.items():
            for year in YEARS:
                idxs = [i for i in members if self.people[i].active(year)]
                cum: list[float] = []
                total = 0.0
                for i in idxs:
                    total += self.people[i].weight
                    cum.append(total)
                self.active[(code, year)] = (idxs, cum)
                self.unused[(code, year)] = list(reversed(idxs))

    # choosing people

    def holder(self, code: str, office: str, year: int) -> Person | None:
        for start, end, idx in self.offices.get((code, office), ()):
            if start <= year <= end:
                return self.people[idx]
        return None

    def head(self, code: str, level: str, year: int) -> Person:
        if level == "track":
            return self.by_org(code, self.countries[code].institute.id, year) or self.sample(
                code, year
            )
        for office in LEVEL_OFFICES[level]:
            p = self.holder(code, office, year)
            if p is not None:
                return p
        return self.sample(code, year)

    def by_org(self, code: str, org: str, year: int) -> Person | None:
        idxs, _cum = self.active[(code, year)]
        found = [i for i in idxs if self.people[i].stint(year).org == org]
        if not found:
            return None
        return self.people[self.rng.choices(found, [self.people[i].weight for i in found])[0]]

    def sample(self, code: str, year: int, exclude: Sequence[str] = ()) -> Person:
        idxs, cum = self.active[(code, year)]
        if idxs:
            for _ in range(4):
                i = idxs[bisect_left(cum, self.rng.random() * cum[-1])]
                if self.people[i].id not in exclude:
                    return self.people[i]
        members = self.by_country[code]
        nearest = min(
            members,
            key=lambda i: (
                min(min(abs(year - s.start), abs(year - s.end)) for s in self.people[i].stints),
                i,
            ),
        )
        return self.people[nearest]

    def newcomer(self, code: str, year: int) -> Person | None:
        queue = self.unused[(code, year)]
        while queue:
            p = self.people[queue.pop()]
            if p.count == 0:
                return p
        return None


# -- declarations of one briefing -------------------------------------------------------------


@dataclass(slots=True)
class EventInfo:
    id: str
    title: str
    date: PDate
    end: PDate | None
    kind: str
    place: str
    country: str
    organizations: list[str]
    part_of: str | None = None
    follows: str | None = None
    summary: str | None = None


@dataclass(slots=True)
class EventDecl:
    info: EventInfo
    chairs: list[str]
    participants: list[str]
    quote: str | None = None


@dataclass(slots=True)
class ProposalState:
    id: str
    title: str
    clause: str
    by: list[str]
    at: str | None
    at_title: str
    to: list[str]
    areas: list[str]
    status: str
    last_key: tuple[int, int, int]
    follows: str | None = None
    history: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ProposalDecl:
    state: ProposalState
    status: str
    summary: str | None
    quote: str | None


@dataclass(slots=True)
class Draft:
    id: str
    title: str
    date: PDate
    home: str
    people: dict[str, Person] = field(default_factory=dict)
    person_summary: dict[str, str] = field(default_factory=dict)
    orgs: list[str] = field(default_factory=list)
    events: list[EventDecl] = field(default_factory=list)
    proposals: list[ProposalDecl] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    paragraphs: list[str] = field(default_factory=list)
    words: int = 0
    used: set[str] = field(default_factory=set)  # sentences already written (membership only)

    def add(self, paragraph: str) -> None:
        self.paragraphs.append(paragraph)
        self.words += len(paragraph.split())

    def tag(self, *slugs: str) -> None:
        for s in slugs:
            if s not in self.tags:
                self.tags.append(s)


# -- YAML output ------------------------------------------------------------------------------

_RESERVED = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}#'\"]|: ")


def scalar(value: str) -> str:
    """``value`` as a plain scalar when that is safe, else double-quoted."""
    if (
        value
        and value[0] not in _INDICATORS
        and value[0] != " "
        and value[-1] not in " :"
        and ": " not in value
        and " #" not in value
        and "\n" not in value
        and value.lower() not in _RESERVED
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_item(value: str) -> str:
    if value and not _FLOW_UNSAFE.search(value) and value == scalar(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(flow_item(v) for v in values) + "]"


def wrap(text: str, width: int = 92) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def text_field(out: list[str], indent: str, key: str, value: str) -> None:
    """A summary: on one line when short, else a folded block."""
    if len(value) <= 80:
        out.append(f"{indent}{key}: {scalar(value)}")
        return
    out.append(f"{indent}{key}: >-")
    out.extend(f"{indent}  {line}" for line in wrap(value))


def render(draft: Draft, world: World, seed: int, source: dict[str, str]) -> str:
    out = [f"{MARKER} (seed {seed}); not a real report.", f"id: {draft.id}"]
    out.append(f"title: {scalar(draft.title)}")
    out.append(f"date: {draft.date}")
    text_field(out, "", "summary", draft.summary)
    out.append(f"tags: {flow_list(draft.tags)}")
    out.append("source:")
    out.extend(f"  {k}: {scalar(v)}" for k, v in source.items())
    out.append("text: |")
    for i, paragraph in enumerate(draft.paragraphs):
        if i:
            out.append("")
        out.append(f"  {paragraph}")
    out.append("")
    out.append("people:")
    year = draft.date.year
    for p in draft.people.values():
        st = p.stint(year)
        out.append(f"  - id: {p.id}")
        out.append(f"    name: {scalar(p.name)}")
        if p.aliases:
            out.append(f"    aliases: {flow_list(p.aliases)}")
        if st.rank:
            out.append(f"    rank: {st.rank}")
        out.append(f"    role: {scalar(st.role)}")
        if st.org:
            out.append(f"    organization: {st.org}")
        out.append(f"    country: {p.country}")
        if p.id in draft.person_summary:
            text_field(out, "    ", "summary", draft.person_summary[p.id])
    out.append("")
    out.append("organizations:")
    for oid in draft.orgs:
        o = world.orgs[oid]
        parts = [f"id: {o.id}", f"name: {flow_item(o.name)}"]
        if o.aliases:
            parts.append(f"aliases: {flow_list(o.aliases)}")
        parts.append(f"kind: {o.kind}")
        if o.country:
            parts.append(f"country: {o.country}")
        if o.part_of:
            parts.append(f"part_of: {o.part_of}")
        out.append("  - {" + ", ".join(parts) + "}")
    out.append("")
    out.append("events:")
    for e in draft.events:
        info = e.info
        out.append(f"  - id: {info.id}")
        out.append(f"    title: {scalar(info.title)}")
        out.append(f"    date: {info.date}")
        if info.end:
            out.append(f"    end: {info.end}")
        out.append(f"    kind: {info.kind}")
        out.append(f"    place: {scalar(info.place)}")
        out.append(f"    country: {info.country}")
        if info.part_of:
            out.append(f"    part_of: {info.part_of}")
        if info.follows:
            out.append(f"    follows: {info.follows}")
        if info.organizations:
            out.append(f"    organizations: {flow_list(info.organizations)}")
        if e.chairs:
            out.append(f"    chairs: {flow_list(e.chairs)}")
        if e.participants:
            out.append(f"    participants: {flow_list(e.participants)}")
        if info.summary:
            text_field(out, "    ", "summary", info.summary)
        if e.quote:
            out.append(f"    quote: {scalar(e.quote)}")
    if draft.proposals:
        out.append("")
        out.append("proposals:")
    for pr in draft.proposals:
        s = pr.state
        out.append(f"  - id: {s.id}")
        out.append(f"    title: {scalar(s.title)}")
        out.append(f"    by: {flow_list(s.by)}")
        if s.at:
            out.append(f"    at: {s.at}")
        if s.to:
            out.append(f"    to: {flow_list(s.to)}")
        out.append(f"    areas: {flow_list(s.areas)}")
        out.append(f"    status: {pr.status}")
        if s.follows:
            out.append(f"    follows: {s.follows}")
        if pr.summary:
            text_field(out, "    ", "summary", pr.summary)
        if pr.quote:
            out.append(f"    quote: {scalar(pr.quote)}")
    return "\n".join(out) + "\n"


# -- planning: which events the corpus reports, and when -------------------------------------


@dataclass(slots=True)
class Plan:
    """One event of a recurring series (a dialogue, summit, exercise or conference)."""

    kind: str
    code: str
    id: str
    title: str
    ordinal: int
    date: PDate
    end: PDate | None
    host: str
    place: str
    level: str
    orgs: tuple[str, ...]
    prev: str | None
    pair: tuple[str, str] | None = None
    members: tuple[str, ...] = ()
    area: str | None = None
    series_title: str = ""


@dataclass(slots=True)
class Slot:
    date: PDate
    order: int
    kind: str
    plan: Plan | None = None
    report: int = 0  # 0 for the first report of an event, 1.. for later ones


ASEAN = ("VN", "TH", "MY", "ID", "LA", "KH", "PH", "SG", "BN", "MM")
PLUS = (*ASEAN, "JP", "AU", "US", "NZ")
SUMMIT_MEMBERS = {
    "admm": ASEAN,
    "adsom": ASEAN,
    "acdfm": ASEAN,
    "admm-plus": PLUS,
    "shangri-la-dialogue": (*PLUS, "GB"),
    "japan-asean-dvmf": (*ASEAN, "JP"),
}
SUMMIT_WEIGHTS = {
    "admm": 3.0,
    "admm-plus": 3.0,
    "adsom": 1.0,
    "acdfm": 1.0,
    "shangri-la-dialogue": 2.0,
    "japan-asean-dvmf": 2.0,
}
TOPIC_WEIGHTS = {
    "maritime-security": 10.0,
    "hadr": 7.0,
    "peacekeeping": 6.0,
    "training": 5.0,
    "defence-industry": 4.0,
    "cyber-security": 4.0,
    "demining": 3.0,
    "war-legacy": 3.0,
    "military-medicine": 3.0,
    "search-and-rescue": 2.0,
    "counter-terrorism": 2.0,
    "information-sharing": 2.0,
    "border-management": 1.5,
    "climate-security": 1.5,
    "logistics": 1.5,
}
STATUS_WORDS = {
    "proposed": "proposed",
    "agreed": "agreed",
    "in-progress": "under way",
    "done": "completed",
    "stalled": "stalled",
    "dropped": "set aside",
}
REVIEW_SENTENCES = {
    "agreed": "The two sides agreed to {clause}, a proposal first raised at the {at}.",
    "in-progress": "Work to {clause} is now under way, officials said.",
    "done": "The plan to {clause} has been carried out, the two sides noted with satisfaction.",
    "stalled": "Progress on the plan to {clause} has stalled, and {X} called for renewed efforts.",
    "dropped": "The two sides agreed to set aside the plan to {clause} for now.",
}
PROPOSAL_SENTENCES = (
    "{X} proposed that the two sides {clause}.",
    "Among the proposals put forward, {X} asked the two sides to {clause}.",
    "The {Aadj} side proposed to {clause}, an idea that {Y} welcomed.",
    "{X} also suggested that the two defence ministries {clause}.",
)
NEWCOMER_P = 0.45


def year_weights() -> list[float]:
    """More reports in recent years, as in real archives."""
    return [1.0 + 0.08 * (y - FIRST_YEAR) for y in YEARS]


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = random.Random(seed)
        self.world = World(self.rng, max(30, n // 5))
        self.c = self.world.countries
        self.topics = {t.slug: t for t in data.TOPICS}
        self.declared: dict[str, str] = {}  # id -> kind, for what earlier briefings declared
        self.events: dict[str, EventInfo] = {}
        self.threads: dict[str, list[ProposalState]] = {}  # the open plans of each pair
        self.last_closed: dict[tuple[str, str], str] = {}  # (thread, area) -> proposal id
        self.proposals: dict[str, ProposalState] = {}
        self.briefing_ids: set[str] = set()  # membership only
        self.plans: dict[str, Plan] = {}
        self.chains: list[list[str]] = []
        self.topic_df: dict[str, int] = {}
        self.first_date = PDate(9999)
        self.cur = Draft("", "", PDate(FIRST_YEAR), "VN")
        self.last_date = PDate(0)

    # -- planning

    def plan(self) -> list[Slot]:
        rng, n = self.rng, self.n
        slots: list[Slot] = []
        n_dialogue = round(0.28 * n)
        n_summit = round(0.2 * n)
        n_exercise = round(0.07 * n)
        n_conference = round(0.06 * n)
        n_visit = round(0.19 * n)
        n_call = n - n_dialogue - n_summit - n_exercise - n_conference - n_visit
        if n_call < 0:  # tiny corpora: dialogues first
            n_dialogue, n_summit, n_exercise, n_conference, n_visit, n_call = n, 0, 0, 0, 0, 0

        dialogue_plans = self._plan_dialogues(n_dialogue)
        for dp in dialogue_plans:
            slots.append(Slot(dp.date, 0, "dialogue", dp))
        # A dialogue is reported once, sometimes twice (by each side); the series are finite,
        # so in large corpora the rest of the dialogue share goes to visits.
        reports: dict[str, int] = {}
        extra = n_dialogue - len(dialogue_plans)
        for _ in range(min(extra, len(dialogue_plans) // 2)):
            dp = dialogue_plans[rng.randrange(len(dialogue_plans))]
            reports[dp.id] = reports.get(dp.id, 0) + 1
            slots.append(Slot(dp.date, 0, "dialogue", dp, report=reports[dp.id]))
        n_visit += extra - min(extra, len(dialogue_plans) // 2)
        for _ in range(n_summit):
            p = self._plan_summit()
            slots.append(Slot(p.date, 0, "summit", p))
        for _ in range(n_exercise):
            p = self._plan_exercise()
            slots.append(Slot(p.date, 0, "exercise", p))
        for _ in range(n_conference):
            p = self._plan_conference()
            slots.append(Slot(p.date, 0, "conference", p))
        for _ in range(n_visit):
            slots.append(Slot(random_date(rng, self._year()), 0, "visit"))
        for _ in range(n_call):
            slots.append(Slot(random_date(rng, self._year()), 0, "call"))
        for i, s in enumerate(slots):
            s.order = i
        slots.sort(key=lambda s: (s.date.key, s.order))
        return slots

    def _year(self) -> int:
        return self.rng.choices(YEARS, year_weights())[0]

    def _place(self, host: str) -> str:
        cities = self.c[host].cities
        return cities[0] if self.rng.random() < 0.7 else self.rng.choice(cities)

    def _plan_dialogues(self, budget: int) -> list[Plan]:
        rng = self.rng
        series = [(a, b, code) for a, b, codes in data.SERIES_PAIRS for code in codes]
        rng.shuffle(series)
        types = {code: (title, level) for code, title, level in data.SERIES_TYPES}
        plans: list[Plan] = []
        for a, b, code in series:
            if budget < 5:
                break
            length = min(budget, rng.randint(5, 15))
            budget -= length
            start = rng.randint(FIRST_YEAR, LAST_YEAR - length + 1)
            title, level = types[code]
            ca, cb = self.c[a], self.c[b]
            stem = f"{ca.slug}-{cb.slug}-{code}"
            chain: list[str] = []
            for k in range(1, length + 1):
                host = a if k % 2 else b
                p = Plan(
                    "dialogue",
                    code,
                    f"{stem}-{k}",
                    f"{ordinal(k)} {bare(ca)}-{bare(cb)} {title}",
                    k,
                    random_date(rng, start + k - 1),
                    None,
                    host,
                    self._place(host),
                    level,
                    (ca.ministry.id, cb.ministry.id),
                    chain[-1] if chain else None,
                    (a, b),
                    series_title=title,
                )
                chain.append(p.id)
                plans.append(p)
                self.world.ids.add(p.id)
            self.chains.append(chain)
        return plans

    def _edition_ordinal(self, held: Sequence[int], first: int, year: int) -> int:
        before = max(0, min(held) - first) if held else 0
        return before + sum(1 for y in held if y <= year)

    def _plan_summit(self) -> Plan:
        rng = self.rng
        table = {s[0]: s for s in data.SUMMITS}
        code = rng.choices(list(SUMMIT_WEIGHTS), list(SUMMIT_WEIGHTS.values()))[0]
        _code, title, orgs, level, first, held, host_rule = table[code]
        weights = [1.0 + 0.08 * (y - FIRST_YEAR) for y in held]
        year = rng.choices(held, weights)[0]
        k = self._edition_ordinal(held, first, year)
        pid = f"{code}-{k}"
        if pid not in self.plans:
            host = data.ASEAN_CHAIR[year] if host_rule == "chair" else host_rule
            date = random_date(rng, year)
            prev_years = [y for y in held if y < year]
            prev = f"{code}-{k - 1}" if prev_years else None
            self.plans[pid] = Plan(
                "summit",
                code,
                pid,
                f"{ordinal(k)} {title}",
                k,
                date,
                date.plus(rng.randint(1, 2)) if date.day else None,
                host,
                self._place(host),
                level,
                orgs,
                prev,
                members=SUMMIT_MEMBERS[code],
                series_title=title,
            )
            self.world.ids.add(pid)
        return self.plans[pid]

    def _plan_exercise(self) -> Plan:
        rng = self.rng
        code, title, host_rule, members, orgs, area, first, step = rng.choice(data.EXERCISES)
        held = list(range(first, LAST_YEAR + 1, step))
        year = rng.choices(held, [1.0 + 0.08 * (y - FIRST_YEAR) for y in held])[0]
        pid = f"{code}-{year}"
        if pid not in self.plans:
            host = data.ASEAN_CHAIR[year] if host_rule == "chair" else host_rule
            date = random_date(rng, year)
            self.plans[pid] = Plan(
                "exercise",
                code,
                pid,
                f"{title} {year}",
                year,
                date,
                date.plus(rng.randint(4, 12)) if date.day else None,
                host,
                self._place(host),
                rng.choice(("navy", "chief")),
                (*orgs, self.c[host].forces.id),
                f"{code}-{year - step}",
                members=tuple(dict.fromkeys((host, *members))),
                area=area,
                series_title=title,
            )
            self.world.ids.add(pid)
        return self.plans[pid]

    def _plan_conference(self) -> Plan:
        rng = self.rng
        code, title, org, host_rule, first = rng.choice(data.CONFERENCES)
        year = max(self._year(), first)
        k = year - first + 1
        pid = f"{code}-{k}"
        if pid not in self.plans:
            host = data.ASEAN_CHAIR[year] if host_rule == "chair" else host_rule
            date = random_date(rng, year)
            self.plans[pid] = Plan(
                "conference",
                code,
                pid,
                f"{ordinal(k)} {title}",
                k,
                date,
                date.plus(1) if date.day else None,
                host,
                self._place(host),
                "track",
                (org,),
                f"{code}-{k - 1}" if k > 1 else None,
                members=PLUS,
                series_title=title,
            )
            self.world.ids.add(pid)
        return self.plans[pid]

    # -- shared pieces of a briefing

    def unique(self, base: str, taken: set[str]) -> str:
        candidate, i = base, 2
        while candidate in taken:
            candidate, i = f"{base}-{i}", i + 1
        taken.add(candidate)
        return candidate

    def use_org(self, d: Draft, oid: str) -> None:
        while oid and oid not in d.orgs:
            d.orgs.append(oid)
            parent = self.world.orgs[oid].part_of
            if parent is None or parent in self.declared:
                return
            oid = parent

    def use_person(self, d: Draft, p: Person, summary: str | None = None) -> None:
        d.people.setdefault(p.id, p)
        org = p.stint(d.date.year).org
        if org:
            self.use_org(d, org)
        if summary and p.id not in d.person_summary and self.rng.random() < 0.35:
            d.person_summary[p.id] = summary

    def delegation(
        self, d: Draft, code: str, level: str, extras: int
    ) -> tuple[Person, list[Person]]:
        year = d.date.year
        head = self.world.head(code, level, year)
        members: list[Person] = []
        taken = [head.id, *d.people]
        for _ in range(extras):
            p = self.world.sample(code, year, exclude=taken)
            if p.id not in taken:
                members.append(p)
                taken.append(p.id)
        if self.rng.random() < NEWCOMER_P:
            p2 = self.world.newcomer(code, year)
            if p2 is not None and p2.id not in taken:
                members.append(p2)
        return head, members

    def mention(self, p: Person, year: int) -> str:
        st = p.stint(year)
        return f"{st.rank} {p.display}" if st.rank else p.display

    def role(self, p: Person, year: int) -> str:
        return p.stint(year).role

    def pick_topics(self, k: int, first: str | None = None) -> list[Topic]:
        slugs = list(TOPIC_WEIGHTS)
        chosen: list[str] = [first] if first else []
        while len(chosen) < k:
            s = self.rng.choices(slugs, list(TOPIC_WEIGHTS.values()))[0]
            if s not in chosen:
                chosen.append(s)
        return [self.topics[s] for s in chosen]

    def ctx(
        self, d: Draft, a: str, b: str, x: Person, y: Person, topics: list[Topic], place: str
    ) -> dict[str, str]:
        ca, cb = self.c[a], self.c[b]
        return {
            "A": ca.name,
            "B": cb.name,
            "Ab": bare(ca),
            "Bb": bare(cb),
            "Aposs": possessive(ca.name),
            "Bposs": possessive(cb.name),
            "Aadj": ca.adj,
            "Badj": cb.adj,
            "X": x.short,
            "Y": y.short,
            "place": place,
            "topic": topics[0].label,
            "topic2": topics[1].label if len(topics) > 1 else "defence cooperation",
            "ministry": ca.ministry.short,
            "year": str(d.date.year),
        }

    def sentences(self, pool: Sequence[str], k: int, ctx: dict[str, str]) -> str:
        """``k`` sentences from ``pool``, none written before in this briefing."""
        used = self.cur.used
        out: list[str] = []
        size = len(pool)
        for _ in range(3 * k + 3):
            sentence = cap(pool[self.rng.randrange(size)].format_map(ctx))
            if sentence not in used:
                used.add(sentence)
                out.append(sentence)
                if len(out) == k:
                    break
        return " ".join(out)

    def clause(self, ctx: dict[str, str]) -> str:
        """A sentence from the grammar: subject, verb, clause and a tail."""
        rng = self.rng
        for _ in range(5):
            sentence = cap(
                f"{rng.choice(data.SUBJECTS)} {rng.choice(data.VERBS)} "
                f"{rng.choice(data.CLAUSES)}{rng.choice(data.TAILS)}.".format_map(ctx)
            )
            if sentence not in self.cur.used:
                self.cur.used.add(sentence)
                return sentence
        return ""

    def filler(self, ctx: dict[str, str]) -> str:
        """A paragraph of three to five sentences in the register of the real briefings."""
        rng = self.rng
        out: list[str] = []
        for _ in range(rng.randint(3, 5)):
            r = rng.random()
            if r < 0.45:
                sentence = self.clause(ctx)
            else:
                pool = data.RELATIONS if r < 0.65 else data.ANALYSIS if r < 0.85 else data.REGION
                sentence = self.sentences(pool, 1, ctx)
            if sentence:
                out.append(sentence)
        return " ".join(out)

    def topic_paragraph(self, topic: Topic, ctx: dict[str, str]) -> str:
        pool = list(topic.sentences)
        with_label = [s for s in pool if topic.label.lower() in s.lower()]
        first = self.rng.choice(with_label or pool)
        rest = [s for s in pool if s != first]
        picked = [first, *self.rng.sample(rest, min(len(rest), self.rng.randint(1, 2)))]
        out = [cap(t.format_map(ctx)) for t in picked]
        self.cur.used.update(out)
        return " ".join(out)

    def new_proposal(
        self,
        d: Draft,
        thread: str,
        topic: Topic,
        by: Person,
        to: Person,
        at: EventInfo,
        status: str = "proposed",
    ) -> ProposalState:
        a, b = by.country, to.country
        ca, cb = self.c[a], self.c[b]
        stem, template = self.rng.choice(topic.proposals)
        title = cap(
            template.format(
                A=ca.name,
                B=cb.name,
                Ab=bare(ca),
                Bb=bare(cb),
                Aadj=ca.adj,
                Bposs=possessive(cb.name),
            )
        )
        pid = self.unique(f"{ca.slug}-{cb.slug}-{stem}-{d.date.year}", self.world.ids)
        closed = self.last_closed.get((thread, topic.slug))
        follows = closed if closed and self.rng.random() < 0.5 else None
        areas = [topic.slug]
        if self.rng.random() < 0.25:
            extra = self.pick_topics(2, topic.slug)[1].slug
            areas.append(extra)
        state = ProposalState(
            pid,
            title,
            title[0].lower() + title[1:],
            [by.id],
            at.id,
            at.title,
            [to.id, cb.ministry.id],
            areas,
            status,
            d.date.key,
            follows,
            [status],
        )
        self.use_org(d, cb.ministry.id)
        self.threads.setdefault(thread, []).append(state)
        self.proposals[pid] = state
        return state

    def propose(
        self,
        d: Draft,
        thread: str,
        topics: list[Topic],
        by: Person,
        to: Person,
        at: EventInfo,
        count: int,
        ctx: dict[str, str],
        status: str = "proposed",
    ) -> list[str]:
        """New proposals; returns the sentences that report them."""
        out: list[str] = []
        own = {**ctx, "X": by.short, "Y": to.short, "Aadj": self.c[by.country].adj}
        forms = self.rng.sample(PROPOSAL_SENTENCES, len(PROPOSAL_SENTENCES))
        for i, topic in enumerate(topics[:count]):
            s = self.new_proposal(d, thread, topic, by, to, at, status)
            quote = None
            if status == "agreed":
                sentence = f"The two sides signed a document to {s.clause}."
            elif self.rng.random() < 0.15:
                quote = f"We propose that the two sides {s.clause}"
                sentence = f"“{quote}”, {by.short} said."
            else:
                form = forms[i % len(forms)]
                sentence = cap(form.format_map({**own, "clause": s.clause}))
            summary = f"Put forward by {by.name} at the {at.title}."
            d.proposals.append(ProposalDecl(s, status, summary, quote))
            out.append(sentence)
        return out

    def review(self, d: Draft, thread: str, ctx: dict[str, str]) -> list[str]:
        """Earlier proposals of this thread, declared again with a later status."""
        rng = self.rng
        # Plans still open and touched in the last five years; older ones are forgotten.
        horizon = d.date.year - 5
        open_plans = self.threads.setdefault(thread, [])
        open_plans[:] = [
            s for s in open_plans if s.status in OPEN_STATUSES and s.last_key[0] >= horizon
        ]
        here = {p.state.id for p in d.proposals}
        candidates = [s for s in open_plans[-60:] if s.last_key < d.date.key and s.id not in here]
        k = min(len(candidates), rng.choice((0, 0, 1, 1, 1, 2)))
        out: list[str] = []
        for s in rng.sample(candidates, k):
            if len(s.history) >= 4:  # a plan does not go round for ever: it ends
                new = "done" if s.status in ("agreed", "in-progress") else "dropped"
            else:
                new = weighted(rng, TRANSITIONS[s.status])
            s.status = new
            s.last_key = d.date.key
            s.history.append(new)
            if new in ("done", "dropped", "stalled"):
                self.last_closed[(thread, s.areas[0])] = s.id
            summary = f"Reported {STATUS_WORDS[new]} {d.date.when()}."
            d.proposals.append(ProposalDecl(s, new, summary, None))
            out.append(
                cap(REVIEW_SENTENCES[new].format_map({**ctx, "clause": s.clause, "at": s.at_title}))
            )
        return out

    def declare_event(
        self, d: Draft, info: EventInfo, chairs: list[Person], participants: list[Person]
    ) -> EventDecl:
        chair_ids = list(dict.fromkeys(p.id for p in chairs))
        part_ids = [i for i in dict.fromkeys(p.id for p in participants) if i not in chair_ids]
        for o in info.organizations:
            self.use_org(d, o)
        decl = EventDecl(info, chair_ids, part_ids)
        d.events.append(decl)
        self.events.setdefault(info.id, info)
        return decl

    def event_from_plan(self, p: Plan) -> EventInfo:
        known = self.events.get(p.id)
        if known is not None:
            return known
        follows = p.prev if p.prev and self.declared.get(p.prev) == "event" else None
        kind = {"dialogue": "dialogue", "summit": "meeting", "exercise": "exercise"}.get(
            p.kind, "conference"
        )
        return EventInfo(
            p.id, p.title, p.date, p.end, kind, p.place, p.host, list(p.orgs), None, follows
        )

    def fill(
        self, d: Draft, body: list[str], tail: list[str], ctx: dict[str, str], target: int
    ) -> None:
        """Paragraphs in the register of the real briefings until the text reaches ``target``."""
        rng = self.rng
        for p in body:
            d.add(p)
        tail_words = sum(len(p.split()) for p in tail)
        tries = 0
        while d.words + tail_words < target and tries < 60:
            tries += 1
            paragraph = self.filler(ctx)
            if not paragraph:
                continue
            if rng.random() < 0.15:
                heading = rng.choice(data.HEADINGS)
                if heading not in d.paragraphs:
                    paragraph_words = len(paragraph.split()) + len(heading.split())
                    if d.words + tail_words + paragraph_words <= MAX_WORDS - 20:
                        d.add(heading)
            if d.words + tail_words + len(paragraph.split()) > MAX_WORDS - 20:
                continue
            d.add(paragraph)
        for p in tail:
            d.add(p)

    def target_words(self, low: int = 340) -> int:
        return int(self.rng.triangular(low, 1380, 560))

    def quote_paragraph(self, speaker: Person, ctx: dict[str, str]) -> tuple[str, str]:
        quote = self.rng.choice(data.QUOTES)
        tail = self.rng.choice(
            (
                f"adding that {ctx['topic']} would remain a priority.",
                "stressing the value of regular dialogue.",
                f"noting the progress made since {int(ctx['year']) - 1}.",
            )
        )
        return f"“{quote}”, {speaker.short} said, {tail}", quote

    def new_draft(self, base_id: str, title: str, date: PDate, home: str) -> Draft:
        bid = self.unique(base_id, self.briefing_ids)
        self.cur = Draft(bid, title, date, home)
        return self.cur

    # -- the kinds of briefing

    def dialogue(self, slot: Slot) -> Draft:
        rng = self.rng
        p = slot.plan
        assert p is not None and p.pair is not None
        a, b = p.pair
        home, other = (a, b) if slot.report % 2 == 0 else (b, a)
        ca, cb = self.c[home], self.c[other]
        info = self.event_from_plan(p)
        if info.summary is None:
            info.summary = (
                f"The {ordinal(p.ordinal)} meeting of the {p.series_title} between "
                f"{self.c[a].name} and {self.c[b].name}."
            )
        base = f"{p.date}-{slugify(p.place)}-{p.id}"
        if slot.report:
            base += f"-{ca.slug}-report"
        title = rng.choice(
            (
                f"{cap(ca.name)} and {cb.name} hold {ordinal(p.ordinal)} {p.series_title} in "
                f"{p.place}",
                f"{p.title} held in {p.place}",
                f"{ca.adj} and {cb.adj} officials meet for the {p.title}",
            )
        )
        d = self.new_draft(base, title, p.date, home)
        year = p.date.year
        x, xs = self.delegation(d, home, p.level, rng.choice((0, 1, 1, 2)))
        self.use_person(d, x, f"Co-chaired the {p.title} in {p.place}.")
        for m in xs:
            self.use_person(d, m, f"Member of the {ca.adj} delegation at the {p.title}.")
        y, ys = self.delegation(d, other, p.level, rng.choice((0, 1, 1)))
        self.use_person(d, y, f"Co-chaired the {p.title} in {p.place}.")
        for m in ys:
            self.use_person(d, m)
        topics = self.pick_topics(rng.choice((2, 3, 3, 4)))
        ctx = self.ctx(d, home, other, x, y, topics, p.place)
        event = self.declare_event(d, info, [x, y], [*xs, *ys])
        when = p.date.opening(rng)
        opening = (
            f"{when}, {self.mention(x, year)}, {self.role(x, year)}, and {self.mention(y, year)}, "
            f"{self.role(y, year)}, co-chaired the {p.title} in {p.place}."
        )
        if p.ordinal > 1:
            opening += (
                f" The dialogue reviewed defence cooperation between {ca.name} and {cb.name} "
                f"since the {ordinal(p.ordinal - 1)} dialogue and discussed regional and "
                "international issues of common concern."
            )
        else:
            opening += (
                " It was the first meeting of its kind, set up under an agreement between the "
                "two defence ministries."
            )
        body = [opening, self.sentences(data.RELATIONS, rng.randint(2, 3), ctx)]
        body += [self.topic_paragraph(t, ctx) for t in topics]
        thread = "-".join(sorted((home, other)))
        made: list[str] = []
        reviewed: list[str] = []
        if slot.report == 0:
            proposer, addressee = (x, y) if rng.random() < 0.6 else (y, x)
            made = self.propose(
                d, thread, topics, proposer, addressee, info, rng.choice((0, 1, 1, 2, 2, 3)), ctx
            )
            reviewed = self.review(d, thread, ctx)
        if made:
            body.append(" ".join(made))
        if reviewed:
            body.append(" ".join(reviewed))
        tail = [self.sentences(data.REGION, rng.randint(2, 3), ctx)]
        if rng.random() < 0.4:
            paragraph, quote = self.quote_paragraph(rng.choice((x, y)), ctx)
            tail.append(paragraph)
            event.quote = quote
        next_host = cb if p.host == home else ca
        tail.append(
            f"The two sides agreed to hold the {ordinal(p.ordinal + 1)} {p.series_title} in "
            f"{next_host.name} in {year + 1}. " + self.sentences(data.CLOSING, 1, ctx)
        )
        self.fill(d, body, tail, ctx, self.target_words())
        d.summary = (
            f"{x.name} and {y.name} co-chaired the {p.title} in {p.place}, reviewing "
            f"cooperation in {ctx['topic']} and {ctx['topic2']}."
        )
        d.summary += self._summary_tail(d)
        d.tag(ca.slug, cb.slug, slugify(p.series_title), *(t.slug for t in topics))
        return d

    def _summary_tail(self, d: Draft) -> str:
        new = [p for p in d.proposals if len(p.state.history) == 1 or p.status == "proposed"]
        old = [p for p in d.proposals if p not in new]
        out = ""
        if new:
            out += f" Proposals included plans to {new[0].state.clause}."
        if old:
            out += f" The plan to {old[0].state.clause} was reported {STATUS_WORDS[old[0].status]}."
        return out

    def summit(self, slot: Slot) -> Draft:
        rng = self.rng
        p = slot.plan
        assert p is not None
        year = p.date.year
        asean_members = [m for m in p.members if m in ASEAN]
        home = "VN" if "VN" in p.members and rng.random() < 0.7 else rng.choice(asean_members)
        ca = self.c[home]
        others = [m for m in p.members if m != home]
        count = min(len(others), rng.choice((1, 1, 2, 2, 3)))
        partners = rng.sample(others, count)
        info = self.event_from_plan(p)
        if info.summary is None:
            info.summary = f"The {p.title}, hosted by {self.c[p.host].name}."
        c1, c2 = sorted((home, partners[0]))
        base = f"{p.date}-{slugify(p.place)}-{p.id}-{self.c[c1].slug}-{self.c[c2].slug}"
        adjs = [self.c[m].adj for m in partners]
        listed = adjs[0] if len(adjs) == 1 else ", ".join(adjs[:-1]) + f" and {adjs[-1]}"
        x_head = self.world.head(home, p.level, year)
        title = rng.choice(
            (
                f"{ca.adj} delegation meets {listed} counterparts at the {p.title}",
                f"{x_head.display.split(' (')[0]} attends the {p.title} in {p.place}",
                f"{p.title}, {p.place}, and bilateral meetings on its sidelines",
            )
        )
        d = self.new_draft(base, title, p.date, home)
        x, xs = self.delegation(d, home, p.level, rng.choice((0, 1, 1, 2)))
        self.use_person(d, x, f"Led the {ca.adj} delegation to the {p.title}.")
        for m in xs:
            self.use_person(d, m)
        if p.code == "shangri-la-dialogue":
            chair = self.world.head("GB", "track", year)
        else:
            chair = self.world.head(p.host, p.level, year)
        self.use_person(d, chair)
        topics = self.pick_topics(rng.choice((2, 3, 3)))
        heads: list[Person] = []
        when = p.date.opening(rng)
        opening = (
            f"{when}, {self.mention(x, year)}, {self.role(x, year)}, led the {ca.adj} "
            f"delegation to the {p.title} in {p.place}."
        )
        if chair.id == x.id:
            opening += f" As host, {x.short} chaired the meeting."
        else:
            opening += (
                f" The meeting was chaired by {self.mention(chair, year)}, "
                f"{self.role(chair, year)}."
            )
        ctx0 = self.ctx(d, home, partners[0], x, chair, topics, p.place)
        plenary = [
            f"Speaking at the plenary session, {x.short} addressed {ctx0['topic']} and "
            f"{ctx0['topic2']}.",
            self.sentences(data.REGION, 2, ctx0),
            self.topic_paragraph(topics[0], ctx0),
        ]
        body = [opening, " ".join(plenary)]
        thread_m = f"org:{p.code}"
        forum = self.world.orgs[p.orgs[0]]
        if p.code != "shangri-la-dialogue" and rng.random() < 0.35:
            topic = topics[-1]
            stem = f"{p.id}-{ca.slug}-{topic.slug}"
            pid = self.unique(stem, self.world.ids)
            ptitle = f"Strengthen practical cooperation on {topic.label} within the {forum.short}"
            state = ProposalState(
                pid,
                ptitle,
                ptitle[0].lower() + ptitle[1:],
                [x.id],
                info.id,
                info.title,
                [forum.id],
                [topic.slug],
                "proposed",
                d.date.key,
                None,
                ["proposed"],
            )
            self.threads.setdefault(thread_m, []).append(state)
            self.proposals[pid] = state
            d.proposals.append(
                ProposalDecl(state, "proposed", f"Put forward by {x.name} at the {p.title}.", None)
            )
            body.append(f"{x.short} proposed that member states {state.clause}.")
        reviewed = self.review(d, thread_m, ctx0)
        if reviewed:
            body.append(" ".join(reviewed).replace("The two sides", "Member states"))
        for b in partners:
            cb = self.c[b]
            y, ys = self.delegation(d, b, p.level, rng.choice((0, 0, 1)))
            if y.id in d.people or y.id == x.id:
                continue
            self.use_person(d, y, f"Met {x.name} on the sidelines of the {p.title}.")
            for m in ys:
                self.use_person(d, m)
            heads.append(y)
            c1, c2 = sorted((home, b))
            mid = f"{p.id}-{self.c[c1].slug}-{self.c[c2].slug}-meeting"
            meeting = self.events.get(mid) or EventInfo(
                mid,
                f"{bare(self.c[c1])}-{bare(self.c[c2])} meeting on the sidelines of the {p.title}",
                p.date,
                None,
                "meeting",
                p.place,
                p.host,
                [self.c[c1].ministry.id, self.c[c2].ministry.id],
                info.id,
            )
            self.declare_event(d, meeting, [x, y], ys)
            ctx = self.ctx(d, home, b, x, y, topics, p.place)
            para = (
                f"On the sidelines of the meeting, {x.short} met {self.mention(y, year)}, "
                f"{self.role(y, year)}. " + self.sentences(data.SIDELINES, 2, ctx)
            )
            thread = "-".join(sorted((home, b)))
            made = self.propose(d, thread, topics[1:], x, y, meeting, rng.choice((0, 1, 1)), ctx)
            made += self.review(d, thread, ctx)
            body.append(" ".join([para, *made]))
            d.tag(cb.slug)
        summit_event = self.declare_event(d, info, [chair], [x, *xs, *heads])
        tail: list[str] = []
        if rng.random() < 0.35:
            paragraph, quote = self.quote_paragraph(x, ctx0)
            tail.append(paragraph)
            summit_event.quote = quote
        tail.append(self.sentences(data.CLOSING[-1:], 1, ctx0))
        self.fill(d, body, tail, ctx0, self.target_words())
        met = ", ".join(h.name for h in heads) or "no counterparts"
        d.summary = (
            f"{x.name} led the {ca.adj} delegation to the {p.title} in {p.place} and met "
            f"{met} on its sidelines."
        ) + self._summary_tail(d)
        d.tag(ca.slug, p.code, *(t.slug for t in topics))
        return d

    def visit(self, slot: Slot) -> Draft:
        rng = self.rng
        date = slot.date
        year = date.year
        codes = list(self.c)
        if rng.random() < 0.6:
            partner = rng.choice([k for k in codes if k != "VN"])
            a, b = ("VN", partner) if rng.random() < 0.5 else (partner, "VN")
        else:
            a, b = rng.sample(codes, 2)
        ca, cb = self.c[a], self.c[b]
        level = weighted(rng, (("minister", 0.45), ("deputy", 0.3), ("chief", 0.15), ("navy", 0.1)))
        if level == "navy" and (ca.navy is None or cb.navy is None):
            level = "chief"
        place = self._place(b)
        x_head = self.world.head(a, level, year)
        x_name = x_head.aliases[0] if ca.style == "th" else x_head.name
        vid = self.unique(f"{date}-{x_head.id}-visit-{cb.slug}", self.world.ids)
        vtitle = f"Official visit to {cb.name} by {ca.adj} {self.role(x_head, year)} {x_name}"
        d = self.new_draft(
            f"{date}-{slugify(place)}-{x_head.id}-visits-{cb.slug}",
            cap(vtitle),
            date,
            a if rng.random() < 0.5 else b,
        )
        x, xs = self.delegation(d, a, level, rng.choice((1, 1, 2, 3)))
        self.use_person(d, x, f"Paid an official visit to {cb.name} in {date.prose()}.")
        for m in xs:
            self.use_person(d, m, f"Accompanied {x.name} on the visit to {cb.name}.")
        y, ys = self.delegation(d, b, level, rng.choice((0, 1, 1, 2)))
        self.use_person(d, y, f"Hosted {x.name} in {place}.")
        for m in ys:
            self.use_person(d, m)
        end = date.plus(rng.randint(2, 4)) if date.day else None
        visit = EventInfo(
            vid, cap(vtitle), date, end, "visit", place, b, [ca.ministry.id, cb.ministry.id]
        )
        visit.summary = f"{cap(ca.adj)} defence delegation's visit to {cb.name}."
        self.declare_event(d, visit, [], [x, *xs, y, *ys])
        talks = EventInfo(
            f"{vid}-talks",
            f"Talks between {x_name} and {y.aliases[0] if cb.style == 'th' else y.name}",
            date,
            None,
            "meeting",
            place,
            b,
            [ca.ministry.id, cb.ministry.id],
            vid,
        )
        talks_decl = self.declare_event(d, talks, [x, y], [*xs, *ys])
        topics = self.pick_topics(rng.choice((2, 3, 3, 4)))
        ctx = self.ctx(d, a, b, x, y, topics, place)
        when = date.opening(rng)
        body = [
            f"{when}, {self.mention(x, year)}, {self.role(x, year)}, began an official visit to "
            f"{cb.name} at the invitation of {self.mention(y, year)}, {self.role(y, year)}. "
            f"The two sides held talks in {place}.",
            self.sentences(data.RELATIONS, rng.randint(2, 4), ctx),
        ]
        body += [self.topic_paragraph(t, ctx) for t in topics]
        thread = "-".join(sorted((a, b)))
        made = self.propose(d, thread, topics, x, y, talks, rng.choice((0, 1, 1, 2)), ctx)
        if made:
            body.append(" ".join(made))
        if rng.random() < 0.35:
            signing = EventInfo(
                f"{vid}-signing",
                f"Signing ceremony during the visit of {x_name} to {cb.name}",
                date,
                None,
                "signing",
                place,
                b,
                [ca.ministry.id, cb.ministry.id],
                vid,
            )
            self.declare_event(d, signing, [x, y], [])
            signed = self.propose(
                d,
                thread,
                list(reversed(topics)),
                x,
                y,
                signing,
                rng.choice((1, 1, 2)),
                ctx,
                "agreed",
            )
            body.append(
                "After the talks, the two sides signed cooperation documents. " + " ".join(signed)
            )
        reviewed = self.review(d, thread, ctx)
        if reviewed:
            body.append(" ".join(reviewed))
        tail = [self.sentences(data.REGION, rng.randint(2, 3), ctx)]
        if rng.random() < 0.35:
            paragraph, quote = self.quote_paragraph(x, ctx)
            tail.append(paragraph)
            talks_decl.quote = quote
        tail.append(
            f"During the visit, {x.short} also met other leaders of {cb.name}. "
            + self.sentences(data.CLOSING, 1, ctx)
        )
        self.fill(d, body, tail, ctx, self.target_words())
        d.summary = (
            f"{x.name} visited {cb.name} and held talks with {y.name} in {place} on "
            f"{ctx['topic']} and {ctx['topic2']}."
        ) + self._summary_tail(d)
        d.tag(ca.slug, cb.slug, "official-visit", *(t.slug for t in topics))
        return d

    def call(self, slot: Slot) -> Draft:
        rng = self.rng
        date = slot.date
        year = date.year
        codes = list(self.c)
        h = "VN" if rng.random() < 0.7 else rng.choice(codes)
        g = rng.choice([k for k in codes if k != h])
        ch, cg = self.c[h], self.c[g]
        level = weighted(rng, (("deputy", 0.6), ("minister", 0.2), ("policy", 0.2)))
        x = self.world.head(h, level, year)
        y = self.world.newcomer(g, year) or self.world.sample(g, year)
        place = ch.cities[0]
        eid = self.unique(f"{date}-{x.id}-receives-{y.id}", self.world.ids)
        x_name = x.aliases[0] if ch.style == "th" else x.name
        y_name = y.aliases[0] if cg.style == "th" else y.name
        etitle = f"{x_name} receives {y_name} in {place}"
        d = self.new_draft(f"{date}-{slugify(place)}-{x.id}-receives-{y.id}", etitle, date, h)
        self.use_person(d, x)
        self.use_person(d, y, f"Paid a courtesy call on {x.name} in {place}.")
        extras: list[Person] = []
        for code in (h, g):
            if rng.random() < 0.4:
                m = self.world.sample(code, year, exclude=list(d.people))
                if m.id not in d.people:
                    self.use_person(d, m)
                    extras.append(m)
        info = EventInfo(eid, etitle, date, None, "reception", place, h, [ch.ministry.id])
        event = self.declare_event(d, info, [x], [y, *extras])
        topics = self.pick_topics(rng.choice((2, 2, 3)))
        ctx = self.ctx(d, h, g, x, y, topics, place)
        when = date.opening(rng)
        body = [
            f"{when}, in {place}, {self.mention(x, year)}, {self.role(x, year)}, received "
            f"{self.mention(y, year)}, {self.role(y, year)}, who was paying a courtesy call.",
            self.sentences(data.RELATIONS, rng.randint(2, 4), ctx),
        ]
        body += [self.topic_paragraph(t, ctx) for t in topics[:2]]
        thread = "-".join(sorted((h, g)))
        made = self.propose(d, thread, topics, x, y, info, rng.choice((0, 0, 1)), ctx)
        made += self.review(d, thread, ctx)
        if made:
            body.append(" ".join(made))
        tail = [self.sentences(data.REGION, 2, ctx)]
        if rng.random() < 0.3:
            paragraph, quote = self.quote_paragraph(x, ctx)
            tail.append(paragraph)
            event.quote = quote
        tail.append(self.sentences(data.CLOSING, 1, ctx))
        self.fill(d, body, tail, ctx, self.target_words(320))
        d.summary = (
            f"{x.name} received {y.name} in {place}; they discussed {ctx['topic']} and "
            f"{ctx['topic2']}."
        ) + self._summary_tail(d)
        d.tag(ch.slug, cg.slug, "courtesy-call", *(t.slug for t in topics))
        return d

    def exercise(self, slot: Slot) -> Draft:
        rng = self.rng
        p = slot.plan
        assert p is not None
        year = p.date.year
        home = "VN" if "VN" in p.members and rng.random() < 0.6 else p.host
        ch = self.c[home]
        info = self.event_from_plan(p)
        if info.summary is None:
            info.summary = f"{p.title}, hosted by {self.c[p.host].name}."
        base = f"{p.date}-{slugify(p.place)}-{p.id}-{ch.slug}"
        d = self.new_draft(
            base,
            rng.choice((f"{p.title} opens in {p.place}", f"{ch.adj} forces join {p.title}")),
            p.date,
            home,
        )
        chair = self.world.head(p.host, p.level, year)
        self.use_person(d, chair, f"Opened {p.title}.")
        others = [m for m in p.members if m != p.host]
        joined = rng.sample(others, min(len(others), rng.randint(2, 4)))
        if home != p.host and home not in joined:
            joined[0] = home
        heads: list[Person] = []
        for m in joined:
            y, ys = self.delegation(d, m, p.level, rng.choice((0, 0, 1)))
            for q in (y, *ys):
                if q.id not in d.people:
                    self.use_person(d, q)
                    heads.append(q)
        event = self.declare_event(d, info, [chair], heads)
        x = next((q for q in heads if q.country == home), chair)
        y = heads[0] if heads else chair
        topics = self.pick_topics(rng.choice((2, 3)), p.area)
        ctx = self.ctx(d, home, y.country if y.country != home else p.host, x, y, topics, p.place)
        ctx["n"] = str(rng.randint(12, 60))
        countries = ", ".join(self.c[m].name for m in joined)
        when = p.date.opening(rng)
        body = [
            f"{when}, {p.title} opened in {p.place}, bringing together forces from "
            f"{self.c[p.host].name}, {countries}. {cap(self.mention(chair, year))}, "
            f"{self.role(chair, year)}, presided over the opening ceremony.",
            self.sentences(data.EXERCISE, rng.randint(3, 4), ctx),
            self.topic_paragraph(topics[0], ctx),
        ]
        if x.id != chair.id:
            body.append(
                f"The {ch.adj} contingent was led by {self.mention(x, year)}, "
                f"{self.role(x, year)}. " + self.sentences(data.EXERCISE, 2, ctx)
            )
        tail: list[str] = []
        if rng.random() < 0.3:
            paragraph, quote = self.quote_paragraph(chair, ctx)
            tail.append(paragraph)
            event.quote = quote
        tail.append(self.sentences(data.CLOSING[-1:], 1, ctx))
        self.fill(d, body, tail, ctx, self.target_words())
        d.summary = (
            f"{p.title} in {p.place}, opened by {chair.name}, with forces from "
            f"{self.c[p.host].name}, {countries}."
        )
        d.tag(ch.slug, "exercise", p.code, *(t.slug for t in topics))
        return d

    def conference(self, slot: Slot) -> Draft:
        rng = self.rng
        p = slot.plan
        assert p is not None
        year = p.date.year
        home = p.host
        ch = self.c[home]
        info = self.event_from_plan(p)
        if info.summary is None:
            info.summary = f"The {p.title}, a track 1.5 meeting of scholars and officials."
        base = f"{p.date}-{slugify(p.place)}-{p.id}"
        if slot.report or base in self.briefing_ids:
            base += f"-{ch.slug}"
        d = self.new_draft(base, f"{p.title} opens in {p.place}", p.date, home)
        chair = self.world.head(home, "track", year)
        keynote = self.world.head(home, "deputy", year)
        self.use_person(d, chair, f"Chaired the {p.title}.")
        self.use_person(d, keynote, f"Gave the keynote address at the {p.title}.")
        speakers: list[Person] = []
        for m in rng.sample([k for k in p.members if k != home], rng.randint(2, 4)):
            s = self.world.head(m, "track", year)
            if s.id not in d.people:
                self.use_person(d, s, f"Spoke at the {p.title}.")
                speakers.append(s)
        event = self.declare_event(d, info, [chair], [keynote, *speakers])
        topics = self.pick_topics(rng.choice((2, 3)))
        y = speakers[0] if speakers else chair
        ctx = self.ctx(
            d, home, y.country if y.country != home else "VN", keynote, y, topics, p.place
        )
        ctx["n"] = str(rng.randint(150, 600))
        ctx["m"] = str(rng.randint(15, 45))
        when = p.date.opening(rng)
        body = [
            f"{when}, the {p.title} opened in {p.place}, bringing together scholars, diplomats "
            f"and defence officials. It was chaired by {self.mention(chair, year)}, "
            f"{self.role(chair, year)}.",
            f"{cap(self.mention(keynote, year))}, {self.role(keynote, year)}, gave the keynote "
            "address. " + self.sentences(data.CONFERENCE, rng.randint(3, 4), ctx),
            self.topic_paragraph(topics[0], ctx),
        ]
        for s in speakers:
            body.append(
                f"{cap(self.mention(s, year))}, {self.role(s, year)}, spoke on "
                f"{rng.choice(topics).label}. " + self.sentences(data.CONFERENCE, 1, ctx)
            )
        tail: list[str] = [self.sentences(data.REGION, 2, ctx)]
        if rng.random() < 0.3:
            paragraph, quote = self.quote_paragraph(keynote, ctx)
            tail.append(paragraph)
            event.quote = quote
        self.fill(d, body, tail, ctx, self.target_words())
        d.summary = (
            f"The {p.title} in {p.place}, chaired by {chair.name}, with a keynote by "
            f"{keynote.name}, discussed {ctx['topic']} and {ctx['topic2']}."
        )
        d.tag(ch.slug, "conference", p.code, *(t.slug for t in topics))
        return d

    # -- writing

    def source(self, d: Draft) -> dict[str, str]:
        rng = self.rng
        publisher = rng.choice(self.c[d.home].publishers)
        published = d.date.plus(1) if d.date.day and rng.random() < 0.3 else d.date
        src = {
            "publisher": publisher,
            "url": f"https://{slugify(publisher)}.example.org/{d.date.year}/{d.id}",
            "published": str(published),
        }
        if rng.random() < 0.5:
            src["author"] = rng.choice(("Staff reporter", "Our correspondent", "Defence desk"))
        if d.home == "VN" and rng.random() < 0.5:
            src["translator"] = rng.choice(data.TRANSLATORS)
        return src

    def record(self, d: Draft) -> None:
        for p in d.people.values():
            p.count += 1
            self.declared[p.id] = "person"
        for o in d.orgs:
            self.declared[o] = "organization"
        for e in d.events:
            self.declared[e.info.id] = "event"
        for pr in d.proposals:
            self.declared[pr.state.id] = "proposal"
        low = "\n".join(d.paragraphs).lower()
        for label in (*(t.label.lower() for t in data.TOPICS), *TOPIC_WORDS):
            if label in low:
                self.topic_df[label] = self.topic_df.get(label, 0) + 1
        if d.date.key < self.first_date.key:
            self.first_date = d.date
        if d.date.key > self.last_date.key:
            self.last_date = d.date

    def briefings(self) -> Iterator[tuple[str, str, str]]:
        """Every briefing as (year folder, briefing id, YAML text), in date order."""
        makers = {
            "dialogue": self.dialogue,
            "summit": self.summit,
            "visit": self.visit,
            "call": self.call,
            "exercise": self.exercise,
            "conference": self.conference,
        }
        for slot in self.plan():
            d = makers[slot.kind](slot)
            text = render(d, self.world, self.seed, self.source(d))
            self.record(d)
            yield f"{d.date.year:04d}", d.id, text


# -- the API ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What a generated corpus holds. Everything but ``seconds`` is fixed by (n, seed)."""

    briefings: int
    seed: int
    files: int
    people: int
    organizations: int
    events: int
    proposals: int
    bytes: int
    seconds: float
    first_date: str
    last_date: str
    top_person_id: str  # the person in the most briefings
    top_person_name: str
    top_person_briefings: int
    median_person_briefings: float
    vietnamese_person_id: str  # the most frequent person whose name has diacritics
    vietnamese_person_name: str
    thai_person_id: str  # the most frequent person named in Thai script
    thai_person_name: str
    thai_person_alias: str
    rare_person_id: str  # someone in exactly one briefing
    rare_person_name: str
    common_word: str  # a topic word in many texts
    common_phrase: str  # a two-word phrase in many texts
    longest_chain: tuple[str, ...]  # event ids, each following the one before
    proposal_id: str  # a proposal whose status moved across briefings
    proposal_statuses: tuple[str, ...]
    sample_briefing_id: str

    @property
    def megabytes(self) -> float:
        return self.bytes / 1e6

    def summary_line(self) -> str:
        return (
            f"wrote {self.files} briefings: {self.people} people, {self.organizations} "
            f"organizations, {self.events} events, {self.proposals} proposals; "
            f"{self.megabytes:.1f} MB in {self.seconds:.1f} s"
        )


class OutDirNotEmpty(Exception):
    """The output folder holds files and ``force`` was not given."""


def _our_yaml_files(out: Path) -> list[Path]:
    """The briefings this generator wrote under ``out`` (marked on their first line)."""
    found: list[Path] = []
    for path in sorted(out.rglob("*.yaml")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as f:
            first = f.readline()
        if first.startswith(MARKER.encode("utf-8")):
            found.append(path)
    return found


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutDirNotEmpty(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise OutDirNotEmpty(
                f"{out} is not empty; give --force to replace the briefings generated there"
            )
        for path in _our_yaml_files(out):  # only .yaml files this generator wrote
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)


def generate(n: int, seed: int, out: Path, *, force: bool = False) -> CorpusStats:
    """Write ``n`` briefings made from ``seed`` under ``out`` (folders by year)."""
    if n < 1:
        raise ValueError("the corpus needs at least one briefing")
    started = time.perf_counter()
    out = Path(out)
    _prepare(out, force)
    gen = Generator(n, seed)
    total = 0
    made_dirs: set[str] = set()  # membership only
    sample = ""
    for year, bid, text in gen.briefings():
        folder = out / year
        if year not in made_dirs:
            folder.mkdir(exist_ok=True)
            made_dirs.add(year)
        raw = text.encode("utf-8")
        (folder / f"{bid}.yaml").write_bytes(raw)
        total += len(raw)
        sample = sample or bid
    return _stats(gen, n, seed, total, time.perf_counter() - started, sample)


def _stats(
    gen: Generator, n: int, seed: int, total: int, seconds: float, sample: str
) -> CorpusStats:
    people = sorted((p for p in gen.world.people if p.count), key=lambda p: (-p.count, p.idx))
    counts = sorted(p.count for p in people)
    median = float(counts[len(counts) // 2]) if counts else 0.0
    top = people[0]
    vietnamese = next((p for p in people if p.country == "VN" and fold(p.name) != p.name), top)
    thai = next((p for p in people if p.country == "TH"), None)
    rare = next((p for p in reversed(people) if p.count == 1), people[-1])
    words = [w for w in TOPIC_WORDS if w in gen.topic_df]
    common_word = max(words, key=lambda w: (gen.topic_df[w], w)) if words else "defence"
    phrases = [t.label.lower() for t in data.TOPICS if len(t.label.split()) == 2]
    phrases = [ph for ph in phrases if ph in gen.topic_df]
    common_phrase = max(phrases, key=lambda w: (gen.topic_df[w], w)) if phrases else ""
    chain = max(gen.chains, key=len) if gen.chains else []
    moved = [s for s in gen.proposals.values() if len(dict.fromkeys(s.history)) >= 2]
    best = max(moved, key=lambda s: len(s.history)) if moved else None
    kinds = list(gen.declared.values())
    return CorpusStats(
        briefings=n,
        seed=seed,
        files=n,
        people=kinds.count("person"),
        organizations=kinds.count("organization"),
        events=kinds.count("event"),
        proposals=kinds.count("proposal"),
        bytes=total,
        seconds=round(seconds, 3),
        first_date=str(gen.first_date),
        last_date=str(gen.last_date),
        top_person_id=top.id,
        top_person_name=top.name,
        top_person_briefings=top.count,
        median_person_briefings=median,
        vietnamese_person_id=vietnamese.id,
        vietnamese_person_name=vietnamese.name,
        thai_person_id=thai.id if thai else "",
        thai_person_name=thai.name if thai else "",
        thai_person_alias=thai.aliases[0] if thai else "",
        rare_person_id=rare.id,
        rare_person_name=rare.name,
        common_word=common_word,
        common_phrase=common_phrase,
        longest_chain=tuple(chain),
        proposal_id=best.id if best else "",
        proposal_statuses=tuple(best.history) if best else (),
        sample_briefing_id=sample,
    )


# -- edits for catch-up benchmarks ------------------------------------------------------------

_TEXT_START = "\ntext: |\n"


def _text_bounds(raw: str) -> tuple[int, int]:
    """Where the text block's lines start and end (the end is the blank line before people)."""
    start = raw.index(_TEXT_START) + len(_TEXT_START)
    end = raw.index("\n\npeople:\n", start) + 1
    return start, end


def change_briefings(out: Path, k: int, seed: int) -> list[Path]:
    """Rewrite ``k`` generated briefings under ``out`` with a realistic edit: an update
    paragraph appended to the text and, where one can move, a proposal moved to its next status.
    ``dragoman check`` stays clean. Returns the changed files, in path order."""
    files = _our_yaml_files(Path(out))
    rng = random.Random(seed)
    chosen = sorted(rng.sample(files, min(k, len(files))))
    topics = {t.slug: t for t in data.TOPICS}
    countries = {c.code: c for c in data.COUNTRIES}
    for path in chosen:
        raw = path.read_text(encoding="utf-8")
        moved = _move_status(raw, rng)
        raw = moved[0]
        names = re.findall(r"^  - id: [a-z0-9-]+\n    name: (.+)$", raw, re.M)
        name = names[0] if names else "The spokesperson"
        if name.startswith('"'):
            name = json.loads(name)
        code = re.search(r"^    country: ([A-Z]{2})$", raw, re.M)
        country = countries[code.group(1)] if code and code.group(1) in countries else None
        tags = re.search(r"^tags: \[(.*)\]$", raw, re.M)
        labels = [
            topics[t].label for t in (tags.group(1).split(", ") if tags else []) if t in topics
        ]
        labels += ["defence cooperation", "regional security"]
        ctx = {
            "X": name,
            "A": country.name if country else "the host country",
            "ministry": country.ministry.short if country else "defence ministry",
            "topic": labels[0],
            "topic2": labels[1],
        }
        update = "Update: " + cap(rng.choice(data.FOLLOW_UPS).format_map(ctx))
        if moved[1]:
            update += f" The plan to {moved[1]} is now reported {STATUS_WORDS[moved[2]]}."
        start, end = _text_bounds(raw)
        paragraphs = raw[start:end].rstrip("\n").split("\n\n")
        paragraphs.append(f"  {update}")
        while sum(len(p.split()) for p in paragraphs) > MAX_WORDS:
            old = next(
                (i for i, p in enumerate(paragraphs[:-1]) if p.startswith("  Update: ")), None
            )
            if old is None:
                paragraphs.pop()  # no room: keep the status change only
                break
            del paragraphs[old]
        raw = raw[:start] + "\n\n".join(paragraphs) + "\n" + raw[end:]
        path.write_bytes(raw.encode("utf-8"))
    return chosen


def _move_status(raw: str, rng: random.Random) -> tuple[str, str, str]:
    """``raw`` with one proposal moved to its next status: (text, the plan's clause, status)."""
    at = raw.find("\nproposals:\n")
    if at < 0:
        return raw, "", ""
    entries = list(
        re.finditer(r"^    title: (.+)\n(?:    .*\n)*?    status: ([a-z-]+)$", raw[at:], re.M)
    )
    movable = [m for m in entries if m.group(2) in NEXT_STATUS]
    if not movable:
        return raw, "", ""
    m = rng.choice(movable)
    new = NEXT_STATUS[m.group(2)]
    title = json.loads(m.group(1)) if m.group(1).startswith('"') else m.group(1)
    status_at = at + m.end(2) - len(m.group(2))
    raw = raw[:status_at] + new + raw[at + m.end(2) :]
    return raw, title[0].lower() + title[1:], new


# -- the command line -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus",
        description="Write a deterministic, realistic corpus of briefings for benchmarks.",
    )
    parser.add_argument("out", type=Path, help="the folder to write (created if missing)")
    parser.add_argument("--briefings", type=int, default=1000, help="how many (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty folder, first removing the briefings generated there",
    )
    args = parser.parse_args(argv)
    if args.briefings < 1:
        parser.error("--briefings must be at least 1")
    try:
        stats = generate(args.briefings, args.seed, args.out, force=args.force)
    except OutDirNotEmpty as exc:
        print(f"benchmarks.corpus: {exc}", file=sys.stderr)
        return 2
    print(f"{stats.summary_line()} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
