"""The run's articles in the state store (table ``run_articles``), from ingest to the end of
the run: a row per article (its record, no text), with where it came from and what the run
does with it. The flow reads counts and batches of records from here, so that no stage
holds a record per article of the corpus.

What an article is to the run (``part``):

- ``input``: read from the input (a file, a feed) and not planned yet;
- ``published``: the base release holds it unchanged: its rows are kept (``remade``: made
  into rows again all the same, a namesake of one of its persons changed);
- ``cached``: its facts are in the extraction cache: rows to make;
- ``todo``: to extract, then rows to make;
- ``aside``: set aside in this run (its extraction failed or ran out of time, now or in an
  earlier run; its facts could not be read): a reject, no longer an article of the run.

and where it came from (``origin``): ``input``, ``kept`` (published before, its input gone,
kept) or ``pruned`` (published before, its input gone, removed with ``--prune``: never an
article of the run, its part is ``pruned`` too).

The rows of the input folder's files are kept from one run to the next
(``diplodata.ingest.input_index``): a row per walked file, at its place in the walk
(``pos``), with the stamp it was read by and its article's record, or why it has none
(``part`` NULL: a file whose article the run does not take). A run changes only the rows
of the files whose stamp changed, and of those added and removed; table ``run_kept`` says
what made the rows (the reading code, ``--max-chars``, the folder) and how many they are,
written in the transaction that changes them: rows made otherwise are made again from
scratch. The parts of the rows a run leaves are not trusted by the next one: its plan puts
every article in its part again (:meth:`RunArticles.plan_parts`), changing only the rows
whose part changes. The other rows (feeds, kept, pruned) are the run's own, after the
files' rows: each run's ingest removes those of the run before. The table is the run's own
while it runs: one run at a time per output folder (``publish.release.output_lock``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyarrow as pa

from diplodata.ingest.records import ArticleInfo
from diplodata.run.state import _Table
from diplodata.run.state_db import chunks, transaction
from diplodata.schemas import arrow_schema

INPUT = "input"
PUBLISHED = "published"
CACHED = "cached"
TODO = "todo"
ASIDE = "aside"
ARTICLES = (INPUT, PUBLISHED, CACHED, TODO)  # the parts that are the run's articles

KEPT = "kept"
PRUNED = "pruned"

# the record's columns, in ArticleInfo's order (the date as ISO text)
RECORD = (
    "article_id",
    "source",
    "sha256",
    "n_chars",
    "title",
    "published_date",
    "url",
    "publisher",
    "language",
    "license",
)
PAGE = 5_000  # records read at once
# the part where a query finds its rows by id or source: ``+part`` keeps SQLite from
# walking the index on the part instead (every published article, for a few ids)
BY_KEY = "+part"


# an article (by the sha256 in ``{}``) is one of the run's articles (id first: its index)
_IN_RUN = (
    "EXISTS (SELECT 1 FROM run_articles r WHERE r.article_id = substr({0}, 1, 16) "
    "AND r.sha256 = {0} AND +r.part IN (?, ?, ?, ?))"
)


def record_values(info: ArticleInfo) -> tuple[Any, ...]:
    """The record's column values (:data:`RECORD`)."""
    date = info.published_date.isoformat() if info.published_date else None
    return (
        info.article_id,
        info.source,
        info.sha256,
        info.n_chars,
        info.title,
        date,
        info.url,
        info.publisher,
        info.language,
        info.license,
    )


def info_of_row(row: Sequence[Any]) -> ArticleInfo:
    """The record of a row of :data:`RECORD` columns."""
    aid, source, sha, n_chars, title, date, url, publisher, language, license = row
    day = dt.date.fromisoformat(date) if date is not None else None
    return ArticleInfo(aid, source, sha, n_chars, title, day, url, publisher, language, license)


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


