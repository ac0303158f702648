"""dragoman: a terminal browser for defence-diplomacy briefings."""

__version__ = "0.1.0"
