"""Any text, through every display path of the app, is drawn literally: markup is shown as
typed and does nothing, control characters are shown as escapes (``\\x1b``) and never reach the
terminal, and nothing raises.

Three layers: the builders of what is drawn (many Hypothesis examples, no app), one app kept
running across examples (lists, breadcrumb, status line, notifications, problems), and a fresh
app per example on a folder of briefings made of the drawn text (every screen, read cell by
cell from Textual's compositor, which is what the terminal is sent).
"""

from __future__ import annotations

import asyncio
import tempfile
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar, cast

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.widgets._toast import Toast

from app_fixtures import SIZE, detail, pane, search_for, settle, wait_until
from dragoman.app import DragomanApp
from dragoman.app.breadcrumb import Breadcrumb, fit_trail
from dragoman.app.commands import GoToProvider
from dragoman.app.detail import briefing_options, entity_options, highlighted
from dragoman.app.keys import load_keymap
from dragoman.app.messages import SearchFailed
from dragoman.app.screens.help import HelpScreen
from dragoman.app.screens.problems import ProblemsScreen
from dragoman.app.widgets import EntityList, Row, plain
from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.fields import ENTITY_FIELDS, LINK_FIELDS, NAME_FIELD
from dragoman.briefings.loader import parse_briefing_bytes
from dragoman.library.library import Library
from dragoman.library.model import Briefing, Entity
from dragoman.search.panes import search_panes
from dragoman.search.query import QueryError
from dragoman.text import fold, printable
from hostile_fixtures import (
    EVERY_PAYLOAD,
    HOSTILE_IDS,
    MARKER,
    PAYLOADS,
    RAW_FILE,
    AppSession,
    app_session,
    bad_characters,
    content_problems,
    hostile_files,
    hostile_text,
    region_lines,
    region_text,
    screen_problems,
    scrolled_lines,
    shown,
    squeeze,
    write_hostile_folder,
)

F = TypeVar("F", bound=Callable[..., None])

PURE = settings(max_examples=150, deadline=None, derandomize=True, database=None)
IN_APP = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
STYLES = st.sampled_from(["", "bold", "$text-muted", "bold $text-warning"])
TERMS = st.frozensets(
    st.one_of(
        st.sampled_from(["pwned", "click", "title", "link", MARKER, "older"]),
        st.text(alphabet="abcdefpwnd[]\\é", min_size=1, max_size=5),
    ),
    max_size=3,
)
EVERY_ONE = [*PAYLOADS.values(), EVERY_PAYLOAD]


def payload_examples(name: str, **fixed: Any) -> Callable[[F], F]:
    """One explicit example per payload (and all of them at once) for the argument ``name``."""

    def decorate(test: F) -> F:
        for payload in EVERY_ONE:
            test = example(**{name: payload}, **fixed)(test)
        return test

    return decorate


def literal(text: str) -> bool:
    """Text that is drawn as it is: nothing in it needs an escape."""
    return all(c.isprintable() or unicodedata.category(c) == "Zs" for c in text)


# -- 1. the builders of what is drawn ----------------------------------------------------------


@PURE
@payload_examples("text", style="bold")
@given(text=hostile_text(max_size=30), style=STYLES)
def test_plain_draws_any_text_literally(text: str, style: str) -> None:
    content = plain(text, style)
    assert content.plain == printable(text)
    assert content_problems(content) == []
    if literal(text):
        assert content.plain == text  # brackets, backslashes and dollars kept as typed


@PURE
@payload_examples("text", terms=frozenset({"pwned", "click"}))
@given(text=hostile_text(max_size=30), terms=TERMS)
def test_highlighted_search_terms_never_change_the_text(text: str, terms: frozenset[str]) -> None:
    content = highlighted(text, terms, "bold")
    assert content.plain == printable(text)
    assert content_problems(content) == []


