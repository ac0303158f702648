"""An article as the draft reads it: its text cleaned of a page's clutter (layout markers,
photo captions, share buttons, credit lines), its headline, and its paragraphs.

:func:`article_from_text` reads plain text or Markdown; :class:`ArticleError` is what a file
that cannot be read raises (:mod:`dragoman.draft.reading`). Uses nothing of dragoman.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class ArticleError(ValueError):
    """An article that cannot be read: ``message`` names the file and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Article:
    """The cleaned text of an article, its paragraphs as spans of it, and what was set aside."""

    text: str
    paragraphs: list[tuple[int, int]]
    headings: set[int] = field(default_factory=set)  # indices of paragraphs that are headings
    title: str | None = None
    title_note: str = ""
    captions: list[str] = field(default_factory=list)
    credits: dict[str, str] = field(default_factory=dict)  # translator, author
    meta: dict[str, str] = field(default_factory=dict)  # a web page's published, url, publisher
    kind: str = "text"

    def paragraph(self, index: int) -> str:
        start, end = self.paragraphs[index]
        return self.text[start:end]


# -- cleaning ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029\x0b\x0c]")
_LAYOUT_MARKER = re.compile(r"(?:left|center|centre|right|del|top|bottom|middle|full|justify)+")
_CLUTTER = re.compile(
    r"(?:share|share this|share on \w+|tweet|print|email|e-mail|facebook|twitter|x|whatsapp|"
    r"linkedin|telegram|zalo|pinterest|reddit|copy link|read more|read also|see also|related|"
    r"related articles|related news|related posts|advertisement|comments?|back to top|"
    r"subscribe|follow us|menu|home|search|next|previous|print this page|font size|[|•·]+)"
    r"\s*[:|]?\s*",
    re.I,
)
_CAPTION = re.compile(r"(?:photo|photos|image|picture|video|file photo|caption)\s*[:：/|-]", re.I)
_CREDIT = re.compile(
    r"(?P<what>translated|reported|written|edited|compiled|reporting|editing|writing)"
    r"(?:\s+and\s+\w+)?\s+by\s*:?\s+(?P<who>[^\W\d_][^\n]{1,60})",
    re.I,
)
_BYLINE = re.compile(r"by\s+(?P<who>[A-Z][\w.'’ -]{1,50})")
_WORDS = re.compile(r"\S+")


def _clean_lines(text: str) -> list[str]:
    text = _BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text.replace("\t", " "))
    return [line.strip() for line in text.split("\n")]


def _set_aside(lines: list[str], article: Article) -> list[str]:
    """The lines that are the article: layout markers and the captions after them, share
    buttons and photo credits removed; credit lines kept as credits."""
    kept: list[str] = []
    caption_next = False
    for line in lines:
        if not line:
            kept.append(line)
            continue
        words = _WORDS.findall(line)
        if _LAYOUT_MARKER.fullmatch(line.lower()):
            caption_next = True
            continue
        if caption_next and len(words) <= 30:
            article.captions.append(line)
            caption_next = False
            continue
        caption_next = False
        if _CLUTTER.fullmatch(line) or _CAPTION.match(line):
            continue
        credit = _CREDIT.fullmatch(line.strip("()[] ")) if len(words) <= 12 else None
        if credit:
            role = "translator" if credit["what"].lower().startswith("translat") else "author"
            who = re.split(r";|\s+and\s+", credit["who"])[0]
            article.credits.setdefault(role, who.strip().rstrip("."))
            continue
        byline = _BYLINE.fullmatch(line) if len(words) <= 6 else None
        if byline and not kept:
            article.credits.setdefault("author", byline["who"].strip())
            continue
        kept.append(line)
    return kept


_END = re.compile(r"[.!?:;…\"”’')\]]$")


def _is_heading(line: str) -> bool:
    words = _WORDS.findall(line)
    return 0 < len(words) <= 14 and not _END.search(line) and line[:1].isupper()


def _assemble(lines: list[str], article: Article) -> None:
    """The text and its paragraphs: blocks between blank lines when the article has blank
    lines, else each line."""
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    blocks: list[list[str]] = []
    if "" in lines:
        current: list[str] = []
        for line in lines:
            if line:
                current.append(line)
            elif current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
    else:
        blocks = [[line] for line in lines]
    parts: list[str] = []
    offset = 0
    separator = "\n\n" if "" in lines else "\n"
    for number, block in enumerate(blocks):
        chunk = "\n".join(block)
        if number:
            offset += len(separator)
        article.paragraphs.append((offset, offset + len(chunk)))
        if len(block) == 1 and _is_heading(chunk):
            article.headings.add(number)
        parts.append(chunk)
        offset += len(chunk)
    article.text = separator.join(parts)


def _take_headline(lines: list[str], article: Article) -> list[str]:
    """A first line shaped like a headline (short, no full stop, more text after) is the
    title, not text."""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None or article.title:
        return lines
    line = lines[first]
    rest = [x for x in lines[first + 1 :] if x]
    if rest and len(_WORDS.findall(line)) <= 24 and not re.search(r"[.!?]$", line):
        article.title = line.strip(" *_#")
        article.title_note = "the headline"
        return lines[first + 1 :]
    return lines


def article_from_text(
    text: str, kind: str = "text", *, title: str | None = None, title_note: str = ""
) -> Article:
    """An article from its text (``kind``: ``text`` or ``markdown``); a ``title`` known
    already (a web page's) is the headline, and a first line repeating it is dropped."""
    article = Article("", [], kind=kind)
    lines = _clean_lines(text)
    if kind == "markdown":
        lines = _markdown(lines, article)
    lines = _set_aside(lines, article)
    if title and title.strip():
        article.title, article.title_note = " ".join(title.split()), title_note
        first = next((i for i, line in enumerate(lines) if line), None)
        if first is not None and " ".join(lines[first].split()) in article.title:
            lines = lines[first + 1 :]
    lines = _take_headline(lines, article)
    _assemble(lines, article)
    return article


_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S))(.+?)\1")


def _markdown(lines: list[str], article: Article) -> list[str]:
    out: list[str] = []
    for line in lines:
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
        line = _MD_EMPHASIS.sub(r"\2", line)
        heading = _MD_HEADING.fullmatch(line)
        if heading:
            if len(heading[1]) == 1 and article.title is None:
                article.title, article.title_note = heading[2], "the # heading"
                continue
            line = heading[2]
        if line.startswith(">"):
            line = line.lstrip("> ")
        if re.fullmatch(r"[-*_=]{3,}", line):
            line = ""
        out.append(line)
    return out
