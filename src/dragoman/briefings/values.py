"""Checking one value against its field: types, ids, countries, dates, statuses.

The :class:`_Checker` turns each bad value into a diagnostic that says what to write instead;
nothing raises. Uses the field table, dates, the parsed model and the YAML nodes.
"""

from __future__ import annotations

import difflib
import re
import sys

from dragoman.briefings.dates import PartialDate
from dragoman.briefings.diagnostics import Diagnostic, Severity
from dragoman.briefings.fields import (
    COUNTRY_CODES,
    MAX_ID_LENGTH,
    SLUG_RE,
    SOURCE_FIELDS,
    STATUSES,
    FieldSpec,
    FieldType,
)
from dragoman.briefings.parsed import _SHARED_TEXT, Places, Position, Value
from dragoman.briefings.yamlsafe.nodes import MapNode, Node, ScalarNode, SeqNode
from dragoman.text import slugify


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_TYPE_NAMES = {
    "text": "text",
    "slug": "an id",
    "date": "a date",
    "country": "a country code",
    "url": "an address",
    "status": "a status",
    "ref": "an id",
    "refs": "a list of ids",
    "slugs": "a list of slugs",
    "texts": "a list of texts",
    "source": "a mapping of publisher, url, published, author, translator",
}


def _describe(node: Node) -> str:
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, SeqNode):
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"the boolean {str(node.value).lower()} (quote it to make it text)"
    return "text"


