"""Stage 3 of the flow: the library indexed with Whoosh, and searched.

Indexing (the index is a disposable cache, caught up incrementally):

- ``documents.py``: what the index holds for each entity and briefing
- ``storage/``: the cache folder and its lock, the state and its journal, the manifest
- ``scan.py``: which files changed; ``build.py``: a full build; ``catchup.py``: a catch-up
- ``index.py``: :class:`Index`, the open index (open, peek, refresh, tidy, searchers)
- ``whoosh_fixes.py``: fixes to the pinned Whoosh fork, in a room of their own

Searching:

- ``analysis.py``: tokenizing, folding, stemming, n-grams; ``query.py``: the query language
- ``compile.py``: a parsed query to Whoosh's query; ``scoring.py``, ``postings.py``: BM25F
  scores computed a block of postings at a time
- ``collect.py``: reading matches out of a searcher; ``results.py``: ranked results with
  snippets (:func:`search`); ``panes.py``: each kind's best for the app (:func:`search_panes`)
- ``facets.py``: a query's counts by kind, country, year, tag, area, status and type
- ``highlight.py``: marked words and snippets

May use :mod:`dragoman.library`, :mod:`dragoman.briefings` and :mod:`dragoman.text`; never a
face. Nothing outside this folder imports Whoosh.
"""
