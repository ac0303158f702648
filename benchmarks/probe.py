"""One measured operation in a process of its own, so that its peak memory is its own.

    python -m benchmarks.probe build ROOT      a full build into an empty $DRAGOMAN_CACHE_DIR
    python -m benchmarks.probe open ROOT       open (catching up with the files)

Prints one JSON line: seconds (the import of dragoman timed apart), peak resident memory in
MB, and what the report counted.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    what, root = argv[0], Path(argv[1])
    started = time.perf_counter()
    from dragoman.search.index import Index

    imported = time.perf_counter()
    index, report = Index.open(root, rebuild=what == "build")
    seconds = time.perf_counter() - imported
    try:
        docs = index.doc_count()
    finally:
        index.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "import_seconds": imported - started,
                "peak_mb": peak,
                "documents": docs,
                "files": report.files,
                "parsed": report.parsed,
                "rebuilt": report.rebuilt,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
