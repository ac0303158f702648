"""People named in an article: who, with rank, role and country from the words around the
name, and every later mention of them.

A run of capitalised words (with ``bin``, ``van``... between) is a person when a rank or an
honorific stands before it, an office stands before or after it (``U.S. Secretary of War Pete
Hegseth``; ``Somphone Mittaphone, Chief of the Office of...``), a verb of saying follows it, or
the library knows the name. A surname or given name alone, or ``General Giang``, is a later
mention of a person found before; ``The Vietnamese Defense Minister`` is the last person of
that country mentioned. Uses the sentences, the gazetteer, countries and the field's words.
"""

from __future__ import annotations

import re

from dragoman.draft.countries import country_code
from dragoman.draft.found import Entity, Mention, where
from dragoman.draft.gazetteer import Gazetteer, person_key, person_words
from dragoman.draft.name_shapes import (
    adjacent,
    between,
    country_token,
    family_in_capitals,
    family_titled,
    name_word,
    phrase,
    rank_is_given_name,
)
from dragoman.draft.tokens import Sentence, Token
from dragoman.draft.vocab import (
    DOMAIN_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_HEADS,
    RANK_LONG,
    RANKS,
    TITLE_WORDS,
    VERBS,
)
from dragoman.text import fold, slugify

_CONNECT = frozenset(("of", "for", "the", "and", "on", "in"))


def _office(t: Token) -> bool:
    return t.key in OFFICE_HEADS or t.key in DOMAIN_WORDS


def _role_before(s: Sentence, tokens: list[Token], end: int) -> tuple[str, str | None, int]:
    """The office named just before token ``end`` (``Malaysia's Secretary-General of the
    Ministry of Defence,``): its words, the country before it, and its first token."""
    p = end - 1
    if p >= 0 and between(s, tokens[p], tokens[end]).strip() == ",":
        pass
    elif p >= 0 and not adjacent(s, tokens[p], tokens[end]):
        return "", None, end
    taken: list[int] = []
    while p >= 0:
        t = tokens[p]
        gap = between(s, t, tokens[p + 1]).strip()
        if gap not in ("", ".", "&") and not (p + 1 == end and gap == ","):
            break
        connector = t.key in _CONNECT and t.key != "and" and not t.cap
        if _office(t) or connector or t.acronym or country_token(t):
            taken.append(p)
            p -= 1
            continue
        break
    taken.reverse()
    heads = [i for i in taken if tokens[i].key in TITLE_WORDS]
    if not heads:
        return "", None, end
    first = heads[0]
    # the first office word at or before the first title ("Deputy Minister", "Permanent Secretary")
    while (
        first - 1 in taken
        and tokens[first - 1].key in OFFICE_HEADS
        and (not country_token(tokens[first - 1]))
    ):
        first -= 1
    last = taken[-1]
    while last > first and tokens[last].key in _CONNECT:
        last -= 1
    country = None
    if first - 1 >= 0 and (code := country_token(tokens[first - 1])):
        country = code
    role = s.text[tokens[first].start - s.start : tokens[last].end - s.start]
    return _strip_possessive(role), country, first


def _role_after(s: Sentence, tokens: list[Token], k: int) -> tuple[str, str | None]:
    """An office in apposition after the name (``, Chief of the Office of ...,``)."""
    if k >= len(tokens) or between(s, tokens[k - 1], tokens[k]).strip() != ",":
        return "", None
    if tokens[k].key not in OFFICE_HEADS:
        return "", None
    rest = s.text[tokens[k].start - s.start :]
    clause = re.split(r",|;|\s[-–—]\s|\(", rest, maxsplit=1)[0].strip().rstrip(".")
    words = clause.split()
    if not 1 <= len(words) <= 16 or not any(key_of(w) in TITLE_WORDS for w in words[:3]):
        return "", None
    country = None
    for w in words:
        if w[:1].isupper() and (code := country_code(w.rstrip(".,"))):
            country = code
            break
    return clause, country


def key_of(word: str) -> str:
    from dragoman.draft.vocab import key

    return key(word)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text)


