"""Screens over the main one, one file each: the keys (F1 or ?) and the problems (F2)."""
