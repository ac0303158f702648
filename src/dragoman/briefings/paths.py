"""Where the briefings are: a given PATH, ./briefings, $DRAGOMAN_BRIEFINGS, or the bundled set.

Uses nothing of dragoman.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["bundled_briefings", "resolve_briefings_path"]


def bundled_briefings() -> Path:
    """The sample briefings shipped inside the package."""
    return Path(str(resources.files("dragoman") / "bundled"))


def resolve_briefings_path(explicit: str | None) -> tuple[Path, str]:
    """The folder (or file) to read and how it was chosen."""
    if explicit:
        return Path(explicit).expanduser(), "given"
    here = Path("briefings")
    if here.is_dir():
        return here, "./briefings"
    env = os.environ.get("DRAGOMAN_BRIEFINGS")
    if env:
        return Path(env).expanduser(), "$DRAGOMAN_BRIEFINGS"
    return bundled_briefings(), "bundled"
