"""``dragoman cite``: a citation of an entity or briefing. (Being written.)"""

from __future__ import annotations

from typing import Any


def add_cite_command(sub: Any) -> None:
    return None
