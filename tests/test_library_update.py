"""``Library.updated``: merging a few changed files again equals merging every file again.

A Hypothesis property drives random folders of briefings over a small pool of ids (so that
declarations collide, links dangle or point to the wrong kind, kinds clash, briefing ids repeat
and ``follows``/``part_of`` go round) through random edits, and compares each incremental update
with a whole :meth:`Library.build` of the same files; then explicit examples pin down when the
update falls back to a whole build and when it takes the quick path.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from dragoman.briefings.diagnostics import Diagnostic
from dragoman.briefings.loader import LoadLimits, parse_briefing_bytes
from dragoman.briefings.parsed import ParsedBriefing
from dragoman.library.library import Library
from dragoman.library.model import Entity
from dragoman.library.taking_part import participation
from dragoman.library.update import Changed
from dragoman.search.documents import briefing_document, entity_document

LIMITS = LoadLimits()

# -- the pools of ids -------------------------------------------------------------------------

PEOPLE = {
    "an-van-a": "An Van A",
    "binh-thi-b": "Binh Thi B",
    "chau-van-c": "Chau Van C",
    "dung-thi-d": "Dung Thi D",
    "em-van-e": "Em Van E",
    "giang-van-g": "Giang Van G",
}
ORGS = ["asean", "vn-mnd", "jp-mod", "admm"]
EVENTS = ["ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6"]
PROPOSALS = ["prop-1", "prop-2", "prop-3", "prop-4", "prop-5"]
BRIEFING_IDS = [f"b-{n}" for n in range(1, 9)]
GHOSTS = ["ghost-x", "ghost-y"]  # named in links, never declared
POOL = {"person": list(PEOPLE), "organization": ORGS, "event": EVENTS, "proposal": PROPOSALS}
EVERY_ID = [*PEOPLE, *ORGS, *EVENTS, *PROPOSALS]
PATHS = ["a.yaml", "b.yaml", "c.yaml", "d.yml", "sub/e.yaml", "sub/f.yaml", "sub/deep/g.yaml"]
DATES = ["2024", "2024-10", "2024-10-01", "2024-10-02", "2025-11-01"]
PARAGRAPHS = [
    "The ministers met in Kuala Lumpur.",
    "The ministers met in Tokyo and agreed on maritime cooperation.",
    "Talks covered disaster relief.",
]
QUOTES = ["maritime cooperation", "disaster relief", "never said"]

# -- generating briefings ---------------------------------------------------------------------


@st.composite
def entity_id(draw: st.DrawFn, kind: str) -> str:
    """Mostly an id of the section's own kind; now and then one of another kind (a clash)."""
    if draw(st.integers(0, 14)) == 0:
        return draw(st.sampled_from(EVERY_ID))
    return draw(st.sampled_from(POOL[kind]))


@st.composite
def link_target(draw: st.DrawFn, kind: str) -> str:
    """Mostly a target of the right kind; sometimes a ghost (dangling) or the wrong kind."""
    n = draw(st.integers(0, 9))
    if n == 0:
        return draw(st.sampled_from(GHOSTS))
    if n == 1:
        return draw(st.sampled_from(EVERY_ID))
    return draw(st.sampled_from(POOL[kind]))


@st.composite
def link_list(draw: st.DrawFn, kinds: tuple[str, ...], max_size: int = 3) -> str | list[str]:
    kind = draw(st.sampled_from(kinds))
    items = draw(st.lists(link_target(kind), max_size=max_size, unique=True))
    if len(items) == 1 and draw(st.booleans()):
        return items[0]  # a single value where a list is expected
    return items


@st.composite
def chain_target(draw: st.DrawFn, own: str, kind: str) -> str:
    """``follows``/``part_of``: mostly an earlier id of the pool (no circle), sometimes any."""
    pool = POOL[kind]
    earlier = pool[: pool.index(own)] if own in pool else []
    if earlier and draw(st.integers(0, 3)) != 0:
        return draw(st.sampled_from(earlier))
    return draw(link_target(kind))


def maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any], odds: int = 2) -> Any:
    return draw(strategy) if draw(st.integers(0, odds - 1)) == 0 else None


