"""Which editor to run and how to give it a file at a line: ``$VISUAL``, else ``$EDITOR``, else
the first of a few common editors found on the PATH; each editor with its own way of naming the
line (``+LINE FILE``, ``--goto FILE:LINE``, ``FILE:LINE``).

Plain functions: no Textual, nothing run. Uses nothing of dragoman.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Tried in this order when neither $VISUAL nor $EDITOR is set: `editor` is Debian's and Ubuntu's
# choice of the system's editor (a link that is followed to learn which one it is).
DEFAULT_EDITORS = ("editor", "nano", "vim", "vi", "nvim", "micro", "emacs")

# editors that take `+LINE FILE`
PLUS_LINE = frozenset(
    {
        "vi", "vim", "nvim", "gvim", "mvim", "view", "vis", "nano", "rnano", "pico",
        "emacs", "emacsclient", "micro", "kak", "hx", "helix", "joe", "jed", "ne", "mcedit",
        "mg", "gedit",
    }
)  # fmt: skip
# editors that take `--goto FILE:LINE`
GOTO = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"})
# editors that take `FILE:LINE`
FILE_COLON_LINE = frozenset({"subl", "sublime_text", "zed", "zeditor"})

Which = Callable[[str], str | None]


class EditorError(ValueError):
    """No editor can be run: the message says what to set."""


@dataclass(frozen=True)
class EditorCall:
    """The command to run, and whether it takes the editor to the line."""

    argv: list[str]
    at_line: bool
    name: str  # the editor's own name, e.g. "nvim" for `EDITOR=/usr/bin/nvim`


def editor_name(program: str, which: Which = shutil.which) -> str:
    """The editor a program is, by its name: links followed (`editor` -> nano), a directory,
    a version or `.exe` taken off (`vim.basic` -> vim, `/usr/bin/nvim` -> nvim)."""
    found = which(program) if os.sep not in program else program
    if found:
        try:
            program = os.path.realpath(found)
        except (OSError, ValueError):
            program = found
    name = Path(program).name.lower().removesuffix(".exe")
    if name not in PLUS_LINE | GOTO | FILE_COLON_LINE:
        name = name.split(".")[0]
    return name


def with_line(command: list[str], path: str, line: int, name: str) -> EditorCall:
    """``command`` (the editor and its own options) given ``path`` at ``line`` its own way."""
    line = max(1, line)
    if name in PLUS_LINE:
        return EditorCall([*command, f"+{line}", path], True, name)
    if name in GOTO:
        return EditorCall([*command, "--goto", f"{path}:{line}"], True, name)
    if name in FILE_COLON_LINE:
        return EditorCall([*command, f"{path}:{line}"], True, name)
    return EditorCall([*command, path], False, name)


def editor_command(
    path: str, line: int, env: Mapping[str, str] | None = None, which: Which = shutil.which
) -> EditorCall:
    """How to edit ``path`` at ``line``. An editor command may carry options
    (``EDITOR="code --wait"``). Raises :class:`EditorError` when there is none to run."""
    env = os.environ if env is None else env
    for variable in ("VISUAL", "EDITOR"):
        text = env.get(variable, "").strip()
        if not text:
            continue
        try:
            command = shlex.split(text)
        except ValueError as exc:
            raise EditorError(
                f"${variable} cannot be read as a command ({exc}): {text!r}"
            ) from None
        if command:
            return with_line(command, path, line, editor_name(command[0], which))
    for program in DEFAULT_EDITORS:
        found = which(program)
        if found:
            return with_line([found], path, line, editor_name(found, which))
    raise EditorError(
        "no editor found: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), "
        f"or install one of {', '.join(DEFAULT_EDITORS[1:])}"
    )
