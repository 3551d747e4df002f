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
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


class InputIndex(ArticleStore):
    """The files read by earlier runs (``inputs``), beside the article store they fill."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.version = reading_version()

    def entries(self) -> dict[str, Entry]:
        """Every file recorded by this reading code, by source."""
        query = (
            "SELECT i.source, i.stamp, i.sha256, i.info, i.reject, a.sha256 IS NOT NULL "
            "FROM inputs i LEFT JOIN articles a ON a.sha256 = i.sha256 WHERE i.version = ?"
        )
        cursor = self.con.execute(query, [self.version])
        found = {}
        while rows := cursor.fetchmany(ENTRIES_BATCH):  # a batch at a time: no copy of all
            try:  # a batch's records in one parse: a hundred thousand parses cost a second
                values = json.loads("[" + ",".join(r[3] or "null" for r in rows) + "]")
            except ValueError:  # one is damaged: each on its own
                values = [_parse(r[3]) for r in rows]
            for (source, stamp, sha, _, reject, stored), value in zip(rows, values, strict=True):
                try:
                    record = _info(source, sha, value) if value is not None else None
                except (ValueError, TypeError):
                    continue  # damaged: the file is read again
                found[source] = Entry(stamp, record, reject, bool(stored))
        return found

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
