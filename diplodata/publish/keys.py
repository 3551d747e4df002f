"""A release's keys across its files, with DuckDB: primary keys unique and complete, foreign
keys resolved.

Checked whole, every part of every table is read. Checked *since* a release whose keys were
checked when it was published (``Since``: the base the new release shares parts with, by
hard link, the same bytes), only what can have changed is read in full, and the answer is
the whole check's, the same problems with the same examples:

- a primary key is duplicated or missing only in a row of a new part, or in a shared row
  whose key a new part has too: the new parts' keys are counted together with the shared
  rows that have one of them (a semi join: DuckDB holds the new keys, not the shared ones);
- a foreign key is unresolved in a new part's row (looked up among the referenced table's
  keys, all parts, holding only the new rows' values), or in a shared row whose referenced
  key is gone: in the base's referenced parts that the release does not share and in none
  of its new ones (the base's keys are unique, so a key of a part not shared is in no
  shared part). This holds when the reference is the referenced table's primary key,
  which every schema's is; any other foreign key is checked whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from diplodata.schemas import table_schema
from diplodata.tables import bounded_duckdb
from diplodata.tables.parts import is_parted, parquet_files, published_tables, row_count

EXAMPLES = 5  # offending keys named per check


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation error, located as precisely as Frictionless reports it."""

    resource: str
    message: str
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.resource + (f", row {self.row}" if self.row else "")
        where += f", field {self.field}" if self.field else ""
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Since:
    """A published release (its keys were checked) and the data files (paths relative to
    the release folder) that the release being checked shares with it, byte for byte."""

    base: Path
    shared: frozenset[str]


@dataclass(frozen=True, slots=True)
class TableFiles:
    """A table's Parquet files in the release checked: shared with the base or new, and the
    base's files that it does not share (absolute paths)."""

    new: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)

    @property
    def every(self) -> list[str]:
        return self.new + self.shared


def table_files(folder: Path, table: str, since: Since | None) -> TableFiles:
    """``table``'s files in ``folder``; all new when there is no base to check since."""
    files = parquet_files(folder, table)
    if since is None:
        return TableFiles(new=[str(p) for p in files])
    rel = {str(p): p.relative_to(folder).as_posix() for p in files}
    old = parquet_files(since.base, table)
    return TableFiles(
        new=[p for p, r in rel.items() if r not in since.shared],
        shared=[p for p, r in rel.items() if r in since.shared],
        gone=[str(p) for p in old if p.relative_to(since.base).as_posix() not in since.shared],
    )


