"""A draft briefing from an article: the recognisers run in order over its sentences, and
what they find is put together as a :class:`Draft`, written out by :meth:`Draft.yaml`.

The calls for the command line, the app and the benchmark:

- :func:`draft_file` (``path``, a loaded ``Library`` or None, options): a draft of a file;
- :func:`draft_text` (the article's text): the same for text in hand;
- :func:`draft_article` (an :class:`Article` and a :class:`Gazetteer` built once with
  :meth:`Gazetteer.from_library`): the drafting itself, for many articles over one library;
- :func:`draft_yaml`: the draft as a briefing file, every guess commented.

Uses every module of :mod:`dragoman.draft` and the briefings' template for the id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.template import briefing_id
from dragoman.draft.article import Article, ArticleError, article_from_text
from dragoman.draft.dates import RELATIVE, explicit_dates, parse_published, relative_date
from dragoman.draft.emit import emit
from dragoman.draft.events import Events
from dragoman.draft.found import Draft, Guess, clip, where
from dragoman.draft.gazetteer import Gazetteer
from dragoman.draft.organizations import Organizations
from dragoman.draft.people import People
from dragoman.draft.proposals import Proposals
from dragoman.draft.reading import read_article
from dragoman.draft.tokens import Sentence, sentences
from dragoman.library.library import Library

__all__ = [
    "Draft",
    "OptionError",
    "Options",
    "check_size",
    "draft_article",
    "draft_file",
    "draft_text",
    "draft_yaml",
    "options_for",
]


@dataclass(frozen=True, slots=True)
class Options:
    """What the analyst says of the article: its source, and a year to fall back on when
    neither the article nor ``published`` gives one (the file's; else this year)."""

    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    fallback_year: int | None = None
    name: str = "the article"  # how the header names it (the file's name)


class OptionError(ValueError):
    """An option of the article not understood: ``field`` is ``published`` or ``url``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_size(article: Article, name: str, most: int | None = None) -> None:
    """Raise :class:`ArticleError` when the article's text alone is over the size limit of a
    briefing file (``most``; the limit in force by default): its briefing would be refused."""
    from dragoman.briefings.loader import LoadLimits

    most = LoadLimits.from_env().max_file_size if most is None else most
    size = len(article.text.encode("utf-8"))
    if size > most:
        raise ArticleError(
            f"{name}: its text ({size:,} bytes) is over the {most:,}-byte limit of a briefing "
            "file; draft the part of the article you need, or raise --max-file-size"
        )


def options_for(
    path: Path, publisher: str | None, url: str | None, published: str | None
) -> Options:
    """The options of an article file as the analyst gives them (the command line's, the
    app's dialog): empty values are none. Raises :class:`OptionError` with a message for the
    analyst when ``published`` is not a date or ``url`` not a web address."""
    publisher, url, published = (v.strip() if v else None for v in (publisher, url, published))
    if published:
        try:
            PartialDate.parse(published)
        except ValueError as exc:
            raise OptionError("published", f"the published date {exc}") from None
    if url and not url.startswith(("http://", "https://")):
        raise OptionError(
            "url", f"{url!r} is not a web address: give one starting with https:// or http://"
        )
    try:
        year: int | None = dt.datetime.fromtimestamp(path.stat().st_mtime).year
    except (OSError, ValueError, OverflowError):
        year = None
    return Options(publisher or None, url or None, published or None, year, path.name)


def _date(
    article: Article, found: list[Sentence], options: Options, published: PartialDate | None
) -> Guess:
    heads = [s for s in found if s.paragraph == 0]
    lead = [article.title or "", *(s.text for s in heads)]
    for text in lead:
        dates = explicit_dates(text, published)
        if dates:
            return Guess(str(dates[0].date), where(dates[0].words, 0))
    for s in found:
        if s.text.lstrip("*-• ").startswith("Also "):
            dates = explicit_dates(s.text, published)
            if dates:
                return Guess(str(dates[0].date), where(dates[0].words, s.paragraph))
    relative = next((RELATIVE.search(t) for t in lead if RELATIVE.search(t)), None)
    if published is not None:
        if relative is not None:
            day = relative_date(published)
            unit = "month" if published.month else "year"
            return Guess(str(day), f'"{relative.group()}": the {unit} of --published, no day')
        month = PartialDate(published.year, published.month)
        return Guess(str(month), "the month of --published: the article gives no date")
    year = options.fallback_year or dt.date.today().year
    return Guess(str(year), "no date in the article and no --published: check it")


def draft_article(article: Article, gazetteer: Gazetteer, options: Options | None = None) -> Draft:
    """Draft a briefing from an article, with what the library knows."""
    options = options or Options()
    found = sentences(article)
    published = parse_published(options.published or article.meta.get("published"))
    date = _date(article, found, options, published)
    orgs = Organizations(gazetteer)
    orgs.read(found)
    people = People(gazetteer)
    people.read(found)
    events = Events(
        article, found, people.mentions, people.people, orgs, gazetteer, date, published
    )
    events.read()
    for person in people.people.values():
        orgs.for_role(person, found)
        org = orgs.orgs.get(person.text("organization") or "")
        if org is not None and "country" not in person.fields and org.text("country"):
            person.set("country", org.text("country") or "", "the country of their organization")
    taken = dict(gazetteer.kinds)
    proposals = Proposals(found, people.mentions, people.people, orgs, events, taken)
    proposals.read()
    main = next(iter(events.events.values()))
    if article.title:
        title = Guess(article.title, article.title_note)
    else:
        place = main.text("place")
        made = (main.text("title") or "") + (f", {place}" if place else "")
        title = Guess(made or clip(article.text, 80), "the main event: the article has no headline")
    bid = briefing_id(str(title.value), str(date.value))
    base, n = bid, 2
    while gazetteer.kinds.get(bid) == "briefing":
        bid, n = f"{base}-{n}", n + 1
    source: dict[str, Guess] = {}
    meta = article.meta
    for name, given in (
        ("publisher", options.publisher),
        ("url", options.url),
        ("published", options.published),
    ):
        if given:
            source[name] = Guess(given)
        elif meta.get(name):
            source[name] = Guess(meta[name], "the web page's metadata")
    for name, value in article.credits.items():
        source[name] = Guess(value, f'"{clip(value, 40)}": the credit line')
    organizations = list(orgs.orgs.values())
    return Draft(
        bid,
        title,
        date,
        article.text,
        source,
        list(people.people.values()),
        organizations,
        list(events.events.values()),
        list(proposals.proposals.values()),
        options.name,
    )


def draft_yaml(draft: Draft) -> str:
    """The draft as the text of a briefing file, every guess commented."""
    return emit(draft)


def draft_text(
    text: str, library: Library | None = None, options: Options | None = None, kind: str = "text"
) -> Draft:
    """Draft a briefing from an article's text (``kind``: ``text`` or ``markdown``)."""
    return draft_article(article_from_text(text, kind), Gazetteer.from_library(library), options)


def draft_file(path: Path, library: Library | None = None, options: Options | None = None) -> Draft:
    """Draft a briefing from an article file (text, Markdown or a saved web page). Raises
    :class:`dragoman.draft.article.ArticleError` for a file it cannot read."""
    article = read_article(path)
    if options is None:
        options = Options(name=path.name)
    return draft_article(article, Gazetteer.from_library(library), options)