@st.composite
def person(draw: st.DrawFn) -> dict[str, Any]:
    id_ = draw(entity_id("person"))
    base = PEOPLE.get(id_, id_.replace("-", " ").title())
    out: dict[str, Any] = {
        "id": id_,
        "name": draw(st.sampled_from([base, base, base, f"{base} Jr", "Someone Else"])),
    }
    optional = {
        "aliases": st.lists(
            st.sampled_from([f"{base} Jr", "Someone Else", "Minister"]), max_size=2
        ),
        "rank": st.sampled_from(["General", "Colonel"]),
        "role": st.sampled_from(["Minister", "Deputy Minister", "Director"]),
        "organization": link_target("organization"),
        "country": st.sampled_from(["VN", "JP", "NO"]),
        "summary": st.sampled_from(["A minister.", "A general."]),
    }
    for key, strategy in optional.items():
        if (value := maybe(draw, strategy)) is not None:
            out[key] = value
    return out


@st.composite
def organization(draw: st.DrawFn) -> dict[str, Any]:
    id_ = draw(entity_id("organization"))
    out: dict[str, Any] = {
        "id": id_,
        "name": draw(st.sampled_from([id_.upper(), id_.upper(), f"The {id_}"])),
    }
    optional = {
        "aliases": st.lists(st.sampled_from([f"The {id_}", "Alliance"]), max_size=2),
        "kind": st.sampled_from(["ministry", "forum"]),
        "country": st.sampled_from(["VN", "JP"]),
        "part_of": chain_target(id_, "organization"),
        "summary": st.just("An organization."),
    }
    for key, strategy in optional.items():
        if (value := maybe(draw, strategy)) is not None:
            out[key] = value
    return out


@st.composite
def event_(draw: st.DrawFn) -> dict[str, Any]:
    id_ = draw(entity_id("event"))
    out: dict[str, Any] = {
        "id": id_,
        "title": draw(st.sampled_from([f"Meeting {id_}", f"Meeting {id_}", f"Forum {id_}"])),
        "date": draw(st.sampled_from([*DATES, "2024-02-30"])),  # now and then a bad date
    }
    optional = {
        "end": st.sampled_from(["2025-12-31", "2023"]),
        "kind": st.sampled_from(["meeting", "reception"]),
        "place": st.sampled_from(["Tokyo", "Kuala Lumpur"]),
        "part_of": chain_target(id_, "event"),
        "follows": chain_target(id_, "event"),
        "organizations": link_list(("organization",)),
        "chairs": link_list(("person",), 2),
        "participants": link_list(("person",)),
        "quote": st.sampled_from(QUOTES),
    }
    for key, strategy in optional.items():
        if (value := maybe(draw, strategy)) is not None:
            out[key] = value
    return out


@st.composite
def proposal(draw: st.DrawFn) -> dict[str, Any]:
    id_ = draw(entity_id("proposal"))
    out: dict[str, Any] = {
        "id": id_,
        "title": draw(st.sampled_from([f"Proposal {id_}", f"Proposal {id_}", "Another idea"])),
        "by": draw(link_list(("person", "organization"), 2)),
    }
    optional = {
        "at": link_target("event"),
        "to": link_list(("person", "organization"), 2),
        "areas": st.lists(st.sampled_from(["hadr", "maritime-security"]), max_size=2),
        "status": st.sampled_from(["proposed", "agreed", "done", "dropped"]),
        "follows": chain_target(id_, "proposal"),
        "quote": st.sampled_from(QUOTES),
    }
    for key, strategy in optional.items():
        if (value := maybe(draw, strategy)) is not None:
            out[key] = value
    if draw(st.integers(0, 9)) == 0:
        del out["by"]  # a proposal missing a required field: skipped, the rest loads
    return out


SECTION_STRATEGIES = {
    "people": person(),
    "organizations": organization(),
    "events": event_(),
    "proposals": proposal(),
}


