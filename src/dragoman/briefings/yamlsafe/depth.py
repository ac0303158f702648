"""Looking at YAML text apart from libyaml: line and column of an offset, a position kept inside
the file, nesting depth.

libyaml's parser is quadratic on deep nesting and PyYAML's C composer overflows the C stack near
50,000 levels, so the depth is measured here on the raw text first. Uses nothing of dragoman.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text`` (LF, CR and CRLF end lines)."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, offset):
        line += 1
        start = m.end()
    return line, offset - start + 1


def inside(text: str, line: int, column: int) -> tuple[int, int]:
    """``(line, column)`` moved inside ``text``: a parser's position past the last character (a
    file without a final newline, the phantom line after the last break) becomes the end of the
    last line, and a column past the end of its line the end of that line. 1-based."""
    lines = _BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the break that ends the last line opens no line of its own
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
    line = max(line, 1)
    return line, max(1, min(column, len(lines[line - 1]) + 1))


_BRACKETS = re.compile(r"[\[\]{}]")


_LEAD = re.compile(r"(?m)^[ \-]*")


_DASHES = re.compile(r"(?:-[ \t]+)+")


def nesting_depth(text: str, limit: int) -> tuple[int, int]:
    """An upper estimate of the nesting depth of ``text`` and the 1-based line where it peaks.

    Flow depth counts brackets (quoted or not, so it can only over-estimate); block depth
    counts indentation levels and the ``- `` items that open a sequence on one line. The
    scan is linear and stops as soon as ``limit`` is passed.
    """
    flow = 0
    flow_max = 0
    flow_line_at = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            flow += 1
            if flow > flow_max:
                flow_max = flow
                flow_line_at = m.start()
                if flow_max > limit:
                    break
        elif flow:
            flow -= 1
    # Block nesting needs one character of indentation (or a "- ") per level, so the longest
    # run of leading spaces and dashes bounds it; only scan line by line when that is large.
    lead = max((len(s) for s in _LEAD.findall(text)), default=0)
    block_max, block_line = 0, 0
    if 2 * lead + flow_max + 1 > limit:
        block_max, block_line = _block_depth(text, limit)
    if flow_max >= block_max:
        line = position(text, flow_line_at)[0] if flow_max else 1
    else:
        line = block_line
    return flow_max + block_max, line


# A line whose value is block text (``key: |``, ``- >-``): the indicator comes right after the
# dashes and the key, never in the middle of a value ("a - |" is plain text).
_BLOCK_SCALAR = re.compile(
    r"""^(?:[-?][ \t]+)*(?:(?:"[^"]*"|'[^']*'|[^\s#'"\[\]{}][^#]*?)[ \t]*:[ \t]+)?"""
    r"[|>][-+0-9]*[ \t]*(?:#.*)?$"
)


def _block_depth(text: str, limit: int) -> tuple[int, int]:
    stack: list[int] = []
    best, best_line = 0, 1
    scalar_indent = -1  # inside a block scalar (| or >): lines indented deeper are its text
    for number, raw in enumerate(_BREAK.split(text), start=1):
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if scalar_indent >= 0:
            if not stripped.strip() or indent > scalar_indent:
                continue
            scalar_indent = -1
        if not stripped or stripped.startswith("#"):
            continue
        while stack and stack[-1] > indent:
            stack.pop()
        if not stack or stack[-1] < indent:
            stack.append(indent)
        m = _DASHES.match(stripped)
        # each "- " opens a list, and the item after it may open a mapping: two levels
        dashes = m.group().count("-") if m else 0
        depth = len(stack) + 2 * dashes
        if depth > best:
            best, best_line = depth, number
            if best > limit:
                break
        if _BLOCK_SCALAR.search(stripped):
            scalar_indent = indent
    return best, best_line
