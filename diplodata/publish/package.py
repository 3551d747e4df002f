"""Describe a release folder: its tables (Parquet and CSV parts, ``diplodata.tables.parts``), a
DuckDB file of views over them, and the ``datapackage.json`` that describes it all (Data
Package v2, as frictionless-py reads it)."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from diplodata.publish.licenses import license_entry
from diplodata.publish.verify import sha256_file
from diplodata.schemas import SCHEMA_VERSION, arrow_schema, table_schema
from diplodata.tables.parts import (
    CSV_SUFFIX,
    csv_path,
    link,
    parquet_folder,
    part_names,
    published_tables,
)
from diplodata.tables.rows import Evidence

DUCKDB_FILE = "diplodata.duckdb"
# The DuckDB shell on the package registry is 1.5.x: write a file it can open.
DUCKDB_STORAGE_VERSION = "v1.5.0"


FORMATS_NOTE = (
    " Each table is one data set published in two formats: resource `<table>` is the folder "
    f"`data/<table>/` of its Parquet parts and resource `<table>{CSV_SUFFIX}` their CSV "
    "copy (a list of parts read as one table), with the same rows; a reader needs only one "
    "of them."
)


@dataclass(frozen=True, slots=True)
class PackageMeta:
    """What the descriptor says about the package as a whole."""

    version: str
    created: str  # ISO 8601 UTC
    name: str = "diplodata"
    title: str = "Diplomacy facts extracted from news articles"
    description: str = (
        "Actors, meetings, bilateral trade figures and memberships in international "
        "organizations, extracted from news articles with provenance for every row."
    )
    license: str = "CC-BY-4.0"
    sources: Sequence[dict[str, Any]] = ()  # Data Package source entries (title, path, ...)
    contributors: Sequence[str] = ("diplodata",)
    homepage: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


LICENSES = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0",
    ),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
    "ODbL-1.0": (
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Data Commons Open Database License 1.0",
    ),
    "CC-BY-SA-4.0": (
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Attribution Share-Alike 4.0",
    ),
}


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def row_dicts(rows: Sequence[object]) -> list[dict[str, Any]]:
    """Flatten typed rows (with their ``evidence``) into plain column dicts."""
    out = []
    evidence = _fields(Evidence)
    for row in rows:
        values: dict[str, Any] = {}
        for name in _fields(type(row)):
            value = getattr(row, name)
            if isinstance(value, Evidence):
                values.update((e, getattr(value, e)) for e in evidence)
            else:
                values[name] = value
        out.append(values)
    return out


ARROW_ROWS = 4096  # typed rows flattened into dicts at a time


def arrow_table(table: str, rows: Sequence[object]) -> pa.Table:
    """Typed rows as one Arrow table of ``table``'s schema, made :data:`ARROW_ROWS` rows at
    a time (a dict per row costs far more than its Arrow values: the whole actors table
    of a full run would hold one per actor at once)."""
    schema = arrow_schema(table)
    if len(rows) <= ARROW_ROWS:
        return pa.Table.from_pylist(row_dicts(rows), schema=schema)
    chunks = [
        pa.Table.from_pylist(row_dicts(rows[i : i + ARROW_ROWS]), schema=schema)
        for i in range(0, len(rows), ARROW_ROWS)
    ]
    return pa.concat_tables(chunks).combine_chunks()


def _create_views(con: duckdb.DuckDBPyConnection, database: str, tables: Sequence[str]) -> None:
    for name in tables:
        glob = f"{parquet_folder(name)}/*.parquet"
        assert re.fullmatch(r"[a-z_]+/[a-z_]+/\*\.parquet", glob), glob  # safe in SQL
        con.execute(f"CREATE VIEW {database}.main.{name} AS FROM read_parquet('{glob}')")


def _views(con: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str]]:
    return [
        (str(name), str(sql))
        for name, sql in con.execute(
            "SELECT view_name, sql FROM duckdb_views() "
            "WHERE database_name = $1 AND NOT internal ORDER BY view_name",
            [database],
        ).fetchall()
    ]


def same_views(path: Path, folder: Path, tables: Sequence[str]) -> bool:
    """True when the DuckDB file ``path`` holds exactly the views :func:`write_duckdb` would
    write for ``tables`` into ``folder`` (then the file can be shared: it holds no rows)."""
    if not path.is_file():
        return False
    con = duckdb.connect()
    try:
        con.execute("SET file_search_path = $1", [str(folder)])
        con.execute("ATTACH $1 AS release (READ_ONLY)", [str(path)])
        con.execute("ATTACH ':memory:' AS wanted")
        _create_views(con, "wanted", tables)
        return _views(con, "release") == _views(con, "wanted")
    except duckdb.Error:  # damaged, or written by another DuckDB: write a new one
        return False
    finally:
        con.close()


def write_duckdb(folder: Path, tables: Sequence[str], base: Path | None = None) -> Path:
    """A DuckDB database with one view per table over the release's own Parquet parts, by
    paths relative to the release folder: it holds no rows, and it works wherever the
    folder is (opened from inside it, or with ``file_search_path`` set to it). The file of
    the release ``base`` is shared (hard link) when it has the same views."""
    path = folder / DUCKDB_FILE
    path.unlink(missing_ok=True)
    if base is not None and same_views(base / DUCKDB_FILE, folder, tables):
        link(base / DUCKDB_FILE, path)
        return path
    con = duckdb.connect()
    try:
        con.execute("SET file_search_path = $1", [str(folder)])
        con.execute(
            f"ATTACH $1 AS release (STORAGE_VERSION '{DUCKDB_STORAGE_VERSION}')", [str(path)]
        )
        _create_views(con, "release", tables)
        con.execute("DETACH release")
    finally:
        con.close()
    return path


def _resource_schema(table: str, csv: bool) -> dict[str, Any]:
    schema = copy.deepcopy(table_schema(table))
    schema.pop("$schema", None)
    for key in ("name", "title", "description"):
        schema.pop(key, None)
    if csv:
        for fk in schema.get("foreignKeys", []):
            fk["reference"]["resource"] += CSV_SUFFIX
    return schema


def file_facts(folder: Path, relpath: str) -> dict[str, Any]:
    path = folder / relpath
    return {"hash": f"sha256:{sha256_file(path)}", "bytes": path.stat().st_size}


def table_resources(folder: Path) -> list[dict[str, Any]]:
    """One resource per table and format: ``<table>`` is the folder of its Parquet parts,
    ``<table>-csv`` the list of their CSV copies (read as one table; each part has its
    header row). The files' checksums are in the package's ``files``."""
    resources: list[dict[str, Any]] = []
    for csv in (False, True):
        for table in published_tables(folder):
            schema = table_schema(table)
            names = part_names(folder, table)
            resource: dict[str, Any] = {
                "name": table + (CSV_SUFFIX if csv else ""),
                "type": "table",
                "title": schema.get("title", table) + (" (CSV copy)" if csv else ""),
                "description": (
                    f"The rows of resource `{table}`, as CSV (see the package description)."
                    if csv
                    else schema.get("description", "")
                ),
                "path": [csv_path(table, n) for n in names] if csv else parquet_folder(table),
                "format": "csv" if csv else "parquet",
                "mediatype": "text/csv" if csv else "application/vnd.apache.parquet",
                "schema": _resource_schema(table, csv),
            }
            if csv:
                resource["encoding"] = "utf-8"
            resources.append(resource)
    return resources


def descriptor(folder: Path, meta: PackageMeta) -> dict[str, Any]:
    """The ``datapackage.json`` for the files already written to ``folder``."""
    if meta.license in LICENSES:
        url, title = LICENSES[meta.license]
        licence = {"name": meta.license, "title": title, "path": url}
    else:
        licence = license_entry(meta.license)
    package: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": meta.name,
        "title": meta.title,
        "description": meta.description + FORMATS_NOTE,
        "version": meta.version,
        "schema_version": SCHEMA_VERSION,
        "created": meta.created,
        "licenses": [licence],
        "contributors": [{"title": c, "roles": ["creator"]} for c in meta.contributors],
        **({"homepage": meta.homepage} if meta.homepage else {}),
        "sources": list(meta.sources),
        "resources": table_resources(folder),
        **meta.extra,
    }
    return package


def extra_files(
    folder: Path, names: Sequence[str], known: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Hash and size of the release's files (data parts, DuckDB file, README, ...); a file
    in ``known`` (path -> hash and bytes of a part shared with a verified release) is not
    read again."""
    known = known or {}
    return [
        {"path": n, **(known.get(n) or file_facts(folder, n))}
        for n in names
        if (folder / n).exists()
    ]


def write_descriptor(folder: Path, package: dict[str, Any]) -> Path:
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
