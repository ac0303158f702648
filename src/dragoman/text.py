"""Small text helpers shared by every stage and both faces: Unicode folding, slugs, safe display
of user text, counted nouns.

Uses nothing of dragoman.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["count", "fold", "printable", "slugify"]

# Letters that NFKD does not split into a base letter and a mark.
_SPECIAL = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "‘": "'",
        "’": "'",
        "ʼ": "'",
    }
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Accents and compatibility forms removed: ``Hoàng Xuân Chiến`` -> ``Hoang Xuan Chien``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """The id a name gives: folded to ASCII, lowercased, hyphenated, in the same word order."""
    ascii_only = fold(text).lower().encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_only).strip("-")


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control or format character shown as an escape (``\\x1b``).

    Nothing that a terminal would act on (ESC, CSI, OSC, BEL, NUL, C1 controls, bidi overrides)
    survives; tabs become spaces; newlines are kept only when asked.
    """
    out: list[str] = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char == "\t":
            out.append("    ")
        elif char.isprintable() or unicodedata.category(char) == "Zs":
            out.append(char)
        else:
            out.append(_visible(char))
    return "".join(out)


def clip(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to at most ``limit`` characters, and how many were cut: a name or a field
    of megabytes is shown in part, so that drawing it never holds up the screen."""
    if len(text) <= limit:
        return text, 0
    return text[:limit], len(text) - limit


def count(n: int, one: str, many: str | None = None) -> str:
    """``n`` and its noun, singular or plural: ``1 warning``, ``2 warnings``, ``1,200 entities``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
