"""The run's state, kept between runs in one SQLite store (``diplodata.run.state_db``):

- the extraction cache: facts per article, keyed by its text's sha256 and the extractor
  version. A run re-extracts only articles whose text is new or whose facts were made by
  another extractor version; every entry carries a checksum, and a damaged one is
  re-extracted, never used;
- failed extractions: why an article ran out of time or failed, per extractor version;
- the article store: every article's text and record, so that a published article stays
  in later releases after its input is gone.

Writes go in one transaction per batch of articles: a run killed mid-batch resumes with
what was committed. The latest release's articles (table ``corpus``, ``.state/corpus.json``
before) are kept by ``diplodata.run.run_articles``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from diplodata.ingest.records import ArticleInfo
from diplodata.models import (
    Article,
    ArticleFacts,
    MeetingFact,
    MembershipFact,
    PersonFact,
    TradeFact,
)
from diplodata.run.faults import checkpoint
from diplodata.run.state_db import STATE_DIR, chunks, connect, transaction

__all__ = [
    "STATE_DIR",
    "ArticleStore",
    "FactsCache",
    "FailedExtractions",
    "read_corpus",
    "write_corpus",
]

FACT_LISTS = ("persons", "meetings", "trade_figures", "memberships")


def _tuples(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: tuple(v) if k in names else v for k, v in record.items()}


_NAMES: dict[type, tuple[str, ...]] = {}


def record(item: Any) -> dict[str, Any]:
    """A flat dataclass (a fact, an article) as a dict: ``dataclasses.asdict`` without its
    deep copy, many times faster (a tuple of strings is written as the same JSON list)."""
    kind = type(item)
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(f.name for f in dataclasses.fields(item))
    return {name: getattr(item, name) for name in names}


def canonical(data: Any) -> str:
    """The JSON text a cache entry is stored and checksummed as."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def digest(text: str) -> str:
    """Checksum of a cache entry's content: a damaged entry is never used."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Table:
    """A view of the state store with its own connection, opened on first use (in the
    thread that uses it) and closed by :meth:`close` or at the end of a ``with`` block."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._con: sqlite3.Connection | None = None

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = connect(self.out)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _by_key(self, query: str, keys: Iterable[str], *args: str) -> dict[str, tuple[Any, ...]]:
        """``{key: (values...)}`` of ``query`` (``SELECT key, values... WHERE ... IN ({})``)
        for ``keys``, a few hundred keys per query."""
        found: dict[str, tuple[Any, ...]] = {}
        for part, marks in chunks(sorted(set(keys))):
            for row in self.con.execute(query.format(marks), [*args, *part]):
                found[row[0]] = row[1:]
        return found


