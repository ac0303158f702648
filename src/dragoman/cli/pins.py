"""``dragoman pins``: the pins of a briefings folder. (Being written.)"""

from __future__ import annotations

from typing import Any


def add_pins_command(sub: Any) -> None:
    return None
