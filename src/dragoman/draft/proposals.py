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
from dragoman.draft.vocab import GROUP_SUBJECTS, PRONOUNS
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
    rf"expressed\s+{_OWNER}(?:wish|hope|desire|willingness|readiness)\s+to|"
    rf"(?:re)?affirmed\s+{_OWNER}readiness\s+to|(?:is|are)\s+ready\s+to|the\s+need\s+to)\b",
    re.I,
)
_LEAD = re.compile(r"^(?:that\s+|to\s+|for\s+|on\s+|upon\s+)", re.I)


def _title(sentence: str, end: int) -> str:
    rest = _LEAD.sub("", sentence[end:].strip())
    words = re.split(r"[;:]|,\s+(?:and|while|but|which|who|a |as )", rest)[0].split()
    text = " ".join(words[:14]).rstrip(".,;")
    if len(words) > 14:
        text += "…"
    return text[:1].upper() + text[1:] if text else ""


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
        for s in self.sentences:
            if s.heading:
                continue
            agree, propose = _AGREE.search(s.text), _PROPOSE.search(s.text)
            match = min((m for m in (agree, propose) if m), key=lambda m: m.start(), default=None)
            if match is None:
                continue
            status = "agreed" if match is agree else "proposed"
            self._proposal(s, match, status)

    def _speaker(self, s: Sentence, at: int, status: str) -> tuple[list[str], str]:
        """Who speaks at offset ``at`` of the sentence, and the words that say so."""
        tokens = s.tokens
        verb = next((i for i, t in enumerate(tokens) if t.start >= s.start + at), len(tokens))
        best: tuple[int, list[str], str] | None = None
        for m in self.by_sentence.get(s.index, []):
            if m.end <= verb and (best is None or m.end > best[0]):
                words = s.text[tokens[m.start].start - s.start : tokens[m.end - 1].end - s.start]
                best = (m.end, [m.person], words)
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
                    event = self.events.events[self.events.event_of[s.index]]
                    ids = event.items("participants") + event.items("chairs")
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
        if best is None and status == "agreed" and event.text("part_of") and len(sides) >= 2:
            return sides, "an agreement of the meeting's sides"
        if best is None:
            subject = (
                self.events.subject_of[s.index] if s.index < len(self.events.subject_of) else None
            )
            return ([subject], "the person the paragraph is about") if subject else ([], "")
        return best[1], best[2]

    def _proposal(self, s: Sentence, match: re.Match[str], status: str) -> None:
        by, words = self._speaker(s, match.start(), status)
        if not by:
            return
        at = self.events.event_of[s.index]
        names = [self.people[p].text("name") if p in self.people else p for p in by]
        title = _title(s.text, match.end()) or f"{match.group()} ({names[0]})"
        note = where(match.group(), s.paragraph)
        lead = (names[0] or by[0]).split()[-1]
        base = slugify(f"{lead} {' '.join(title.split()[:6])}")[:60].strip("-") or "proposal"
        pid, n = base, 2
        while self.taken.get(pid) not in (None, "proposal") or pid in self.proposals:
            pid, n = f"{base}-{n}", n + 1
        proposal = Entity("proposal", pid, first=s.index)
        proposal.set("title", title, f"from the words after {clip(match.group(), 40)!r}")
        spoken = f'"{clip(words, 40)}" ({", ".join(str(x) for x in names)})'
        proposal.set("by", by if len(by) > 1 else by[0], f"{spoken}, paragraph {s.paragraph + 1}")
        proposal.set("at", at, f"the event of paragraph {s.paragraph + 1}")
        to = [p for p in self.events.counterparts.get(at, []) if p not in by]
        if to:
            proposal.set("to", to, "the other side of the meeting")
        proposal.set("status", status, note)
        proposal.set("quote", " ".join(s.text.split()))
        self.proposals[pid] = proposal
