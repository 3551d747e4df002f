"""DuckDB connections in bounded memory, for the queries a release is checked and described
with (keys, diffs, the overview), whose inputs grow with the corpus.

One thread (each of DuckDB's threads keeps its own hash tables and buffers) and a memory
limit: past it DuckDB spills its joins and aggregates to a temporary folder of its own
(created under the system's temporary folder, removed when the connection closes) instead
of growing, and it lets go of cached Parquet pages. The queries stay the same; only their
memory is bounded.
"""

from __future__ import annotations

import itertools
import os
import tempfile

import duckdb

THREADS = 1
MEMORY_LIMIT = "64MB"  # enough for the queries of a release of 100,000 articles in memory
_SEQ = itertools.count()


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB on one thread, spilling past :data:`MEMORY_LIMIT`."""
    spill = os.path.join(tempfile.gettempdir(), f"diplodata-duckdb-{os.getpid()}-{next(_SEQ)}")
    return duckdb.connect(
        config={"threads": THREADS, "memory_limit": MEMORY_LIMIT, "temp_directory": spill}
    )
