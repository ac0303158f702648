"""Drafting a briefing from an article: ``dragoman draft`` and the app's new briefing from an
article. See :func:`dragoman.draft.compose.draft_briefing` and docs/draft.md.
"""
