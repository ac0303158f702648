"""Screens over the main one, one file each: the keys (F1 or ?) and the problems (F2).

Each uses Textual and :mod:`dragoman.text`; the problems screen, the diagnostics.
"""