class FactsCache(_Table):
    """The ``facts`` table: the facts found in an article's text by one extractor version."""

    def __init__(self, out: Path, version: str) -> None:
        super().__init__(out)
        self.version = version

    def get(self, article: Article) -> ArticleFacts | None:
        return self.get_many([article]).get(article.sha256)

    def cached(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these texts have facts stored (not read: a damaged entry is found when
        its facts are read, and the article is extracted again then)."""
        query = "SELECT sha256 FROM facts WHERE version = ? AND sha256 IN ({})"
        return set(self._by_key(query, sha256s, self.version))

    def get_many(self, articles: Sequence[Article]) -> dict[str, ArticleFacts]:
        """The cached facts of those of ``articles`` that have intact ones, by sha256."""
        rows = self._by_key(
            "SELECT sha256, digest, facts FROM facts WHERE version = ? AND sha256 IN ({})",
            (a.sha256 for a in articles),
            self.version,
        )
        found = {}
        for article in articles:
            row = rows.get(article.sha256)
            facts = None if row is None else _decode(article, *row)
            if facts is not None:
                found[article.sha256] = facts
        return found

    def put(self, facts: ArticleFacts) -> None:
        self.put_many([facts])

    def put_many(
        self, results: Sequence[ArticleFacts], failures: Sequence[tuple[Article, str]] = ()
    ) -> None:
        """Store a batch's facts (and its failed extractions) in one transaction."""
        if not results and not failures:
            return
        rows = []
        for facts in results:
            text = canonical(
                {name: [record(f) for f in getattr(facts, name)] for name in FACT_LISTS}
            )
            rows.append((facts.article.sha256, self.version, digest(text), text))
        with transaction(self.con) as con:
            con.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", rows)
            _put_failures(con, self.version, failures)
            checkpoint("cache")


def _put_failures(
    con: sqlite3.Connection, version: str, failures: Sequence[tuple[Article, str]]
) -> None:
    rows = [(a.sha256, version, reason) for a, reason in failures]
    con.executemany("INSERT OR REPLACE INTO failed VALUES (?, ?, ?)", rows)


def _decode(article: Article, checksum: object, text: str) -> ArticleFacts | None:
    try:
        if digest(text) != checksum:
            return None  # damaged (a flipped bit): re-extracted
        data = json.loads(text)
        return ArticleFacts(
            article=article,
            persons=[PersonFact(**_tuples(p, "aliases")) for p in data["persons"]],
            meetings=[MeetingFact(**_tuples(m, "participants")) for m in data["meetings"]],
            trade_figures=[TradeFact(**t) for t in data["trade_figures"]],
            memberships=[MembershipFact(**m) for m in data["memberships"]],
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # damaged or written by other code: re-extracted


class FailedExtractions(_Table):
    """The ``failed`` table: why an article's extraction ran out of time or failed, so that
    later runs do not spend the budget on it again (a new extractor version tries again)."""

    def __init__(self, out: Path, version: str) -> None:
        super().__init__(out)
        self.version = version

    def put(self, article: Article, reason: str) -> None:
        with transaction(self.con) as con:
            _put_failures(con, self.version, [(article, reason)])

    def get(self, article: Article) -> str | None:
        return self.get_many([article]).get(article.sha256)

    def get_many(self, articles: Sequence[Article | ArticleInfo]) -> dict[str, str]:
        """Why those of ``articles`` that failed before did, by sha256."""
        rows = self._by_key(
            "SELECT sha256, reason FROM failed WHERE version = ? AND sha256 IN ({})",
            (a.sha256 for a in articles),
            self.version,
        )
        return {sha: str(row[0]) for sha, row in rows.items()}


class ArticleStore(_Table):
    """The ``articles`` table: every article's text and record, so that a published
    article stays in later releases after its input is gone."""

    def put(self, article: Article) -> None:
        self.put_many([article])

    def put_many(self, articles: Sequence[Article]) -> None:
        """Store the articles not stored yet, in one transaction."""
        known = self._by_key(
            "SELECT sha256 FROM articles WHERE sha256 IN ({})", (a.sha256 for a in articles)
        )
        rows = {a.sha256: encode_article(a) for a in articles if a.sha256 not in known}
        if rows:
            with transaction(self.con) as con:
                con.executemany("INSERT OR IGNORE INTO articles VALUES (?, ?)", rows.items())

    def get(self, sha256: str) -> Article | None:
        row = self.con.execute("SELECT record FROM articles WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else decode_article(sha256, row[0])

    def texts(self, sha256s: Iterable[str]) -> dict[str, str]:
        """The intact stored texts of these articles, by sha256 (a few hundred per query)."""
        rows = self._by_key("SELECT sha256, record FROM articles WHERE sha256 IN ({})", sha256s)
        found = {}
        for sha, (record,) in rows.items():
            article = decode_article(sha, record)
            if article is not None:
                found[sha] = article.text
        return found

    def has(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these articles are stored (their records are not read)."""
        return set(self._by_key("SELECT sha256 FROM articles WHERE sha256 IN ({})", sha256s))


def encode_article(article: Article) -> str:
    fields = record(article)
    date = article.published_date
    fields["published_date"] = date.isoformat() if date else None
    return json.dumps(fields, ensure_ascii=False)


def decode_article(sha256: str, text: str) -> Article | None:
    """The article stored as ``text`` under ``sha256``, or None when it is damaged (its
    text's hash is not the key)."""
    try:
        fields = json.loads(text)
        date = fields.pop("published_date")
        article = Article(**fields, published_date=dt.date.fromisoformat(date) if date else None)
        intact = hashlib.sha256(article.text.encode("utf-8")).hexdigest() == sha256
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return article if intact and article.sha256 == sha256 else None


def read_corpus(out: Path) -> set[str]:
    """sha256 of every article in the latest published release (table ``corpus``)."""
    with _Table(out) as table:
        return {str(r[0]) for r in table.con.execute("SELECT sha256 FROM corpus")}


def write_corpus(out: Path, sha256s: set[str]) -> None:
    """The latest release's articles are these (of no release known: the next run reads the
    latest release's articles too, and checks every one of these)."""
    with _Table(out) as table, transaction(table.con) as con:
        con.execute("DELETE FROM corpus")
        con.execute("DELETE FROM corpus_of")
        con.executemany("INSERT INTO corpus VALUES (?)", ((s,) for s in sorted(sha256s)))
        con.execute("INSERT OR IGNORE INTO corpus_check SELECT sha256 FROM corpus")
