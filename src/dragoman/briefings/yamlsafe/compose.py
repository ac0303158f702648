"""A safe, bounded YAML reader that keeps positions.

PyYAML's constructors are never used: libyaml (or PyYAML's pure-Python parser where libyaml is
missing) only produces *events*, and this module composes them into plain nodes iteratively.
That gives us, in one place:

- no object is ever built from a tag (any tag but ``!!str``/``!!seq``/``!!map`` is refused);
- plain scalars stay text exactly as written (``NO``, ``0755``, ``1.10``, ``2025-11-01``); only
  ``true``/``false`` become booleans, and an empty value, ``~`` or ``null`` means "no value";
- duplicate keys are reported with both lines;
- a budget on nodes and on what aliases expand to (an alias bomb is refused at once) and a
  refusal of aliases that point into the node that contains them;
- a nesting-depth check made *before* libyaml sees the text (libyaml's parser is quadratic on
  deep nesting and PyYAML's C composer overflows the C stack near 50,000 levels);
- every failure, whatever PyYAML raises, becomes a :class:`YamlProblem`; nothing escapes.

Uses the nodes and the depth check beside it; nothing else of dragoman.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from dragoman.briefings.yamlsafe.depth import inside, nesting_depth, position
from dragoman.briefings.yamlsafe.nodes import (
    MapNode,
    Node,
    Scalar,
    ScalarNode,
    SeqNode,
    YamlLimits,
    YamlProblem,
)

try:  # libyaml is ~10x faster; PyYAML's pure-Python parser is the fallback.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "!",  # the non-specific tag: same as no tag
}


_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(slots=True)
class _Frame:
    node: SeqNode | MapNode
    anchor: str | None
    pending_key: ScalarNode | None = None
    seen_keys: dict[str, int] = field(default_factory=dict)


# What YAML 1.1 does not allow in a stream: C0 controls but tab, LF and CR; DEL; C1 controls
# but NEL; surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# YAML 1.1 readers take NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR for line breaks; editors do
# not. They are swapped for private-use stand-ins while libyaml reads and restored in values, so
# that text pasted with them loads and every line number matches the editor's.
_SEPARATORS = {"\x85": "\ue085", "\u2028": "\ue028", "\u2029": "\ue029"}


_TO_STANDIN = str.maketrans(_SEPARATORS)


_FROM_STANDIN = str.maketrans({v: k for k, v in _SEPARATORS.items()})


def _resolve(event: yaml.ScalarEvent) -> Scalar:
    value = unicodedata.normalize("NFC", event.value)
    if event.style in (None, "") and event.implicit[0]:
        if value == "true":
            return True
        if value == "false":
            return False
        if value in _NULLS:
            return None
    return value


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - libyaml and PyYAML always set marks
        return 1, 1
    return mark.line + 1, mark.column + 1


def compose(text: str, limits: YamlLimits | None = None) -> tuple[Node | None, list[YamlProblem]]:
    """Compose the first YAML document of ``text`` into nodes.

    Returns ``(node, problems)``. ``node`` is ``None`` when the text cannot be used at all
    (a syntax error, a refused tag, a budget passed) or holds no document; ``problems`` then
    says why. Non-fatal problems (duplicate keys, a second document) come with a node. Every
    problem's position falls inside ``text``.
    """
    node, problems = _compose(text, limits or YamlLimits())
    return node, [_inside(text, problem) for problem in problems]


def _inside(text: str, problem: YamlProblem) -> YamlProblem:
    line, column = inside(text, problem.line, problem.column)
    if (line, column) == (problem.line, problem.column):
        return problem
    return dataclasses.replace(problem, line=line, column=column)


def _compose(text: str, limits: YamlLimits) -> tuple[Node | None, list[YamlProblem]]:
    problems: list[YamlProblem] = []
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        line, column = position(text, bad.start())
        code = ord(bad.group())
        problems.append(
            YamlProblem(
                line,
                column,
                "control-character",
                f"the file holds the control character U+{code:04X}, which YAML does not allow "
                f"as it is; remove it, or write it as an escape (\\x{code:02x}) inside double "
                "quotes",
            )
        )
        return None, problems
    depth, depth_line = nesting_depth(text, limits.max_depth)
    if depth > limits.max_depth:
        problems.append(_too_deep(depth_line, limits))
        return None, problems
    standins = any(c in text for c in _SEPARATORS) and not any(
        c in text for c in _FROM_STANDIN_CHARS
    )
    if standins:
        text = text.translate(_TO_STANDIN)
    try:
        node = _compose_events(text, limits, problems)
        if standins:
            _restore(node)
        return node, problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(
            YamlProblem(line, column, "yaml-syntax", f"YAML syntax error: {what}; fix the YAML")
        )
    except _Refused as exc:
        problems.append(exc.problem)
    except (MemoryError, RecursionError):
        problems.append(
            YamlProblem(1, 1, "too-large", "the file is too large or complex to read safely")
        )
    except Exception as exc:  # PyYAML raises IndexError, ValueError, ... on odd input
        problems.append(
            YamlProblem(
                1, 1, "yaml-syntax", f"YAML could not be read ({type(exc).__name__}); fix the YAML"
            )
        )
    return None, problems


_FROM_STANDIN_CHARS = tuple(_SEPARATORS.values())


def _restore(node: Node | None) -> None:
    """Put the separators swapped out before reading back into every text value."""
    pending = [node]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ScalarNode):
            if isinstance(current.value, str):
                current.value = current.value.translate(_FROM_STANDIN)
        elif isinstance(current, SeqNode):
            pending.extend(current.items)
        else:
            restored = {}
            for key, (key_node, value) in current.items.items():
                key_node.value = key.translate(_FROM_STANDIN)
                restored[key_node.value] = (key_node, value)
                pending.append(value)
            current.items = restored


class _Refused(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _compose_events(text: str, limits: YamlLimits, problems: list[YamlProblem]) -> Node | None:
    loader = _EventLoader(text)
    try:
        return _compose_loop(loader, limits, problems)
    finally:
        loader.dispose()


def _check_tag(tag: str | None, line: int, column: int) -> None:
    if tag is None or tag in _ALLOWED_TAGS:
        return
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    raise _Refused(
        YamlProblem(
            line,
            column,
            "yaml-tag",
            f"the YAML tag {shown} is not allowed in a briefing (nothing was built from it); "
            "remove the tag",
        )
    )


def _compose_loop(
    loader: yaml.CSafeLoader, limits: YamlLimits, problems: list[YamlProblem]
) -> Node | None:
    stack: list[_Frame] = []
    anchors: dict[str, Node] = {}
    open_anchors: set[str] = set()
    root: Node | None = None
    documents = 0
    total = 0  # nodes, counting alias expansions
    aliases = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent = frame.node
        if isinstance(parent, SeqNode):
            parent.items.append(node)
            return
        if frame.pending_key is None:
            if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
                raise _Refused(
                    YamlProblem(
                        node.line,
                        node.column,
                        "yaml-key",
                        "a mapping key must be plain text; write the key as a word",
                    )
                )
            frame.pending_key = node
            return
        key = frame.pending_key
        frame.pending_key = None
        assert isinstance(key.value, str)
        if key.value in parent.items:
            first = frame.seen_keys[key.value]
            problems.append(
                YamlProblem(
                    key.line,
                    key.column,
                    "duplicate-key",
                    f"duplicate key {key.value!r}: first at line {first}, again at line "
                    f"{key.line}; keep one (the first is used)",
                    fatal=False,
                )
            )
            return
        parent.items[key.value] = (key, node)
        frame.seen_keys[key.value] = key.line

    while loader.check_event():
        event = loader.get_event()
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, column = _mark(event)
                problems.append(
                    YamlProblem(
                        line,
                        column,
                        "multiple-documents",
                        "a file holds one briefing, but a second YAML document starts here; "
                        "move it to a file of its own (it was ignored)",
                        fatal=False,
                    )
                )
                break
            continue
        if isinstance(event, yaml.ScalarEvent):
            line, column = _mark(event)
            _check_tag(event.tag, line, column)
            node: Node = ScalarNode(_resolve(event), line, column)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            line, column = _mark(event)
            _check_tag(event.tag, line, column)
            node = (
                SeqNode([], line, column)
                if isinstance(event, yaml.SequenceStartEvent)
                else MapNode({}, line, column)
            )
            total += 1
            if total > limits.max_nodes:
                raise _Refused(_budget(line, column, limits))
            if len(stack) >= limits.max_depth:
                raise _Refused(_too_deep(line, limits))
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            stack.append(_Frame(node, event.anchor))
            continue
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            frame = stack.pop()
            node = frame.node
            if isinstance(node, SeqNode):
                node.size = 1 + sum(child.size for child in node.items)
            else:
                node.size = 1 + sum(1 + v.size for _, v in node.items.values())
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor] = node
            attach(node)
            continue
        elif isinstance(event, yaml.AliasEvent):
            line, column = _mark(event)
            aliases += 1
            if event.anchor in open_anchors:
                raise _Refused(
                    YamlProblem(
                        line,
                        column,
                        "yaml-alias",
                        f"the alias *{event.anchor} points into the node that contains it "
                        "(a cycle); remove the alias",
                    )
                )
            target = anchors.get(event.anchor or "")
            if target is None:  # libyaml reports undefined aliases itself; be safe anyway
                raise _Refused(
                    YamlProblem(
                        line,
                        column,
                        "yaml-alias",
                        f"the alias *{event.anchor} is not defined; define the anchor "
                        f"&{event.anchor} before it, or write the value out",
                    )
                )
            total += target.size
            if aliases > limits.max_aliases or total > limits.max_nodes:
                raise _Refused(_budget(line, column, limits))
            attach(target)
            continue
        else:
            continue
        # a scalar
        total += 1
        if total > limits.max_nodes:
            raise _Refused(_budget(node.line, node.column, limits))
        if event.anchor is not None:
            anchors[event.anchor] = node
        attach(node)
    return root


def _too_deep(line: int, limits: YamlLimits) -> YamlProblem:
    return YamlProblem(
        line,
        1,
        "too-deep",
        f"the YAML nests deeper than {limits.max_depth} levels; a briefing needs about five: "
        "flatten the structure (check for runaway brackets)",
    )


def _budget(line: int, column: int, limits: YamlLimits) -> YamlProblem:
    return YamlProblem(
        line,
        column,
        "yaml-budget",
        f"the YAML expands to more than {limits.max_nodes:,} values or uses more than "
        f"{limits.max_aliases:,} aliases (an alias bomb?), so it was not loaded; write the "
        "values out instead of repeating them through aliases, or split the file",
    )
