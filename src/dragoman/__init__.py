"""dragoman: a terminal browser for defence-diplomacy briefings.

Holds only the version; every stage is a folder below (see docs/architecture.md).
"""

__version__ = "0.1.0"
