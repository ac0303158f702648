"""The meetings an article reports: the main one (named in the headline, the first paragraph
or a photo caption: ``the 14th Japan-ASEAN Defence Vice-Ministerial Forum``) and each one on
its sidelines (``In his meeting with ...``, ``attended a tea reception between ...``), with
date, place, country, kind, chairs and participants; and which event each sentence is about.

A sentence opens a side event; the following sentences stay with it until a heading, a new
side event, or a paragraph that speaks of the main one again (``the forum``). Uses the
sentences, people, organizations, dates, countries and the gazetteer.
"""

from __future__ import annotations

import re

from dragoman.briefings.dates import PartialDate
from dragoman.draft.article import Article
from dragoman.draft.countries import country_code, place_country, short_name
from dragoman.draft.dates import explicit_dates
from dragoman.draft.found import Entity, Guess, Mention, clip, where
from dragoman.draft.gazetteer import Gazetteer
from dragoman.draft.organizations import Organizations
from dragoman.draft.tokens import Sentence, tokenize
from dragoman.draft.vocab import EVENT_HEADS, PRONOUNS, VERBS
from dragoman.text import slugify

_PLACE = re.compile(
    r"\b(?P<lead>held in|gathered in|took place in|hosted in|convened in|met in|in|at)\s+"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
)
# a news agency's dateline before the first sentence: "JAKARTA, 3 March 2025 - ",
# "HANOI, March 3 (Reuters) - ", "MANILA (AFP) — "
_LEAD_DATELINE = re.compile(r"^[A-Z][A-Z .'’]{2,30}[A-Z]\b[^-–—\n]{0,40}?\s[-–—]\s+")
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z .'’]{2,30}[A-Z])(?:,\s|\s+[-–—]\s)")
_CHAIRS = re.compile(
    r"\b(?:co-)?chair(?:man|woman|person)?ship of|\b(?:co-)?chaired by|\bhosted by|"
    r"\bpresided over by",
    re.I,
)
_MEET = re.compile(
    r"\b(?:meeting|talks|discussions?|conversation|phone call|exchange)\s+with\b|"
    r"\b(?:met|meets)\s+(?:with\s+)?|\breceived\b",
    re.I,
)
_ATTEND = re.compile(r"\battended\s+(?:a|an|the)\s+(?P<phrase>[^,;]+)", re.I)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _place(text: str, strict: bool, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    for m in _PLACE.finditer(text):
        place = m.group("place")
        words = place.split()
        while words and words[-1] in ("The", "A"):
            words.pop()
        place = " ".join(words).rstrip("’'s")
        if not place or country_code(place):
            continue
        country = gazetteer.place_country(place) or place_country(place)
        if country or (not strict and m.group("lead") not in ("in", "at")):
            return place, country
    return None


class Events:
    """The events of one article and the event of each sentence."""

    def __init__(
        self,
        article: Article,
        sentences: list[Sentence],
        mentions: list[Mention],
        people: dict[str, Entity],
        orgs: Organizations,
        gazetteer: Gazetteer,
        date: Guess,
        published: PartialDate | None,
    ) -> None:
        self.article, self.sentences, self.people = article, sentences, people
        self.orgs, self.gazetteer, self.date, self.published = orgs, gazetteer, date, published
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.events: dict[str, Entity] = {}
        self.counterparts: dict[str, list[str]] = {}
        self.event_of: list[str] = []
        self.subject_of: list[str | None] = []
        self.placeholder = False  # no main event named: the first side event is the main one

    # -- subjects ---------------------------------------------------------------------------

    def subjects(self) -> None:
        """Who each sentence is about: the person named last before its first verb; ``He``
        or ``She`` is the one before."""
        current: str | None = None
        for s in self.sentences:
            mentions = sorted(self.by_sentence.get(s.index, []), key=lambda m: m.start)
            verb = next((i for i, t in enumerate(s.tokens) if t.key in VERBS), len(s.tokens))
            before = [m for m in mentions if m.end <= verb]
            pronoun = any(t.key in PRONOUNS for t in s.tokens[: max(verb, 1)][:3])
            if before and not (pronoun and before[-1].end < verb - 6):
                current = before[-1].person
            elif mentions and not pronoun:
                current = mentions[0].person
            self.subject_of.append(current)

    # -- events -----------------------------------------------------------------------------

    def read(self) -> None:
        self.subjects()
        main = self._main()
        current = main.id
        for s in self.sentences:
            first_of_paragraph = (
                s.index == 0 or self.sentences[s.index - 1].paragraph != s.paragraph
            )
            back = first_of_paragraph and current != main.id and self._speaks_of_main(s, main)
            if s.heading or back:
                current = main.id
            side = None if s.heading else self._side(s, main)
            if side is not None:
                current = side
            self.event_of.append(current)
            if not s.heading:
                self._chairs(s, self.events[current])
        sides = [e for e in self.events if e != main.id]
        if self.placeholder and sides:
            del self.events[main.id]
            self.event_of = [sides[0] if e == main.id else e for e in self.event_of]
            for side in sides:
                self.events[side].fields.pop("part_of", None)
        for s in self.sentences:
            event = self.events[self.event_of[s.index]]
            chairs = event.items("chairs")
            for m in self.by_sentence.get(s.index, []):
                if m.person not in chairs:
                    event.add("participants", m.person, where(s.text, s.paragraph))

    def _speaks_of_main(self, s: Sentence, main: Entity) -> bool:
        kind = main.text("kind")
        lowered = s.text.lower()
        return bool(kind and f"the {kind}" in lowered) or (main.text("title") or "~") in s.text

    def _main(self) -> Entity:
        sources: list[Sentence] = []
        if self.article.title:
            sources.append(Sentence(0, 0, 0, -1, self.article.title, tokenize(self.article.title)))
        sources += [s for s in self.sentences if s.paragraph == 0]
        for caption in self.article.captions:
            sources.append(Sentence(0, 0, -1, -1, caption, tokenize(caption)))
        found = None
        for s in sources:
            series = self.orgs.series_in(s)
            if series:
                found = (s, series)
                break
        event = Entity("event", "event")
        title = self.article.title or (
            _LEAD_DATELINE.sub("", self.sentences[0].text) if self.sentences else "Event"
        )
        if found:
            s, (oid, written, start, kind) = found
            before = s.tokens[start - 1].text if start > 0 else ""
            ordinal = before if _ORDINAL.fullmatch(before) else ""
            title = f"{ordinal} {written}".strip()
            note = where(f"{ordinal} {written}".strip(), s.paragraph)
            event.set("title", title, note)
            event.set("kind", kind, note)
            event.add("organizations", oid, note)
            year = self.date.value if isinstance(self.date.value, str) else ""
            number = re.sub(r"\D", "", ordinal)
            event.id = self._unique(f"{oid}-{number or year[:4]}", self.date.value)
        else:
            self.placeholder = True
            title = clip(title, 80)
            event.set("title", title, "the article's headline or first sentence")
            event.id = self._unique(
                slugify(title)[:50].rstrip("-") + "-" + str(self.date.value)[:4], self.date.value
            )
        event.fields["date"] = Guess(self.date.value, self.date.note)
        first = [s for s in self.sentences if s.paragraph == 0]
        dateline = _DATELINE.match(self.article.text)
        place = None
        if dateline and dateline.group("place").isupper():
            name = dateline.group("place").title()
            place = (name, self.gazetteer.place_country(name) or place_country(name))
            event.set("place", name, where(dateline.group(), 0))
        if found and found[0].paragraph > 0:
            first = [*first, found[0]]
        for s in first:
            place = place or _place(s.text, False, self.gazetteer)
            if place:
                event.set("place", place[0], where(place[0], s.paragraph))
                break
        for s in self.sentences:  # "Also on November 1 in Kuala Lumpur": the same day and place
            if re.match(r"\W*Also\b", s.text):
                also = _place(s.text, True, self.gazetteer)
                if also and "place" not in event.fields:
                    event.set("place", also[0], where(s.text, s.paragraph))
                    place = also
        if place and place[1]:
            event.set("country", place[1], event.fields["place"].note)
        self.events[event.id] = event
        return event

    def _unique(self, base: str, date: object) -> str:
        """An id for an event of ``date``: ``base``, kept when the library's event of that id
        can be this meeting (its date agrees: the same meeting told again), else numbered, so
        that two meetings of one generic name never merge."""
        base = base.strip("-") or "event"
        out, n = base, 2
        while out in self.events or (
            self.gazetteer.kinds.get(out) is not None
            and not self.gazetteer.same_event(out, str(date))
        ):
            out, n = f"{base}-{n}", n + 1
        return out

    def _chairs(self, s: Sentence, event: Entity) -> None:
        m = _CHAIRS.search(s.text)
        if not m:
            return
        offset = s.start + m.end()
        for mention in self.by_sentence.get(s.index, []):
            if s.tokens[mention.start].start >= offset:
                event.add("chairs", mention.person, where(m.group() + " …", s.paragraph))

    def _side(self, s: Sentence, main: Entity) -> str | None:
        subject = self.subject_of[s.index] if s.index < len(self.subject_of) else None
        mentions = self.by_sentence.get(s.index, [])
        attend = _ATTEND.search(s.text)
        if attend:
            words = attend.group("phrase").split()
            heads = [w for w in words[:4] if w.lower() in EVENT_HEADS]
            if heads:
                phrase = attend.group("phrase").strip().rstrip(".")
                title = phrase[:1].upper() + phrase[1:]
                return self._event(
                    s,
                    main,
                    title,
                    EVENT_HEADS[heads[0].lower()],
                    subject,
                    [
                        m.person
                        for m in mentions
                        if s.tokens[m.start].start >= s.start + attend.start()
                    ],
                )
        meet = _MEET.search(s.text)
        if not meet:
            return None
        ordered = sorted(mentions, key=lambda m: m.start)
        at = s.start + meet.start()
        after = [m.person for m in ordered if s.tokens[m.start].start >= s.start + meet.end()]
        if not after:
            return None
        counterpart = after[0]
        before = [m.person for m in ordered if s.tokens[m.start].start < at]
        later = [p for p in after if p != counterpart]
        previous = self.subject_of[s.index - 1] if s.index else None
        subject = before[-1] if before else (later[0] if later else previous)
        if subject is None or subject == counterpart:
            return None
        self.subject_of[s.index] = subject
        return self._event(s, main, None, "meeting", subject, [counterpart])

    def _event(
        self,
        s: Sentence,
        main: Entity,
        title: str | None,
        kind: str,
        subject: str | None,
        others: list[str],
    ) -> str:
        note = where(s.text, s.paragraph)
        names = {p: self.people[p].text("name") or p for p in [*others, subject] if p}
        if title is None:
            other = self.people[others[0]]
            country = other.text("country")
            whom = " ".join(x for x in (other.text("rank"), names[others[0]]) if x)
            owner = short_name(country) if country else ""
            owner = (owner + ("' " if owner.endswith("s") else "'s ")) if owner else ""
            title = f"{names.get(subject or '', '')} meets {owner}{whom}".strip()
        dates = explicit_dates(s.text, self.published)
        date = Guess(dates[0].date.__str__(), where(dates[0].words, s.paragraph)) if dates else None
        place = _place(s.text, True, self.gazetteer)
        event = Entity("event", "event", first=s.index)
        event.set("title", title, note)
        event.fields["date"] = date or main.fields["date"]
        event.set("kind", kind, note)
        if place:
            event.set("place", place[0], where(s.text, s.paragraph))
            if place[1]:
                event.set("country", place[1], where(place[0], s.paragraph))
        else:
            for name in ("place", "country"):
                if name in main.fields:
                    event.fields[name] = main.fields[name]
        event.set("part_of", main.id, note)
        for person in [subject, *others]:
            if person:
                event.add("participants", person, note)
        year = str(event.fields["date"].value)[:4]
        where_word = event.text("place") or ""
        if title.find(" meets ") > 0 and others:
            countries = [self.people[p].text("country") for p in (subject, others[0]) if p]
            if all(countries) and len(countries) == 2:
                base = f"{short_name(countries[0] or '')} {short_name(countries[1] or '')} meeting"
            else:
                base = (
                    " ".join(names[p].split()[-1] for p in (subject, others[0]) if p) + " meeting"
                )
        else:
            base = " ".join(title.split()[:5])
        event.id = self._unique(slugify(f"{base} {where_word} {year}"), event.fields["date"].value)
        self.events[event.id] = event
        self.counterparts[event.id] = list(others)
        return event.id
