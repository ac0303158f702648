"""Proposals, commitments and agreements: each sentence in which someone proposes, suggests,
calls for or on, urges, agrees, pledges or commits (and their close kin: ``expressed the wish
to``, ``readiness to``, ``reaffirmed their commitment``, ``the agreement to``).

The quote is the sentence exactly as it stands in the text; ``by`` is the speaker named last
before the verb (``He`` is the subject of the sentences before; ``Both sides`` are the
event's participants; an organization may speak too); ``at`` is the sentence's event; ``to``
the other side of a meeting on the sidelines; the status is ``agreed`` for the verbs of
agreeing and committing, else ``proposed``. Uses the sentences, people, organizations, events.
"""

from __future__ import annotations

import re

from dragoman.draft.events import Events
from dragoman.draft.found import Entity, Mention, clip, where
from dragoman.draft.gazetteer import normalise
from dragoman.draft.organizations import Organizations
from dragoman.draft.tokens import Sentence
from dragoman.draft.vocab import GROUP_SIZES, GROUP_SUBJECTS, PRONOUNS
from dragoman.text import slugify

_OWNER = r"(?:(?:the\s+)?[\w.]+['’]s\s+|their\s+|its\s+|his\s+|her\s+|the\s+)?"
_AGREE = re.compile(
    r"\b(?:agreed|pledged|committed|vowed|promised|signed|reached\s+(?:an\s+)?agreement|"
    r"the\s+agreement\s+to|plans\s+were\s+(?:set|made)|set\s+plans|"
    rf"(?:re)?affirmed\s+{_OWNER}(?:\w+\s+)?commitment|"
    rf"(?:stressed|emphasi[sz]ed|expressed|renewed|reiterated)\s+{_OWNER}(?:\w+\s+)?commitment)\b",
    re.I,
)
_PROPOSE = re.compile(
    r"\b(?:proposed|suggested|urged|recommended|advocated|called\s+(?:for|on|upon)|"
    r"appealed\s+(?:for|to)|put\s+forward|"
    rf"expressed\s+{_OWNER}(?:wish|hope|desire|willingness|readiness)\s+(?:to|that)|"
    rf"(?:re)?affirmed\s+{_OWNER}readiness\s+to|(?:is|are|was|were)\s+ready\s+to|"
    r"the\s+need\s+to)\b",
    re.I,
)
# what turns a verb of proposing or agreeing into its opposite, just before it ("had never
# agreed", "did not propose", "refused to commit")
_NEGATED = re.compile(
    r"\b(?:not|never|n't|no\s+longer|neither|nor|refused\s+to|declined\s+to|failed\s+to)"
    r"(?:\s+\w+){0,2}\s*$",
    re.I,
)
# a sentence that denies or rejects what follows ("denied that Malaysia had signed a pact")
_DENIAL = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|dismissed|refuted)\b", re.I)
# "proposed" as an adjective: "the proposed budget was debated"
_ADJECTIVE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|these|those|any|of)\s+$", re.I)
# a list item's marker: "- ", "* ", "• ", "1. ", "(a) "
_BULLET = re.compile(r"^(?:[-*•–]\s+|\(?[0-9a-z]{1,2}[.)]\s+)")
# verbs of meeting someone: who follows them is met, not the speaker
_MET = re.compile(r"\b(?:met|meets|received|receives|hosted|hosts|visited|held talks with)\b", re.I)
PAIR_BACK = 6  # sentences looked back for the two sides of "the two sides"
# the offices "the two ministers" and "the two leaders" may hold (a secretary of defence is
# his country's minister)
_OFFICES = {
    "ministers": ("minister", "secretary"),
    "leaders": ("president", "prime minister", "leader", "king", "sultan", "chancellor"),
}
_LEAD = re.compile(r"^(?:that\s+|to\s+|for\s+|on\s+|upon\s+)", re.I)


def _title(sentence: str, end: int) -> str:
    rest = _LEAD.sub("", sentence[end:].strip())
    words = re.split(r"[;:]|,\s+(?:and|while|but|which|who|a |as )", rest)[0].split()
    text = " ".join(words[:14]).rstrip(".,;")
    if len(words) > 14:
        text += "…"
    return text[:1].upper() + text[1:] if text else ""


