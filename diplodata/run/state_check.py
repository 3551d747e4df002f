"""At the start of a run: check the state store, rebuild it when it is damaged, and import
the state an older diplodata kept as a file per article.

- The store is checked (``PRAGMA quick_check``: it reads the whole file, about 500 MB at
  100,000 articles) only when it may have changed since a run left it: a run that ends
  cleanly records, once every connection of it is closed, the store's size and
  modification time and its WAL's (``state_db.record_closed``, in ``state.sqlite.closed``,
  written atomically); the next run's check removes that record and checks the store in
  full only when the record is missing (a run killed or stopped by an error, a store
  made elsewhere) or the file's stat is not the recorded one (a write from outside, by a
  program or a person; a copy with ``cp -a`` keeps both and is trusted as its source was).
- A damaged store (not a database, a malformed page) is moved aside to
  ``state.sqlite.damaged`` and a new one is started with every entry that can still be read
  from it; entries are checked again when used (a damaged one is re-extracted), so the run
  goes on and re-extracts what was lost. The run reports it in one line.
- The per-file layout (``.state/facts/<version>/<sha256>.json``,
  ``.state/failed/<version>/<sha256>.txt``, ``.state/articles/<sha256>.json``) is read
  once and imported in one transaction: entries whose checksum (or text hash) does not
  match are left out and re-extracted; the old folders are removed once the import is
  committed (a run killed in between imports them again, which changes nothing).

Runs under the output folder's lock, before any extract task opens the store.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diplodata.run.state import canonical, decode_article, digest
from diplodata.run.state_db import (
    CLOSED,
    DB_NAME,
    STATE_DIR,
    TABLES,
    as_left,
    connect,
    db_path,
    transaction,
)

DAMAGED = f"{DB_NAME}.damaged"
OLD_FOLDERS = ("facts", "failed", "articles")
COLUMNS = {"facts": 4, "failed": 3, "articles": 2, "inputs": 6, "corpus": 1}


@dataclass(slots=True)
class StateCheck:
    problems: list[str] = field(default_factory=list)  # one line each, for the user
    imported: dict[str, int] = field(default_factory=dict)  # rows per table, from old files


def check_state(out: Path) -> StateCheck:
    """Check the store of ``out`` (rebuilding it if damaged) and import the old layout."""
    result = StateCheck()
    left = _as_left(out)  # as the last run left it: not read again
    if db_path(out).exists() and not left:
        damage = _damage(out)
        if damage is not None:
            result.problems.append(_rebuild(out, damage))
    if any((out / STATE_DIR / name).is_dir() for name in OLD_FOLDERS):
        result.imported = import_files(out)
    return result


def _as_left(out: Path) -> bool:
    """Whether the store of ``out`` is as the last run that ended cleanly left it. The
    record is removed: a run that does not end cleanly leaves none, and its store is
    checked in full by the next run."""
    record = db_path(out).with_name(CLOSED)
    try:
        return as_left(out) is not None
    finally:
        record.unlink(missing_ok=True)


def _damage(out: Path) -> str | None:
    """What is wrong with the store, or None when SQLite finds it intact."""
    try:
        con = connect(out)
        try:
            found = [str(row[0]) for row in con.execute("PRAGMA quick_check(3)")]
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.OperationalError:
        raise  # cannot open or read the file (permissions, disk): not damage
    except sqlite3.DatabaseError as exc:  # not a database, malformed
        return str(exc)
    if found != ["ok"]:
        return "; ".join(found)
    missing = [t for t in TABLES if t not in tables]
    return f"tables missing: {', '.join(missing)}" if missing else None


def _rebuild(out: Path, damage: str) -> str:
    """Move the damaged store aside and start a new one with what can still be read."""
    path = db_path(out)
    aside = path.with_name(DAMAGED)
    rows = _readable_rows(path)
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
    _insert(out, rows)
    kept = sum(len(v) for v in rows.values())
    return (
        f"{path}: the run's state store is damaged ({damage}); moved it to {aside.name} and "
        f"started a new one with the {kept:,} entries still readable: articles whose cached "
        "facts were lost are extracted again"
    )


def _readable_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of each table that SQLite can still read (none when the file is not a
    database); a value damaged inside a row is caught by its checksum when used."""
    rows: dict[str, list[tuple[object, ...]]] = {}
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return rows
    try:
        for table in TABLES:
            found = rows.setdefault(table, [])
            try:
                for row in con.execute(f"SELECT * FROM {table}"):
                    if len(row) == COLUMNS[table]:
                        found.append(tuple(row))
            except sqlite3.DatabaseError:
                continue  # keep what was read before the damage
    finally:
        con.close()
    return rows


def import_files(out: Path) -> dict[str, int]:
    """Import the per-file layout of an older diplodata, then remove its folders."""
    state = out / STATE_DIR
    rows: dict[str, Sequence[tuple[object, ...]]] = {
        "facts": _old_facts(state / "facts"),
        "failed": _old_failures(state / "failed"),
        "articles": _old_articles(state / "articles"),
    }
    _insert(out, rows)
    for name in OLD_FOLDERS:
        shutil.rmtree(state / name, ignore_errors=True)
    return {table: len(values) for table, values in rows.items()}


def _insert(out: Path, rows: Mapping[str, Sequence[tuple[object, ...]]]) -> None:
    """Add ``rows`` (per table) to the store in one transaction; keys present are kept."""
    con = connect(out)
    try:
        with transaction(con):
            for table, values in rows.items():
                marks = ", ".join("?" * COLUMNS[table])
                con.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", values)
            # the corpus of no release known: each of its articles is checked by the next run
            con.execute("INSERT OR IGNORE INTO corpus_check SELECT sha256 FROM corpus")
    finally:
        con.close()


def _old_facts(folder: Path) -> list[tuple[str, str, str, str]]:
    """``facts/<version>/<sha256>.json`` files whose checksum matches their facts."""
    found = []
    for path in sorted(folder.glob("*/*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            text = canonical(entry["facts"])
            checksum = digest(text)
            if entry["sha256"] == checksum:
                found.append((path.stem, path.parent.name, checksum, text))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # damaged: re-extracted
    return found


def _old_failures(folder: Path) -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(folder.glob("*/*.txt")):
        try:
            found.append((path.stem, path.parent.name, path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return found


def _old_articles(folder: Path) -> list[tuple[str, str]]:
    """``articles/<sha256>.json`` files whose text still hashes to their name."""
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        if decode_article(path.stem, text) is not None:
            found.append((path.stem, text))
    return found