@st.composite
def briefing_content(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": draw(st.sampled_from(BRIEFING_IDS)),
        "title": draw(st.sampled_from(["Ministers meet", "Forum in Tokyo"])),
        "date": draw(st.sampled_from(DATES)),
    }
    if draw(st.booleans()):
        out["text"] = draw(st.sampled_from(PARAGRAPHS))
    if draw(st.booleans()):
        out["tags"] = draw(st.lists(st.sampled_from(["hadr", "maritime-security"]), max_size=2))
    for section, strategy in SECTION_STRATEGIES.items():
        if draw(st.booleans()):
            out[section] = draw(st.lists(strategy, max_size=3))
    return out


# A file is a dict (dumped to YAML) or raw text that does not load as a briefing.
BROKEN = st.sampled_from(
    [
        "id: [b-1\ntitle: unclosed\n",  # yaml-syntax
        "title: No id\ndate: 2024\n",  # missing-field: the whole briefing is skipped
        "- just\n- a list\n",  # not-a-mapping
        "",  # empty
    ]
)
FILE = st.one_of(briefing_content(), briefing_content(), briefing_content(), BROKEN)


def dump(content: dict[str, Any] | str) -> str:
    if isinstance(content, str):
        return content
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)


def parse(path: str, content: dict[str, Any] | str) -> ParsedBriefing:
    return parse_briefing_bytes(path, dump(content).encode(), LIMITS)


# -- editing a folder -------------------------------------------------------------------------


@st.composite
def tweak(draw: st.DrawFn, content: dict[str, Any]) -> dict[str, Any]:
    """A small edit of a briefing, the kind an analyst makes: the text, a status, a role, a
    date, a name, one link."""
    out = copy.deepcopy(content)
    what = draw(st.sampled_from(["text", "status", "role", "date", "name", "link", "drop"]))
    if what == "text":
        out["text"] = draw(st.sampled_from([*PARAGRAPHS, "Edited paragraph."]))
    elif what == "date":
        out["date"] = draw(st.sampled_from(DATES))
    elif what == "drop":
        section = draw(st.sampled_from(list(SECTION_STRATEGIES)))
        if out.get(section):
            out[section].pop(draw(st.integers(0, len(out[section]) - 1)))
    else:
        section, field, strategy = {
            "status": ("proposals", "status", st.sampled_from(["agreed", "done", "stalled"])),
            "role": ("people", "role", st.sampled_from(["Minister", "Chief of Staff"])),
            "name": ("people", "name", st.sampled_from(["Renamed Person", "An Van A"])),
            "link": ("events", "participants", link_list(("person",))),
        }[what]
        entries = out.get(section) or []
        if entries and isinstance(entries[0], dict):
            entry = entries[draw(st.integers(0, len(entries) - 1))]
            entry[field] = draw(strategy)
    return out


Folder = dict[str, dict[str, Any] | str]


@st.composite
def edit(draw: st.DrawFn, folder: Folder) -> Folder:
    """One change to a folder: a file changed, added, deleted or renamed."""
    out = dict(folder)
    free = [p for p in PATHS if p not in out]
    kinds = ["add"] if not out else ["change", "tweak", "delete", "rename"]
    if out and free:
        kinds.append("add")
    if not free:
        kinds.remove("rename")
    kind = draw(st.sampled_from(kinds))
    if kind == "add":
        out[draw(st.sampled_from(free))] = draw(FILE)
        return out
    path = draw(st.sampled_from(sorted(out)))
    if kind == "change":
        out[path] = draw(FILE)
    elif kind == "tweak":
        content = out[path]
        out[path] = draw(tweak(content)) if isinstance(content, dict) else draw(FILE)
    elif kind == "delete":
        del out[path]
    else:
        out[draw(st.sampled_from(free))] = out.pop(path)
    return out


@st.composite
def step(draw: st.DrawFn, folder: Folder) -> Folder:
    """One step between two updates: a single edit, or several at once."""
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        folder = draw(edit(folder))
    return folder


LISTINGS = [
    [],
    [Diagnostic("sub/locked.yaml", 1, 1, "error", "unreadable", "cannot read it")],
]

# -- comparing libraries ----------------------------------------------------------------------


def entity_snapshot(entity: Entity) -> tuple[Any, ...]:
    return (
        entity.id,
        entity.kind,
        copy.deepcopy(list(entity.values.items())),
        [(role, list(ids)) for role, ids in entity.links.items()],
        [(role, list(ids)) for role, ids in entity.backlinks.items()],
        [(b.id, b.path, b, copy.deepcopy(d)) for b, d in entity.declarations],
    )