class _Checker:
    """Checks the nodes of one file and collects values and diagnostics."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    def report(self, line: int, column: int, severity: Severity, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, column, severity, code, message))

    def error(self, node: Node | ScalarNode, code: str, message: str) -> None:
        self.report(node.line, node.column, "error", code, message)

    def warning(self, node: Node | ScalarNode, code: str, message: str) -> None:
        self.report(node.line, node.column, "warning", code, message)

    # -- scalars --------------------------------------------------------------------------

    def scalar_text(self, node: Node, where: str, type_: FieldType = "text") -> str | None:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            value = node.value
            # ids, countries, roles and names recur across thousands of declarations: one
            # string each instead of a copy per declaration (and per pickled state)
            return sys.intern(value) if len(value) <= _SHARED_TEXT else value
        if isinstance(node, ScalarNode) and node.value is None:
            return None
        self.error(
            node,
            "wrong-type",
            f"{where} must be {_TYPE_NAMES[type_]}, but is {_describe(node)}",
        )
        return None

    def slug(self, node: Node, where: str, *, what: str = "an id") -> str | None:
        text = self.scalar_text(node, where, "slug")
        if text is None:
            return None
        if not SLUG_RE.fullmatch(text) or len(text) > MAX_ID_LENGTH:
            suggestion = slugify(text)
            hint = f"; try {suggestion!r}" if suggestion and SLUG_RE.fullmatch(suggestion) else ""
            self.error(
                node,
                "bad-id",
                f"{where}: {text!r} is not {what}: use lowercase letters, digits and hyphens, "
                f"starting with a letter or digit{hint}",
            )
            return None
        return text

    def value(
        self, spec: FieldSpec, node: Node, where: str
    ) -> tuple[Value | None, dict[int, Position]]:
        """The checked value of one field, and the positions of list items."""
        label = f"{where}{spec.name}"
        positions: dict[int, Position] = {}
        t = spec.type
        if t in ("refs", "slugs", "texts"):
            items = node.items if isinstance(node, SeqNode) else [node]
            if isinstance(node, MapNode):
                self.error(
                    node, "wrong-type", f"{label} must be {_TYPE_NAMES[t]}, but is a mapping"
                )
                return None, positions
            out: list[str] = []
            for item in items:
                if t == "texts":
                    got = self.scalar_text(item, f"an item of {label}")
                else:
                    got = self.slug(
                        item, f"an item of {label}", what="an id" if t == "refs" else "a slug"
                    )
                if got is not None and got not in out:
                    positions[len(out)] = (item.line, item.column)
                    out.append(got)
            return out, positions
        if t == "source":
            if not isinstance(node, MapNode):
                self.error(
                    node,
                    "wrong-type",
                    f"{label} must be {_TYPE_NAMES[t]}, but is {_describe(node)}",
                )
                return None, positions
            source: dict[str, str] = {}
            known = {s.name: s for s in SOURCE_FIELDS}
            for key, (key_node, value_node) in node.items.items():
                sub = known.get(key)
                if sub is None:
                    self.error(
                        key_node,
                        "unknown-field",
                        f"unknown field {key!r} in source{did_you_mean(key, list(known))}; "
                        f"source takes {', '.join(known)}",
                    )
                    continue
                sub_value, _ = self.value(sub, value_node, "source.")
                if isinstance(sub_value, str):
                    source[key] = sub_value
            return source, positions
        if t in ("slug", "ref"):
            return self.slug(node, label), positions
        text = self.scalar_text(node, label, t)
        if text is None:
            return None, positions
        if t == "date":
            try:
                PartialDate.parse(text)
            except ValueError as exc:
                self.error(node, "bad-date", f"{label}: {exc}")
                return None, positions
            return text.strip(), positions
        if t == "country":
            if text not in COUNTRY_CODES:
                hint = (
                    f" (write it in capitals: {text.upper()!r})"
                    if text.upper() in COUNTRY_CODES
                    else ""
                )
                self.error(
                    node,
                    "bad-country",
                    f"{label}: {text!r} is not an ISO 3166-1 alpha-2 country code{hint}; "
                    "use two capital letters such as VN, JP or NO",
                )
                return None, positions
            return text, positions
        if t == "status":
            if text not in STATUSES:
                self.error(
                    node,
                    "bad-status",
                    f"{label}: {text!r} is not a status{did_you_mean(text, STATUSES)}; use one of "
                    f"{', '.join(STATUSES)}",
                )
                return None, positions
            return text, positions
        if t == "url" and not re.match(r"https?://\S+$", text):
            self.warning(
                node,
                "bad-url",
                f"{label}: {text!r} is not an http or https address; check the source's URL",
            )
        return text, positions

    # -- mappings -------------------------------------------------------------------------

    def fields(
        self,
        node: MapNode,
        specs: tuple[FieldSpec, ...],
        where: str,
        *,
        extra: tuple[str, ...] = (),
    ) -> tuple[dict[str, Value], Places, tuple[str, ...]]:
        """The valid values of a mapping's fields and where each stands, and the fields whose
        value was written but refused (each reported): those are missing, never defaulted."""
        known = {s.name: s for s in specs}
        values: dict[str, Value] = {}
        positions: dict[str, Position] = {}
        refused: list[str] = []
        for key, (key_node, value_node) in node.items.items():
            if key in extra:
                continue
            spec = known.get(key)
            if spec is None:
                choices = [*known, *extra]
                self.error(
                    key_node,
                    "unknown-field",
                    f"unknown field {key!r}{' in ' + where.rstrip('.') if where else ''}"
                    f"{did_you_mean(key, choices)}; it was ignored. Known fields: "
                    f"{', '.join(choices)}",
                )
                continue
            reported = len(self.diagnostics)
            got, item_positions = self.value(spec, value_node, where)
            if got is None:
                if any(d.severity == "error" for d in self.diagnostics[reported:]):
                    refused.append(spec.name)
                continue
            # the field's own name (one string for every declaration), not the file's copy
            values[spec.name] = got
            positions[spec.name] = (value_node.line, value_node.column)
            for index, pos in item_positions.items():
                positions[f"{spec.name}.{index}"] = pos
        return values, Places(positions), tuple(refused)

    def missing(
        self,
        node: MapNode,
        specs: tuple[FieldSpec, ...],
        values: dict[str, Value],
        what: str,
        after: str = "",
    ) -> bool:
        """Report required fields without a valid value; true when some are missing."""
        absent = [
            s.name
            for s in specs
            if s.required and (s.name not in values or values[s.name] in ("", []))
        ]
        if absent:
            fields = ", ".join(absent)
            self.error(
                node,
                "missing-field",
                f"{what} was skipped: it has no valid {fields}; add "
                f"{'it' if len(absent) == 1 else 'them'}{after}",
            )
        return bool(absent)
