"""The articles a release published, queried with DuckDB over its Parquet parts: a run
compares its input with them without holding a Python row per published article.

A run asks a release (its base, or the latest) which input articles it does not hold as
this run would publish them, which of its articles no input matches any more, whether it
holds exactly the run's input, the rows of a few articles by sha256, and its extractor
versions. The run's input is handed over as an Arrow table of article rows
(:func:`article_table`), so the comparison runs in DuckDB over both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from diplodata.ingest.records import ArticleInfo
from diplodata.models import Article
from diplodata.schemas import arrow_schema
from diplodata.tables.parts import parquet_files
from diplodata.tables.rows import ArticleRow

ROW_FIELDS = tuple(ArticleRow.__dataclass_fields__)
# What makes an article the same in two releases: its text, the rules that read it, and
# what is known about its source (its title and date follow from its text).
SAME = ("sha256", "extractor_version", "source", "url", "publisher", "language", "license")


def article_table(articles: Sequence[Article | ArticleInfo], version: str) -> pa.Table:
    """The rows these articles would have in the articles table (``tables.build.article_row``),
    as an Arrow table: one column at a time, no row object per article."""
    columns: dict[str, Any] = {}
    for name in ROW_FIELDS:
        if name == "extractor_version":
            columns[name] = [version] * len(articles)
        else:
            columns[name] = [getattr(a, name) for a in articles]
    return pa.table(columns, schema=arrow_schema("articles"))


class PublishedArticles:
    """The articles table of ``release`` (its Parquet parts, or the one file of an older
    release), read by DuckDB query by query."""

    def __init__(self, release: Path) -> None:
        self.release = release
        self.files = [str(p) for p in parquet_files(release, "articles")]

    def _query(self, sql: str, tables: dict[str, pa.Table] | None = None) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` over view ``published`` (this release's articles, every column of
        :class:`ArticleRow`: None for one an older release does not have) and ``tables``."""
        con = duckdb.connect()
        try:
            if self.files:
                parts = con.read_parquet(self.files)
                have = set(parts.columns)
                select = ", ".join(
                    c if c in have else f"CAST(NULL AS {_type(c)}) AS {c}" for c in ROW_FIELDS
                )
                parts.project(select).create_view("published")
            else:
                con.register("published", arrow_schema("articles").empty_table())
            for name, table in (tables or {}).items():
                con.register(name, table)
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM published")[0][0])

    def compare(self, rows: pa.Table) -> tuple[set[str], list[str]]:
        """Given the run's article rows (:func:`article_table`): the ids of those this
        release does not hold exactly so (new or changed), and the ids of this release's
        articles that no row matches (changed or gone), sorted."""
        columns = ", ".join(ROW_FIELDS)
        tables = {"run": rows}
        fresh = self._query(
            f"SELECT article_id FROM (SELECT {columns} FROM run "
            f"EXCEPT SELECT {columns} FROM published)",
            tables,
        )
        dropped = self._query(
            f"SELECT DISTINCT article_id FROM (SELECT {columns} FROM published "
            f"EXCEPT SELECT {columns} FROM run) ORDER BY article_id",
            tables,
        )
        return {str(r[0]) for r in fresh}, [str(r[0]) for r in dropped]

    def compare_changed(self, rows: pa.Table, ids: pa.Array | None) -> tuple[set[str], list[str]]:
        """:meth:`compare` when only ``rows`` (the run's article rows that can differ from
        this release's: :meth:`RunArticles.article_table` with ``changed``) are handed
        over, the run's other articles being rows of this release exactly, and ``ids`` are
        the ids of every article of the run: a release's article of another id is dropped,
        one of the id of a changed row is dropped unless that row is its row. With
        ``ids`` None, only the latter: the caller finds the articles of other ids."""
        columns = ", ".join(ROW_FIELDS)
        tables = {"run": rows}
        others = ""
        if ids is not None:
            tables["ids"] = pa.table({"article_id": ids})
            others = "UNION SELECT article_id FROM published ANTI JOIN ids USING (article_id) "
        fresh = self._query(
            f"SELECT article_id FROM (SELECT {columns} FROM run "
            f"EXCEPT SELECT {columns} FROM published)",
            tables,
        )
        dropped = self._query(
            f"SELECT article_id FROM (SELECT {columns} FROM published SEMI JOIN run "
            f"USING (article_id) EXCEPT SELECT {columns} FROM run) {others}"
            "ORDER BY article_id",
            tables,
        )
        return {str(r[0]) for r in fresh}, [str(r[0]) for r in dropped]

    def holds_exactly(self, rows: pa.Table) -> bool:
        """True when this release's articles are these (:func:`article_table`): the same
        texts, read by the same extractor version, with the same source metadata."""
        same = ", ".join(SAME)
        counts = self._query(
            "SELECT (SELECT count(*) FROM published), "
            f"(SELECT count(*) FROM (SELECT {same} FROM run EXCEPT SELECT {same} FROM published)),"
            f"(SELECT count(*) FROM (SELECT {same} FROM published EXCEPT SELECT {same} FROM run))",
            {"run": rows},
        )
        n, extra, missing = counts[0]
        return n == rows.num_rows and extra == 0 and missing == 0

    def sha256s_not_in(self, sha256s: pa.Array | Iterable[str]) -> set[str]:
        """sha256 of this release's articles that are not among ``sha256s`` (an Arrow array
        of them, or any collection)."""
        if not isinstance(sha256s, pa.Array):
            sha256s = pa.array(sorted(set(sha256s)), pa.string())
        present = pa.table({"sha256": sha256s})
        found = self._query(
            "SELECT sha256 FROM published ANTI JOIN present USING (sha256)", {"present": present}
        )
        return {str(r[0]) for r in found}

    def rows_of(self, sha256s: Iterable[str]) -> dict[str, ArticleRow]:
        """This release's rows of the articles with these sha256, by sha256."""
        wanted = pa.table({"sha256": pa.array(sorted(set(sha256s)), pa.string())})
        if not wanted.num_rows:
            return {}
        found = self._query(
            f"SELECT {', '.join(ROW_FIELDS)} FROM published SEMI JOIN wanted USING (sha256)",
            {"wanted": wanted},
        )
        rows = (ArticleRow(*r) for r in found)
        return {row.sha256: row for row in rows}

    def extractor_versions(self) -> set[str]:
        return {str(r[0]) for r in self._query("SELECT DISTINCT extractor_version FROM published")}


def _type(column: str) -> str:
    kind = arrow_schema("articles").field(column).type
    return {pa.date32(): "DATE", pa.int64(): "BIGINT"}.get(kind, "VARCHAR")
