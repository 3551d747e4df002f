"""The run's state store: one SQLite file, ``<out>/.state/state.sqlite``, in WAL mode.

It holds the extraction cache (``facts``: per article text and extractor version), the
failed extractions (``failed``), the article store (``articles``; ``diplodata.run.state`` reads
and writes these three), the stat index of the input files (``inputs``:
``diplodata.ingest.input_index``) and the articles of the run (``run_articles``:
``diplodata.run.run_articles``; a row per walked input file, kept from one run to the next,
with ``run_kept`` saying what made them). SQLite (standard library) because the writers of
one run are several threads (Prefect's thread pool) and several processes (Dask workers) at once:

- WAL mode: readers never wait for the writer, one writer at a time across threads and
  processes (each waits up to :data:`BUSY_SECONDS` for the lock);
- a write is a transaction: a process killed before ``COMMIT`` leaves nothing of it, and
  SQLite rolls the half-written WAL frames back when the store is next opened;
- ``synchronous=NORMAL``: a commit survives the process being killed; a power cut may
  lose the last commits (never the store), and those articles are extracted again.

Each thread opens its own connection (a connection is not shared between threads). The
store must be on a local disk: SQLite's WAL needs shared memory between the processes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_DIR = ".state"
DB_NAME = "state.sqlite"
SCHEMA_VERSION = 4  # 2: the inputs table; 3: the run's articles; 4: kept between runs
BUSY_SECONDS = 300.0  # a writer waits this long for another's transaction to end

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS facts (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "digest TEXT NOT NULL, facts TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE IF NOT EXISTS failed (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "reason TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE IF NOT EXISTS articles (sha256 TEXT NOT NULL PRIMARY KEY, record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS inputs (source TEXT NOT NULL PRIMARY KEY, version TEXT NOT NULL, "
    "stamp TEXT NOT NULL, sha256 TEXT, info TEXT, reject TEXT)",
    # the run's articles (``diplodata.run.run_articles``): a row per walked file (its stamp,
    # its article's record or why it has none) kept between runs, then the run's others
    # (feeds, kept, pruned); version 3's table was one run's, never carried over: dropped
    "DROP TABLE IF EXISTS run_articles",
    "CREATE TABLE run_articles (pos INTEGER PRIMARY KEY, "
    "article_id TEXT, source TEXT NOT NULL, sha256 TEXT, n_chars INTEGER, title TEXT, "
    "published_date TEXT, url TEXT, publisher TEXT, language TEXT, license TEXT, "
    "origin TEXT NOT NULL, part TEXT, remade INTEGER NOT NULL DEFAULT 0, "
    "stamp TEXT, size INTEGER, big INTEGER NOT NULL DEFAULT 0, nth INTEGER, reject TEXT)",
    "CREATE INDEX run_articles_id ON run_articles (article_id)",
    "CREATE INDEX run_articles_source ON run_articles (source)",
    "CREATE INDEX run_articles_part ON run_articles (part)",
    "CREATE INDEX run_articles_remade ON run_articles (pos) WHERE remade",
    # what the walked files' rows of ``run_articles`` were made by, and how many they are
    "CREATE TABLE IF NOT EXISTS run_kept (made TEXT NOT NULL, files INTEGER NOT NULL)",
    # the release (and extractor version) whose articles the ``published`` rows are exactly
    "CREATE TABLE IF NOT EXISTS run_base (base TEXT NOT NULL)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)
TABLES = ("facts", "failed", "articles", "inputs")  # what a damaged store's rebuild keeps
CHUNK = 500  # keys per ``IN (...)`` query


def db_path(out: Path) -> Path:
    return out / STATE_DIR / DB_NAME


def connect(out: Path) -> sqlite3.Connection:
    """A connection to the store of ``out`` (created, in WAL mode, when missing)."""
    path = db_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            _create(con)
        con.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        con.close()
        raise
    return con


def _create(con: sqlite3.Connection) -> None:
    """WAL mode and the tables. Two processes creating the store at once: the journal mode
    switch can report "locked" without waiting, so it is retried."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            con.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    with transaction(con):
        if con.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return  # another connection made it meanwhile: its tables are not dropped
        for statement in SCHEMA:
            con.execute(statement)


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything in it is committed together, or nothing."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def chunks(keys: list[str]) -> Iterator[tuple[list[str], str]]:
    """``keys`` in slices small enough for one query, each with its ``?, ?, ...``."""
    for i in range(0, len(keys), CHUNK):
        part = keys[i : i + CHUNK]
        yield part, ", ".join("?" * len(part))
