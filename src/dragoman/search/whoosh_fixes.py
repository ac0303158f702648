"""Fixes to the pinned Whoosh fork (whoosh-reloaded 2.7.5), applied when this module is first
imported: :mod:`dragoman.search.storage.cache` imports it before any index is opened.

- ``W3PerDocReader._cached_reader`` remembers the length columns it finds but not the ones it
  does not: every posting of a field without lengths (ids, keywords, numbers) asked the file
  system again whether the column exists, which was a fifth of a full build.
- ``W3PerDocReader.doc_field_length`` read one byte from the file, through three layers of
  calls, for every posting written and every document scored. The lengths of a field are read
  once per reader instead, as one list (the values are the same).
- ``CompoundStorage.open_file`` wraps each part of a memory-mapped segment in a ``BufferFile``,
  which copies the whole part into a ``BytesIO`` at once, though readers then read it through
  the map (``get``, ``get_array``) and almost never as a stream: opening a searcher over
  10,000 briefings copied 200 MB and took 66 ms. The copy is now made only when the part is
  read as a stream.
(BM25F's statistics, which count deleted documents, are fixed in
:mod:`dragoman.search.live_stats`.)

Uses Whoosh only.
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import byte_to_length
from whoosh.filedb import compound
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import MultiReader, SegmentReader

T = TypeVar("T")

# what one length byte means; 0 is "no length", for which Whoosh answers None
_LENGTHS: list[int | None] = [None, *(byte_to_length(i) for i in range(1, 256))]


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    readers = self._readers
    if fieldname in readers:
        return readers[fieldname]
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    readers[fieldname] = reader
    return reader


def _lengths(self: Any, fieldname: str) -> Any:
    """The lengths of ``fieldname`` in every document of a segment, read once."""
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
    return lengths


def _doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> Any:
    lengths = _lengths(self, fieldname)
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    if not lengths:
        return default
    return lengths[docnum] if docnum < len(lengths) else None


def field_lengths(reader: Any, fieldname: str) -> Any:
    """The length of ``fieldname`` in every document of a segment reader (indexed by document
    number; empty when the field keeps no lengths), as ``doc_field_length`` answers them."""
    return _lengths(reader._perdoc, fieldname)


def per_searcher(searcher: Any, key: Hashable, make: Callable[[], T]) -> T:
    """What ``make`` returns, worked out once per searcher: a searcher reads one unchanging
    set of segments (a catch-up opens a new one), so what is read from them keeps as long as
    it does. Searches hold the index's lock, one at a time."""
    memo: dict[Hashable, Any] = searcher.__dict__.setdefault("_dragoman_memo", {})
    if key not in memo:
        memo[key] = make()
    value: T = memo[key]
    return value


def stored_fields_reader(searcher: Any) -> Callable[[int], dict[str, Any]]:
    """``searcher.stored_fields``, a third faster: each segment's stored column read directly,
    without the reader's copy of every stored dict filtered by the schema (which drops fields
    removed from a schema; an index of dragoman's is rebuilt whenever its schema changes).
    Kept on the searcher."""
    return per_searcher(searcher, "stored", lambda: _stored_fields_reader(searcher))


def _stored_fields_reader(searcher: Any) -> Callable[[int], dict[str, Any]]:
    reader = searcher.reader()
    if isinstance(reader, SegmentReader):
        get: Callable[[int], dict[str, Any]] = reader._perdoc.stored_fields
        return get
    if isinstance(reader, MultiReader) and all(
        isinstance(r, SegmentReader) for r in reader.readers
    ):
        offsets = list(reader.doc_offsets)
        parts = [r._perdoc.stored_fields for r in reader.readers]

        def get_in_part(docnum: int) -> dict[str, Any]:
            i = bisect_right(offsets, docnum) - 1
            fields: dict[str, Any] = parts[i](docnum - offsets[i])
            return fields

        return get_in_part
    fallback: Callable[[int], dict[str, Any]] = searcher.stored_fields
    return fallback


class _ViewReader(io.RawIOBase):
    """A file over a memoryview (a part of a mapped segment): reads copy what they read only."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        start = self._pos
        n = max(0, min(len(buffer), len(self._view) - start))
        buffer[:n] = self._view[start : start + n]
        self._pos = start + n
        return n

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            offset += len(self._view)
        if offset < 0:
            raise ValueError("negative seek position")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos


class LazyBufferFile(BufferFile):  # type: ignore[misc]
    """A ``BufferFile`` over a memory map, read as a stream through a small buffer instead of
    a copy of the whole part."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self._stream: Any = None
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    @property
    def file(self) -> Any:
        if self._stream is None:
            self._stream = io.BufferedReader(_ViewReader(self._buf), STREAM_BUFFER)
        return self._stream

    @file.setter
    def file(self, value: Any) -> None:
        self._stream = value

    def close(self) -> None:
        if self.is_closed:
            raise Exception("This file is already closed")
        if self.onclose:
            self.onclose(self)
        if self._stream is not None:
            self._stream.close()
        self.is_closed = True


STREAM_BUFFER = 4096  # a block of postings is read whole through it, most often
_open_part = compound.CompoundStorage.open_file


def _open_file(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    if self._source is None:
        return _open_part(self, name, *args, **kwargs)
    if self.is_closed:
        raise StorageError("Storage was closed")
    offset, length = self.range(name)
    return LazyBufferFile(compound.memoryview_(self._source, offset, length), name=name)


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
    compound.CompoundStorage.open_file = _open_file


apply()
