"""A draft written as a briefing file, by hand: PyYAML cannot write comments, and every guess
carries one. Any string is written so that it reads back as itself: plain when nothing in it
could be read otherwise, else double-quoted with escapes; the text as a literal block.

Uses the draft's data (:mod:`dragoman.draft.found`).
"""

from __future__ import annotations

import re

from dragoman.draft.found import Draft, Entity, Guess

FIELDS = {
    "person": ("id", "name", "aliases", "rank", "role", "organization", "country"),
    "organization": ("id", "name", "aliases", "kind", "country", "part_of"),
    "event": (
        "id",
        "title",
        "date",
        "kind",
        "place",
        "country",
        "part_of",
        "organizations",
        "chairs",
        "participants",
    ),
    "proposal": ("id", "title", "by", "at", "to", "status", "quote"),
}
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\n]*")
_SPECIAL_WORDS = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n", ""}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}


def _printable(char: str) -> bool:
    code = ord(char)
    if char in "\t":
        return True
    if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return False
    return char not in "\u2028\u2029\ufeff\ufffe\uffff"


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif not _printable(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``."""
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _SPECIAL_WORDS
        and all(_printable(c) and c != "\t" for c in text)
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else _quoted(text)


def comment(note: str | None) -> str:
    if not note:
        return ""
    one = " ".join("".join(c if _printable(c) else " " for c in note).split())
    return f"  # {one}"


def _value(value: str | list[str]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return scalar(value)


def _entity(entity: Entity) -> list[str]:
    lines = []
    known = "  # in the library: its id kept" if entity.known else ""
    lines.append(f"  - id: {scalar(entity.id)}{known}")
    for name in FIELDS[entity.kind][1:]:
        guess = entity.fields.get(name)
        if guess is None or not guess.value:
            continue
        lines.append(f"    {name}: {_value(guess.value)}{comment(guess.note)}")
    return lines


def _field(name: str, guess: Guess, indent: str = "") -> str:
    return f"{indent}{name}: {_value(guess.value)}{comment(guess.note)}"


def emit(draft: Draft) -> str:
    """The draft as the text of a briefing file."""
    lines = [
        f"# A draft briefing, made by `dragoman draft` from {scalar(draft.name)}.",
        "# Each value with a comment was guessed from the article: check it against the text,",
        "# correct it, then delete the comment. What the draft could not tell is left out.",
        f"id: {scalar(draft.id)}",
        _field("title", draft.title),
        _field("date", draft.date),
    ]
    if draft.source:
        lines.append("source:")
        lines += [_field(name, guess, "  ") for name, guess in draft.source.items()]
    if draft.text.strip():
        lines.append("text: |")
        lines += [f"  {line}" if line else "" for line in draft.text.split("\n")]
    for section, entities in (
        ("people", draft.people),
        ("organizations", draft.organizations),
        ("events", draft.events),
        ("proposals", draft.proposals),
    ):
        if entities:
            lines += ["", f"{section}:"]
            for entity in entities:
                lines += _entity(entity)
    return "\n".join(lines) + "\n"
