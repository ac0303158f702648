"""Organizations named in an article: ministries, departments, forums, blocs, working groups,
initiatives, with their acronyms, countries and the organization each belongs to; and the
organization a person's role names (``Deputy Minister of National Defence`` of Vietnam: the
Vietnamese Ministry of National Defence).

A run of capitalised words is an organization when it holds a head word (Ministry, Forum,
Working Group, Initiative...) and not a document's (Convention, Code, Declaration); an acronym
in brackets after a name is its alias; an acronym used twice or more is one. Known ones keep
the library's id. Uses the sentences, the gazetteer, countries and the field's words.
"""

from __future__ import annotations

import re

from dragoman.draft.countries import (
    country_code,
    demonym,
    place_country,
    short_name,
    short_slug,
)
from dragoman.draft.found import Entity, where
from dragoman.draft.gazetteer import Gazetteer, normalise
from dragoman.draft.name_shapes import family_in_capitals
from dragoman.draft.org_names import (
    CONNECT,
    Run,
    acronym_slug,
    capital_runs,
    initials,
    trailing_country,
)
from dragoman.draft.tokens import Sentence
from dragoman.draft.vocab import (
    EVENT_HEADS,
    NOT_NAME,
    NOT_ORG_HEADS,
    ORG_HEADS,
    TITLE_WORDS,
    key,
)
from dragoman.text import slugify

_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9+&.\-]{1,14})\)")
_MINISTER = re.compile(
    r"(?:(?P<before>[\w\s-]+?)\s+)?(?:Minister|Permanent Secretary)"
    r"(?:\s+(?:of|for)\s+(?P<after>.+))?"
)


