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

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_DIR = ".state"
DB_NAME = "state.sqlite"
CLOSED = f"{DB_NAME}.closed"  # the store's stat as the last run that ended cleanly left it
LOCK = ".lock"  # the output folder's lock (``diplodata.publish.release.output_lock``)
SCHEMA_VERSION = 5  # 2: the inputs table; 3: the run's articles; 4: kept between runs;
# 5: the published corpus and the release files' digests
BUSY_SECONDS = 300.0  # a writer waits this long for another's transaction to end

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS facts (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "digest TEXT NOT NULL, facts TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE IF NOT EXISTS failed (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "reason TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE IF NOT EXISTS articles (sha256 TEXT NOT NULL PRIMARY KEY, record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS inputs (source TEXT NOT NULL PRIMARY KEY, version TEXT NOT NULL, "
    "stamp TEXT NOT NULL, sha256 TEXT, info TEXT, reject TEXT)",
    # what the walked files' rows of ``run_articles`` were made by, and how many they are
    "CREATE TABLE IF NOT EXISTS run_kept (made TEXT NOT NULL, files INTEGER NOT NULL)",
    # the release (and extractor version) whose articles the ``published`` rows are exactly
    "CREATE TABLE IF NOT EXISTS run_base (base TEXT NOT NULL)",
    # the latest release's articles (``.state/corpus.json`` before version 5), the release
    # they are the articles of (its mark; none: not known), and those of them that may have
    # left the run's articles since (``diplodata.run.run_articles``): a row of the run's
    # articles removed, or put out of the run's articles, names its text here
    "CREATE TABLE IF NOT EXISTS corpus (sha256 TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS corpus_of (release TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS corpus_check (sha256 TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
    # sha256 of the releases' files by path (relative to the output folder), size and
    # modification time, when last read (``diplodata.publish.verify.Digests``)
    "CREATE TABLE IF NOT EXISTS release_digests (path TEXT NOT NULL PRIMARY KEY, "
    "size INTEGER NOT NULL, modified INTEGER NOT NULL, sha256 TEXT NOT NULL) WITHOUT ROWID",
)
# the run's articles (``diplodata.run.run_articles``): a row per walked file (its stamp,
# its article's record or why it has none) kept between runs, then the run's others
# (feeds, kept, pruned); version 3's table was one run's, never carried over: dropped
RUN_ARTICLES = (
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
    "DELETE FROM run_kept",
    "DELETE FROM run_base",
)
IN_RUN = "('input', 'published', 'cached', 'todo')"  # run_articles.ARTICLES, in SQL
TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS run_articles_removed AFTER DELETE ON run_articles "
    "WHEN old.sha256 IS NOT NULL "
    "BEGIN INSERT OR IGNORE INTO corpus_check VALUES (old.sha256); END",
    "CREATE TRIGGER IF NOT EXISTS run_articles_left AFTER UPDATE OF part ON run_articles "
    f"WHEN old.sha256 IS NOT NULL AND old.part IN {IN_RUN} "
    f"AND (new.part IS NULL OR new.part NOT IN {IN_RUN}) "
    "BEGIN INSERT OR IGNORE INTO corpus_check VALUES (old.sha256); END",
)
CORPUS_FILE = "corpus.json"  # the corpus before version 5: read once, into table ``corpus``
KEPT_SINCE = 4  # the version from which ``run_articles`` is kept as it is
TABLES = ("facts", "failed", "articles", "inputs", "corpus")  # what a rebuild keeps
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
            _create(con, path.parent / CORPUS_FILE)
        con.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        con.close()
        raise
    return con


def _create(con: sqlite3.Connection, corpus_file: Path) -> None:
    """WAL mode and the tables (an older store's kept, its ``corpus_file`` read into table
    ``corpus`` and removed). Two processes creating the store at once: the journal mode
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
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return  # another connection made it meanwhile: its tables are not dropped
        for statement in SCHEMA:
            con.execute(statement)
        if version < KEPT_SINCE:
            for statement in RUN_ARTICLES:
                con.execute(statement)
        for statement in TRIGGERS:
            con.execute(statement)
        sha256s = _old_corpus(corpus_file)
        con.executemany("INSERT OR IGNORE INTO corpus VALUES (?)", ((s,) for s in sha256s))
        con.executemany("INSERT OR IGNORE INTO corpus_check VALUES (?)", ((s,) for s in sha256s))
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    corpus_file.unlink(missing_ok=True)  # read into the store: never read again


def _old_corpus(path: Path) -> list[str]:
    """The sha256 of the articles an older store's ``corpus.json`` lists (none if missing
    or unreadable: the latest release's articles are then read from it instead)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return sorted({str(s) for s in data["articles"]})
    except (OSError, ValueError, KeyError, TypeError):
        return []


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


def record_closed(out: Path) -> None:
    """Record the store of ``out`` as this run leaves it (its stat and its WAL's, in
    :data:`CLOSED`, written atomically): by a run that ended cleanly, under the output
    folder's lock, after every connection of it was closed. The next run's check
    (``diplodata.run.state_check``) reads the whole store only when it is not so."""
    path = db_path(out)
    if not path.exists():
        return
    record = path.with_name(CLOSED)
    partial = record.with_name(f"{record.name}.partial")
    partial.write_text(json.dumps(_stat(path)), encoding="utf-8")
    os.replace(partial, record)


def _stat(path: Path) -> dict[str, list[int] | None]:
    """The size and modification time (ns) of the store and of its WAL (None: no file, or
    an empty one)."""
    found: dict[str, list[int] | None] = {}
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{path}{suffix}")
        except FileNotFoundError:
            found[suffix or "db"] = None
            continue
        found[suffix or "db"] = [stat.st_size, stat.st_mtime_ns] if stat.st_size else None
    return found


def as_left(out: Path) -> str | None:
    """The record of the last run that ended cleanly (:func:`record_closed`) when the
    store of ``out`` is as it left it, else None."""
    try:
        text = db_path(out).with_name(CLOSED).read_text(encoding="utf-8")
        recorded = json.loads(text)
    except (OSError, ValueError):
        return None
    same = isinstance(recorded, dict) and bool(recorded.get("db"))
    return text if same and recorded == _stat(db_path(out)) else None


def keep_closed(out: Path, record: str) -> None:
    """After a process outside a run wrote into the store of ``out`` as the last clean run
    left it (``record``: the check for nothing new records the release files' digests it
    read), record the store as it is now, so that the next run does not check it in full:
    only when no run holds the output folder (its lock, taken without waiting for it) and
    no run started and ended meanwhile (the record is still ``record``)."""
    try:
        with (out / LOCK).open("a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # a run holds it: that run's end records the store
            if db_path(out).with_name(CLOSED).read_text(encoding="utf-8") == record:
                record_closed(out)
    except OSError:
        return  # the next run checks the store in full
