"""The checks on one briefing: its sections, each entity's fields, ids, dates and quotes.

:func:`check_briefing` walks the YAML nodes of one file with the field table
(:mod:`dragoman.briefings.fields`) and the value checks (:mod:`dragoman.briefings.values`), and
gives a :class:`ParsedBriefing` with a diagnostic for every problem; nothing raises. The JSON
Schema (:mod:`dragoman.briefings.schema`) is made from the same table, so the two cannot drift.

Uses the field table, dates, the parsed model, the value checks and the YAML nodes.
"""

from __future__ import annotations

import functools
import re

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.fields import BRIEFING_FIELDS, ENTITY_FIELDS, SECTIONS, EntityKind
from dragoman.briefings.parsed import Declaration, ParsedBriefing, pack_text
from dragoman.briefings.values import _Checker, _describe
from dragoman.briefings.yamlsafe.nodes import MapNode, Node, ScalarNode, SeqNode
from dragoman.text import slugify


def check_briefing(path: str, root: Node | None) -> ParsedBriefing:
    """Check the composed nodes of one file and return what it declares."""
    result = ParsedBriefing(path)
    checker = _Checker(path)
    if root is None:
        checker.report(
            1, 1, "error", "empty", "the file holds no briefing; write one or delete the file"
        )
        result.diagnostics = checker.diagnostics
        return result
    if not isinstance(root, MapNode):
        checker.error(
            root,
            "not-a-mapping",
            "a briefing is a mapping (id:, title:, date:...), but this file holds "
            f"{_describe(root)}",
        )
        result.diagnostics = checker.diagnostics
        return result

    values, positions, _ = checker.fields(root, BRIEFING_FIELDS, "", extra=tuple(SECTIONS))
    # a briefing without a valid id, title or date loads nothing, but every entry is still
    # checked: one run of ``check`` reports every problem of the file
    skipped = checker.missing(root, BRIEFING_FIELDS, values, "the briefing", " (none of it loaded)")
    text = values.pop("text", None)
    if not skipped:
        result.id = str(values["id"])
        result.values = values
        result.positions = positions
        if isinstance(text, str):
            result.packed_text = pack_text(text)
    entries: list[tuple[Node, EntityKind, str]] = []
    for section, kind in SECTIONS.items():
        if section not in root.items:
            continue
        section_node = root.items[section][1]
        if isinstance(section_node, ScalarNode) and section_node.value is None:
            continue
        if not isinstance(section_node, SeqNode):
            checker.error(
                section_node,
                "wrong-type",
                f"{section} must be a list of entries (each starting with '- id:'), "
                f"but is {_describe(section_node)}",
            )
            continue
        entries.extend((item, kind, section) for item in section_node.items)
    entries.sort(key=lambda e: (e[0].line, e[0].column))  # file order, across sections
    seen: dict[str, Declaration] = {}
    for item, kind, section in entries:
        decl = _check_entity(checker, kind, item, section, loaded=not skipped)
        if decl is None:
            continue
        first = seen.get(decl.id)
        if first is not None:
            again = (
                "twice in this briefing"
                if first.kind == kind
                else f"as {_article(kind)} here but as {_article(first.kind)}"
            )
            checker.error(
                item,
                "duplicate-id",
                f"{decl.id!r} is declared {again} at line {first.line}; one id names one "
                "entity: merge the entries or rename one (this one was skipped)",
            )
            continue
        seen[decl.id] = decl
        quote = decl.text("quote")
        if isinstance(text, str) and quote and not quote_in_text(quote, text):
            line, column = decl.position("quote")
            checker.report(
                line,
                column,
                "warning",
                "quote-not-found",
                f"the quote of {decl.id!r} is not in this briefing's text; quote it "
                "verbatim or move it to the summary",
            )
        if not skipped:
            result.declarations.append(decl)
    result.diagnostics = checker.diagnostics
    return result


def _check_entity(
    checker: _Checker, kind: EntityKind, node: Node, section: str, *, loaded: bool = True
) -> Declaration | None:
    if not isinstance(node, MapNode):
        checker.error(
            node,
            "wrong-type",
            f"each entry of {section} must be a mapping starting with 'id:', but this is "
            f"{_describe(node)}; it was skipped",
        )
        return None
    specs = ENTITY_FIELDS[kind]
    id_node = node.items.get("id", (None, None))[1]
    has_id = isinstance(id_node, ScalarNode) and isinstance(id_node.value, str)
    label = f"{kind} {id_node.value!r}" if has_id else f"a {kind}"  # type: ignore[union-attr]
    values, positions, refused = checker.fields(node, specs, f"{kind}.")
    after = " (the rest of the file loaded)" if loaded else ""
    if checker.missing(node, specs, values, label, after):
        return None
    decl = Declaration(kind, str(values["id"]), node.line, node.column, values, positions, refused)
    if kind == "person":
        _check_person_id(checker, decl)
    if kind == "event":
        _check_event_end(checker, decl)
    return decl


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _check_person_id(checker: _Checker, decl: Declaration) -> None:
    names = [n for n in [decl.text("name"), *decl.items("aliases")] if n]
    slugs = [s for s in (slugify(n) for n in names) if s]
    if slugs and decl.id not in slugs:
        line, column = decl.position("id")
        checker.report(
            line,
            column,
            "warning",
            "person-id",
            f"the id {decl.id!r} is not the name folded to ASCII ({slugs[0]!r}); use that id, or "
            "add the spelling the id comes from to aliases",
        )


def _check_event_end(checker: _Checker, decl: Declaration) -> None:
    start, end = decl.text("date"), decl.text("end")
    if not start or not end:
        return
    if PartialDate.parse(end).last_key < PartialDate.parse(start).key:
        line, column = decl.position("end")
        checker.report(
            line,
            column,
            "error",
            "bad-date",
            f"event {decl.id!r} ends ({end}) before it begins ({start}); fix the end date",
        )
        del decl.values["end"]


_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


_SPACES = re.compile(r"\s+")


def _quote_form(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTE_FOLD)).strip().casefold()


# the text's form is made once per briefing, not once per quote: a briefing of thousands of
# quotes over a text of megabytes took minutes otherwise
_text_form = functools.lru_cache(maxsize=4)(_quote_form)


def quote_in_text(quote: str, text: str) -> bool:
    """Whether ``quote`` stands in ``text``, ignoring spacing, case and curly/straight quotes."""
    form = _quote_form(quote).strip("\"' ")
    return bool(form) and form in _text_form(text)
