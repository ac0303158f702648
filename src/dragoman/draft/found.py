"""What the recognisers find in an article: people, organizations, events and proposals, each
value with the note that says where it came from (the comment the draft writes beside it), and
the :class:`Draft` they make together.

Plain data shared by the recognisers and the composer. Uses nothing of dragoman.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Guess:
    """A value guessed from the article, and where it came from (``None``: from the library or
    the options, said once for the whole entity)."""

    value: str | list[str]
    note: str | None = None


@dataclass(slots=True)
class Mention:
    """A person named (or described) in a sentence: which, and the words that name them."""

    person: str
    sentence: int
    start: int  # the first token
    end: int  # past the last token
    how: str = "name"  # name, word (a surname alone), description


@dataclass(slots=True)
class Entity:
    """A person, organization, event or proposal of the draft: its id, its fields in the order
    written, whether the library knows it, and where it was first seen."""

    kind: str
    id: str
    fields: dict[str, Guess] = field(default_factory=dict)
    known: bool = False
    first: int = 0  # the sentence it was first seen in
    words: set[str] = field(default_factory=set)  # a person's name words, for later mentions

    def set(self, name: str, value: str | list[str], note: str | None = None) -> None:
        """Set a field unless it is set already (the first mention tells)."""
        if name not in self.fields and value:
            self.fields[name] = Guess(value, note)

    def add(self, name: str, value: str, note: str | None = None) -> None:
        """Add a value to a list field, once."""
        guess = self.fields.get(name)
        if guess is None:
            self.fields[name] = Guess([value], note)
        elif isinstance(guess.value, list) and value not in guess.value:
            guess.value.append(value)

    def text(self, name: str) -> str | None:
        guess = self.fields.get(name)
        return guess.value if guess is not None and isinstance(guess.value, str) else None

    def items(self, name: str) -> list[str]:
        guess = self.fields.get(name)
        return guess.value if guess is not None and isinstance(guess.value, list) else []


@dataclass(slots=True)
class Draft:
    """A draft briefing: every field with the note of where it came from."""

    id: str
    title: Guess
    date: Guess
    text: str
    source: dict[str, Guess] = field(default_factory=dict)
    people: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    events: list[Entity] = field(default_factory=list)
    proposals: list[Entity] = field(default_factory=list)
    name: str = "the article"

    @property
    def countries(self) -> list[str]:
        """The countries of its people, organizations and events (ISO codes)."""
        found: list[str] = []
        for entity in (*self.people, *self.organizations, *self.events):
            code = entity.text("country")
            if code and code not in found:
                found.append(code)
        return found


def clip(text: str, limit: int = 70) -> str:
    """A snippet of the article for a note: one line, cut at a word."""
    one = " ".join(text.split())
    if len(one) <= limit:
        return one
    return one[:limit].rsplit(" ", 1)[0] + "…"


def where(snippet: str, paragraph: int) -> str:
    """A note: the words quoted and their paragraph (counted from 1; -1 is a photo caption)."""
    if paragraph < 0:
        return f'"{clip(snippet)}", a photo caption'
    return f'"{clip(snippet)}", paragraph {paragraph + 1}'