class RunArticles(_Table):
    """The ``run_articles`` table of the store of ``out`` (its own connection, opened in the
    thread that uses it)."""

    def start(self) -> None:
        """A run starts from nothing: the table of earlier runs, finished or killed, is
        emptied (and the next ingest makes the files' rows from scratch)."""
        with transaction(self.con) as con:
            con.execute("DELETE FROM run_articles")
            con.execute("DELETE FROM run_kept")
            con.execute("DELETE FROM run_base")

    def add(
        self, infos: Iterable[ArticleInfo], origin: str = INPUT, part: str | None = INPUT
    ) -> None:
        """Append these articles (after every row there is), in one transaction."""
        columns = ", ".join(RECORD)
        with transaction(self.con) as con:
            con.executemany(
                f"INSERT INTO run_articles ({columns}, origin, part) "
                f"VALUES ({_marks(RECORD)}, ?, ?)",
                ((*record_values(info), origin, part) for info in infos),
            )

    def _where(
        self, parts: Sequence[str], origin: str | None, remade: bool
    ) -> tuple[str, list[Any]]:
        clause = f"(part IN ({_marks(parts)})"
        if remade:
            clause += f" OR (remade AND part IN ({_marks(ARTICLES)}))"
        clause += ")"
        args: list[Any] = [*parts, *(ARTICLES if remade else ())]
        if origin is not None:
            clause += " AND origin = ?"
            args.append(origin)
        return clause, args

    def count(self, parts: Sequence[str] = ARTICLES, origin: str | None = None) -> int:
        """How many articles are in these parts (from ``origin`` when given)."""
        where, args = self._where(parts, origin, False)
        return int(
            self.con.execute(f"SELECT count(*) FROM run_articles WHERE {where}", args).fetchone()[0]
        )

    def pages(
        self,
        parts: Sequence[str] = ARTICLES,
        size: int = PAGE,
        origin: str | None = None,
        by_id: bool = False,
        remade: bool = False,
    ) -> Iterator[list[ArticleInfo]]:
        """The records of these parts (and the ``remade`` ones with ``remade``), ``size`` at a
        time, in the run's order (by article id with ``by_id``). Each page is a query of its
        own: rows changed between pages (set aside) do not move the others."""
        where, args = self._where(parts, origin, remade)
        key = "article_id" if by_id else "pos"
        query = (
            f"SELECT {key}, {', '.join(RECORD)} FROM run_articles WHERE {where} AND {key} > ? "
            f"ORDER BY {key} LIMIT ?"
        )
        after: Any = "" if by_id else -1
        while rows := self.con.execute(query, [*args, after, max(1, size)]).fetchall():
            after = rows[-1][0]
            yield [info_of_row(row[1:]) for row in rows]

    def infos(
        self, parts: Sequence[str] = ARTICLES, origin: str | None = None
    ) -> list[ArticleInfo]:
        """Every record of these parts (for a few: the articles kept or pruned)."""
        return [info for page in self.pages(parts, origin=origin) for info in page]

    def of_ids(self, ids: Iterable[str], parts: Sequence[str] = ARTICLES) -> list[ArticleInfo]:
        """The records of the articles with these ids, in id order."""
        found = []
        for part, marks in chunks(sorted(set(ids))):
            found += self.con.execute(
                f"SELECT {', '.join(RECORD)} FROM run_articles WHERE article_id IN ({marks}) "
                f"AND {BY_KEY} IN ({_marks(parts)})",
                [*part, *parts],
            ).fetchall()
        return [info_of_row(row) for row in sorted(found)]

    def ids_among(self, ids: Iterable[str], parts: Sequence[str] = ARTICLES) -> set[str]:
        """Which of these article ids are articles of these parts."""
        return {info.article_id for info in self.of_ids(ids, parts)}

    def sources_among(self, sources: Iterable[str], parts: Sequence[str] = ARTICLES) -> set[str]:
        """Which of these sources are those of articles of these parts."""
        found: set[str] = set()
        for part, marks in chunks(sorted(set(sources))):
            rows = self.con.execute(
                f"SELECT source FROM run_articles WHERE source IN ({marks}) "
                f"AND {BY_KEY} IN ({_marks(parts)})",
                [*part, *parts],
            )
            found |= {str(r[0]) for r in rows}
        return found

    def column(
        self, name: str, parts: Sequence[str] = ARTICLES, remade: bool | None = None
    ) -> pa.Array:
        """Column ``name`` of these parts' articles, in no order, as an Arrow array (no Python
        string per article; ``remade``: only the rows that are, or are not). An article's id,
        sha256 and source are each its own in the run."""
        assert name in ("article_id", "sha256", "source")
        where, args = self._where(parts, None, False)
        if remade is not None:
            where += " AND remade = ?"
            args.append(int(remade))
        cursor = self.con.execute(f"SELECT {name} FROM run_articles WHERE {where}", args)
        arrays = [pa.array([], pa.string())]
        while rows := cursor.fetchmany(PAGE):
            arrays.append(pa.array([r[0] for r in rows], pa.string()))
        return pa.concat_arrays(arrays)

    def set_aside(self, sources: Iterable[str]) -> None:
        """These articles (by source) are set aside: no longer articles of the run."""
        with transaction(self.con) as con:
            for part, marks in chunks(sorted(set(sources))):
                con.execute(
                    f"UPDATE run_articles SET part = ? WHERE source IN ({marks}) "
                    f"AND {BY_KEY} IN ({_marks(ARTICLES)})",
                    [ASIDE, *part, *ARTICLES],
                )

    def set_parts(self, parts: Iterable[tuple[str, str]], among: Sequence[str] = ARTICLES) -> None:
        """Put these articles (by article id, those in the parts ``among``) into these parts."""
        with transaction(self.con):
            self._set_parts(parts, among)

    def _set_parts(self, parts: Iterable[tuple[str, str]], among: Sequence[str]) -> None:
        self.con.executemany(
            f"UPDATE run_articles SET part = ? WHERE article_id = ? "
            f"AND {BY_KEY} IN ({_marks(among)})",
            ((part, aid, *among) for aid, part in parts),
        )

    def based_on(self) -> str | None:
        """The release whose articles the ``published`` rows are, exactly so (its
        :meth:`~diplodata.run.pipeline.Base.mark`), when the rows say so; else None."""
        row = self.con.execute("SELECT base FROM run_base").fetchone()
        return str(row[0]) if row is not None else None

    def plan_parts(self, fresh: Iterable[str] | None, base: str | None = None) -> None:
        """Every article of the run is planned again, whatever part an earlier run or plan
        left it in (none is ``remade``): with a base (``fresh``: the ids of the articles it
        does not hold as they are now; ``base``: its mark) each is ``published``, but the
        fresh ones, which are ``input``; without one (None), every one is ``input``. Only
        the rows whose part changes are written, in one transaction that records what the
        ``published`` rows are (:meth:`based_on`)."""
        planned = (INPUT, CACHED, TODO) if fresh is not None else (PUBLISHED, CACHED, TODO)
        target = PUBLISHED if fresh is not None else INPUT
        with transaction(self.con) as con:
            con.execute("UPDATE run_articles SET remade = 0 WHERE remade")
            con.execute(
                f"UPDATE run_articles SET part = ? WHERE part IN ({_marks(planned)})",
                [target, *planned],
            )
            if fresh is not None:
                self._set_parts(((aid, INPUT) for aid in sorted(fresh)), (PUBLISHED,))
            self._based_on(base if fresh is not None else None)

    def published(self, base: str) -> None:
        """The run's articles are those of the release it published (its mark ``base``):
        each is ``published`` now, for the next run's plan (:meth:`based_on`), and they are
        the corpus later runs keep (table ``corpus``), in one transaction."""
        with transaction(self.con) as con:
            self._record_corpus(base)
            con.execute("UPDATE run_articles SET remade = 0 WHERE remade")
            con.execute(
                f"UPDATE run_articles SET part = ? WHERE part IN ({_marks((INPUT, CACHED, TODO))})",
                [PUBLISHED, INPUT, CACHED, TODO],
            )
            self._based_on(base)

    def _record_corpus(self, release: str) -> None:
        """Table ``corpus`` becomes the sha256 of the run's articles, ``release`` their
        release. When it held the articles of the run's base (the ``published`` rows' release:
        :meth:`based_on`), only the changed rows are read: the base's articles that are no
        longer the run's are among those ``corpus_check`` names (a trigger names the text of
        every row removed or put out of the run's articles), and the others are the new
        rows (``input``, ``cached``, ``todo``). Otherwise it is made again from every
        row. In :meth:`published`'s transaction."""
        con = self.con
        row = con.execute("SELECT release FROM corpus_of").fetchone()
        base = self.based_on()
        if row is not None and base is not None and row[0] == base:
            con.execute(
                "DELETE FROM corpus WHERE sha256 IN (SELECT sha256 FROM corpus_check) "
                f"AND NOT {_IN_RUN.format('corpus.sha256')}",
                list(ARTICLES),
            )
            fresh = (INPUT, CACHED, TODO)
            con.execute(
                "INSERT OR IGNORE INTO corpus SELECT sha256 FROM run_articles "
                f"WHERE part IN ({_marks(fresh)})",
                list(fresh),
            )
        else:
            con.execute("DELETE FROM corpus")
            con.execute(
                "INSERT OR IGNORE INTO corpus SELECT sha256 FROM run_articles "
                f"WHERE part IN ({_marks(ARTICLES)})",
                list(ARTICLES),
            )
        con.execute("DELETE FROM corpus_check")
        con.execute("DELETE FROM corpus_of")
        con.execute("INSERT INTO corpus_of VALUES (?)", [release])

    def corpus_of(self) -> str | None:
        """The release whose articles table ``corpus`` holds (its mark), if known."""
        row = self.con.execute("SELECT release FROM corpus_of").fetchone()
        return str(row[0]) if row is not None else None

    def checked(self) -> set[str]:
        """sha256 of the texts ``corpus_check`` names (rows removed or put out of the run's
        articles since table ``corpus`` was recorded)."""
        return {str(r[0]) for r in self.con.execute("SELECT sha256 FROM corpus_check")}

    def gone(self) -> set[str]:
        """sha256 of the articles of table ``corpus`` that are not the run's articles now:
        found among those a row of the run's articles named when it was removed or put out
        of them (``corpus_check``), one lookup each, not by reading the corpus."""
        rows = self.con.execute(
            "SELECT k.sha256 FROM corpus_check k JOIN corpus c ON c.sha256 = k.sha256 "
            f"WHERE NOT {_IN_RUN.format('k.sha256')}",
            list(ARTICLES),
        )
        return {str(r[0]) for r in rows}

    def _based_on(self, base: str | None) -> None:
        self.con.execute("DELETE FROM run_base")
        if base is not None:
            self.con.execute("INSERT INTO run_base VALUES (?)", [base])

    def look_up(self, version: str) -> list[tuple[str, str]]:
        """The ``input`` articles looked up in the extraction cache and the failed
        extractions of ``version`` (tables ``facts`` and ``failed``), all at once:
        ``cached`` when their facts are stored, else ``aside`` when their extraction failed
        (or ran out of time) before, else ``todo``. The sources and reasons of those set
        aside, in the run's order."""
        facts = "EXISTS (SELECT 1 FROM facts c WHERE c.sha256 = r.sha256 AND c.version = ?)"
        with transaction(self.con) as con:
            aside = con.execute(
                "SELECT r.source, f.reason FROM run_articles r JOIN failed f "
                f"ON f.sha256 = r.sha256 AND f.version = ? WHERE r.part = ? AND NOT {facts} "
                "ORDER BY r.pos",
                [version, INPUT, version],
            ).fetchall()
            con.execute(
                f"UPDATE run_articles AS r SET part = CASE WHEN {facts} THEN ? "
                "WHEN EXISTS (SELECT 1 FROM failed f WHERE f.sha256 = r.sha256 "
                "AND f.version = ?) THEN ? ELSE ? END WHERE part = ?",
                [version, CACHED, version, ASIDE, TODO, INPUT],
            )
        return [(str(source), str(reason)) for source, reason in aside]

    def mark_remade(self, ids: Iterable[str]) -> None:
        """These published articles are made into rows again."""
        with transaction(self.con) as con:
            for part, marks in chunks(sorted(set(ids))):
                con.execute(
                    f"UPDATE run_articles SET remade = 1 WHERE article_id IN ({marks}) "
                    f"AND {BY_KEY} = ?",
                    [*part, PUBLISHED],
                )

    def by_source(self, limit: int) -> list[ArticleInfo]:
        """The first ``limit`` articles of the run by source."""
        where, args = self._where(ARTICLES, None, False)
        rows = self.con.execute(
            f"SELECT {', '.join(RECORD)} FROM run_articles WHERE {where} ORDER BY source LIMIT ?",
            [*args, limit],
        ).fetchall()
        return [info_of_row(row) for row in rows]

    def article_table(self, version: str, changed: bool = False) -> pa.Table:
        """The rows the run's articles would have in the articles table, read by ``version``
        (``tables.published.article_table``), as an Arrow table made a page at a time
        (with ``changed``, only those of the articles not ``published``)."""
        schema = arrow_schema("articles")
        where, args = self._where((INPUT, CACHED, TODO) if changed else ARTICLES, None, changed)
        cursor = self.con.execute(
            f"SELECT {', '.join(RECORD)} FROM run_articles WHERE {where} ORDER BY pos", args
        )
        batches = []
        while rows := cursor.fetchmany(PAGE):
            values = dict(zip(RECORD, zip(*rows, strict=True), strict=True))
            columns: dict[str, Any] = {}
            for field in schema:
                if field.name == "extractor_version":
                    columns[field.name] = pa.array([version] * len(rows), pa.string())
                elif field.name == "published_date":
                    dates = pa.array(values[field.name], pa.string())
                    columns[field.name] = dates.cast(pa.date32())
                else:
                    columns[field.name] = pa.array(values[field.name], field.type)
            batches.append(pa.table(columns, schema=schema))
        return pa.concat_tables(batches) if batches else schema.empty_table()