def diagnostics_of(lib: Library) -> list[tuple[str, int, int, str, str, str]]:
    return sorted(
        (d.path, d.line, d.column, d.severity, d.code, d.message) for d in lib.diagnostics
    )


def snapshot(lib: Library) -> dict[str, Any]:
    """Everything a reader can see of a library, copied (and the state an update reads)."""
    return {
        "entities": {i: entity_snapshot(e) for i, e in lib.entities.items()},
        "entity_order": list(lib.entities),
        "briefings": {
            i: (b.id, b.path, b.date, copy.deepcopy(b.values), b.line, b.declares)
            for i, b in lib.briefings.items()
        },
        "diagnostics": list(lib.diagnostics),
        "files": lib.files,
        "parsed": [(id(p), p.to_json()) for p in lib._parsed],
        "referrers": {k: set(v) for k, v in lib._referrers.items()},
        "names": {k: list(v) for k, v in lib._names.items()},
        "links": {k: list(v) for k, v in lib._links.items()},
        "tangled": lib._tangled,
    }


def assert_same_library(got: Library, want: Library) -> None:
    assert sorted(got.entities) == sorted(want.entities)
    # who took part, carried over by an update or worked out anew, as a whole build has it
    assert participation(got) == participation(want)
    for id_, entity in want.entities.items():
        assert entity_snapshot(got.entities[id_]) == entity_snapshot(entity), id_
    assert got.briefings == want.briefings  # id, path, date, values, line, declares
    assert diagnostics_of(got) == diagnostics_of(want)
    assert got.files == want.files


def assert_changed_enough(old: Library, new: Library, changed: Changed) -> None:
    """Every document that differs between the two libraries is named in ``changed``."""
    assert not changed.gone_entities & set(new.entities)
    assert not changed.gone_briefings & set(new.briefings)
    assert changed.entities <= set(new.entities)
    assert changed.briefings <= set(new.briefings)
    if changed.everything:
        assert changed.gone_entities == set(old.entities) - set(new.entities)
        assert changed.gone_briefings == set(old.briefings) - set(new.briefings)
        return
    for id_, entity in new.entities.items():
        before = old.entities.get(id_)
        if (
            before is None
            or entity_snapshot(before) != entity_snapshot(entity)
            or entity_document(old, before) != entity_document(new, entity)
        ):
            assert id_ in changed.entities, id_
    for id_, briefing in new.briefings.items():
        was = old.briefings.get(id_)
        if (
            was is None
            or was != briefing
            or briefing_document(old, was) != briefing_document(new, briefing)
        ):
            assert id_ in changed.briefings, id_
    assert set(old.entities) - set(new.entities) <= changed.gone_entities
    assert set(old.briefings) - set(new.briefings) <= changed.gone_briefings


def build(parsed: Iterable[ParsedBriefing], listing: list[Diagnostic] | None = None) -> Library:
    return Library.build(sorted(parsed, key=lambda p: p.path), listing or [])


def update(
    lib: Library,
    removed: Iterable[str],
    added: Iterable[ParsedBriefing],
    listing: list[Diagnostic] | None = None,
) -> tuple[Library, Changed]:
    """``lib.updated``, checking that ``lib`` is left as it was (its map of who took part
    worked out first, so that the update carries it over)."""
    participation(lib)
    before = snapshot(lib)
    result = lib.updated(list(removed), list(added), listing or [])
    assert snapshot(lib) == before, "updated() changed the library it was called on"
    return result


