"""Dates of partial precision (``2025``, ``2025-11``, ``2025-11-01``) and their order.

A less precise date sorts before every date inside it. Uses nothing of dragoman.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date to the precision the source supports: ``2024``, ``2024-10`` or ``2024-10-01``."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``ValueError`` says what is wrong."""
        m = DATE_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if year < 1:
            raise ValueError(f"{text!r}: there is no year 0000; write a year from 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: the month must be 01 to 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"{text!r}: {calendar.month_name[month]} {year} has days 01 to {last:02d}"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key: a less precise date sorts before every more precise date inside it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def last_key(self) -> tuple[int, int, int]:
        """The key of the last day this date covers (2024-10 covers up to 2024-10-31)."""
        if self.month is None:
            return (self.year, 12, 31)
        if self.day is None:
            return (self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return self.key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.key < other.key

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
