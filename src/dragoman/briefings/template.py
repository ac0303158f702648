"""A new briefing, ready to fill: its file name and text from a title and a date.

The text opens with the schema line for editors, has the required fields filled (the title
written as YAML would quote it, so any title reads back as typed) and every optional field and
section as a commented example. What it writes passes ``dragoman check`` with no error.
:class:`TemplateError` says what is wrong with a title, date or id. Uses the format's field
table, dates and :mod:`dragoman.text`.
"""

from __future__ import annotations

import yaml

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import MAX_ID_LENGTH, SLUG_RE
from dragoman.text import slugify

# a file name stays readable: the slug of a long title is cut at a hyphen
_SLUG_LENGTH = 60


class TemplateError(ValueError):
    """A title, date or id a briefing cannot have: ``message`` says what to give instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def briefing_id(title: str, date: str) -> str:
    """The id a new briefing gets: its date, then its title folded to a slug."""
    slug = slugify(title)
    if len(slug) > _SLUG_LENGTH:
        slug = slug[:_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:_SLUG_LENGTH]
    return f"{date}-{slug}" if slug else f"{date}-briefing"


def _checked(title: str, date: str, id_: str | None) -> tuple[str, str, str]:
    title = title.strip()
    if not title:
        raise TemplateError("the title is empty; give the briefing's title")
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in title):
        raise TemplateError("the title holds a control character or a line break; give one line")
    try:
        day = PartialDate.parse(date)
    except ValueError as exc:
        raise TemplateError(f"the date {exc}") from None
    made = id_ if id_ is not None else briefing_id(title, str(day))
    if not SLUG_RE.fullmatch(made) or len(made) > MAX_ID_LENGTH:
        raise TemplateError(
            f"the id {made!r} is not an id: lowercase letters, digits and hyphens, starting with a "
            f"letter or digit, at most {MAX_ID_LENGTH} characters"
        )
    return title, str(day), made


def _scalar(key: str, value: str) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000).rstrip("\n")


_OPTIONAL = """\
# summary: what happened, in your own words
# tags: [maritime-security, hadr]
# source:
#   publisher: who published it
#   url: https://example.org/article
#   published: {date}
#   author: who wrote it
# text: |
#   The source text, kept as written: shown in the app and searched.

# people:
#   - id: hoang-xuan-chien          # the name folded to ASCII, hyphenated
#     name: Hoàng Xuân Chiến
#     aliases: [Hoang Xuan Chien]
#     role: Deputy Minister of National Defence
#     organization: vietnam-mnd
#     country: VN

# organizations:
#   - id: vietnam-mnd
#     name: Ministry of National Defence of Vietnam
#     kind: ministry
#     country: VN

# events:
#   - id: an-event-id
#     title: What the meeting was
#     date: {date}
#     kind: meeting
#     place: Hanoi
#     country: VN
#     chairs: [hoang-xuan-chien]
#     participants: []

# proposals:
#   - id: a-proposal-id
#     title: What was proposed, in a line
#     by: hoang-xuan-chien
#     at: an-event-id
#     areas: [hadr]
#     status: proposed          # proposed, agreed, in-progress, done, stalled or dropped
"""


def new_briefing(title: str, date: str, id_: str | None = None) -> tuple[str, str]:
    """The file name and the text of a new briefing. Raises :class:`TemplateError`."""
    title, day, made = _checked(title, date, id_)
    lines = [
        "# yaml-language-server: $schema=briefing.schema.json",
        "# (write the schema beside it with `dragoman schema > briefing.schema.json`; the format:",
        "# docs/format.md)",
        _scalar("id", made),
        _scalar("title", title),
        f"date: {day}",
        "",
        _OPTIONAL.format(date=day),
    ]
    return f"{made}.yaml", "\n".join(lines)
