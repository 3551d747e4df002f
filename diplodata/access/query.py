"""SQL over a published release with DuckDB: every table available by name."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb


class QueryError(ValueError):
    """The release cannot be found or the SQL failed."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    more: bool = False  # the query had more rows than its limit

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps(
            [dict(zip(self.columns, r, strict=True)) for r in self.rows],
            ensure_ascii=False,
            indent=2,
            default=str,
        )


def resolve_release(location: Path) -> Path:
    """The release folder for an output folder (its ``latest``), a release folder, or a
    ``datapackage.json``."""
    if location.name == "datapackage.json":
        location = location.parent
    for candidate in (location, location / "latest"):
        if (candidate / "datapackage.json").exists():
            return candidate.resolve()
    raise QueryError(
        f"{location}: no published release here (no datapackage.json, no latest/); "
        "run `diplodata run` first or pass --release PATH"
    )


def connect(release: Path) -> duckdb.DuckDBPyConnection:
    """The release's DuckDB file, read-only and confined: its views read the release's own
    Parquet parts, and no other file can be read (``read_text('/etc/passwd')`` is refused);
    the settings are then locked. Only queries run (:func:`run_query`), so nothing is written:
    no COPY, ATTACH, INSTALL, EXPORT, SET ..."""
    from diplodata.publish.package import DUCKDB_FILE

    path = release / DUCKDB_FILE
    if not path.exists():
        raise QueryError(f"{release}: no {DUCKDB_FILE} in this release; download it again")
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET file_search_path = $1", [str(release)])
        # the views' relative paths before they are resolved, and the files they resolve to
        con.execute("SET allowed_directories = $1", [["data/", f"{release / 'data'}/"]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error:
        con.close()
        raise
    return con


QUERIES = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)


def _only_queries(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse any statement that is not a query (SELECT, WITH ..., FROM ..., EXPLAIN)."""
    for statement in con.extract_statements(sql):
        if statement.type not in QUERIES:
            kind = statement.type.name
            raise duckdb.InvalidInputException(
                f"{kind} statements are refused: only queries run on a release"
            )


def verified_release(location: Path) -> Path:
    """The release at ``location``, refused when a file does not match its checksum."""
    from diplodata.publish.verify import verify_release

    release = resolve_release(location)
    check = verify_release(release)
    if not check.ok:
        raise QueryError(
            f"{check.problems[0]}: the release is damaged ({len(check.problems)} files); "
            "run `diplodata verify` for the list and `diplodata run` to rebuild it"
        )
    return release


def _tables(release: Path) -> list[str]:
    from diplodata.tables.parts import published_tables

    return published_tables(release)


def run_query(sql: str, location: Path, limit: int | None = None) -> QueryResult:
    """Run ``sql`` on the release at ``location``; at most ``limit`` rows when given."""
    if not sql.strip():
        raise QueryError('no SQL given; e.g. diplodata query "SELECT * FROM meetings"')
    release = verified_release(location)
    con = connect(release)
    more = False
    try:
        _only_queries(con, sql)
        relation = con.execute(sql)
        columns = [d[0] for d in relation.description or []]
        if limit is None:
            rows = relation.fetchall()
        else:
            rows = relation.fetchmany(limit + 1)
            more = len(rows) > limit
            rows = rows[:limit]
    except duckdb.Error as exc:
        message = re.sub(r"\s+", " ", str(exc)).strip()
        raise QueryError(f"query failed: {message}. Tables: {', '.join(_tables(release))}") from exc
    finally:
        con.close()
    return QueryResult(columns, rows, more)
