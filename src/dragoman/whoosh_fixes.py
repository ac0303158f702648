"""Fixes to the pinned Whoosh fork (whoosh-reloaded 2.7.5), applied when the index is imported.

- ``W3PerDocReader._cached_reader`` remembers the length columns it finds but not the ones it
  does not: every posting of a field without lengths (ids, keywords, numbers) asked the file
  system again whether the column exists, which was a fifth of a full build.
- ``W3PerDocReader.doc_field_length`` read one byte from the file, through three layers of
  calls, for every posting written and every document scored. The lengths of a field are read
  once per reader instead, as one list (the values are the same).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import byte_to_length

# what one length byte means; 0 is "no length", for which Whoosh answers None
_LENGTHS: list[int | None] = [None, *(byte_to_length(i) for i in range(1, 256))]


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    readers = self._readers
    if fieldname in readers:
        return readers[fieldname]
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    readers[fieldname] = reader
    return reader


def _doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> Any:
    table = self.__dict__.get("_dragoman_lengths")
    if table is None:
        table = self._dragoman_lengths = {}
    lengths = table.get(fieldname)
    if lengths is None:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            lengths = ()
        else:
            count = reader._count
            data = reader._dbfile.get(reader._basepos, count) if count else b""
            lengths = [_LENGTHS[b] for b in data]
            lengths.extend([None] * (self._doccount - len(lengths)))
        table[fieldname] = lengths
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    if not lengths:
        return default
    return lengths[docnum] if docnum < len(lengths) else None


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length


apply()
