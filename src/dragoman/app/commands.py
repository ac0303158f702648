"""The command palette (ctrl+p): go to any entity by fuzzy name or alias, accents ignored.

Uses the library, and the search (for large libraries) in the palette's thread.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from dragoman.text import clip, fold, printable

if TYPE_CHECKING:
    from dragoman.library.library import Library
    from dragoman.search.index import Index

FUZZY_ALL_UP_TO = 5000  # beyond this many entities, candidates come from the name index


class Browser(Protocol):
    """What the palette needs of the app: its library and index, and going to an id."""

    library: Library | None
    index: Index | None

    def go_to(self, target: str, *, push: bool = True) -> None: ...


class GoToProvider(Provider):
    """Entities and briefings by name, alias or id."""

    @property
    def dragoman(self) -> Browser:
        return self.app  # type: ignore[return-value]

    def _candidates(self, query: str) -> list[tuple[str, str, str, list[str]]]:
        app = self.dragoman
        library = app.library
        if library is None:
            return []
        out: list[tuple[str, str, str, list[str]]] = []
        if len(library.entities) + len(library.briefings) <= FUZZY_ALL_UP_TO or app.index is None:
            for entity in library.entities.values():
                out.append((entity.id, entity.kind, entity.name, entity.items("aliases")))
            for briefing in library.briefings.values():
                out.append((briefing.id, "briefing", briefing.title, []))
            return out
        from dragoman.search.query import QueryError
        from dragoman.search.results import search

        try:
            result = search(
                app.index, query, limit=100, as_you_type=True, snippets=False, suggest=False
            )
        except QueryError:
            return []
        for hit in result.hits:
            found = library.entities.get(hit.id)
            aliases = found.items("aliases") if found else []
            out.append((hit.id, hit.kind, hit.title, aliases))
        return out

    async def search(self, query: str) -> Hits:
        folded = fold(query).casefold()
        if not folded.strip():  # only marks or spaces: nothing to match
            return
        matcher = self.matcher(folded)
        candidates = await asyncio.to_thread(self._candidates, query)
        for id_, kind, name, aliases in candidates:
            best = 0.0
            for label in (name, *aliases, id_):
                best = max(best, matcher.match(fold(label).casefold()))
            if best <= 0:
                continue
            display = Content.assemble(
                Content(printable(clip(name, 200)[0])),
                Content(printable(f"  {kind} · {id_}")).stylize("$text-muted"),
            )
            yield Hit(
                best,
                display,
                partial(self.dragoman.go_to, id_),
                text=printable(name),
                help=f"go to this {kind}",
            )

    async def discover(self) -> Hits:
        library = self.dragoman.library
        if library is None:
            return
        for kind in ("event", "person", "proposal"):
            for entity in library.of_kind(kind)[:5]:
                display = Content.assemble(
                    Content(printable(entity.name)),
                    Content(printable(f"  {kind} · {entity.id}")).stylize("$text-muted"),
                )
                yield DiscoveryHit(
                    display, partial(self.dragoman.go_to, entity.id), text=printable(entity.name)
                )
