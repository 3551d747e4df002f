"""Change detection by stat: an input file whose size, modification and change times and
inode (and those of its ``NAME.json`` sidecar) are what they were when it was last read is
not read, normalized, hashed or screened again, and its text is not read from the article
store either: the run carries its article by the record kept here.

The ``inputs`` table of the state store (``diplodata.run.state_db``) holds, per input path
(relative to the articles folder), the stamp the walk saw before the file was read
(``diplodata.ingest.walk``), the sha256 and record
(:class:`~diplodata.ingest.records.ArticleInfo`, no text) of the article read from it, or
why it is a reject (it is not UTF-8, not an article, not English: what depends on the file
alone). The text of every article read is stored in
the article store in the same transaction. Only entries written by this reading code count
(the version is a digest of the modules that turn a file into an article), and a file
modified in the last two seconds is not recorded: a write in the same clock tick as the
walk, with the same size, would otherwise go unseen (git's "racy" files).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplodata.ingest.records import ArticleInfo, info_of
from diplodata.ingest.walk import InputFile
from diplodata.models import Article
from diplodata.run.state import ArticleStore, encode_article
from diplodata.run.state_db import chunks, transaction
from diplodata.version import EXTRACTOR_VERSION

RACY_NS = 2_000_000_000  # a file changed this recently is read again next time
ENTRIES_BATCH = 5_000  # records parsed at once

_PACKAGE = Path(__file__).resolve().parent
_READING_CODE = (
    "input_index.py",
    "articles.py",
    "normalize.py",
    "html.py",
    "sources.py",
    "walk.py",
    "screen.py",
)


def reading_version() -> str:
    """Which code turned files into articles: the extractor version and the reading modules."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for name in _READING_CODE:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """What reading an input file gave: an article (``info``) or why it is a reject."""

    stamp: str
    info: ArticleInfo | None
    reject: str | None
    stored: bool  # the article's text is in the article store


@dataclass(frozen=True, slots=True)
class Outcome:
    """A file read in this run: its article (with the text) or why it is a reject."""

    file: InputFile
    article: Article | None
    reject: str | None
    final: bool = True  # False: the file could not be read now; it is not recorded


def encode_info(info: ArticleInfo) -> str:
    date = info.published_date.isoformat() if info.published_date else None
    return json.dumps(
        [
            info.article_id,
            info.n_chars,
            info.title,
            date,
            info.url,
            info.publisher,
            info.language,
            info.license,
        ],
        ensure_ascii=False,
    )


def decode_info(source: str, sha256: str, text: str) -> ArticleInfo:
    return _info(source, sha256, json.loads(text))


def _info(source: str, sha256: str, values: list[object]) -> ArticleInfo:
    aid, n_chars, title, date, url, publisher, language, license = values
    day = dt.date.fromisoformat(date) if isinstance(date, str) else None
    return ArticleInfo(aid, source, sha256, n_chars, title, day, url, publisher, language, license)  # type: ignore[arg-type]


def _parse(text: str | None) -> object:
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return "damaged"  # not a record: the file is read again


def settled(file: InputFile, now_ns: int) -> bool:
    """True when the file (and its sidecar) was not modified in the last :data:`RACY_NS`: a
    later write in the same clock tick would leave its modification time as it is. (Its
    change time need not have settled: a write after ``touch -r`` or a copy that set an old
    modification time gives it a new one.)"""
    return now_ns - file.modified_ns >= RACY_NS


def stamps_digest(files: Sequence[InputFile]) -> str | None:
    """A digest of every file's source and stamp (None when one changed just now): equal
    digests, same input files."""
    now = time.time_ns()
    digest = hashlib.sha256()
    for file in files:
        if not settled(file, now):
            return None
        digest.update(f"{file.source}\0{file.stamp}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _parsed(
    cursor: sqlite3.Cursor, source: int, column: int
) -> Iterator[tuple[tuple[Any, ...], ArticleInfo | None, bool]]:
    """Rows of ``cursor``, each with its record parsed (the record in ``column``, its sha256
    in the next one, its source in ``source``) and whether that record is intact (a
    damaged one: the file is read again). A batch at a time, no copy of all, the batch's
    records in one parse: a hundred thousand parses one by one cost a second."""
    while rows := cursor.fetchmany(ENTRIES_BATCH):
        try:
            values = json.loads("[" + ",".join(r[column] or "null" for r in rows) + "]")
        except ValueError:  # one is damaged: each on its own
            values = [_parse(r[column]) for r in rows]
        for row, value in zip(rows, values, strict=True):
            try:
                info = _info(row[source], row[column + 1], value) if value is not None else None
            except (ValueError, TypeError):
                yield row, None, False
                continue
            yield row, info, True


class InputIndex(ArticleStore):
    """The files read by earlier runs (``inputs``), beside the article store they fill."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.version = reading_version()

    def entries(self) -> dict[str, Entry]:
        """Every file recorded by this reading code, by source."""
        query = (
            "SELECT i.source, i.stamp, i.info, i.sha256, i.reject, a.sha256 IS NOT NULL "
            "FROM inputs i LEFT JOIN articles a ON a.sha256 = i.sha256 WHERE i.version = ?"
        )
        found = {}
        for row, info, intact in _parsed(self.con.execute(query, [self.version]), 0, 2):
            source, stamp, _, _, reject, stored = row
            if intact:
                found[source] = Entry(stamp, info, reject, bool(stored))
        return found

    def compare(self, files: Iterable[InputFile]) -> None:
        """Hand the folder's walk to the index (temporary table ``walk``, in the walk's
        order), to be compared with what was recorded (:meth:`compared`) without a Python
        object per recorded file: the caller can let the walk go."""
        con = self.con
        con.execute(
            "CREATE TEMP TABLE IF NOT EXISTS walk (pos INTEGER PRIMARY KEY, path TEXT NOT NULL, "
            "source TEXT NOT NULL, stamp TEXT NOT NULL, size INTEGER NOT NULL, "
            "modified INTEGER NOT NULL)"
        )
        con.execute("BEGIN")  # the temporary database only: no lock on the store
        try:
            con.execute("DELETE FROM temp.walk")
            con.executemany(
                "INSERT INTO temp.walk VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (i, f.path, f.source, f.stamp, f.size, f.modified_ns)
                    for i, f in enumerate(files)
                ),
            )
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def compared(self) -> Iterator[tuple[InputFile, Entry | None]]:
        """Every file of the walk handed over (:meth:`compare`), in its order, with its
        entry when this reading code recorded it with the same stamp (else None: it is new,
        changed, or its entry is damaged)."""
        query = (
            "SELECT w.path, w.source, w.stamp, w.size, w.modified, i.info, i.sha256, i.reject, "
            "a.sha256 IS NOT NULL FROM temp.walk w "
            "LEFT JOIN inputs i ON i.source = w.source AND i.stamp = w.stamp AND i.version = ? "
            "LEFT JOIN articles a ON a.sha256 = i.sha256 ORDER BY w.pos"
        )
        for row, info, intact in _parsed(self.con.execute(query, [self.version]), 1, 5):
            path, source, stamp, size, modified, record, _, reject, stored = row
            file = InputFile(path, source, stamp, size, modified)
            known = intact and (record is not None or reject is not None)
            yield file, Entry(stamp, info, reject, bool(stored)) if known else None

    def forget_unwalked(self) -> None:
        """Forget the files the walk handed over (:meth:`compare`) does not have (gone from
        the folder), and every file read by other code."""
        with transaction(self.con) as con:
            con.execute(
                "DELETE FROM inputs WHERE version != ? OR source NOT IN "
                "(SELECT source FROM temp.walk)",
                [self.version],
            )
            con.execute("DELETE FROM temp.walk")

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Store the articles read (their texts) and remember each settled file's stamp and
        outcome, in one transaction."""
        now = time.time_ns()
        rows = []
        texts = {}
        for o in outcomes:
            info = info_of(o.article) if o.article is not None else None
            if o.article is not None and o.reject is None:
                texts[o.article.sha256] = o.article
            if o.final and settled(o.file, now):
                rows.append(
                    (
                        o.file.source,
                        self.version,
                        o.file.stamp,
                        info.sha256 if info else None,
                        encode_info(info) if info else None,
                        o.reject,
                    )
                )
        known = self.has(texts)
        new = [a for sha, a in texts.items() if sha not in known]
        with transaction(self.con) as con:
            con.executemany(
                "INSERT OR IGNORE INTO articles VALUES (?, ?)",
                [(a.sha256, encode_article(a)) for a in new],
            )
            con.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?)", rows)

    def forget(self, sources: Iterable[str]) -> None:
        """Forget these files (gone from the folder) and every file read by other code."""
        gone = sorted(set(sources))
        with transaction(self.con) as con:
            con.execute("DELETE FROM inputs WHERE version != ?", [self.version])
            for part, marks in chunks(gone):
                con.execute(f"DELETE FROM inputs WHERE source IN ({marks})", part)
