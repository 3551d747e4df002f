"""Publish a release: write it to a staging folder, validate it, move it into
``releases/<version>``, switch ``latest`` atomically and update ``catalog.json``.

Layout of an output folder::

    output/
      catalog.json               every release: version, created, row counts, checksums
      latest -> releases/2026-11-23.2
      releases/2026-11-23.1/     immutable once published
        datapackage.json  README.md  CITATION.cff  index.html  CHANGELOG.md  diplodata.duckdb
        data/<table>.parquet  data/<table>.csv
        quality/validation.json
      failed/<version>/          a release that did not validate, with its report
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from diplodata.package import (
    DUCKDB_FILE,
    PackageMeta,
    descriptor,
    extra_files,
    write_data,
    write_descriptor,
    write_duckdb,
)
from diplodata.publish.citation import citation_text
from diplodata.publish.documents import DOCUMENTS, write_documents
from diplodata.rows import Tables
from diplodata.schemas import TABLES, table_schema
from diplodata.validate import Problem, validate_package

RELEASES = "releases"
LATEST = "latest"
CATALOG = "catalog.json"


class PublishError(RuntimeError):
    """A release could not be published (it did not validate, or the folder is unusable)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(slots=True)
class Release:
    version: str
    path: Path
    counts: dict[str, int]
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)  # table -> (added, removed)


def next_version(out: Path, today: dt.date | None = None) -> str:
    """``YYYY-MM-DD.N``: the UTC date and one more than today's last sequence number."""
    today = today or dt.datetime.now(dt.UTC).date()
    prefix = today.isoformat() + "."
    taken = [0]
    for folder in (out / RELEASES, out / "failed"):
        if folder.is_dir():
            taken += [
                int(p.name[len(prefix) :])
                for p in folder.iterdir()
                if p.name.startswith(prefix) and p.name[len(prefix) :].isdigit()
            ]
    return f"{prefix}{max(taken) + 1}"


def latest_release(out: Path) -> Path | None:
    link = out / LATEST
    if not (link / "datapackage.json").exists():
        return None
    return link.resolve()


def diff_tables(previous: Path | None, current: Path) -> dict[str, tuple[int, int]]:
    """Rows added and removed per table since ``previous`` (by primary key, with DuckDB)."""
    changes: dict[str, tuple[int, int]] = {}
    con = duckdb.connect()
    for table in TABLES:
        new = f"read_parquet('{current / 'data' / table}.parquet')"
        if previous is None or not (previous / "data" / f"{table}.parquet").exists():
            count = con.execute(f"SELECT count(*) FROM {new}").fetchall()[0][0]
            changes[table] = (int(count), 0)
            continue
        old = f"read_parquet('{previous / 'data' / table}.parquet')"
        key = ", ".join(table_schema(table)["primaryKey"])
        added = con.execute(
            f"SELECT count(*) FROM (SELECT {key} FROM {new} EXCEPT SELECT {key} FROM {old})"
        ).fetchall()[0][0]
        removed = con.execute(
            f"SELECT count(*) FROM (SELECT {key} FROM {old} EXCEPT SELECT {key} FROM {new})"
        ).fetchall()[0][0]
        changes[table] = (int(added), int(removed))
    con.close()
    return changes


def changelog(
    version: str, previous: str | None, changes: dict[str, tuple[int, int]], notes: Sequence[str]
) -> str:
    lines = [f"# Changes in {version}", ""]
    lines.append(f"Compared with release {previous}." if previous else "First release.")
    lines += [
        *(f"- {n}" for n in notes),
        "",
        "| table | rows added | rows removed |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {a} | {r} |" for t, (a, r) in changes.items()]
    return "\n".join(lines) + "\n"


def _switch_latest(out: Path, version: str) -> None:
    """Point ``latest`` at the new release in one rename: readers see the old or the new."""
    tmp = out / f".{LATEST}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(RELEASES) / version, target_is_directory=True)
    os.replace(tmp, out / LATEST)


