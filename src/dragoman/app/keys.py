"""Remapping keys: a TOML file of binding ids and the keys they should answer to.

``$DRAGOMAN_CONFIG_DIR/keys.toml``, else ``keys.toml`` in the user config folder
(``~/.config/dragoman/keys.toml`` on Linux)::

    [keys]
    "app.back" = "backspace,alt+left,["
    "list.down" = "down,j,n"

Uses nothing of dragoman.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def keys_file() -> Path:
    env = os.environ.get("DRAGOMAN_CONFIG_DIR")
    if env:
        return Path(env).expanduser() / "keys.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("dragoman", appauthor=False)) / "keys.toml"


def load_keymap(path: Path, known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The remapping in ``path`` and the problems found in it (a missing file is no problem)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read the keys file ({exc}); keys are the defaults"]
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path}: not valid TOML ({exc}); keys are the defaults"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] must be a table of binding ids and keys"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in known:
            problems.append(
                f"{path}: there is no binding {binding_id!r}; see docs/keys.md for the ids"
            )
            continue
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f'{path}: the keys of {binding_id!r} must be text such as "j,down"')
            continue
        keys = keys.replace(" ", "")
        if not all(ch.isprintable() for ch in keys):
            problems.append(
                f"{path}: the keys of {binding_id!r} hold a control character; "
                "write key names such as ctrl+j or f5"
            )
            continue
        keymap[binding_id] = keys
    return keymap, problems
