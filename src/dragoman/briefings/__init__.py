"""Stage 1 of the flow: YAML files become checked briefings, each problem a diagnostic.

- ``yamlsafe/``: the bounded, safe YAML reader (libyaml events, no constructors), with positions
- ``fields.py``, ``dates.py``: the format's field table, kinds, statuses, countries, dates
- ``parsed.py``: what reading one briefing gives (declarations, values, positions)
- ``values.py``, ``checks.py``: the checks on one value and on one briefing
- ``loader.py``: finding files and reading each one, never raising
- ``diagnostics.py``: a problem with file, line, column, code and what to do
- ``schema.py``: the JSON Schema, made from the same field table
- ``paths.py``: which folder to read when none is given

May use only :mod:`dragoman.text` of dragoman: never the library, the search or a face.
"""
