"""Write a release folder: every table in Parquet and CSV, a DuckDB file of views, and
the ``datapackage.json`` that describes them (Data Package v2, as frictionless-py reads it)."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from diplodata.faults import checkpoint
from diplodata.licenses import license_entry
from diplodata.rows import Evidence, Tables
from diplodata.schemas import ALL_TABLES, SCHEMA_VERSION, arrow_schema, table_schema

CSV_SUFFIX = "-csv"
DUCKDB_FILE = "diplodata.duckdb"
# The DuckDB shell on the package registry is 1.5.x: write a file it can open.
DUCKDB_STORAGE_VERSION = "v1.5.0"


FORMATS_NOTE = (
    " Each table is one data set published in two formats: resource `<table>` is the Parquet "
    f"file and resource `<table>{CSV_SUFFIX}` its CSV copy, with the same rows; a reader "
    "needs only one of them."
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


def row_dicts(rows: Sequence[object]) -> list[dict[str, Any]]:
    """Flatten typed rows (with their ``evidence``) into plain column dicts."""
    out = []
    for row in rows:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(row):  # type: ignore[arg-type]
            value = getattr(row, f.name)
            if isinstance(value, Evidence):
                values.update(dataclasses.asdict(value))
            else:
                values[f.name] = value
        out.append(values)
    return out


def arrow_table(table: str, rows: Sequence[object]) -> pa.Table:
    schema = arrow_schema(table)
    return pa.Table.from_pylist(row_dicts(rows), schema=schema)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_data(tables: Tables, folder: Path) -> dict[str, pa.Table]:
    """Write ``data/<table>.parquet`` and ``data/<table>.csv`` for every table."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    arrow = {name: arrow_table(name, getattr(tables, name)) for name in tables.names()}
    con = duckdb.connect()
    for name, table in arrow.items():
        parquet = data / f"{name}.parquet"
        pq.write_table(table, parquet, compression="zstd")
        checkpoint("parquet")
        # the path is an argument, never SQL text
        con.from_arrow(table).write_csv(
            str(data / f"{name}.csv"), sep=",", header=True, quotechar='"'
        )
    con.close()
    return arrow


def write_duckdb(arrow: dict[str, pa.Table], folder: Path) -> Path:
    """A DuckDB database holding the tables (schema ``store``) and one view per table."""
    path = folder / DUCKDB_FILE
    path.unlink(missing_ok=True)
    con = duckdb.connect()
    con.execute(f"ATTACH $1 AS release (STORAGE_VERSION '{DUCKDB_STORAGE_VERSION}')", [str(path)])
    con.execute("CREATE SCHEMA release.store")
    for name, table in arrow.items():
        con.register("t", table)
        con.execute(f"CREATE TABLE release.store.{name} AS SELECT * FROM t")
        con.unregister("t")
        con.execute(f"CREATE VIEW release.main.{name} AS SELECT * FROM release.store.{name}")
    con.execute("DETACH release")
    con.close()
    return path


def published_tables(folder: Path) -> list[str]:
    """The tables written to ``folder``, in publication order."""
    return [t for t in ALL_TABLES if (folder / "data" / f"{t}.parquet").exists()]


def _resource_schema(table: str, csv: bool) -> dict[str, Any]:
    schema = copy.deepcopy(table_schema(table))
    schema.pop("$schema", None)
    for key in ("name", "title", "description"):
        schema.pop(key, None)
    if csv:
        for fk in schema.get("foreignKeys", []):
            fk["reference"]["resource"] += CSV_SUFFIX
    return schema


def _file_facts(folder: Path, relpath: str) -> dict[str, Any]:
    path = folder / relpath
    return {"hash": f"sha256:{sha256_file(path)}", "bytes": path.stat().st_size}


def descriptor(folder: Path, meta: PackageMeta) -> dict[str, Any]:
    """The ``datapackage.json`` for the files already written to ``folder``."""
    resources: list[dict[str, Any]] = []
    for csv in (False, True):
        for table in published_tables(folder):
            schema = table_schema(table)
            rel = f"data/{table}.{'csv' if csv else 'parquet'}"
            resource: dict[str, Any] = {
                "name": table + (CSV_SUFFIX if csv else ""),
                "type": "table",
                "title": schema.get("title", table) + (" (CSV copy)" if csv else ""),
                "description": (
                    f"The rows of resource `{table}`, as CSV (see the package description)."
                    if csv
                    else schema.get("description", "")
                ),
                "path": rel,
                "format": "csv" if csv else "parquet",
                "mediatype": "text/csv" if csv else "application/vnd.apache.parquet",
                # frictionless cannot count a Parquet file's bytes: its checksum is in "files"
                **(_file_facts(folder, rel) if csv else {}),
                "schema": _resource_schema(table, csv),
            }
            if csv:
                resource["encoding"] = "utf-8"
            resources.append(resource)
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
        "resources": resources,
        **meta.extra,
    }
    return package


def extra_files(folder: Path, names: Sequence[str]) -> list[dict[str, Any]]:
    """Hash and size of the release's non-table files (DuckDB file, README, ...)."""
    return [{"path": n, **_file_facts(folder, n)} for n in names if (folder / n).exists()]


def write_descriptor(folder: Path, package: dict[str, Any]) -> Path:
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
