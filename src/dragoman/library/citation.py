"""A citation of one entity or briefing, to paste in a report: a first line with its name, kind
and date, then one plain line per briefing it comes from (title, publisher, published date, URL
and the briefing's id and date), oldest first. The same as JSON for ``dragoman cite --json``.

Also the source URLs that ``o`` may open, and the one rule for opening a URL: only ``http`` or
``https`` with a host, no whitespace or control characters; anything else is refused with a
reason.

Plain text only: every piece of user text has its control characters made visible and its
runs of whitespace joined (:func:`dragoman.text.printable`), so nothing pasted carries an escape
sequence or breaks a line. Uses the library and :mod:`dragoman.text`; no Textual.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.text import printable

__all__ = [
    "citation",
    "citation_json",
    "openable",
    "source_briefings",
    "source_urls",
    "url_refusal",
]

SEPARATOR = " · "


def plain(text: object) -> str:
    """User text on one line: control characters shown as escapes, whitespace runs joined."""
    return " ".join(printable(str(text)).split())


def source_briefings(library: Library, item: Entity | Briefing) -> list[Briefing]:
    """The briefings ``item`` comes from, each once, oldest first (a briefing: itself)."""
    if isinstance(item, Briefing):
        return [item]
    found = {i: library.briefings[i] for i in item.briefings if i in library.briefings}
    return sorted(found.values(), key=lambda b: b.sort_key)


def _source_line(number: int, briefing: Briefing) -> str:
    source = briefing.source
    parts = [plain(briefing.title)]
    for key, label in (("publisher", ""), ("author", "by "), ("translator", "translated by ")):
        if source.get(key):
            parts.append(label + plain(source[key]))
    if source.get("published"):
        parts.append(f"published {plain(source['published'])}")
    if source.get("url"):
        parts.append(plain(source["url"]))
    parts.append(f"briefing {plain(briefing.id)} ({plain(briefing.date)})")
    return f"[{number}] " + SEPARATOR.join(parts)


def citation(library: Library, item: Entity | Briefing) -> str:
    """The citation as plain text: the first line names ``item`` (name, kind, date), then one
    line per source briefing, numbered, oldest first. No trailing newline."""
    head = SEPARATOR.join((plain(item.name), item.kind, plain(item.date)))
    lines = [head]
    for number, briefing in enumerate(source_briefings(library, item), 1):
        lines.append(_source_line(number, briefing))
    return "\n".join(lines)


def citation_json(library: Library, item: Entity | Briefing) -> dict[str, Any]:
    """The citation as data: ``id``, ``kind``, ``title``, ``date``, ``sources`` (each with
    ``briefing``, ``title``, ``date``, ``publisher``, ``author``, ``translator``,
    ``published``, ``url``, ``openable``, ``path``; a missing value is null) and ``text``, the
    citation as :func:`citation` writes it. Values are as the briefings give them."""
    sources = []
    for briefing in source_briefings(library, item):
        source = briefing.source
        url = source.get("url")
        sources.append(
            {
                "briefing": briefing.id,
                "title": briefing.title,
                "date": str(briefing.date),
                "publisher": source.get("publisher"),
                "author": source.get("author"),
                "translator": source.get("translator"),
                "published": source.get("published"),
                "url": url,
                "openable": url is not None and url_refusal(url) is None,
                "path": briefing.path,
            }
        )
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.name,
        "date": str(item.date),
        "sources": sources,
        "text": citation(library, item),
    }


def source_urls(library: Library, item: Entity | Briefing) -> list[tuple[str, str]]:
    """(briefing title, URL) of every source briefing that gives a URL, oldest first, each URL
    once. The URLs are as given: :func:`url_refusal` says whether one may be opened."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for briefing in source_briefings(library, item):
        url = briefing.source.get("url")
        if isinstance(url, str) and url and url not in seen:
            seen.add(url)
            out.append((briefing.title, url))
    return out


def url_refusal(url: str) -> str | None:
    """Why ``url`` must not be opened in a browser, or None when it may: only ``http://`` and
    ``https://`` addresses with a host, without whitespace or control characters."""
    if not url:
        return "the URL is empty"
    if any(c.isspace() or not c.isprintable() for c in url):
        return "the URL holds spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (a port that is not a number raises)
    except ValueError as exc:
        return f"the URL cannot be read ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "no scheme"
        return f"only http and https addresses are opened, not {plain(scheme)}"
    if not host:
        return "the URL names no host"
    return None


def openable(url: str) -> bool:
    """Whether ``url`` may be opened in a browser (see :func:`url_refusal`)."""
    return url_refusal(url) is None
