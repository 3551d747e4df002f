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
from diplodata.run.run_articles import ASIDE, INPUT, RECORD, record_values
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


def kept_mark(folder: Path, max_chars: int, follow_links: bool) -> str:
    """What the run's rows of the walked files are made by (``run_kept``): this reading
    code, the longest article taken and the folder walked."""
    return json.dumps([reading_version(), max_chars, str(folder.resolve()), follow_links])


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


# the record's fields in an entry (``encode_info``): all but its source and sha256
ENCODED = tuple(name for name in RECORD if name not in ("source", "sha256"))


def encode_info(info: ArticleInfo) -> str:
    values = dict(zip(RECORD, record_values(info), strict=True))
    return json.dumps([values[name] for name in ENCODED], ensure_ascii=False)


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


OUTCOMES = (
    "CREATE TEMP TABLE IF NOT EXISTS outcomes (pos INTEGER PRIMARY KEY, source TEXT NOT NULL, "
    "size INTEGER NOT NULL, stamp TEXT NOT NULL, state TEXT NOT NULL, article_id TEXT, "
    "sha256 TEXT, "
    "n_chars INTEGER, title TEXT, published_date TEXT, url TEXT, publisher TEXT, "
    "language TEXT, license TEXT, reject TEXT)"
)
# A record (``encode_info``) that reads back as one (else the file is read again): a JSON
# list of 8, an id, a length, a date that is one (SQLite's ``date`` takes 30 February as
# it is; ``+0 days`` moves it on).
INTACT = (
    "(i.info IS NULL OR CASE WHEN json_valid(i.info) THEN "
    "json_type(i.info) = 'array' AND json_array_length(i.info) = 8 "
    "AND json_type(i.info, '$[0]') = 'text' AND json_type(i.info, '$[1]') = 'integer' "
    "AND (i.info ->> 3 IS NULL OR date(i.info ->> 3, '+0 days') IS i.info ->> 3) "
    "ELSE 0 END)"
)


@dataclass(frozen=True, slots=True)
class NotTaken:
    """A walked file whose article the run does not take (:meth:`InputIndex.sort_out`), and
    what says why: too large to read, no article (``reject`` says why), longer than allowed,
    the same text as an earlier file (``nth`` > 1), or a reject."""

    source: str
    big: bool
    size: int
    n_chars: int | None
    nth: int | None
    reject: str | None


def _fields(article: Article | None) -> tuple[object, ...]:
    """An article's record columns but its source (all None without an article)."""
    if article is None:
        return (None,) * (len(RECORD) - 1)
    values = record_values(info_of(article))
    return tuple(v for name, v in zip(RECORD, values, strict=True) if name != "source")