def _update_catalog(out: Path, entry: dict[str, Any]) -> None:
    path = out / CATALOG
    catalog: dict[str, Any] = {"name": "diplodata", "releases": []}
    if path.exists():
        catalog = json.loads(path.read_text(encoding="utf-8"))
    catalog["releases"] = [r for r in catalog["releases"] if r["version"] != entry["version"]]
    catalog["releases"].append(entry)
    catalog["latest"] = entry["version"]
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(catalog, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


class OutputBusyError(PublishError):
    """Another run holds the output folder."""


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for a whole run: one publisher per output folder at a time.

    With the lock held, staging folders left by a crashed run are removed.
    """
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputBusyError(
                f"{out}: another diplodata run is publishing here; wait for it to finish "
                "or pass another --out"
            ) from exc
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(slots=True)
class StagedRelease:
    """A release written and validated in a staging folder, not yet visible to readers."""

    out: Path
    path: Path
    meta: PackageMeta
    package: dict[str, Any]
    counts: dict[str, int]
    changes: dict[str, tuple[int, int]]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems


def stage(
    tables: Tables,
    out: Path,
    meta: PackageMeta,
    notes: Sequence[str] = (),
    quality: dict[str, Any] | None = None,
) -> StagedRelease:
    """Write release ``meta.version`` to a staging folder under ``out`` and validate it."""
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".staging-{meta.version}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    arrow = write_data(tables, staging)
    write_duckdb(arrow, staging)
    previous = latest_release(out)
    changes = diff_tables(previous, staging)
    (staging / "CHANGELOG.md").write_text(
        changelog(meta.version, previous.name if previous else None, changes, notes),
        encoding="utf-8",
    )
    package = descriptor(staging, meta) | {"citation": citation_text(meta)}
    write_descriptor(staging, package)
    result = validate_package(staging / "datapackage.json")
    (staging / "quality").mkdir()
    reports = {"validation": result.report, **(quality or {})}
    for name, report in reports.items():
        (staging / "quality" / f"{name}.json").write_text(
            json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8"
        )
    write_documents(staging, meta)
    return StagedRelease(out, staging, meta, package, tables.counts(), changes, result.problems)


def _make_read_only(folder: Path) -> None:
    """Published releases are immutable: their files are read-only."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o444)


def add_quality(staged: StagedRelease, name: str, report: dict[str, Any]) -> None:
    """Add a report (e.g. eval scores) to a staged release's ``quality/`` folder."""
    path = staged.path / "quality" / f"{name}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    write_documents(staged.path, staged.meta)  # the README shows the release's own scores


def promote(staged: StagedRelease) -> Release:
    """Publish a validated staged release; a failed one is moved to ``failed/`` and refused."""
    out, meta, package = staged.out, staged.meta, staged.package
    if not staged.valid:
        failed = out / "failed" / meta.version
        failed.parent.mkdir(exist_ok=True)
        shutil.rmtree(failed, ignore_errors=True)
        staged.path.rename(failed)
        raise PublishError(
            f"release {meta.version} failed validation ({len(staged.problems)} problems); "
            f"nothing was published. The rejected release and its report are in {failed}",
            staged.problems,
        )
    package["files"] = extra_files(
        staged.path,
        [
            DUCKDB_FILE,
            *DOCUMENTS,
            "CHANGELOG.md",
            *sorted(f"quality/{p.name}" for p in (staged.path / "quality").glob("*.json")),
            *(f"data/{t}.parquet" for t in TABLES),
        ],
    )
    write_descriptor(staged.path, package)
    final = out / RELEASES / meta.version
    final.parent.mkdir(exist_ok=True)
    _make_read_only(staged.path)
    staged.path.rename(final)
    _switch_latest(out, meta.version)
    _update_catalog(
        out,
        {
            "version": meta.version,
            "created": meta.created,
            "path": f"{RELEASES}/{meta.version}/datapackage.json",
            "rows": staged.counts,
            "files": [
                {
                    "path": f"{RELEASES}/{meta.version}/{f['path']}",
                    "hash": f["hash"],
                    "bytes": f["bytes"],
                }
                for f in package["files"]
                + [
                    {"path": r["path"], "hash": r["hash"], "bytes": r["bytes"]}
                    for r in package["resources"]
                    if "hash" in r
                ]
            ],
        },
    )
    return Release(meta.version, final, staged.counts, staged.changes)


def publish(
    tables: Tables,
    out: Path,
    meta: PackageMeta,
    notes: Sequence[str] = (),
    quality: dict[str, Any] | None = None,
) -> Release:
    """Stage, validate and promote in one call."""
    return promote(stage(tables, out, meta, notes, quality))