def library_of(text: str) -> Library:
    return Library.build(
        parse_briefing_bytes(name, data) for name, data in hostile_files(text).items()
    )


def _joined(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def expected_in_entity(library: Library, entity: Entity) -> list[str]:
    """What the detail of ``entity`` must show: its name, every field, every link's name and
    every briefing's title."""
    links = {spec.name for spec in LINK_FIELDS[entity.kind]}
    wanted = [entity.name]
    for spec in ENTITY_FIELDS[entity.kind]:
        value = entity.values.get(spec.name)
        if value is not None and spec.name not in links and spec.name != NAME_FIELD[entity.kind]:
            wanted.append(_joined(value))
    for _, target, linked in library.linked(entity):
        wanted.append(linked.name if linked is not None else target)
    for briefing, _ in entity.declarations:
        wanted += [briefing.title, f"{briefing.path}:{briefing.line}"]
    return wanted


def expected_in_briefing(library: Library, briefing: Briefing) -> list[str]:
    wanted = [briefing.title, briefing.path]
    for key in ("summary", "tags"):
        if key in briefing.values:
            wanted.append(_joined(briefing.values[key]))
    wanted += list(briefing.source.values())
    text = briefing.text("text") or ""
    wanted += [paragraph for paragraph in text.split("\n") if paragraph.strip()]
    for kind, id_ in briefing.declares:
        entity = library.entities.get(id_)
        if entity is not None and entity.kind == kind:
            wanted.append(entity.name)
    return wanted


def check_options(prompts: list[Content], wanted: list[str]) -> None:
    for prompt in prompts:
        assert content_problems(prompt) == [], prompt.plain
    text = "\n".join(prompt.plain for prompt in prompts)
    for value in wanted:
        assert printable(value) in text, (value, text)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@payload_examples("text", terms=frozenset({"pwned", MARKER}))
@given(text=hostile_text(min_size=1, max_size=10), terms=TERMS)
def test_the_detail_of_any_entity_or_briefing_is_drawn_literally(
    text: str, terms: frozenset[str]
) -> None:
    library = library_of(text)
    assert "2025-01-01-hostile" in library.briefings, library.diagnostics
    assert set(library.entities) == {"mallory", "pwned-org", "pwned-summit", "pwned-plan"}
    for entity in library.entities.values():
        options = entity_options(library, entity, terms)
        check_options(
            [cast(Content, o.prompt) for o in options], expected_in_entity(library, entity)
        )
    for briefing in library.briefings.values():
        options = briefing_options(library, briefing, terms)
        check_options(
            [cast(Content, o.prompt) for o in options], expected_in_briefing(library, briefing)
        )
    mallory = library.entities["mallory"]
    assert mallory.history("role"), "the older briefing gives the role a history"


VISIBLE_FORMS = [
    "[@click=app.quit]PWNED-click[/]",
    "[link=https://pwned.example/PWNED-link]PWNED-link[/link]",
    "[/foo] PWNED-close [/] [/bold]",
    "[$var] PWNED-var [$text-error]x[/]",
    "[bold]PWNED-backslash\\",
    "\\[bold]PWNED-escaped\\\\",
    "\\x1b[2J\\x1b[31mPWNED-csi\\x1b[0m",
    "\\x1b]52;c;UFdORUQtY2xpcA==\\x07",
    "\\x1b]0;PWNED-title\\x07",
    "\\x1b]2;PWNED-title2\\x1b\\",
    "\\x1b]8;;https://pwned.example/PWNED-osc8\\x1b\\PWNED-osc8\\x1b]8;;\\x1b\\",
    "\\x9b2J\\x9b31mPWNED-c1",
    "PWNED-nul\\x00",
    "PWNED-bel\\x07",
    "PWNED-\\u202ebidi\\u2066",
    "PWNED\\x0d\\x0abreaks\\x0bvt\\x0cff\\x85nel\\u2028ls",
]


def test_every_payload_is_shown_in_its_escaped_form() -> None:
    """Written out by hand, not through printable(): what a reader sees for each payload."""
    assert len(VISIBLE_FORMS) == len(PAYLOADS)
    library = library_of(EVERY_PAYLOAD)
    summary = entity_options(library, library.entities["mallory"], frozenset())
    text = "\n".join(cast(Content, option.prompt).plain for option in summary)
    for visible in VISIBLE_FORMS:
        assert visible in text, visible
    assert bad_characters(text.replace("\n", "")) == []


AnyHit = Hit | DiscoveryHit


async def _collect(hits: AsyncIterator[AnyHit]) -> list[AnyHit]:
    return [hit async for hit in hits]


def palette_hits(library: Library, query: str) -> tuple[list[AnyHit], list[AnyHit]]:
    """What the palette gets from the provider for ``query`` typed, and for nothing typed."""
    app = SimpleNamespace(library=library, index=None, go_to=lambda target: None)
    provider = GoToProvider(cast(Any, SimpleNamespace(app=app)))
    typed = query.strip()  # as the palette does; an empty query is a discovery
    found = asyncio.run(_collect(provider.search(typed))) if typed else []
    discovered = asyncio.run(_collect(provider.discover()))
    return found, discovered


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@payload_examples("text", query=MARKER)
@given(
    text=hostile_text(min_size=1, max_size=10),
    query=st.one_of(st.sampled_from([MARKER, "pwned", "mallory", "x"]), hostile_text(max_size=3)),
)
def test_palette_entries_are_drawn_literally(text: str, query: str) -> None:
    assume(fold(query).strip())  # see test_a_palette_query_of_combining_marks_only_...
    library = library_of(text)
    found, discovered = palette_hits(library, query)
    for hit in [*found, *discovered]:
        prompt = hit.prompt
        assert isinstance(prompt, Content)  # never a string, which the palette reads as markup
        assert Content.from_markup(prompt) is prompt  # what the palette does with a hit
        assert content_problems(prompt) == []
        assert hit.text is not None and bad_characters(hit.text) == []
        if hit.help:
            assert content_problems(Content.from_markup(hit.help)) == []
    names = {cast(Content, hit.prompt).plain for hit in [*found, *discovered]}
    for id_ in ("mallory", "pwned-summit", "pwned-plan"):
        entity = library.entities[id_]
        line = f"{printable(entity.name)}{printable(f'  {entity.kind} · {id_}')}"
        assert line in names  # discovered: the first people, events and proposals
    if query == MARKER:
        assert {hit.text for hit in found} >= {printable(library.entities["mallory"].name)}


def test_a_palette_query_of_combining_marks_only_raises_nothing() -> None:
    found, _ = palette_hits(library_of("Mallory"), "\u0301")
    assert found == []


# -- 2. one app kept running across examples ---------------------------------------------------


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Cache and config folders for the module; the config folder's name is hostile too."""
    base = tmp_path_factory.mktemp("hostile-home")
    cache = base / "cache"
    config = base / f"config {PAYLOADS['osc0']}"
    cache.mkdir(mode=0o700)
    config.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAGOMAN_CACHE_DIR", str(cache))
        patch.setenv("DRAGOMAN_CONFIG_DIR", str(config))
        patch.delenv("DRAGOMAN_BRIEFINGS", raising=False)
        patch.delenv("DRAGOMAN_MAX_FILE_SIZE", raising=False)
        yield {"cache": cache, "config": config, "base": base}


@pytest.fixture(scope="module")
def session(hostile_home: dict[str, Path]) -> Iterator[AppSession]:
    folder = write_hostile_folder(hostile_home["base"] / f"briefings {PAYLOADS['osc52']}")
    with app_session(folder) as running:
        yield running


def test_the_hostile_folder_opens_with_nothing_raw_on_the_screen(session: AppSession) -> None:
    app = session.app
    assert screen_problems(app) == []
    status = region_text(app, app.query_one("#status").region)
    assert "briefings \\x1b]52;c;UFdORUQtY2xpcA==\\x07" in status  # the folder's name
    assert "2 briefings · 4 entities" in status
    for kind in ("event", "person", "proposal", "organization"):
        assert len(pane(app, kind).rows) == 1
    session.check_alive()


@IN_APP
@example(title=EVERY_PAYLOAD, extra="", date="2025")
@example(title="x" * 200, extra=EVERY_PAYLOAD, date="\x1b]0;PWNED\x07")
@example(title=PAYLOADS["click"], extra=PAYLOADS["c1-csi"], date=PAYLOADS["nul"])
@given(
    title=hostile_text(max_size=10), extra=hostile_text(max_size=4), date=hostile_text(max_size=2)
)
def test_any_row_of_a_list_is_drawn_literally(
    session: AppSession, title: str, extra: str, date: str
) -> None:
    app = session.app
    people = pane(app, "person")
    before = people.rows

    async def draw() -> list[str]:
        people.set_rows([Row("row", "person", title, date, extra)])
        await session.pilot.pause()
        return region_lines(app, people.scrollable_content_region)

    try:
        lines = session.run(draw())
        assert screen_problems(app) == []
        expected = f" {printable(date):<10} {printable(title)}"
        expected += f"  {printable(extra)}" if extra else ""
        line = lines[0].rstrip()
        if line.endswith("…"):
            # cut short; the cell before the ellipsis may hold half a wide character
            assert expected.startswith(line[:-2]), (line, expected)
        else:
            assert line == expected.rstrip(), (line, expected)
    finally:
        session.run(_restore_rows(session, people, before))
    session.check_alive()


async def _restore_rows(session: AppSession, entity_list: EntityList, rows: list[Row]) -> None:
    entity_list.set_rows(rows)
    await session.pilot.pause()


@IN_APP
@example(last=EVERY_PAYLOAD, first=["Mallory", PAYLOADS["osc52"]], back=1, forward=0)
@example(last=PAYLOADS["click"], first=[], back=0, forward=2)
@given(
    first=st.lists(hostile_text(max_size=4), max_size=5),
    last=hostile_text(max_size=8),
    back=st.integers(0, 300),
    forward=st.integers(0, 300),
)
def test_any_trail_in_the_breadcrumb_is_drawn_literally(
    session: AppSession, first: list[str], last: str, back: int, forward: int
) -> None:
    app = session.app
    crumbs = app.query_one("#crumbs", Breadcrumb)
    names = [*first, last]

    async def draw() -> str:
        crumbs.show_trail(names, back, forward)
        await session.pilot.pause()
        return region_text(app, crumbs.content_region)

    drawn = session.run(draw())
    assert screen_problems(app) == []
    content = str(crumbs.content)
    shown_names = [printable(name) for name in names]
    _, _, earlier, current, _ = fit_trail(shown_names, back, forward, crumbs.size.width)
    for piece in [*earlier, current]:  # the pieces the line has room for, each literal
        assert piece in content
    assert squeeze(content).startswith(squeeze(drawn)), (drawn, content)
    if last.strip():
        assert squeeze(drawn), "the trail is not drawn"
    session.check_alive()


def _status(app: DragomanApp) -> str:
    return region_text(app, app.query_one("#status").content_region)


@IN_APP
@example(message=EVERY_PAYLOAD)
@example(message=PAYLOADS["backslash"])
@given(message=hostile_text(max_size=12))
def test_any_search_error_message_is_drawn_literally(session: AppSession, message: str) -> None:
    app = session.app

    async def fail() -> str:
        app.on_search_failed(SearchFailed(app.serial, message))
        await session.pilot.pause()
        return _status(app)

    drawn = session.run(fail())
    assert screen_problems(app) == []
    if shown(message):
        assert squeeze(drawn), "no message drawn"
    assert shown(message).startswith(squeeze(drawn)), (drawn, message)
    session.check_alive()


@IN_APP
@example(query=EVERY_PAYLOAD)
@example(query='"unclosed ' + EVERY_PAYLOAD)
@example(query="kind:" + PAYLOADS["osc52"])
@example(query="dat:" + PAYLOADS["click"])
@example(query="date:" + PAYLOADS["c1-csi"])
@given(
    query=st.one_of(
        hostile_text(max_size=8),
        st.tuples(
            st.sampled_from(["kind:", "person:", "date:", "dat:", '"', "(", ")", "-", "OR "]),
            hostile_text(max_size=6),
        ).map("".join),
    )
)
def test_a_query_of_any_text_gets_a_literal_message_or_results(
    session: AppSession, query: str
) -> None:
    app = session.app
    assert app.index is not None
    search = app.query_one("#search", Input)
    try:
        session.run(search_for(session.pilot, query))
        status = _status(app)
        # the search bar itself is left out here: see test_a_pasted_query_... below
        assert screen_problems(app, skip=search.region) == []
        if not query.strip():
            return
        try:
            results = search_panes(app.index, query)
        except QueryError as exc:
            assert shown(exc.message).startswith(squeeze(status)), (status, exc.message)
            assert squeeze(status)
        else:
            if results.total == 0:
                said = shown(f"Nothing matches {query!r}.")
                assert squeeze(status).startswith(said[: len(squeeze(status))]), status
                assert squeeze(status).startswith("Nothingmatches")
    finally:
        session.run(search_for(session.pilot, ""))
    session.check_alive()


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: every character that needs it escaped."""
    out = []
    for char in text:
        if char in '"\\' or not char.isprintable() or ord(char) < 0x20:
            out.append(f"\\U{ord(char):08X}" if char not in '"\\' else "\\" + char)
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


async def _wait_for_toasts(session: AppSession, count: int) -> None:
    app = session.app
    await wait_until(session.pilot, lambda: len(app.screen.query(Toast)) == count, "the toasts")
    await session.pilot.pause()


@IN_APP
@example(binding=EVERY_PAYLOAD)
@example(binding="app.quit[/]\\")
@given(binding=hostile_text(min_size=1, max_size=5))
def test_a_keys_file_problem_is_notified_literally(
    session: AppSession, hostile_home: dict[str, Path], binding: str
) -> None:
    app = session.app
    path = hostile_home["config"] / "keys.toml"
    path.write_text(f"[keys]\n{toml_string(binding)} = 1\n", encoding="utf-8")
    known = {b.id for b in app._all_binding_defs() if b.id}
    _, problems = load_keymap(path, known)
    assert len(problems) == 1
    try:
        session.run(_load_keys_and_wait(session))
        toasts = list(app.screen.query(Toast))
        drawn = squeeze("".join(region_text(app, toast.content_region) for toast in toasts))
        assert shown(problems[0]) in drawn, (problems[0], drawn)
        assert screen_problems(app) == []
    finally:
        path.unlink()
        session.run(_clear_toasts(session))
    session.check_alive()


async def _load_keys_and_wait(session: AppSession) -> None:
    session.app._load_keys()
    await _wait_for_toasts(session, 1)


async def _clear_toasts(session: AppSession) -> None:
    session.app.clear_notifications()
    await _wait_for_toasts(session, 0)


@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@example(texts=list(PAYLOADS.values()))
@given(texts=st.lists(hostile_text(min_size=1, max_size=6), min_size=1, max_size=3))
def test_any_problem_is_listed_literally(session: AppSession, texts: list[str]) -> None:
    app = session.app
    diagnostics = [
        Diagnostic(f"{text}.yaml", n + 1, 1, "error" if n % 2 else "warning", text, text)
        for n, text in enumerate(texts)
    ]

    async def show() -> tuple[list[str], list[str]]:
        await app.push_screen(ProblemsScreen(diagnostics))
        await session.pilot.pause()
        return await scrolled_lines(session.pilot, app.screen.query_one(OptionList))

    async def close() -> None:
        app.pop_screen()
        await session.pilot.pause()

    try:
        lines, problems = session.run(show())
        assert problems == []
        drawn = squeeze("".join(lines))
        for d in diagnostics:
            assert shown(f"{d.path}:{d.line}:{d.column}") in drawn
            assert shown(d.code) in drawn
            assert shown(d.message) in drawn
    finally:
        session.run(close())
    session.check_alive()


def test_a_pasted_query_is_drawn_without_control_characters(session: AppSession) -> None:
    app = session.app
    search = app.query_one("#search", Input)

    async def paste() -> None:
        search.focus()
        search.post_message(events.Paste(f"{PAYLOADS['c1-csi']} {PAYLOADS['osc52']} \x01"))
        await settle(session.pilot)

    try:
        session.run(paste())
        assert "PWNED-c1" in search.value
        assert screen_problems(app) == []
    finally:
        session.run(search_for(session.pilot, ""))


# -- 3. a fresh app per example: every screen of a folder made of the drawn text ---------------


Scenario = Callable[[DragomanApp, Pilot[None]], Awaitable[None]]


def _fresh_app(folder: Path, scenario: Scenario) -> None:
    async def run() -> None:
        app = DragomanApp(folder)
        async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
            await settle(pilot)
            await scenario(app, pilot)
            assert app.is_running
            assert app.return_code is None

    asyncio.run(run())


async def _check_detail(
    app: DragomanApp, pilot: Pilot[None], target: str, *, every_page: bool
) -> None:
    """Open ``target`` and read its detail as drawn: every page (each field, link and
    briefing shown literally), or the first page only (the name, and nothing raw)."""
    app.go_to(target)
    await settle(pilot)
    assert app.shown == target
    library = app.library
    assert library is not None
    if target.startswith("briefing:"):
        briefing = library.briefings[target.removeprefix("briefing:")]
        wanted = expected_in_briefing(library, briefing)
    else:
        wanted = expected_in_entity(library, library.entities[target])
    view = detail(app)
    if every_page:
        lines, problems = await scrolled_lines(pilot, view)
        drawn = squeeze("".join(lines))
        for value in wanted:
            assert shown(value) in drawn, (value, lines)
    else:
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        problems = screen_problems(app)
        drawn = squeeze(region_text(app, view.scrollable_content_region))
        assert drawn.startswith(shown(wanted[0])[: len(drawn) // 2]), (wanted[0], drawn)
    assert problems == []
    crumbs = squeeze(region_text(app, app.query_one("#crumbs").content_region))
    assert crumbs and squeeze(str(app.query_one("#crumbs", Breadcrumb).content)).startswith(crumbs)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@example(text=EVERY_PAYLOAD)
@given(text=hostile_text(min_size=1, max_size=6))
def test_a_folder_of_hostile_briefings_is_drawn_literally_on_every_screen(
    hostile_home: dict[str, Path], text: str
) -> None:
    with tempfile.TemporaryDirectory(dir=hostile_home["base"]) as where:
        folder = write_hostile_folder(Path(where) / "briefings", text)

        async def scenario(app: DragomanApp, pilot: Pilot[None]) -> None:
            library = app.library
            assert library is not None
            assert screen_problems(app) == []
            assert "2025-01-01-hostile" in library.briefings, library.diagnostics
            # the lists: the person's row begins with the name as typed
            mallory = library.entities["mallory"]
            row = region_lines(app, pane(app, "person").scrollable_content_region)[0].rstrip()
            expected = (
                f" 2025-01-01 {printable(mallory.name)}  {printable(mallory.text('role') or '')}"
            )
            if row.endswith("…"):
                assert expected.startswith(row[:-2]), (row, expected)
            else:
                assert row == expected.rstrip(), (row, expected)

            # Enter on the row opens the person, and runs nothing else
            pane(app, "person").focus()
            await pilot.press("enter")
            await settle(pilot)
            assert app.shown == "mallory"
            assert app.is_running and len(app.screen_stack) == 1

            for target in HOSTILE_IDS:
                every_page = target in ("mallory", "briefing:2025-01-01-hostile")
                await _check_detail(app, pilot, target, every_page=every_page)

            # the problems: the file of raw control bytes is named, its name escaped
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "problems")
            lines, problems = await scrolled_lines(pilot, app.screen.query_one(OptionList))
            assert problems == []
            drawn = squeeze("".join(lines))
            assert shown(RAW_FILE) in drawn
            assert "control-character" in drawn
            for d in library.diagnostics:
                assert shown(d.message) in drawn, d.message
            await pilot.press("escape")
            await settle(pilot)

            # the palette: the names as typed, found by a plain word in the aliases
            await pilot.press("ctrl+p")
            await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "palette")
            app.screen.query_one(Input).value = MARKER  # as a paste would
            await wait_until(
                pilot,
                lambda: any(
                    "organization · pwned-org" in str(option.prompt)
                    for option in app.screen.query_one(CommandList).options
                ),
                "the palette hits",
            )
            await pilot.pause()
            assert screen_problems(app) == []
            hits = app.screen.query_one(CommandList)
            drawn = squeeze(region_text(app, hits.scrollable_content_region))
            assert shown(library.entities["mallory"].name)[:40] in drawn
            await pilot.press("escape")
            await settle(pilot)

            # a search for the drawn text: the status line says what happened, literally
            await search_for(pilot, text)
            search = app.query_one("#search", Input)
            assert screen_problems(app, skip=search.region) == []
            await search_for(pilot, MARKER)
            assert screen_problems(app) == []
            assert app.is_running and len(app.screen_stack) == 1

        _fresh_app(folder, scenario)


def test_remapped_keys_are_drawn_without_control_characters(
    hostile_home: dict[str, Path],
) -> None:
    keys = hostile_home["config"] / "keys.toml"
    keys.write_text(
        f'[keys]\n"app.search" = {toml_string(PAYLOADS["osc0"])}\n'
        f'"app.help" = {toml_string("f1," + PAYLOADS["c1-csi"])}\n',
        encoding="utf-8",
    )
    try:

        async def scenario(app: DragomanApp, pilot: Pilot[None]) -> None:
            # whether the keys are refused or shown escaped, nothing raw is drawn
            assert screen_problems(app) == []

        _fresh_app(write_hostile_folder(hostile_home["base"] / "keys-briefings"), scenario)
    finally:
        keys.unlink()


def test_remapped_keys_are_listed_literally_in_the_help(hostile_home: dict[str, Path]) -> None:
    keys = hostile_home["config"] / "keys.toml"
    remapped = "f1,[@click=app.quit],[/],\\"
    keys.write_text(f'[keys]\n"app.help" = {toml_string(remapped)}\n', encoding="utf-8")
    try:

        async def scenario(app: DragomanApp, pilot: Pilot[None]) -> None:
            await pilot.press("f1")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
            lines, _ = await scrolled_lines(pilot, app.screen.query_one(OptionList))
            foot = region_text(app, app.screen.query_one("#help-foot").content_region)
            drawn = squeeze("".join(lines) + foot)
            if "app.help" in app.remapped:  # the keys taken are listed as written
                assert shown(remapped) in drawn
            assert shown(str(keys)) in drawn  # the config folder's name is hostile
            # the help box only: the footer under it is test_remapped_keys_are_drawn_...
            box = app.screen.query_one("#help-box").region
            assert screen_problems(app, only=box) == []
            assert app.is_running

        _fresh_app(write_hostile_folder(hostile_home["base"] / "help-briefings"), scenario)
    finally:
        keys.unlink()
