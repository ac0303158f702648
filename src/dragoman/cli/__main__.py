"""``python -m dragoman.cli``: the same as the ``dragoman`` command.

Uses :mod:`dragoman.cli.main`.
"""

from __future__ import annotations

from dragoman.cli.main import main

raise SystemExit(main())
