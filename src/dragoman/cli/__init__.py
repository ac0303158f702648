"""The command line: ``dragoman [PATH]``, ``check``, ``show``, ``schema``, ``search``, ``index``.

A thin face on the core, one module per group of commands: ``main`` (the parser and the
dispatch), ``common`` (output, errors, the folder to read, opening the library or the index),
``reading`` (``check``, ``show``, the overview and the app), ``searching`` (``search``,
``index``). Every command that reports takes ``--json``, and under it prints its errors as JSON
too. User text is always printed with control characters made visible, so no briefing can drive
the terminal. May use every stage below it, and the app (to start it).
"""

from __future__ import annotations

from dragoman.cli.main import main

__all__ = ["main"]