def _columns(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _quoted(columns: Sequence[str]) -> list[str]:
    return ['"' + c.replace('"', '""') + '"' for c in columns]


def _keys(con: duckdb.DuckDBPyConnection, table: str, files: TableFiles) -> list[Problem]:
    key = _columns(table_schema(table)["primaryKey"])
    cols = ", ".join(_quoted(key))
    if not files.new:  # every row is shared: the base's keys are unique and complete
        return []
    rows = f"SELECT {cols} FROM read_parquet($new)"
    if files.shared:  # the shared rows with a key of the new rows
        rows = (
            f"WITH fresh AS ({rows}), wanted AS (SELECT DISTINCT * FROM fresh) "
            f"SELECT * FROM fresh UNION ALL "
            f"SELECT {cols} FROM read_parquet($shared) SEMI JOIN wanted USING ({cols})"
        )
    params = _named(rows, {"new": files.new, "shared": files.shared})
    problems = []
    found = con.execute(
        f"SELECT {cols}, count(*) AS n FROM ({rows}) GROUP BY ALL "
        f"HAVING n > 1 ORDER BY n DESC, {cols} LIMIT {EXAMPLES}",
        params,
    ).fetchall()
    for *values, n in found:
        problems.append(Problem(table, f"primary key ({', '.join(key)}) = {values} is in {n} rows"))
    missing = " OR ".join(f"{c} IS NULL" for c in _quoted(key))
    (nulls,) = con.execute(
        f"SELECT count(*) FROM read_parquet($new) WHERE {missing}", {"new": files.new}
    ).fetchall()[0]
    if nulls:
        problems.append(Problem(table, f"{nulls} rows without a primary key value"))
    return problems


def _named(sql: str, params: dict[str, list[str]]) -> dict[str, list[str]]:
    """The parameters ``sql`` uses (DuckDB refuses one more)."""
    return {name: value for name, value in params.items() if f"${name}" in sql}


def _unresolved(mine: list[str], theirs: list[str], child: TableFiles, ref: TableFiles) -> str:
    """SQL of the unresolved rows' foreign key values (a row each), or "" when no file can
    hold one. Parameters (lists of files): ``$new`` the new child files, ``$shared`` the
    shared ones, ``$refs`` every referenced file, ``$ref_new`` the new referenced files,
    ``$ref_gone`` the base's referenced files that are not shared."""
    m, t = _quoted(mine), _quoted(theirs)
    c_cols, keys = ", ".join("c." + c for c in m), ", ".join(t)
    present = " AND ".join(f"c.{c} IS NOT NULL" for c in m)
    queries = []
    if child.new:  # the new rows' values looked up among every referenced key
        on = " AND ".join(f"w.{a} = r.{b}" for a, b in zip(m, t, strict=True))
        back = " AND ".join(f"c.{a} = f.{b}" for a, b in zip(m, t, strict=True))
        queries.append(
            f"(WITH wanted AS (SELECT DISTINCT {c_cols} FROM read_parquet($new) c "
            f"WHERE {present}), found AS (SELECT {', '.join('r.' + c for c in t)} "
            f"FROM read_parquet($refs) r SEMI JOIN wanted w ON {on}) "
            f"SELECT {c_cols} FROM read_parquet($new) c ANTI JOIN found f ON {back} "
            f"WHERE {present})"
        )
    if child.shared and ref.gone:  # shared rows whose referenced key is gone
        gone = f"SELECT {keys} FROM read_parquet($ref_gone)"
        if ref.new:
            gone += f" EXCEPT SELECT {keys} FROM read_parquet($ref_new)"
        on = " AND ".join(f"c.{a} = g.{b}" for a, b in zip(m, t, strict=True))
        queries.append(
            f"(WITH gone AS ({gone}) SELECT {c_cols} FROM read_parquet($shared) c "
            f"SEMI JOIN gone g ON {on})"
        )
    return " UNION ALL ".join(queries)


def _resolved(
    con: duckdb.DuckDBPyConnection,
    table: str,
    fk: dict[str, Any],
    files: dict[str, TableFiles],
) -> list[Problem]:
    ref = fk["reference"]["resource"]
    mine, theirs = _columns(fk["fields"]), _columns(fk["reference"]["fields"])
    if ref not in files:
        return [Problem(table, f"foreign key ({', '.join(mine)}) to a missing table {ref}")]
    child, parent = files[table], files[ref]
    if theirs != _columns(table_schema(ref)["primaryKey"]):  # only a key is checked since
        child, parent = TableFiles(new=child.every), TableFiles(new=parent.every)
    rows = _unresolved(mine, theirs, child, parent)
    if not rows:
        return []
    params = _named(
        rows,
        {
            "new": child.new,
            "shared": child.shared,
            "refs": parent.every,
            "ref_new": parent.new,
            "ref_gone": parent.gone,
        },
    )
    (n,) = con.execute(f"SELECT count(*) FROM ({rows})", params).fetchall()[0]
    if not n:
        return []
    examples = con.execute(
        f"SELECT DISTINCT * FROM ({rows}) ORDER BY ALL LIMIT {EXAMPLES}", params
    ).fetchall()
    return [
        Problem(
            table,
            f"foreign key ({', '.join(mine)}) = {list(values)} is not in {ref} "
            f"({', '.join(theirs)}); {n} rows unresolved",
        )
        for values in examples
    ]


@dataclass(slots=True)
class KeyCheck:
    problems: list[Problem]
    report: dict[str, Any]

    @property
    def valid(self) -> bool:
        return not self.problems


def check_keys(folder: Path, since: Since | None = None) -> KeyCheck:
    """Primary keys unique and complete, and foreign keys resolved, across every part of
    every table of the release in ``folder`` (its Parquet files, with DuckDB); ``since``:
    the release it shares parts with, whose keys were checked (see the module's text)."""
    if since is not None and not is_parted(since.base):
        since = None
    problems: list[Problem] = []
    tables = published_tables(folder)
    files = {t: table_files(folder, t, since) for t in tables}
    con = bounded_duckdb.connect()
    try:
        for table in tables:
            problems += _keys(con, table, files[table])
            for fk in table_schema(table).get("foreignKeys", []):
                problems += _resolved(con, table, fk, files)
    finally:
        con.close()
    report: dict[str, Any] = {
        "rows": {t: row_count(folder, t) for t in tables},
        "files": {t: len(f.every) for t, f in files.items()},
    }
    if since is not None:
        report["since"] = {
            "release": since.base.name,
            "new_files": {t: len(f.new) for t, f in files.items()},
        }
    return KeyCheck(problems, report)