class InputIndex(ArticleStore):
    """The files read by earlier runs (``inputs``), beside the article store they fill."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.version = reading_version()
        self._kept: int | None = None  # the kept rows sort_in compared the walk with

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

    def kept(self, made: str) -> int | None:
        """How many files the run's articles kept from the run before have rows for
        (``diplodata.run.run_articles``), when ``made`` (:func:`kept_mark`) made them;
        None when they were made otherwise, or never (they are made again from scratch)."""
        row = self.con.execute("SELECT made, files FROM run_kept").fetchone()
        return int(row[1]) if row is not None and row[0] == made else None

    def sort_in(self, too_big: int, made: str | None = None) -> int:
        """Compare the walk handed over (:meth:`compare`) with the files' rows the run's
        articles kept from the run before (when ``made`` made them: :meth:`kept`) and with
        what this reading code recorded, in SQLite (no Python object per file): into
        temporary table ``outcomes``, each walked file that has no kept row with its stamp
        (all of them without kept rows): its recorded article or reject when its stamp is
        the recorded one, its record intact and its article's text stored (else it is to
        read: new, changed, damaged), or that it is not read (larger than ``too_big``
        bytes). How many files are to read (:meth:`unread`)."""
        con = self.con
        con.execute(OUTCOMES)
        self._kept = self.kept(made) if made is not None else None
        known = (
            "i.source IS NOT NULL AND (i.info IS NOT NULL OR i.reject IS NOT NULL) "
            f"AND (a.sha256 IS NOT NULL OR i.reject IS NOT NULL) AND {INTACT}"
        )
        fields = ", ".join(
            f"CASE WHEN state = 'known' THEN info ->> {n} END" for n in range(len(ENCODED))
        )
        changed = ""
        if self._kept is not None:  # the files whose kept row has another stamp, or none
            changed = (
                "WHERE NOT EXISTS (SELECT 1 FROM run_articles r WHERE r.source = w.source "
                "AND r.stamp = w.stamp AND r.pos < :kept)"
            )
        con.execute("BEGIN")  # the temporary database only: no lock on the store
        try:
            con.execute("DELETE FROM temp.outcomes")
            con.execute(
                f"INSERT INTO temp.outcomes (pos, source, size, stamp, state, "
                f"{', '.join(ENCODED)}, sha256, reject) "
                f"SELECT pos, source, size, stamp, state, {fields}, "
                "CASE WHEN state = 'known' AND info IS NOT NULL THEN sha256 END, "
                "CASE WHEN state = 'known' THEN reject END FROM ("
                "SELECT w.pos, w.source, w.size, w.stamp, i.info, i.sha256, i.reject, "
                f"CASE WHEN w.size > :too_big THEN 'big' WHEN {known} THEN 'known' "
                "ELSE 'unread' END "
                f"AS state FROM (SELECT * FROM temp.walk w {changed}) w "
                "LEFT JOIN inputs i ON i.source = w.source AND i.stamp = w.stamp "
                "AND i.version = :version LEFT JOIN articles a ON a.sha256 = i.sha256)",
                {"kept": self._kept, "too_big": too_big, "version": self.version},
            )
            # the files to read, by source (the outcomes come back by file)
            con.execute(
                "CREATE INDEX IF NOT EXISTS temp.outcomes_unread ON outcomes (source) "
                "WHERE state = 'unread'"
            )
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        query = "SELECT count(*) FROM temp.outcomes WHERE state = 'unread'"
        return int(con.execute(query).fetchone()[0])

    def unread(self, step: int) -> Iterator[list[InputFile]]:
        """The files to read (:meth:`sort_in`), ``step`` at a time in the walk's order, until
        their outcomes are in (:meth:`put_outcomes`)."""
        query = (
            "SELECT w.pos, w.path, w.source, w.stamp, w.size, w.modified FROM temp.walk w "
            "JOIN temp.outcomes o USING (pos) WHERE o.state = 'unread' AND w.pos > ? "
            "ORDER BY w.pos LIMIT ?"
        )
        after = -1
        while rows := self.con.execute(query, [after, max(1, step)]).fetchall():
            after = rows[-1][0]
            yield [InputFile(*row[1:]) for row in rows]

    def put_outcomes(self, outcomes: Sequence[Outcome]) -> None:
        """The outcomes of files read (:meth:`unread`), into table ``outcomes``, before they
        are recorded (:meth:`record`): a file whose outcome is not final or that changed
        just now keeps no stamp (its row is made again by the next run, as the index reads
        it again), judged by a time no later than the record's."""
        now = time.time_ns()
        con = self.con
        sets = ", ".join(f"{name} = ?" for name in RECORD if name != "source")
        con.execute("BEGIN")
        try:
            con.executemany(
                f"UPDATE temp.outcomes SET state = 'read', {sets}, reject = ?, "
                "stamp = ? WHERE source = ? AND state = 'unread'",
                (
                    (
                        *_fields(o.article),
                        o.reject,
                        o.file.stamp if o.final and settled(o.file, now) else "",
                        o.file.source,
                    )
                    for o in outcomes
                ),
            )
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def sort_out(self, max_chars: int, made: str | None = None) -> list[NotTaken]:
        """The run's articles (``diplodata.run.run_articles``) get the walked files, in the
        walk's order: a row per file, each file's article (:meth:`sort_in`,
        :meth:`put_outcomes`) taken unless it is a reject, longer than ``max_chars``, or
        the same text as a file before it. With the rows kept from the run before, only
        those of the files added, removed or changed are written (with the places in the
        walk after the first of them and the choice among the files of the same texts);
        else every row is made. The run's other rows (feeds, kept, pruned) go, articles set
        aside are to plan again, the files no longer walked are forgotten, and the rows are
        marked as made by ``made``, all in one transaction. The files not taken, in the
        walk's order."""
        con = self.con
        kept = self._kept
        n_walk = int(con.execute("SELECT count(*) FROM temp.walk").fetchone()[0])
        with transaction(con):
            if kept is None:
                con.execute("DELETE FROM run_articles")
                con.execute(
                    "DELETE FROM inputs WHERE version != ? OR source NOT IN "
                    "(SELECT source FROM temp.walk)",
                    [self.version],
                )
            else:
                con.execute("DELETE FROM run_articles WHERE pos >= ?", [kept])  # the run's own
                self._apply_changes(kept, n_walk)
            con.execute(
                "INSERT INTO run_articles (pos, article_id, source, sha256, n_chars, title, "
                "published_date, url, publisher, language, license, origin, stamp, size, big, "
                "reject) SELECT pos, article_id, source, sha256, n_chars, title, "
                "published_date, url, publisher, language, license, ?, stamp, size, "
                "state = 'big', reject FROM temp.outcomes ORDER BY pos",
                [INPUT],
            )
            self._choose(max_chars, everything=kept is None)
            con.execute("UPDATE run_articles SET part = ? WHERE part = ?", [INPUT, ASIDE])
            con.execute("DELETE FROM run_kept")
            if made is not None:
                con.execute("INSERT INTO run_kept VALUES (?, ?)", [made, n_walk])
        rows = con.execute(
            "SELECT source, big, size, n_chars, nth, reject FROM run_articles "
            "WHERE part IS NULL ORDER BY pos"
        ).fetchall()
        con.execute("DELETE FROM temp.outcomes")
        con.execute("DELETE FROM temp.walk")
        self._kept = None
        return [NotTaken(str(s), bool(big), size, n, nth, r) for s, big, size, n, nth, r in rows]

    def _apply_changes(self, kept: int, n_walk: int) -> None:
        """The kept rows of the files removed or changed (the outcomes) go; the others move
        to their places in this walk (only those after the first change can move: the walk
        is sorted, a file keeps its order among the others); the texts whose choice of file
        can change are noted (temporary table ``texts``). In :meth:`sort_out`'s
        transaction."""
        con = self.con
        con.execute("CREATE TEMP TABLE IF NOT EXISTS gone (pos INTEGER PRIMARY KEY)")
        con.execute("CREATE TEMP TABLE IF NOT EXISTS texts (article_id TEXT PRIMARY KEY)")
        con.execute("DELETE FROM temp.gone")
        con.execute("DELETE FROM temp.texts")
        # changed: a kept row of the same source; removed: as many as the walk lacks
        con.execute(
            "INSERT INTO temp.gone SELECT r.pos FROM temp.outcomes o "
            "JOIN run_articles r ON r.source = o.source"
        )
        n_outcomes = int(con.execute("SELECT count(*) FROM temp.outcomes").fetchone()[0])
        n_changed = int(con.execute("SELECT count(*) FROM temp.gone").fetchone()[0])
        if kept - n_changed > n_walk - n_outcomes:  # files removed: found by a scan
            con.execute(
                "INSERT OR IGNORE INTO temp.gone SELECT pos FROM run_articles "
                "WHERE source NOT IN (SELECT source FROM temp.walk)"
            )
            con.execute(
                "DELETE FROM inputs WHERE source IN (SELECT r.source FROM run_articles r "
                "JOIN temp.gone g USING (pos)) AND source NOT IN (SELECT source FROM temp.walk)"
            )
        con.execute(
            "INSERT OR IGNORE INTO temp.texts SELECT article_id FROM run_articles "
            "JOIN temp.gone USING (pos) WHERE article_id IS NOT NULL "
            "UNION SELECT article_id FROM temp.outcomes WHERE article_id IS NOT NULL"
        )
        first = con.execute(
            "SELECT min(pos) FROM (SELECT pos FROM temp.gone UNION ALL "
            "SELECT pos FROM temp.outcomes)"
        ).fetchone()[0]
        con.execute("DELETE FROM run_articles WHERE pos IN (SELECT pos FROM temp.gone)")
        if first is None:
            return
        # the kept rows from ``first`` on, in order, take the walk's places from ``first``
        # on that no outcome takes, in order (negative first: a place is never held twice)
        moved = (
            "WITH k AS (SELECT pos, source, row_number() OVER (ORDER BY pos) AS n "
            "FROM run_articles WHERE pos >= ?), "
            "w AS (SELECT pos, source, row_number() OVER (ORDER BY pos) AS n FROM temp.walk "
            "WHERE pos >= ? AND pos NOT IN (SELECT pos FROM temp.outcomes WHERE pos >= ?)) "
        )
        args = [first, first, first]
        wrong = con.execute(
            moved + "SELECT count(*) FROM k LEFT JOIN w USING (n) WHERE w.source IS NOT k.source",
            args,
        ).fetchone()[0]
        if wrong:  # not the walk's order (never seen): each row by its source
            con.execute("CREATE INDEX IF NOT EXISTS temp.walk_source ON walk (source)")
            con.execute(
                "UPDATE run_articles SET pos = -1 - (SELECT w.pos FROM temp.walk w "
                "WHERE w.source = run_articles.source) WHERE pos >= ?",
                [first],
            )
        else:
            con.execute(
                moved + "UPDATE run_articles SET pos = -1 - w.pos FROM k JOIN w USING (n) "
                "WHERE run_articles.pos = k.pos AND k.pos != w.pos",
                args,
            )
        con.execute("UPDATE run_articles SET pos = -1 - pos WHERE pos < 0")

    def _choose(self, max_chars: int, everything: bool) -> None:
        """Which file of each text the run takes (the first in the walk's order whose
        article is not too long; none when that one is a reject), for every text or those
        noted (:meth:`_apply_changes`): ``nth`` and ``part`` (``input`` when newly taken,
        NULL when not taken). In :meth:`sort_out`'s transaction."""
        among = "" if everything else "AND article_id IN (SELECT article_id FROM temp.texts)"
        self.con.execute(
            "WITH ranked AS (SELECT pos, row_number() OVER (PARTITION BY article_id "
            "ORDER BY pos) AS nth FROM run_articles WHERE article_id IS NOT NULL "
            f"AND n_chars <= ? AND stamp IS NOT NULL {among}) "
            "UPDATE run_articles SET nth = ranked.nth, part = CASE "
            "WHEN ranked.nth = 1 AND run_articles.reject IS NULL "
            "THEN coalesce(run_articles.part, ?) END FROM ranked "
            "WHERE run_articles.pos = ranked.pos",
            [max_chars, INPUT],
        )

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
