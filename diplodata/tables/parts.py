"""A release's tables as immutable parts: ``data/<table>/part-NNNNNN.parquet`` and the same
rows as ``data/<table>-csv/part-NNNNNN.csv``.

A part holds the rows of a set of articles (for every table but ``actors``, whose parts
hold the actors of one hash bucket of ``actor_id``: ``diplodata.tables.actor_parts``): the part of
the same name in each table has the rows of the same articles. A part is never changed
once written, so a new release links the parts it shares with the previous one (a hard
link: the same file on disk, or a copy where links are impossible) and writes only parts
with new rows. Each release folder still holds every file it needs: it can be copied,
downloaded or validated on its own.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from diplodata.run.faults import checkpoint
from diplodata.schemas import ALL_TABLES
from diplodata.tables import bounded_duckdb

DATA = "data"
CSV_SUFFIX = "-csv"
PART = re.compile(r"^part-(\d{6,})$")


def part_name(seq: int) -> str:
    return f"part-{seq:06d}"


def part_seq(name: str) -> int:
    match = PART.match(name)
    return int(match.group(1)) if match else 0


def parquet_folder(table: str) -> str:
    """The Parquet resource's path: a folder of parts."""
    return f"{DATA}/{table}"


def parquet_path(table: str, name: str) -> str:
    return f"{DATA}/{table}/{name}.parquet"


def csv_path(table: str, name: str) -> str:
    return f"{DATA}/{table}{CSV_SUFFIX}/{name}.csv"


def part_names(folder: Path, table: str) -> list[str]:
    """The parts of ``table`` in the release ``folder``, oldest first."""
    where = folder / DATA / table
    if not where.is_dir():
        return []
    names = [p.stem for p in where.glob("part-*.parquet") if PART.match(p.stem)]
    return sorted(names, key=part_seq)


def is_parted(folder: Path) -> bool:
    """True for a release written in parts (releases before them have one file a table)."""
    return (folder / DATA / "articles").is_dir()


def parquet_files(folder: Path, table: str) -> list[Path]:
    """Every Parquet file of ``table``: its parts, or the one file of an older release."""
    single = folder / DATA / f"{table}.parquet"
    if single.is_file():
        return [single]
    return [folder / parquet_path(table, n) for n in part_names(folder, table)]


def csv_files(folder: Path, table: str) -> list[Path]:
    single = folder / DATA / f"{table}.csv"
    if single.is_file():
        return [single]
    return [folder / csv_path(table, n) for n in part_names(folder, table)]


def published_tables(folder: Path) -> list[str]:
    """The tables written to ``folder``, in publication order."""
    return [t for t in ALL_TABLES if parquet_files(folder, t)]


def row_count(folder: Path, table: str) -> int:
    """Rows of ``table``, from the Parquet footers (no row is read)."""
    return sum(pq.read_metadata(p).num_rows for p in parquet_files(folder, table))


def write_part(
    folder: Path,
    table: str,
    name: str,
    rows: pa.Table,
    con: duckdb.DuckDBPyConnection | None = None,
) -> None:
    """Write one part of ``table`` (Parquet, then the same rows as CSV) into ``folder``.
    Pass ``con`` to write many parts: a new DuckDB connection costs about 20 ms."""
    parquet, csv = (folder / p for p in (parquet_path(table, name), csv_path(table, name)))
    parquet.parent.mkdir(parents=True, exist_ok=True)
    csv.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(rows, parquet, compression="zstd")
    checkpoint("parquet")
    writer = con or bounded_duckdb.connect()
    try:  # the path is an argument, never SQL text
        writer.from_arrow(rows).write_csv(str(csv), sep=",", header=True, quotechar='"')
    finally:
        if con is None:
            writer.close()


def link(source: Path, target: Path) -> bool:
    """``target`` becomes the same file as ``source`` (a hard link); where a link is
    impossible (another file system, too many links, a file system without them) a copy.
    True when linked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return True
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EMLINK, errno.EPERM, errno.ENOTSUP, errno.EACCES):
            raise
    shutil.copyfile(source, target)
    return False


def link_part(base: Path, folder: Path, table: str, name: str) -> bool:
    """Share part ``name`` of ``table`` (both files) of release ``base`` with ``folder``."""
    linked = True
    for rel in (parquet_path(table, name), csv_path(table, name)):
        linked = link(base / rel, folder / rel) and linked
    return linked


def remove_part(folder: Path, table: str, name: str) -> None:
    for rel in (parquet_path(table, name), csv_path(table, name)):
        (folder / rel).unlink(missing_ok=True)
