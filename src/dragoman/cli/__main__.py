"""``python -m dragoman.cli``: the same as the ``dragoman`` command."""

from __future__ import annotations

from dragoman.cli.main import main

raise SystemExit(main())
