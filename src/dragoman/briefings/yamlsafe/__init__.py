"""The safe YAML reader: ``nodes`` (what it produces), ``depth`` (the look at the raw text before
libyaml parses it) and ``compose`` (libyaml's events composed into nodes, within limits).

Uses nothing else of dragoman.
"""
