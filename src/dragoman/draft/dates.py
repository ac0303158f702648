"""Dates as an article gives them, never more precise than it says.

``November 1, 2025`` and ``1 November 2025`` are days; ``November 1`` is a day when the year of
publication is known (the year before when that would put it after publication); ``on
Tuesday``, ``yesterday``, ``this week`` give the month of publication (the year when only that
is known), never an invented day. Uses the format's partial dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.briefings.dates import PartialDate

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
_MONTH += r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
RELATIVE = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?:yesterday|today|tonight|this week|last week|earlier this week|this month|"
    r"earlier this month|this morning|this afternoon|this evening|last night)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A date found: its value, the words that gave it, and where they start."""

    date: PartialDate
    words: str
    start: int


def parse_published(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text[:10])
    except ValueError:
        return None


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def explicit_dates(text: str, published: PartialDate | None) -> list[Found]:
    """Every calendar date the text states, as precise as it states it."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            try:
                month = _month(groups["month"])
            except (KeyError, ValueError):
                continue
            day = int(groups["day"]) if groups.get("day") else None
            if groups.get("year"):
                year = int(groups["year"])
            elif published is not None:
                year = published.year
                if published.month and (month, day or 1) > (published.month, published.day or 31):
                    year -= 1  # reported after the fact: the year before
            else:
                continue
            try:
                text_date = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
                date = PartialDate.parse(text_date)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            out.append(Found(date, m.group(), m.start()))
    return sorted(out, key=lambda f: f.start)


def relative_date(published: PartialDate | None) -> PartialDate | None:
    """What ``on Tuesday`` may be written as: the month of publication, else its year."""
    if published is None:
        return None
    return PartialDate(published.year, published.month)
