"""``diplodata browse``: a release's page and its tables in Datasette, on 127.0.0.1.

Datasette reads SQLite, so the release's Parquet tables are copied into a temporary SQLite
database (typed columns, primary and foreign keys from ``schemas/``).
One Datasette process serves both the tables (``/diplodata``) and the release folder as
static files (``/release/index.html``)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from diplodata.publish.package import LICENSES
from diplodata.schemas import TABLES, table_schema
from diplodata.tables.parts import parquet_files

DATABASE = "diplodata"


def _sqlite_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_integer(arrow_type) or pa.types.is_boolean(arrow_type):
        return "INTEGER"
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return "REAL"
    return "TEXT"


def _value(value: object) -> object:
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)  # dates


def sqlite_copy(release: Path, target: Path) -> Path:
    """Copy every table of ``release`` into the SQLite database ``target``."""
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    try:
        for table in TABLES:
            data = pq.read_table(parquet_files(release, table))
            schema = table_schema(table)
            columns = [f'"{f.name}" {_sqlite_type(f.type)}' for f in data.schema]
            keys = ", ".join(f'"{k}"' for k in schema.get("primaryKey", []))
            constraints = [f"PRIMARY KEY ({keys})"] if keys else []
            for fk in schema.get("foreignKeys", []):
                ref = fk["reference"]
                constraints.append(
                    f'FOREIGN KEY ("{fk["fields"]}") REFERENCES "{ref["resource"]}" '
                    f'("{ref["fields"]}")'
                )
            con.execute(f'CREATE TABLE "{table}" ({", ".join(columns + constraints)})')
            marks = ", ".join("?" for _ in data.schema)
            con.executemany(
                f'INSERT INTO "{table}" VALUES ({marks})',
                ([_value(v) for v in row.values()] for row in data.to_pylist()),
            )
        con.commit()
    finally:
        con.close()
    return target


def datasette_metadata(release: Path) -> dict[str, object]:
    """Titles, licence, source and table descriptions for Datasette's pages."""
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    licence = package["licenses"][0]["name"] if package.get("licenses") else ""
    url = LICENSES.get(licence, ("", ""))[0]
    return {
        "title": f"{package.get('title', 'diplodata')}, release {package.get('version', '')}",
        "description": package.get("citation", ""),
        "license": licence,
        **({"license_url": url} if url else {}),
        "source": "index.html of this release",
        "source_url": "/release/index.html",
        "databases": {
            DATABASE: {
                "tables": {
                    t: {"description": table_schema(t).get("description", "")} for t in TABLES
                }
            }
        },
    }


@dataclass(frozen=True, slots=True)
class Browse:
    page: str  # URL of the release's index.html
    tables: str  # URL of the tables in Datasette
    process: subprocess.Popen[bytes]


def start(release: Path, work: Path, port: int, log: Path) -> Browse:
    """Start Datasette on 127.0.0.1:``port`` over a SQLite copy of ``release`` (in ``work``)."""
    database = sqlite_copy(release, work / f"{DATABASE}.db")
    metadata = work / "metadata.json"
    metadata.write_text(json.dumps(datasette_metadata(release), indent=2), encoding="utf-8")
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "datasette", "serve",
                "--immutable", str(database),
                "--metadata", str(metadata),
                "--static", f"release:{release}",
                "--host", "127.0.0.1", "--port", str(port),
            ],
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # `browse` stops it (a terminal's Ctrl-C reaches only us)
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    return Browse(f"{base}/release/index.html", f"{base}/{DATABASE}", process)
