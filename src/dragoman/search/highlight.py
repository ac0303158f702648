"""Marking matched words in text and cutting snippets: what the lists, the detail pane and the
command line highlight. Pure text work: it reads no index.

Uses the word pattern and folding of :mod:`dragoman.search.analysis`.
"""

from __future__ import annotations

from collections.abc import Callable

from dragoman.search.analysis import WORD_RE, fold_term

Segment = tuple[str, bool]  # (text, matched)
SNIPPET_CHARS = 180


def _matcher(terms: frozenset[str]) -> Callable[[str], bool]:
    """Whether a word of the text matches ``terms``: its folded form is one of them, or starts
    with one of three letters or more (a stem or a prefix: "meet" marks "meetings")."""
    starts = tuple(t for t in terms if len(t) >= 3)

    def matches(token: str) -> bool:
        folded = fold_term(token)
        return folded in terms or (bool(starts) and folded.startswith(starts))

    return matches


def mark(text: str, terms: frozenset[str]) -> list[Segment]:
    """``text`` cut into segments, the words matching ``terms`` marked."""
    if not terms:
        return [(text, False)] if text else []
    matches = _matcher(terms)
    out: list[Segment] = []
    index = 0
    for m in WORD_RE.finditer(text):
        if matches(m.group()):
            if m.start() > index:
                out.append((text[index : m.start()], False))
            out.append((m.group(), True))
            index = m.end()
    if index < len(text):
        out.append((text[index:], False))
    return out


def _match_starts(text: str, terms: frozenset[str]) -> list[int]:
    """Where the words matching ``terms`` start (words as the index cuts them)."""
    matches = _matcher(terms)
    return [m.start() for m in WORD_RE.finditer(text) if matches(m.group())]


def snippet(text: str, terms: frozenset[str], width: int = SNIPPET_CHARS) -> list[Segment]:
    """A window of about ``width`` characters of ``text`` around its best match."""
    flat = " ".join(text.split())
    if not flat:
        return []
    best_start = 0
    if terms:
        positions = _match_starts(flat, terms)
        if positions:
            # the window holding the most matches (positions are sorted: slide over them)
            best, best_count, right = positions[0], 0, 0
            for left, p in enumerate(positions):
                while right < len(positions) and positions[right] < p + width * 2 // 3:
                    right += 1
                if right - left > best_count:
                    best, best_count = p, right - left
            best_start = max(0, best - width // 4)
    if best_start:
        space = flat.find(" ", best_start)
        best_start = space + 1 if 0 <= space < best_start + 20 else best_start
    end = min(len(flat), best_start + width)
    if end < len(flat):
        space = flat.rfind(" ", best_start, end)
        end = space if space > best_start + width // 2 else end
    window = flat[best_start:end]
    segments = mark(window, terms)
    if best_start > 0:
        segments.insert(0, ("…", False))
    if end < len(flat):
        segments.append(("…", False))
    return segments
