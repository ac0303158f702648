"""Where the index lives on disk and how its files are kept safe: ``cache`` (the folder, its
lock, atomic writes, sweeping old generations, the Whoosh storage of a generation),
``manifest`` (every index file's size, mtime and checksum) and ``state`` (the file table,
parsed briefings and digests, with its journal). One folder per briefings folder (keyed by its
resolved path)::

    <cache>/folders/<key>/
        lock          held (flock) by the one process that writes
        CURRENT       the name of the generation in use; replaced atomically
        gen-<stamp>/  a Whoosh index, ``state.pickle`` (the base state: the file table, every
                      file's parsed briefing, a digest of every indexed document, the manifest
                      of the index files) and ``state.journal`` (entries appended by each
                      catch-up since that base: what changed)

A reader never sees a half-built generation: a build writes a new one and swaps ``CURRENT``.
"""
