"""Read a published data package's tables as row dicts, from Parquet or CSV, with DuckDB.

The reader follows the resource naming of the package contract: ``<table>`` is preferred,
``<table>`` with a separator and a suffix (``actors-csv``) is accepted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]


class PackageRows:
    """The package's tables as row dicts, read with DuckDB from Parquet or CSV."""

    def __init__(self, descriptor: Path) -> None:
        self.root = descriptor.parent
        self.meta = json.loads(descriptor.read_text(encoding="utf-8"))

    def _resource(self, table: str) -> dict[str, Any] | None:
        resources = self.meta.get("resources", [])
        exact = [r for r in resources if r.get("name") == table]
        suffixed = [
            r
            for r in resources
            if re.fullmatch(re.escape(table) + r"[-_.][a-z0-9]+", r.get("name", ""))
        ]
        return (exact or suffixed or [None])[0]

    def rows(self, table: str) -> list[Row]:
        resource = self._resource(table)
        if resource is None:
            return []
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        out: list[Row] = []
        con = duckdb.connect()
        for rel in paths:
            fmt = (resource.get("format") or Path(rel).suffix.lstrip(".")).lower()
            reader = (
                "read_parquet($1)"
                if fmt == "parquet"
                else "read_csv($1, all_varchar=true, header=true)"
            )
            where = (self.root / rel).resolve()
            if where.is_dir():  # a folder of Parquet parts
                where = where / "*.parquet"
            result = con.execute(f"SELECT * FROM {reader}", [str(where)])
            columns = [d[0] for d in result.description or []]
            out += [dict(zip(columns, r, strict=True)) for r in result.fetchall()]
        con.close()
        return out


def col(row: Row, *names: str, default: Any = None) -> Any:
    for name in names:
        if row.get(name) not in (None, ""):
            return row[name]
    return default
