"""Stage 2 of the flow: every briefing merged into one library of linked entities.

- ``model.py``: the entities and briefings of the library (plain data)
- ``merge.py``: merging declarations of one id, resolving links, the problems across briefings
- ``update.py``: merging again only what changed files declare
- ``library.py``: :class:`Library` (look-ups, roles, chains) and :func:`load_library`
- ``present.py``: what an entity looks like to a reader, for ``show``, ``--json`` and the app

May use :mod:`dragoman.briefings` and :mod:`dragoman.text`; never the search or a face.
"""