class People:
    """The people of one article, found sentence by sentence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.people: dict[str, Entity] = {}
        self.by_key: dict[str, str] = {}
        self.mentions: list[Mention] = []

    # -- finding ----------------------------------------------------------------------------

    def read(self, sentences: list[Sentence]) -> None:
        for s in sentences:
            if not s.heading:
                self._sentence(s)

    def _sentence(self, s: Sentence) -> None:
        tokens = s.tokens
        i = 0
        while i < len(tokens):
            start = i
            rank: tuple[int, int] | None = None
            honorific: tuple[int, int] | None = None
            j = i
            while j < len(tokens):
                n = phrase(tokens, j, RANKS, s)
                if n and rank is None:
                    rank = (j, j + n)
                else:
                    n = phrase(tokens, j, HONORIFICS, s)
                    if n and honorific is None and tokens[j].cap:
                        honorific = (j, j + n)
                    else:
                        break
                if j + n < len(tokens) and not adjacent(s, tokens[j + n - 1], tokens[j + n]):
                    break
                j += n
            k = j
            while k < len(tokens):
                t = tokens[k]
                if k > j and (tokens[k - 1].possessive or not adjacent(s, tokens[k - 1], t)):
                    break
                if (
                    (k == j and family_in_capitals(s, tokens, k))
                    or (k == j and self._family_named_before(t))
                    or name_word(t)
                    or (
                        k > j
                        and t.key in NAME_PARTICLES
                        and not t.cap
                        and k + 1 < len(tokens)
                        and name_word(tokens[k + 1])
                    )
                ):
                    k += 1
                else:
                    break
            if k == j:
                i = max(j, start + 1) if (rank or honorific) and j > start else start + 1
                continue
            if rank is not None and k - j == 1 and rank_is_given_name(s, tokens, rank):
                j, rank = rank[0], None  # "Defense Minister Gen Nakatani": Gen is his name
            self._candidate(s, tokens, start, j, k, rank, honorific)
            i = k
        self._descriptions(s)

    def _candidate(
        self,
        s: Sentence,
        tokens: list[Token],
        start: int,
        j: int,
        k: int,
        rank: tuple[int, int] | None,
        honorific: tuple[int, int] | None,
    ) -> None:
        written = _strip_possessive(s.text[tokens[j].start - s.start : tokens[k - 1].end - s.start])
        name = family_titled(written)
        words = [t for t in tokens[j:k] if not (t.key in NAME_PARTICLES and not t.cap)]
        role, country, role_start = _role_before(s, tokens, start)
        after_role, after_country = ("", None) if role else _role_after(s, tokens, k)
        titled = bool(rank or honorific or role or after_role)
        if rank is None and not honorific and role_start == start and start > 0:
            # a lone title word just before ("Secretary Hegseth", "Deputy Minister Chiến")
            titled = tokens[start - 1].key in TITLE_WORDS
        if len(words) == 1:
            pid = self._by_word(words[0].key, titled)
            if pid:
                self.mentions.append(Mention(pid, s.index, j, k, "word"))
                self._describe(pid, s, rank, honorific, role, country, role_start, k, tokens)
            return
        known = self.gazetteer.person(name)
        pid = self.by_key.get(person_key(name)) or known or self._shorter(words)
        verb = k < len(tokens) and tokens[k].key in VERBS
        particle = any(t.key in ("bin", "binti", "bte", "binte", "ibn") for t in tokens[j:k])
        if not (pid or titled or verb or particle):
            return
        if pid is None or pid not in self.people:
            pid = self._new(name, s, known)
        self.mentions.append(Mention(pid, s.index, j, k))
        person = self.people[pid]
        if written != name and written not in person.items("aliases"):
            person.add("aliases", written)  # the family name in capitals, as written
        if honorific:
            honour = s.text[
                tokens[honorific[0]].start - s.start : tokens[honorific[1] - 1].end - s.start
            ]
            if not person.known or honour:
                person.add("aliases", f"{honour} {name}")
        self._describe(pid, s, rank, honorific, role, country, role_start, k, tokens)
        if after_role:
            snippet = s.text[tokens[j].start - s.start :][: len(name) + len(after_role) + 2]
            person.set("role", after_role, where(snippet, s.paragraph))
            if after_country:
                person.set("country", after_country, where(snippet, s.paragraph))

    def _describe(
        self,
        pid: str,
        s: Sentence,
        rank: tuple[int, int] | None,
        honorific: tuple[int, int] | None,
        role: str,
        country: str | None,
        role_start: int,
        k: int,
        tokens: list[Token],
    ) -> None:
        person = self.people[pid]
        begin = min(x for x in (role_start, rank[0] if rank else k, k - 1) if x is not None)
        snippet = s.text[tokens[begin].start - s.start : tokens[k - 1].end - s.start]
        note = where(snippet, s.paragraph)
        if rank:
            words = tokens[rank[0] : rank[1]]
            written = " ".join(t.key for t in words)
            long = RANK_LONG.get(written) or " ".join(t.text.rstrip(".") for t in words)
            person.set("rank", long, note)
        if role and (len(role.split()) > 1 or "rank" in person.fields):
            person.set("role", role, note)
        if country:
            person.set("country", country, note)

    def _descriptions(self, s: Sentence) -> None:
        """``The Vietnamese Defense Minister``: the last person of that country named."""
        tokens = s.tokens
        for i, t in enumerate(tokens[:-2]):
            if t.key != "the" or not (code := country_token(tokens[i + 1])):
                continue
            n = i + 2
            while n < len(tokens) and tokens[n].key in OFFICE_HEADS and n - i < 6:
                n += 1
            if n == i + 2 or not any(x.key in TITLE_WORDS for x in tokens[i + 2 : n]):
                continue
            pid = self._last_of(code, s.index)
            if pid is None:
                continue
            self.mentions.append(Mention(pid, s.index, i, n, "description"))
            person = self.people[pid]
            snippet = s.text[t.start - s.start : tokens[n - 1].end - s.start]
            person.set("country", code, where(snippet, s.paragraph))
            role = _strip_possessive(
                s.text[tokens[i + 2].start - s.start : tokens[n - 1].end - s.start]
            )
            person.set("role", role[:1].upper() + role[1:], where(snippet, s.paragraph))

    # -- people -----------------------------------------------------------------------------

    def _last_of(self, country: str, before: int) -> str | None:
        """The person of ``country`` named last before sentence ``before``; else the last
        person named whose country is not known."""
        fallback = None
        for m in reversed(self.mentions):
            if m.sentence > before:
                continue
            c = self.people[m.person].text("country")
            if c == country:
                return m.person
            if c is None and fallback is None:
                fallback = m.person
        return fallback

    def _shorter(self, words: list[Token]) -> str | None:
        """The one person found whose name holds every one of these words (``Mohamed
        Khaled`` for Mohamed Khaled bin Nordin)."""
        keys = {t.key for t in words}
        found = [p.id for p in self.people.values() if keys <= p.words]
        return found[0] if len(found) == 1 else None

    def _family_named_before(self, t: Token) -> bool:
        """A word in capitals that is the family name of someone named before in capitals
        (``AHN proposed`` after ``AHN Gyu-back``)."""
        return (
            t.acronym
            and t.text.isalpha()
            and any(
                w.split()[0] == t.text for p in self.people.values() for w in p.items("aliases")
            )
        )

    def _by_word(self, word: str, titled: bool) -> str | None:
        found = [p.id for p in self.people.values() if word in p.words]
        if len(found) == 1:
            return found[0]
        if not found and titled:
            pid = self.gazetteer.person_by_word(word)
            if pid:
                name = self.gazetteer.person_names.get(pid, pid)
                person = Entity("person", pid, known=True, words=set(person_words(name)))
                person.set("name", name)
                self.people[pid] = person
                self.by_key[person_key(name)] = pid
                return pid
        return None

    def _new(self, name: str, s: Sentence, known: str | None) -> str:
        if known:
            library_name = self.gazetteer.person_names.get(known, name)
            person = Entity("person", known, known=True, first=s.index)
            person.set("name", library_name)
            if person_key(library_name) != person_key(name) or library_name != name:
                person.add("aliases", name)
            pid = known
            words = set(person_words(library_name)) | set(person_words(name))
        else:
            pid = slugify(name) or "person"
            taken = self.gazetteer.kinds
            base, n = pid, 2
            while (taken.get(pid) not in (None, "person")) or (
                pid in self.people
                and person_key(self.people[pid].text("name") or "") != person_key(name)
            ):
                pid, n = f"{base}-{n}", n + 1
            person = Entity("person", pid, first=s.index)
            person.set("name", name, where(name, s.paragraph))
            if fold(name) != name:
                person.add("aliases", fold(name))
            words = set(person_words(name))
        person.words = words
        self.people[pid] = person
        self.by_key[person_key(name)] = pid
        return pid
