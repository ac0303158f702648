"""The query language: words, "phrases", OR, NOT/-word, prefix*, fuzzy~, filters and dates.

``parse`` turns the text a reader types into a small tree; :mod:`dragoman.search.compile` turns
the tree into an index query. A malformed query raises :class:`QueryError` with a message that
says what to write instead; nothing else escapes. See docs/search.md. Uses the format's dates,
statuses and countries (:mod:`dragoman.briefings`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import COUNTRY_CODES, STATUSES

__all__ = [
    "FILTERS",
    "KIND_WORDS",
    "And",
    "DateRange",
    "Filter",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "QueryError",
    "Word",
    "parse",
]


class QueryError(ValueError):
    """A query that cannot be understood; ``position`` is where (0-based), when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    prefix: bool = False
    fuzzy: int = 0  # edit distance, 0 for an exact word


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # kind, country, status, tag, area, person, event, org, by, to, with, ...
    value: str


@dataclass(frozen=True, slots=True)
class DateRange:
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


Node = Word | Phrase | Filter | DateRange | Not | And | Or

KIND_WORDS = {
    "person": "person",
    "people": "person",
    "persons": "person",
    "organization": "organization",
    "organizations": "organization",
    "organisation": "organization",
    "organisations": "organization",
    "org": "organization",
    "orgs": "organization",
    "event": "event",
    "events": "event",
    "proposal": "proposal",
    "proposals": "proposal",
    "briefing": "briefing",
    "briefings": "briefing",
}
FILTERS = (
    "kind",
    "country",
    "status",
    "tag",
    "area",
    "person",
    "event",
    "org",
    "organization",
    "by",
    "to",
    "with",
    "briefing",
    "id",
    "type",
    "date",
)
_FIELD_RE = re.compile(r"([A-Za-z]+):")
_MODIFIER_RE = re.compile(r"^(.*?)(\*|~([0-9]*))$", re.S)


@dataclass(slots=True)
class _Token:
    kind: str  # word, phrase, field, lparen, rparen, or, and, not, minus
    text: str
    position: int
    field: str = ""


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "(":
            tokens.append(_Token("lparen", c, i))
            i += 1
            continue
        if c == ")":
            tokens.append(_Token("rparen", c, i))
            i += 1
            continue
        if c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError(
                    f'the phrase starting at column {i + 1} has no closing quote ("); '
                    "close it or remove the quote",
                    i,
                )
            tokens.append(_Token("phrase", text[i + 1 : end], i))
            i = end + 1
            continue
        if (
            c == "-"
            and i + 1 < n
            and not text[i + 1].isspace()
            and (not tokens or text[i - 1].isspace() or text[i - 1] == "(")
        ):
            tokens.append(_Token("minus", c, i))
            i += 1
            continue
        m = _FIELD_RE.match(text, i)
        if m and m.group(1).lower() in FILTERS:
            name = m.group(1).lower()
            j = m.end()
            if j < n and text[j] == '"':
                end = text.find('"', j + 1)
                if end < 0:
                    raise QueryError(f'the value of {name}: has no closing quote ("); close it', j)
                tokens.append(_Token("field", text[j + 1 : end], i, name))
                i = end + 1
                continue
            end = j
            while end < n and not text[end].isspace() and text[end] not in "()":
                end += 1
            value = text[j:end]
            if not value:
                raise QueryError(
                    f"{name}: needs a value right after the colon, e.g. {_example(name)}", i
                )
            tokens.append(_Token("field", value, i, name))
            i = end
            continue
        if m and m.end() < n and not text[m.end()].isspace():
            close = difflib.get_close_matches(m.group(1).lower(), FILTERS, n=1, cutoff=0.75)
            if close:
                raise QueryError(
                    f"there is no filter {m.group(1)}:; did you mean {close[0]}:? Filters: "
                    + ", ".join(f"{f}:" for f in FILTERS),
                    i,
                )
        end = i
        while end < n and not text[end].isspace() and text[end] not in '()"':
            end += 1
        word = text[i:end]
        if word == "OR":
            tokens.append(_Token("or", word, i))
        elif word == "AND":
            tokens.append(_Token("and", word, i))
        elif word == "NOT":
            tokens.append(_Token("not", word, i))
        else:
            tokens.append(_Token("word", word, i))
        i = end
    return tokens


def _example(name: str) -> str:
    return {
        "kind": "kind:event",
        "country": "country:VN",
        "status": "status:agreed",
        "tag": "tag:maritime-security",
        "area": "area:hadr",
        "person": "person:giang",
        "event": 'event:"vice-ministerial forum"',
        "org": "org:admm-plus",
        "organization": "organization:asean",
        "by": "by:VN",
        "to": "to:koizumi-shinjiro",
        "with": "with:VN",
        "briefing": "briefing:2025-11-01-kuala-lumpur",
        "id": "id:phan-van-giang",
        "type": "type:reception",
        "date": "date:2024..2025-06",
    }[name]


