"""What the safe YAML reader produces: plain nodes with positions, problems, limits.

Uses nothing of dragoman.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

Scalar: TypeAlias = str | bool | None


@dataclass(slots=True)
class ScalarNode:
    value: Scalar
    line: int  # 1-based
    column: int  # 1-based
    size: int = 1


@dataclass(slots=True)
class SeqNode:
    items: list[Node]
    line: int
    column: int
    size: int = 1


@dataclass(slots=True)
class MapNode:
    # key text -> (key node, value node); insertion-ordered like the file
    items: dict[str, tuple[ScalarNode, Node]]
    line: int
    column: int
    size: int = 1


Node: TypeAlias = ScalarNode | SeqNode | MapNode


@dataclass(frozen=True, slots=True)
class YamlProblem:
    line: int
    column: int
    code: str
    message: str
    fatal: bool = True


@dataclass(frozen=True, slots=True)
class YamlLimits:
    max_depth: int = 100
    max_nodes: int = 1_000_000  # nodes in the file, counting what aliases expand to
    max_aliases: int = 10_000
