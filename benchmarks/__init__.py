"""Benchmarks for dragoman: a deterministic generator of realistic briefing corpora.

``python -m benchmarks.corpus --briefings 10000 --seed 1 /tmp/corpus`` writes a corpus;
:func:`benchmarks.corpus.generate` does the same from Python and returns what the corpus holds.
"""