class _Parser:
    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse_or(self) -> Node | None:
        items = []
        first = self.parse_and()
        if first is not None:
            items.append(first)
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            if not items:
                raise QueryError(
                    "OR needs something on its left, e.g. `giang OR chien`", token.position
                )
            right = self.parse_and()
            if right is None:
                raise QueryError(
                    "OR needs something on its right, e.g. `giang OR chien`", token.position
                )
            items.append(right)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("or", "rparen"):
            if token.kind == "and":
                self.take()
                continue
            node = self.parse_unary()
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self) -> Node | None:
        token = self.take()
        if token.kind in ("not", "minus"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "rparen", "and"):
                shown, example = ("NOT", "NOT japan") if token.kind == "not" else ("-", "-japan")
                raise QueryError(
                    f"{shown} needs a word after it, e.g. `{example}`",
                    token.position,
                )
            inner = self.parse_unary()
            return Not(inner) if inner is not None else None
        if token.kind == "lparen":
            inner = self.parse_or()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QueryError(
                    f"the bracket opened at column {token.position + 1} is never closed; add `)`",
                    token.position,
                )
            self.take()
            return inner
        if token.kind == "rparen":  # pragma: no cover - parse_and stops before these
            raise QueryError("a `)` closes nothing; remove it", token.position)
        if token.kind == "phrase":
            text = _clean(token.text)
            return Phrase(text) if text.strip() else None
        if token.kind == "field":
            return _field(token)
        return _word(token)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _word(token: _Token) -> Word | None:
    text = _clean(token.text)
    m = _MODIFIER_RE.match(text)
    if m and m.group(1):
        base = m.group(1)
        if m.group(2) == "*":
            return Word(base, prefix=True)
        digits = m.group(3)
        distance = int(digits) if digits else 1
        if distance not in (1, 2):
            raise QueryError(
                f"{text!r}: a fuzzy word takes ~ or ~1 or ~2 (letters that may differ)",
                token.position,
            )
        return Word(base, fuzzy=distance)
    if text in ("*", "~") or (m and not m.group(1)):
        return None
    return Word(text)


def _field(token: _Token) -> Node:
    name, raw = token.field, _clean(token.text).strip()
    value = raw.lower()
    if name == "kind":
        if value not in KIND_WORDS:
            hint = difflib.get_close_matches(value, list(KIND_WORDS), n=1, cutoff=0.6)
            extra = f" (did you mean kind:{KIND_WORDS[hint[0]]}?)" if hint else ""
            raise QueryError(
                f"kind:{raw} is not a kind{extra}; use person, organization, event, proposal "
                "or briefing",
                token.position,
            )
        return Filter("kind", KIND_WORDS[value])
    if name == "country":
        code = raw.upper()
        if code not in COUNTRY_CODES:
            raise QueryError(
                f"country:{raw} is not an ISO 3166-1 alpha-2 code; use two letters such as "
                "country:VN or country:JP",
                token.position,
            )
        return Filter("country", code)
    if name == "status":
        if value not in STATUSES:
            hint = difflib.get_close_matches(value, STATUSES, n=1, cutoff=0.6)
            extra = f" (did you mean status:{hint[0]}?)" if hint else ""
            raise QueryError(
                f"status:{raw} is not a status{extra}; use one of {', '.join(STATUSES)}",
                token.position,
            )
        return Filter("status", value)
    if name == "date":
        return _date(raw, token.position)
    if name == "organization":
        name = "org"
    return Filter(name, raw)


def _partial(text: str, position: int, whole: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise QueryError(
            f"date:{whole}: {exc} (ranges: date:2024..2025-06, date:..2025, date:2024..)",
            position,
        ) from None


def _date(raw: str, position: int) -> DateRange:
    if ".." in raw:
        left, _, right = raw.partition("..")
        start = _partial(left, position, raw) if left else None
        end = _partial(right, position, raw) if right else None
        if start is None and end is None:
            raise QueryError("date:.. needs at least one end, e.g. date:2024..", position)
        if start is not None and end is not None and end.last_key < start.key:
            raise QueryError(
                f"date:{raw} ends before it starts; write the earlier date first", position
            )
        return DateRange(start, end)
    day = _partial(raw, position, raw)
    return DateRange(day, day)


def parse(text: str) -> Node | None:
    """Parse a query; ``None`` means the empty query (everything matches)."""
    text = unicodedata.normalize("NFC", text)
    parser = _Parser(_lex(text), text)
    node = parser.parse_or()
    leftover = parser.peek()
    if leftover is not None:
        raise QueryError("a `)` closes nothing; remove it", leftover.position)
    return node


def positive_words(node: Node | None) -> list[Word | Phrase]:
    """The words and phrases a result should contain (for ranking and did-you-mean)."""
    out: list[Word | Phrase] = []

    def walk(n: Node | None) -> None:
        if isinstance(n, Word | Phrase):
            out.append(n)
        elif isinstance(n, And | Or):
            for item in n.items:
                walk(item)

    walk(node)
    return out