# -- the property -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_update_equals_a_whole_build(data: st.DataObject) -> None:
    folder: Folder = data.draw(
        st.dictionaries(st.sampled_from(PATHS), FILE, max_size=5), label="folder"
    )
    parsed = {path: parse(path, content) for path, content in folder.items()}
    listing = data.draw(st.sampled_from(LISTINGS), label="listing")
    lib = build(parsed.values(), listing)
    assert_same_library(lib, build(parsed.values(), listing))
    earlier: list[tuple[Library, dict[str, Any]]] = []

    for _ in range(data.draw(st.integers(1, 5), label="steps")):
        new_folder = data.draw(step(folder), label="new folder")
        listing = data.draw(st.sampled_from(LISTINGS), label="listing")
        removed = [p for p in folder if p not in new_folder]
        changed_paths = [p for p in new_folder if folder.get(p) != new_folder[p]]
        # a file touched but not changed is read again too; a changed one may be named in both
        changed_paths += data.draw(
            st.lists(st.sampled_from(sorted(new_folder) or ["a.yaml"]), max_size=2, unique=True)
            if new_folder
            else st.just([]),
            label="touched",
        )
        changed_paths = list(dict.fromkeys(changed_paths))
        removed += data.draw(
            st.lists(st.sampled_from(changed_paths), max_size=2, unique=True)
            if changed_paths
            else st.just([]),
            label="changed and removed",
        )
        if data.draw(st.integers(0, 9), label="remove a path never read") == 0:
            removed.append("never-read.yaml")
        added = [parse(p, new_folder[p]) for p in changed_paths]
        for result in added:
            parsed[result.path] = result
        for path in removed:
            if path not in new_folder:
                parsed.pop(path, None)

        new_lib, changed = update(lib, removed, added, listing)
        event("whole build" if changed.everything else "quick update")
        assert_same_library(new_lib, build(parsed.values(), listing))
        assert_changed_enough(lib, new_lib, changed)
        earlier.append((lib, snapshot(lib)))
        folder, lib = new_folder, new_lib
    # updating a library never reaches back into the ones it was updated from
    for old, before in earlier:
        assert snapshot(old) == before


# -- explicit examples ------------------------------------------------------------------------


