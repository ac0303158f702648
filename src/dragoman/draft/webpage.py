"""A saved web page's article: its main text and headline taken out of the page by trafilatura
(menus, share buttons, related links and footers left behind), with the page's date, address
and site name when it states them. Should trafilatura find no article, the text of the page's
paragraphs and headings is read with the standard library's HTML parser instead.

Nothing here reaches the network: the page is given. Uses :mod:`dragoman.draft.article`.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from dragoman.draft.article import Article, article_from_text

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _trafilatura(html: str) -> tuple[str | None, dict[str, str]]:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency; the parser below still reads
        return None, {}
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
        meta = trafilatura.extract_metadata(html)
    except Exception:  # a page it chokes on is read by the parser below
        return None, {}
    found: dict[str, str] = {}
    if meta is not None:
        for field, name in (("title", "title"), ("date", "published"), ("url", "url")):
            value = getattr(meta, field, None)
            if isinstance(value, str) and value.strip():
                found[name] = value.strip()
        site = getattr(meta, "sitename", None)
        if isinstance(site, str) and site.strip():
            found["publisher"] = site.strip()
    if "published" in found and not _DATE.fullmatch(found["published"]):
        del found["published"]
    if "url" in found and not found["url"].startswith(("http://", "https://")):
        del found["url"]
    return (text if isinstance(text, str) and text.strip() else None), found


class _Paragraphs(HTMLParser):
    """The text of a page's headings, paragraphs and list items, outside navigation."""

    _SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "button"}
    _BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.title = ""
        self.in_title = False
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in self._BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skipping:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def article_from_html(html: str) -> Article:
    """The article of a saved web page."""
    text, meta = _trafilatura(html)
    parser = _Paragraphs()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # the standard parser is lenient; this is the last net
        pass
    if text is None:
        text = "\n".join(parser.blocks)
    title = meta.pop("title", None) or " ".join(parser.title.split()) or None
    article = article_from_text(text, title=title, title_note="the page's title")
    article.meta = meta
    article.kind = "html"
    return article