class Organizations:
    """The organizations of one article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.orgs: dict[str, Entity] = {}
        self.by_name: dict[str, str] = {}  # normalised name, alias or surface -> id
        self.surfaces: list[tuple[str, str]] = []  # (text as written, id)
        self.documents: set[str] = set()  # acronyms of treaties, codes, phrases
        self.acronyms: dict[str, tuple[int, Sentence]] = {}
        self.family_names: set[str] = set()  # words in capitals that are people's names

    # -- reading ----------------------------------------------------------------------------

    def read(self, sentences: list[Sentence]) -> None:
        for s in sentences:
            if s.heading:
                continue
            self._definitions(s)
            for run in capital_runs(s):
                self._run(run)
            for n, t in enumerate(s.tokens):
                if t.acronym:
                    count, first = self.acronyms.get(t.key, (0, s))
                    self.acronyms[t.key] = (count + 1, first)
                    if family_in_capitals(s, s.tokens, n):  # "AHN Gyu-back": a person's
                        self.family_names.add(t.key)
        for word, (count, s) in self.acronyms.items():
            if word in self.family_names:
                continue
            token = next(t for t in s.tokens if t.key == word)
            self._acronym(token.text, s, count)

    def _acronym(self, acronym: str, s: Sentence, count: int) -> str | None:
        k = normalise(acronym)
        if k in self.by_name:
            return self.by_name[k]
        if acronym.rstrip("s") != acronym and normalise(acronym[:-1]) in self.by_name:
            return None
        if k in self.documents or key(acronym) in NOT_NAME or len(k) < 2:
            return None
        if country_code(acronym) or place_country(acronym):
            return None
        known = self.gazetteer.org(acronym)
        if known:
            return self._known(known, acronym, s)
        if count < 2:
            return None
        return self._add(acronym, s, kind=None, alias=None, id_=acronym_slug(acronym))

    def _definitions(self, s: Sentence) -> None:
        """``Long Name (ACR)``: the acronym is the long name's alias, or a document's."""
        for m in _DEFINED.finditer(s.text):
            acronym = m.group(1)
            before = [t for t in s.tokens if t.end <= s.start + m.start()]
            i = len(before) - 1
            first = None
            while i >= 0:
                t = before[i]
                if t.cap or t.acronym:
                    first = i
                elif t.key not in CONNECT:
                    break
                i -= 1
            if first is None or before[-1].key in CONNECT or not before[-1].cap:
                self.documents.add(normalise(acronym))
                continue
            while before[first].key in CONNECT:
                first += 1
            run = Run(s, first, len(before) - 1)
            if self._head(run) is None:
                self.documents.add(normalise(acronym))
                continue
            self._run(run, alias=acronym)

    def _head(self, run: Run) -> tuple[int, int, str] | None:
        """The org's start (its first segment with a head word), end and kind."""
        t = run.sentence.tokens
        segments: list[tuple[int, int]] = []
        start = run.first
        for x in range(run.first, run.last + 1):
            if t[x].key == "of" and not t[x].cap:
                segments.append((start, x - 1))
                start = x + 1
        segments.append((start, run.last))
        for a, b in segments:
            heads = [x for x in range(a, b + 1) if t[x].key in ORG_HEADS and t[x].cap]
            if not heads:
                continue
            head = heads[-1]
            if t[b].key in NOT_ORG_HEADS or any(t[x].key in NOT_ORG_HEADS for x in range(a, b + 1)):
                return None
            while a <= head and (t[a].key in CONNECT or t[a].key in TITLE_WORDS):
                a += 1
            return a, run.last, ORG_HEADS[t[head].key]
        return None

    def _run(self, run: Run, alias: str | None = None) -> str | None:
        s, t = run.sentence, run.sentence.tokens
        written = run.text()
        head = self._head(run)
        if head is None:
            return None
        a, b, kind = head
        words = [x for x in range(a, b + 1) if t[x].cap or t[x].acronym]
        if len(words) < 2 and not alias:
            return None
        known = self._lookup(Run(s, a, b), head=max(words))
        if known:
            return known
        country = None
        if t[a].possessive and (code := country_code(t[a].text)):
            country, a = code, a + 1
        if a > b:
            return None
        name = written = re.sub(r"['’]s$", "", run.text(a, b))  # "the Royal Thai Navy's"
        if country is None and t[a].cap and "-" not in t[a].text:
            country = country_code(t[a].text)
        if country is None and (trailing := trailing_country(name)):
            name, country = trailing
        if country is None and name.split()[0] in ("Ministry", "Department", "Office"):
            country = self._country_before(s, t[a].start)
        inner = None
        segs = [x for x in range(a + 1, b) if t[x].key == "of" and not t[x].cap]
        for x in segs:
            rest = Run(s, x + 1, b)
            if self._head(rest):
                inner = self._run(rest)
                break
        parent = None
        if inner and t[a].key in ORG_HEADS and segs and segs[0] == a + 1 + (t[a + 1].key == "the"):
            parent = inner
        elif t[a].acronym:
            parent = self.by_name.get(normalise(t[a].text)) or self._acronym(t[a].text, s, 2)
        oid = self._add(name, s, kind, alias, country=country, parent=parent, written=written)
        if alias:
            self.by_name[normalise(alias)] = oid
        return oid

    def _lookup(self, run: Run, head: int) -> str | None:
        """A known organization the run names (the longest part of it, holding its head word,
        that the library knows)."""
        t = run.sentence.tokens
        for length in range(run.last - run.first + 1, 0, -1):
            for a in range(run.first, run.last - length + 2):
                b = a + length - 1
                if not a <= head <= b:
                    continue
                if not (t[a].cap or t[a].acronym) or not (t[b].cap or t[b].acronym):
                    continue
                text = run.text(a, b)
                if length == 1 and not t[a].acronym:
                    continue
                k = normalise(text)
                if k in self.by_name and length > 1:
                    return self.by_name[k]
                known = self.gazetteer.org(text)
                if known:
                    return self._known(known, text, run.sentence)
        return None

    @staticmethod
    def _country_before(s: Sentence, offset: int) -> str | None:
        for t in reversed([t for t in s.tokens if t.end <= offset]):
            if t.cap and (code := country_code(t.text)):
                return code
        return None

    # -- entities ---------------------------------------------------------------------------

    def _known(self, id_: str, written: str, s: Sentence) -> str:
        if id_ not in self.orgs:
            info = self.gazetteer.org_info[id_]
            org = Entity("organization", id_, known=True, first=s.index)
            org.set("name", info.name)
            self.orgs[id_] = org
        self.by_name[normalise(written)] = id_
        self.surfaces.append((written, id_))
        return id_

    def _add(
        self,
        name: str,
        s: Sentence,
        kind: str | None,
        alias: str | None,
        *,
        country: str | None = None,
        parent: str | None = None,
        written: str | None = None,
        id_: str | None = None,
    ) -> str:
        if country and name.startswith("Ministry"):
            adjective = demonym(country)
            name = f"{adjective} {name}" if adjective else f"{name} of {short_name(country)}"
        for label in (name, f"{name} of {short_slug(country)}" if country else ""):
            if label and (k := normalise(label)) in self.by_name:
                return self._seen(self.by_name[k], written or name, alias)
            if label and (known := self.gazetteer.org(label)):
                return self._seen(self._known(known, written or name, s), written or name, alias)
        if country and kind in ("ministry", None) and name.split()[-1] != name:
            topic = re.sub(r"^.*?Ministry\s+(?:of|for)\s+", "", name)
            if topic != name and (m := self.gazetteer.ministry(country, topic)):
                return self._seen(self._known(m.id, written or name, s), written or name, alias)
            if topic != name and (same := self._ministry_here(country, topic)):
                return self._seen(same, written or name, alias)  # named otherwise before
        oid = id_ or self._new_id(name, alias, country, parent)
        org = Entity("organization", oid, first=s.index)
        note = where(written or name, s.paragraph)
        org.set("name", name, note)
        if alias:
            org.add("aliases", alias)
        if kind:
            org.set("kind", kind, note)
        if country:
            org.set("country", country, note)
        if parent and parent != oid:
            org.set("part_of", parent, note)
        self.orgs[oid] = org
        self.by_name[normalise(name)] = oid
        return self._seen(oid, written or name, alias)

    def _ministry_here(self, country: str, topic: str) -> str | None:
        """The one ministry of ``country`` this article named already whose name holds every
        word of ``topic`` ("Singapore Ministry of Defence", then "Singapore's Defence
        Minister")."""
        words = [w for w in normalise(topic).split() if w not in CONNECT]
        found = [
            oid
            for oid, org in self.orgs.items()
            if org.text("country") == country
            and org.text("kind") in ("ministry", None)
            and all(w in normalise(org.text("name") or "").split() for w in words)
        ]
        return found[0] if len(found) == 1 else None

    def _seen(self, oid: str, written: str, alias: str | None) -> str:
        self.by_name.setdefault(normalise(written), oid)
        self.surfaces.append((written, oid))
        if alias:
            self.by_name.setdefault(normalise(alias), oid)
            org = self.orgs[oid]
            if not org.known and alias not in org.items("aliases"):
                org.add("aliases", alias)
        return oid

    def _new_id(self, name: str, alias: str | None, country: str | None, parent: str | None) -> str:
        words = name.split()
        if alias:
            base = acronym_slug(alias)
        elif parent:
            own = re.split(r"\s+(?:of|on|for)\s+", name, maxsplit=1)
            head = [w for w in own[0].split() if normalise(w) not in self.by_name]
            topic = own[1] if len(own) > 1 else ""
            if len(own) > 1 and normalise(own[1]) in self.by_name:
                topic = ""
            mark = initials(head) if len(head) > 1 else slugify(" ".join(head))
            base = "-".join(x for x in (parent, mark, slugify(topic)) if x)
        elif (country and words[0] in ("Ministry", "Department", "Office", "General")) or (
            country and len(words) > 1 and words[1] == "Ministry"
        ):
            own = [w for w in words if not country_code(w)]
            mark = initials(own)
            if len(mark) < 3:  # Ministry of Defence: mod
                mark = "".join(w[0].lower() for w in own if w[0].isalnum())
            base = f"{short_slug(country)}-{mark}"
        elif len([w for w in words if key(w) not in CONNECT]) >= 4:
            lead: list[str] = []
            rest = list(words)
            while rest:
                parts = [p for p in re.split(r"[-–]", rest[0]) if p]
                if parts and all(country_code(p) or p.isupper() for p in parts):
                    lead += parts
                    rest.pop(0)
                elif rest[0] in ("-", "–"):
                    rest.pop(0)
                else:
                    break
            base = (
                "-".join([slugify(x) for x in lead] + [initials(rest)]) if lead else slugify(name)
            )
        else:
            base = slugify(name)
        base = base or "organization"
        oid, n = base, 2
        while (self.gazetteer.kinds.get(oid) is not None) or oid in self.orgs:
            oid, n = f"{base}-{n}", n + 1
        return oid

    def series_in(self, s: Sentence) -> tuple[str, str, int, str] | None:
        """The first meeting series a sentence names (a name whose head is Meeting, Forum,
        Summit...): its organization's id, the name as written, its first word, its kind."""
        t = s.tokens
        for run in capital_runs(s):
            head = self._head(run)
            if head is None:
                continue
            a, b, _ = head
            heads = [x for x in range(a, b + 1) if t[x].key in EVENT_HEADS and t[x].cap]
            oid = self._run(run) if heads else None
            if oid is not None:
                return oid, run.text(a, b), a, EVENT_HEADS[t[heads[-1]].key]
        return None

    # -- people's organizations -------------------------------------------------------------

    def for_role(self, person: Entity, sentences: list[Sentence]) -> None:
        """The organization a person's role names, or the ministry a minister serves."""
        role = person.text("role")
        if not role or "organization" in person.fields:
            return
        note = person.fields["role"].note
        hits = [(role.find(w), oid) for w, oid in self.surfaces if w and w in role]
        if hits:
            person.set("organization", min(hits)[1], note)
            return
        country = person.text("country")
        m = _MINISTER.fullmatch(role.replace("Deputy ", "").replace("Vice ", ""))
        if not country or not m:
            return
        topic = m.group("after") or m.group("before") or ""
        topic = re.sub(r"^(?:the\s+)?", "", topic).strip()
        parts = re.split(r"\s+of\s+", topic)
        if len(parts) > 1 and country_code(parts[-1]):  # "of Defence of Indonesia"
            topic = " of ".join(parts[:-1])
        if not topic or any(key(w) in TITLE_WORDS for w in topic.split()):
            return
        name = f"Ministry of {topic}"
        s = sentences[min(person.first, len(sentences) - 1)] if sentences else None
        if s is None:
            return
        oid = self._add(name, s, "ministry", None, country=country)
        person.set("organization", oid, note)
