"""Reading an article file: its type by its name and first bytes (plain text, Markdown, a saved
web page), and one clear :class:`ArticleError` for anything that cannot be read (missing,
a folder, empty, binary, not UTF-8, too large, a document type it does not read).

Uses the article and the web page reader.
"""

from __future__ import annotations

from pathlib import Path

from dragoman.briefings.loader import NotRegularFileError, read_regular_file
from dragoman.draft.article import Article, ArticleError, article_from_text
from dragoman.draft.webpage import article_from_html
from dragoman.text import clip

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text", "")
_BINARY_MAGIC: tuple[bytes, ...] = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
_BINARY_MAGIC += (b"{\\rtf", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")


# a page's text holds an article when one of its lines has this many words at least
_LEAST_WORDS = 6


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(
            f"{name} is not UTF-8 text; save the article as UTF-8 text (.txt), Markdown (.md) "
            "or a web page (.html)"
        ) from None


def article_from_bytes(data: bytes, name: str) -> Article:
    """An article from a file's bytes; ``name`` (the file's name) gives its type and names it
    in messages. Raises :class:`ArticleError`."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{name} is {len(data):,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit of an "
            "article; save only the article's text"
        )
    head = data[:4096]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if head.startswith(_BINARY_MAGIC) or (b"\x00" in head and not utf16):
        printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head) / max(1, len(head))
        what = (
            "holds NUL bytes, which text never does"
            if printable > 0.9 and not head.startswith(_BINARY_MAGIC)
            else "is not text (a PDF, a document or an image?)"
        )
        raise ArticleError(
            f"{name} {what}; save the article as text (.txt), Markdown (.md) or a web page (.html)"
        )
    if suffix in (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages", ".png", ".jpg"):
        raise ArticleError(
            f"{name}: a {suffix} file is not read; save the article as text (.txt), "
            "Markdown (.md) or a web page (.html)"
        )
    text = _decode(data, name)
    sniffed = text.lstrip()[:200].lower()
    page = suffix in HTML_SUFFIXES or sniffed.startswith(("<!doctype html", "<html"))
    if page:
        article = article_from_html(text)
    elif suffix in MARKDOWN_SUFFIXES:
        article = article_from_text(text, "markdown")
    else:
        article = article_from_text(text)
    if not article.text.strip():
        raise ArticleError(
            f"{name} holds no article text; give the article as text, Markdown or a saved web page"
        )
    if page and not any(len(line.split()) >= _LEAST_WORDS for line in article.text.splitlines()):
        raise ArticleError(  # a menu, a cookie banner: what is left of a page with no article
            f"{name} holds no article, only a few words ({clip(article.text, 60)[0]!r}); save "
            "the page of the article itself, or its text"
        )
    return article


def read_article(path: Path) -> Article:
    """Read an article file. Raises :class:`ArticleError` with a message naming it."""
    name = str(path)
    try:
        if not path.exists():
            raise ArticleError(f"{name} does not exist; give the path of an article file")
        if path.is_dir():
            raise ArticleError(f"{name} is a folder; give the path of an article file")
        # never blocks on a FIFO or a device, never reads past the limit (/dev/zero)
        data, _ = read_regular_file(path, MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{name} is over the {MAX_ARTICLE_BYTES:,}-byte limit of an article; "
                "save only the article's text"
            )
    except NotRegularFileError:
        raise ArticleError(
            f"{name} is not a regular file (a device, a pipe or a socket); give an article file"
        ) from None
    except OSError as exc:
        raise ArticleError(f"cannot read {name}: {exc.strerror or exc}") from None
    if not data.strip():
        raise ArticleError(f"{name} is empty; give a file holding the article")
    return article_from_bytes(data, name)
