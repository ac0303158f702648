"""Where the index lives on disk and how its files are kept safe: ``cache`` (the folder, its
lock, atomic writes, sweeping old generations), ``manifest`` (every index file's size, mtime and
checksum) and ``state`` (the file table, parsed briefings and digests, with its journal).
"""