def b(id_: str, date: str = "2024-10-01", **sections: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Briefing {id_}", "date": date, **sections}


def ev(id_: str, **fields: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Meeting {id_}", "date": "2024-10-01", **fields}


def prop(id_: str, **fields: Any) -> dict[str, Any]:
    return {"id": id_, "title": f"Proposal {id_}", "by": "an-van-a", **fields}


ALICE = {"id": "an-van-a", "name": "An Van A", "role": "Minister", "organization": "vn-mnd"}
MND = {"id": "vn-mnd", "name": "Ministry of National Defence"}

BASE: Folder = {
    "a.yaml": b(
        "b-1",
        "2024-10-01",
        text="The ministers met in Tokyo.",
        people=[ALICE],
        organizations=[MND],
        events=[ev("ev-1", chairs=["an-van-a"], organizations=["vn-mnd"])],
        proposals=[prop("prop-1", at="ev-1", to=["vn-mnd"])],
    ),
    "b.yaml": b(
        "b-2",
        "2024-10-02",
        events=[ev("ev-2", follows="ev-1", participants=["an-van-a"])],
        proposals=[prop("prop-2", follows="prop-1", at="ev-2", status="agreed")],
    ),
}


def start(folder: Folder) -> tuple[Library, dict[str, ParsedBriefing]]:
    parsed = {path: parse(path, content) for path, content in folder.items()}
    return build(parsed.values()), parsed


def apply(
    lib: Library,
    parsed: dict[str, ParsedBriefing],
    removed: Iterable[str] = (),
    **files: dict[str, Any] | str,
) -> tuple[Library, Changed, dict[str, ParsedBriefing]]:
    """Update ``lib``: ``removed`` paths out, ``files`` (path with ``_`` for ``.``) in; check
    the result against a whole build and ``changed`` against the documents."""
    parsed = dict(parsed)
    for path in removed:
        del parsed[path]
    added = [parse(name.replace("_", "."), content) for name, content in files.items()]
    parsed.update((p.path, p) for p in added)
    new_lib, changed = update(lib, removed, added)
    assert_same_library(new_lib, build(parsed.values()))
    assert_changed_enough(lib, new_lib, changed)
    return new_lib, changed, parsed


def codes(lib: Library) -> list[str]:
    return sorted(d.code for d in lib.diagnostics)


def test_the_base_folder_is_clean() -> None:
    lib, _ = start(BASE)
    assert codes(lib) == []
    assert lib.entities["ev-2"].links["follows"] == ["ev-1"]


def test_nothing_changed_is_quick_and_changes_nothing() -> None:
    lib, parsed = start(BASE)
    new_lib, changed, _ = apply(lib, parsed)
    assert changed == Changed()
    assert new_lib.entities == lib.entities


def test_a_text_paragraph_edit_takes_the_quick_path() -> None:
    lib, parsed = start(BASE)
    content = copy.deepcopy(BASE["a.yaml"])
    assert isinstance(content, dict)
    content["text"] = "The ministers met in Kuala Lumpur."
    new_lib, changed, _ = apply(lib, parsed, a_yaml=content)
    assert changed.everything is False
    assert changed.briefings == {"b-1"}
    assert not changed.gone_entities and not changed.gone_briefings
    assert new_lib.briefings["b-1"].text("text") == "The ministers met in Kuala Lumpur."
    assert lib.briefings["b-1"].text("text") == "The ministers met in Tokyo."
    # b.yaml's entities that link to nothing a.yaml declares are shared, not copied
    assert new_lib.entities["prop-2"] is lib.entities["prop-2"]


def test_a_status_change_takes_the_quick_path() -> None:
    lib, parsed = start(BASE)
    content = copy.deepcopy(BASE["b.yaml"])
    assert isinstance(content, dict)
    content["proposals"][0]["status"] = "done"
    new_lib, changed, _ = apply(lib, parsed, b_yaml=content)
    assert changed.everything is False
    assert "prop-2" in changed.entities and "b-2" in changed.briefings
    assert new_lib.entities["prop-2"].text("status") == "done"
    assert lib.entities["prop-2"].text("status") == "agreed"


def test_adding_deleting_and_renaming_take_the_quick_path() -> None:
    lib, parsed = start(BASE)
    extra = b("b-3", "2025", people=[{**ALICE, "role": "Former Minister"}])
    lib, changed, parsed = apply(lib, parsed, c_yaml=extra)
    assert changed.everything is False
    assert lib.entities["an-van-a"].text("role") == "Former Minister"
    lib, changed, parsed = apply(lib, parsed, ["b.yaml"])
    assert changed.everything is False
    assert changed.gone_briefings == {"b-2"}
    assert {"ev-2", "prop-2"} <= changed.gone_entities
    lib, changed, parsed = apply(lib, parsed, ["a.yaml"], d_yml=BASE["a.yaml"])
    assert changed.everything is False
    assert lib.briefings["b-1"].path == "d.yml"


def test_a_duplicate_briefing_id_appearing_and_disappearing_builds_whole() -> None:
    lib, parsed = start(BASE)
    lib, changed, parsed = apply(lib, parsed, c_yaml=b("b-1", people=[ALICE]))
    assert changed.everything is True
    assert "duplicate-briefing" in codes(lib)
    lib, changed, parsed = apply(lib, parsed, ["c.yaml"])
    assert changed.everything is True
    assert "duplicate-briefing" not in codes(lib)
    # and the library is untangled again: the next edit is quick
    _, changed, _ = apply(lib, parsed, c_yaml=b("b-3"))
    assert changed.everything is False


def test_two_new_files_with_one_id_build_whole() -> None:
    lib, parsed = start(BASE)
    lib, changed, _ = apply(lib, parsed, c_yaml=b("b-3"), d_yml=b("b-3"))
    assert changed.everything is True
    assert "duplicate-briefing" in codes(lib)


def test_a_kind_clash_appearing_and_disappearing_builds_whole() -> None:
    lib, parsed = start(BASE)
    clash = b("b-3", people=[{"id": "ev-1", "name": "Ev One"}])
    lib, changed, parsed = apply(lib, parsed, c_yaml=clash)
    assert changed.everything is True
    assert "kind-clash" in codes(lib)
    lib, changed, parsed = apply(lib, parsed, ["c.yaml"])
    assert changed.everything is True
    assert "kind-clash" not in codes(lib)
    _, changed, _ = apply(lib, parsed, c_yaml=b("b-3", people=[ALICE]))
    assert changed.everything is False


def test_an_id_changing_kind_without_a_clash_is_quick() -> None:
    lib, parsed = start(BASE)
    content = copy.deepcopy(BASE["b.yaml"])
    assert isinstance(content, dict)
    content["organizations"] = [{"id": "ghost-x", "name": "Ghost"}]
    lib, _, parsed = apply(lib, parsed, b_yaml=content)
    moved = copy.deepcopy(BASE["b.yaml"])
    assert isinstance(moved, dict)
    moved["people"] = [{"id": "ghost-x", "name": "Ghost X"}]
    lib, changed, _ = apply(lib, parsed, b_yaml=moved)
    assert changed.everything is False
    assert lib.entities["ghost-x"].kind == "person"


@pytest.mark.parametrize(
    ("closing", "role"),
    [
        ({"events": [ev("ev-1", follows="ev-2")]}, "follows"),
        ({"events": [ev("ev-1", part_of="ev-1")]}, "part_of"),
        ({"proposals": [prop("prop-1", follows="prop-2")]}, "follows"),
        ({"organizations": [{**MND, "part_of": "vn-mnd"}]}, "part_of"),
    ],
)
def test_a_cycle_appearing_and_disappearing_builds_whole(
    closing: dict[str, Any], role: str
) -> None:
    lib, parsed = start(BASE)
    lib, changed, parsed = apply(lib, parsed, c_yaml=b("b-3", "2025", **closing))
    assert changed.everything is True
    assert [d.message.split(":")[0] for d in lib.diagnostics if d.code == "cycle"] == [
        f"{role} goes round in a circle"
    ]
    lib, changed, parsed = apply(lib, parsed, ["c.yaml"])
    assert changed.everything is True
    assert "cycle" not in codes(lib)
    _, changed, _ = apply(lib, parsed, c_yaml=b("b-3", "2025", people=[ALICE]))
    assert changed.everything is False


def test_a_cycle_made_by_editing_one_file_builds_whole() -> None:
    lib, parsed = start(BASE)
    content = copy.deepcopy(BASE["a.yaml"])
    assert isinstance(content, dict)
    content["events"][0]["follows"] = "ev-2"
    lib, changed, _ = apply(lib, parsed, a_yaml=content)
    assert changed.everything is True
    assert "cycle" in codes(lib)


def test_a_broken_file_replacing_a_good_one_is_quick() -> None:
    lib, parsed = start(BASE)
    lib, changed, parsed = apply(lib, parsed, b_yaml="id: [b-2\n")
    assert changed.everything is False
    assert "yaml-syntax" in codes(lib)
    assert changed.gone_briefings == {"b-2"}
    lib, changed, _ = apply(lib, parsed, b_yaml=BASE["b.yaml"])
    assert changed.everything is False
    assert codes(lib) == []


def test_two_files_swapping_their_briefing_ids_is_quick() -> None:
    lib, parsed = start(BASE)
    a, b_ = copy.deepcopy(BASE["a.yaml"]), copy.deepcopy(BASE["b.yaml"])
    assert isinstance(a, dict) and isinstance(b_, dict)
    a["id"], b_["id"] = "b-2", "b-1"
    lib, changed, _ = apply(lib, parsed, a_yaml=a, b_yaml=b_)
    assert changed.everything is False
    assert lib.briefings["b-1"].path == "b.yaml"
    assert lib.briefings["b-2"].path == "a.yaml"
    assert not changed.gone_briefings


def test_two_files_swapping_an_ids_kind_is_quick() -> None:
    folder: Folder = {
        "a.yaml": b(
            "b-1", people=[{"id": "x-y", "name": "X Y"}], events=[ev("ev-1", chairs="x-y")]
        ),
        "b.yaml": b("b-2", organizations=[{"id": "z", "name": "Z"}]),
    }
    lib, parsed = start(folder)
    lib, changed, _ = apply(
        lib,
        parsed,
        a_yaml=b(
            "b-1", organizations=[{"id": "x-y", "name": "X Y"}], events=[ev("ev-1", chairs="x-y")]
        ),
        b_yaml=b("b-2", people=[{"id": "z", "name": "Z"}]),
    )
    assert changed.everything is False
    assert (lib.entities["x-y"].kind, lib.entities["z"].kind) == ("organization", "person")
    assert "link-kind" in codes(lib)