def _first_verb(text: str) -> tuple[re.Match[str], str] | None:
    """The first verb of proposing or agreeing in a sentence that says someone does (not that
    they did not, nor a denial of it, nor ``the proposed budget``), with its status."""
    matches = [(m, "agreed") for m in _AGREE.finditer(text)]
    matches += [(m, "proposed") for m in _PROPOSE.finditer(text)]
    for match, status in sorted(matches, key=lambda found: found[0].start()):
        before = text[: match.start()]
        if _NEGATED.search(before) or _DENIAL.search(before):
            continue
        if match.group().lower() == "proposed" and _ADJECTIVE.search(before):
            continue
        return match, status
    return None


class Proposals:
    """The proposals of one article."""

    def __init__(
        self,
        sentences: list[Sentence],
        mentions: list[Mention],
        people: dict[str, Entity],
        orgs: Organizations,
        events: Events,
        taken: dict[str, str],
    ) -> None:
        self.sentences, self.people, self.orgs, self.events = sentences, people, orgs, events
        self.taken = taken
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.proposals: dict[str, Entity] = {}

    def read(self) -> None:
        listed: set[int] = set()  # the lists of points read with the sentence before them
        for s in self.sentences:
            if s.heading or s.index in listed:
                continue
            found = _first_verb(s.text)
            if found is None:
                continue
            items = self._points_after(s) if s.text.rstrip().endswith(":") else []
            if items:  # "The two leaders agreed on the following points:" and a list
                listed.add(s.index + 1)
                for item in items:
                    self._proposal(s, *found, point=item)
            else:
                self._proposal(s, *found)

    def _points_after(self, s: Sentence) -> list[str]:
        """The points of a list that follows a sentence ending with a colon, each as written
        (its marker and closing ``;`` left out); none when the next sentence is no list."""
        if s.index + 1 >= len(self.sentences):
            return []
        lines = [line.strip() for line in self.sentences[s.index + 1].text.splitlines()]
        points = [_BULLET.sub("", line, count=1) for line in lines if line]
        if not lines or any(not _BULLET.match(line) for line in lines if line):
            return []
        return [point.rstrip(";,. ") for point in points if point.rstrip(";,. ")]

    def _speaker(self, s: Sentence, at: int, status: str) -> tuple[list[str], str]:
        """Who speaks at offset ``at`` of the sentence, and the words that say so."""
        tokens = s.tokens
        verb = next((i for i, t in enumerate(tokens) if t.start >= s.start + at), len(tokens))
        best: tuple[int, list[str], str] | None = None
        before = [m for m in self.by_sentence.get(s.index, []) if m.end <= verb]
        for m in before:
            if best is None or m.end > best[0]:
                words = s.text[tokens[m.start].start - s.start : tokens[m.end - 1].end - s.start]
                best = (m.end, [m.person], words)
        if best is not None and (first := self._subject_met(s, before, best[0], verb)):
            best = first  # "Kallas met Manalo ... and proposed": Kallas proposes
        for i in range(verb):
            t = tokens[i]
            if (
                t.key in PRONOUNS
                and t.key not in ("his", "her", "him")
                and (best is None or i + 1 > best[0])
            ):
                subject = self.events.subject_of[s.index - 1] if s.index else None
                if subject:
                    best = (i + 1, [subject], t.text)
            for group in GROUP_SUBJECTS:
                n = len(group)
                if tuple(x.key for x in tokens[i : i + n]) == group and (
                    best is None or i + n > best[0]
                ):
                    ids = self._pair(s, i, group)
                    if len(ids) >= 2:
                        best = (i + n, ids, " ".join(x.text for x in tokens[i : i + n]))
                    break
            if (
                i < 2
                and t.acronym
                and (oid := self.orgs.by_name.get(normalise(t.text)))
                and (best is None or i + 1 > best[0])
            ):
                best = (i + 1, [oid], t.text)
        event = self.events.events[self.events.event_of[s.index]]
        sides = event.items("participants") + event.items("chairs")
        if best is None and status == "agreed" and event.text("part_of") and len(sides) == 2:
            return sides, "an agreement of the meeting's sides"
        if best is None:
            subject = (
                self.events.subject_of[s.index] if s.index < len(self.events.subject_of) else None
            )
            return ([subject], "the person the paragraph is about") if subject else ([], "")
        return best[1], best[2]

    def _subject_met(
        self, s: Sentence, before: list[Mention], last: int, verb: int
    ) -> tuple[int, list[str], str] | None:
        """The sentence's first person when the one named last before the verb is whom they
        met, and the verb is theirs: ``A met B on the sidelines and proposed ...``."""
        tokens = s.tokens
        if not before or not any(t.key == "and" for t in tokens[last:verb]):
            return None
        first = min(before, key=lambda m: m.start)
        if first.end >= last:
            return None
        between = s.text[tokens[first.end - 1].end - s.start : tokens[last - 1].start - s.start]
        if not _MET.search(between):
            return None
        words = s.text[tokens[first.start].start - s.start : tokens[first.end - 1].end - s.start]
        return (first.end, [first.person], words)

    def _pair(self, s: Sentence, before: int, group: tuple[str, ...]) -> list[str]:
        """The two people ``the two sides`` (``both ministers``...) at token ``before`` of a
        sentence are: the two named last before it in the sentences of its event (up to
        :data:`PAIR_BACK` back), of two countries where their countries are known, holding
        the office the words name (``ministers``, ``leaders``) when two do; else the event's
        own two sides; else none."""
        event_of = self.events.event_of
        seen: list[str] = []  # the last named first
        for index in range(s.index, max(-1, s.index - PAIR_BACK), -1):
            if event_of[index] != event_of[s.index]:
                break
            found = [
                m for m in self.by_sentence.get(index, []) if index < s.index or m.end <= before
            ]
            for m in sorted(found, key=lambda m: m.start, reverse=True):
                if m.person not in seen and m.person in self.people:
                    seen.append(m.person)
        offices = _OFFICES.get(group[-1], ())
        if offices:
            holding = [
                p
                for p in seen
                if any(o in (self.people[p].text("role") or "").lower() for o in offices)
            ]
            if len(holding) >= 2:
                seen = holding
        event = self.events.events[event_of[s.index]]
        sides = list(dict.fromkeys(event.items("chairs") + event.items("participants")))
        size = next((GROUP_SIZES[w] for w in group if w in GROUP_SIZES), 2)
        pair: list[str] = []
        countries: set[str] = set()
        for person in seen:
            country = self.people[person].text("country")
            if country in countries:
                continue  # the two sides are two countries
            pair.append(person)
            if country:
                countries.add(country)
            if len(pair) == size:  # in the event's order, else in the order they were named
                return sorted(pair, key=sides.index) if set(pair) <= set(sides) else pair[::-1]
        return sides if len(sides) == size else []

    def _proposal(
        self, s: Sentence, match: re.Match[str], status: str, point: str | None = None
    ) -> None:
        """The proposal of sentence ``s`` (its verb ``match``), or of one ``point`` of the list
        the sentence introduces: the point is its title and its quote."""
        by, words = self._speaker(s, match.start(), status)
        by = list(dict.fromkeys(by))  # each once
        if not by:
            return
        at = self.events.event_of[s.index]
        names = [self.people[p].text("name") if p in self.people else p for p in by]
        if point is not None:
            title = _title(point, 0) or point
        else:
            title = _title(s.text, match.end()) or f"{match.group()} ({names[0]})"
        note = where(match.group(), s.paragraph)
        lead = (names[0] or by[0]).split()[-1]
        base = slugify(f"{lead} {' '.join(title.split()[:6])}")[:60].strip("-") or "proposal"
        pid, n = base, 2
        while self.taken.get(pid) not in (None, "proposal") or pid in self.proposals:
            pid, n = f"{base}-{n}", n + 1
        proposal = Entity("proposal", pid, first=s.index)
        said = f"a point of the list after {clip(match.group(), 40)!r}" if point else ""
        proposal.set("title", title, said or f"from the words after {clip(match.group(), 40)!r}")
        spoken = f'"{clip(words, 40)}" ({", ".join(str(x) for x in names)})'
        proposal.set("by", by if len(by) > 1 else by[0], f"{spoken}, paragraph {s.paragraph + 1}")
        proposal.set("at", at, f"the event of paragraph {s.paragraph + 1}")
        to = [p for p in self.events.counterparts.get(at, []) if p not in by]
        if to:
            proposal.set("to", to, "the other side of the meeting")
        proposal.set("status", status, note)
        proposal.set("quote", point if point is not None else " ".join(s.text.split()))
        self.proposals[pid] = proposal
