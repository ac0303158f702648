"""Screens over the main one, one file each: the keys (F1 or ?), the problems (F2), the reader
view (r), and the analyst's views: their shared frame (``view.py``), the timeline (t), the
proposal tracker (p), who met whom and a pair's card (w, m).

Each uses Textual and :mod:`dragoman.text`; the problems screen, the diagnostics; the views, the
library's computations of each view.
"""
