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

from diplodata.faults import checkpoint
from diplodata.package import (
    DUCKDB_FILE,
    PackageMeta,
    descriptor,
    extra_files,
    published_tables,
    write_data,
    write_descriptor,
    write_duckdb,
)
from diplodata.publish.citation import citation_text
from diplodata.publish.documents import DOCUMENTS, write_documents
from diplodata.rows import Tables
from diplodata.schemas import SCHEMA_CHANGES, SCHEMA_VERSION, TABLES, table_schema
from diplodata.state import STATE_DIR
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


def _version_key(name: str) -> tuple[str, int]:
    date, _, seq = name.rpartition(".")
    return (date, int(seq)) if seq.isdigit() else (name, 0)


def published_versions(out: Path) -> list[str]:
    """Versions in ``releases/``, oldest first."""
    folder = out / RELEASES
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if (p / "datapackage.json").exists()]
    return sorted(names, key=_version_key)


def intact_release(out: Path) -> Path | None:
    """The latest release if its files match their checksums, else the newest one that does."""
    from diplodata.verify import verify_release

    latest = latest_release(out)
    candidates = ([latest] if latest else []) + [
        out / RELEASES / v for v in reversed(published_versions(out))
    ]
    for release in candidates:
        if verify_release(release).ok:
            return release.resolve()
    return None


def diff_tables(previous: Path | None, current: Path) -> dict[str, tuple[int, int]]:
    """Rows added and removed per table since ``previous`` (by primary key, with DuckDB)."""
    changes: dict[str, tuple[int, int]] = {}
    con = duckdb.connect()
    for table in published_tables(current):
        new = str(current / "data" / f"{table}.parquet")  # paths are parameters, never SQL
        if previous is None or not (previous / "data" / f"{table}.parquet").exists():
            count = con.execute("SELECT count(*) FROM read_parquet($1)", [new]).fetchall()[0][0]
            changes[table] = (int(count), 0)
            continue
        old = str(previous / "data" / f"{table}.parquet")
        key = ", ".join(table_schema(table)["primaryKey"])
        count_sql = (
            f"SELECT count(*) FROM (SELECT {key} FROM read_parquet($1) "
            f"EXCEPT SELECT {key} FROM read_parquet($2))"
        )
        added = con.execute(count_sql, [new, old]).fetchall()[0][0]
        removed = con.execute(count_sql, [old, new]).fetchall()[0][0]
        changes[table] = (int(added), int(removed))
    con.close()
    return changes


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """Articles (source, title) added, whose text changed, and removed since a release."""

    added: list[tuple[str, str | None]] = field(default_factory=list)
    changed: list[tuple[str, str | None]] = field(default_factory=list)
    removed: list[tuple[str, str | None]] = field(default_factory=list)


def diff_articles(previous: Path | None, current: Path) -> ArticleChanges:
    """Articles by ``source``: new ones, ones whose text (sha256) changed, ones gone."""
    con = duckdb.connect()

    def read(release: Path) -> dict[str, tuple[str | None, str]]:
        rows = con.execute(
            "SELECT source, title, sha256 FROM read_parquet($1)",
            [str(release / "data" / "articles.parquet")],
        ).fetchall()
        return {str(s): (t, str(h)) for s, t, h in rows}

    new = read(current)
    old = read(previous) if previous is not None else {}
    con.close()
    return ArticleChanges(
        added=[(s, new[s][0]) for s in sorted(new.keys() - old.keys())],
        changed=[(s, new[s][0]) for s in sorted(new.keys() & old.keys()) if new[s] != old[s]],
        removed=[(s, old[s][0]) for s in sorted(old.keys() - new.keys())],
    )


def schema_notes(previous: Path | None) -> list[str]:
    """What changed in the tables' contract since the ``previous`` release, if anything."""
    if previous is None:
        return []
    descriptor = json.loads((previous / "datapackage.json").read_text(encoding="utf-8"))
    before = str(descriptor.get("schema_version", "1.0.0"))
    if before == SCHEMA_VERSION:
        return []

    def number(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in version.split(".") if part.isdigit())

    changes = [
        text
        for v, text in SCHEMA_CHANGES.items()
        if number(before) < number(v) <= number(SCHEMA_VERSION)
    ]
    return [f"Schema version {before} -> {SCHEMA_VERSION}: " + " ".join(changes)]


def _article_lines(heading: str, items: list[tuple[str, str | None]]) -> list[str]:
    if not items:
        return []
    lines = ["", f"## Articles {heading} ({len(items)})", ""]
    return lines + [f"- `{source}`" + (f": {title}" if title else "") for source, title in items]


def changelog(
    version: str,
    previous: str | None,
    changes: dict[str, tuple[int, int]],
    notes: Sequence[str],
    articles: ArticleChanges | None = None,
) -> str:
    lines = [f"# Changes in {version}", ""]
    lines.append(f"Compared with release {previous}." if previous else "First release.")
    lines += [f"- {n}" for n in notes]
    articles = articles or ArticleChanges()
    lines += _article_lines("added", articles.added)
    lines += _article_lines("changed (new text)", articles.changed)
    lines += _article_lines("removed", articles.removed)
    lines += [
        "",
        "## Rows per table",
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


def _read_catalog(out: Path) -> dict[str, Any]:
    try:
        catalog = json.loads((out / CATALOG).read_text(encoding="utf-8"))
        if isinstance(catalog, dict) and isinstance(catalog.get("releases"), list):
            return catalog
    except (OSError, ValueError):
        pass  # missing or damaged: rebuilt from releases/
    return {"name": "diplodata", "releases": []}


def _write_catalog(out: Path, catalog: dict[str, Any]) -> None:
    path = out / CATALOG
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(catalog, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def catalog_entry(
    version: str, created: str, counts: dict[str, int], package: dict[str, Any]
) -> dict[str, Any]:
    files = package.get("files", []) + [
        {"path": r["path"], "hash": r["hash"], "bytes": r["bytes"]}
        for r in package.get("resources", [])
        if "hash" in r
    ]
    return {
        "version": version,
        "created": created,
        "path": f"{RELEASES}/{version}/datapackage.json",
        "rows": counts,
        "files": [
            {"path": f"{RELEASES}/{version}/{f['path']}", "hash": f["hash"], "bytes": f["bytes"]}
            for f in files
        ],
    }


def _update_catalog(out: Path, entry: dict[str, Any]) -> None:
    catalog = _read_catalog(out)
    catalog["releases"] = [r for r in catalog["releases"] if r["version"] != entry["version"]]
    catalog["releases"].append(entry)
    catalog["latest"] = entry["version"]
    _write_catalog(out, catalog)


def reconcile_catalog(out: Path) -> bool:
    """Make ``catalog.json`` list every release in ``releases/`` and name ``latest``'s
    target as the latest (a run that crashed between the two leaves them apart).
    True when the catalog was changed."""
    import pyarrow.parquet as pq

    latest = latest_release(out)
    versions = published_versions(out)
    if latest is None and not versions:
        return False
    catalog = _read_catalog(out)
    known = {r.get("version") for r in catalog["releases"] if isinstance(r, dict)}
    changed = False
    for version in versions:
        if version in known:
            continue
        folder = out / RELEASES / version
        try:
            package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
            counts = {
                t: pq.read_metadata(folder / "data" / f"{t}.parquet").num_rows for t in TABLES
            }
        except (OSError, ValueError):
            continue  # a damaged release is not listed; `diplodata verify` names it
        catalog["releases"].append(
            catalog_entry(version, str(package.get("created", "")), counts, package)
        )
        changed = True
    catalog["releases"].sort(key=lambda r: _version_key(str(r.get("version", ""))))
    if latest is not None and catalog.get("latest") != latest.name:
        catalog["latest"] = latest.name
        changed = True
    if changed:
        _write_catalog(out, catalog)
    return changed


def clean_leftovers(out: Path) -> list[Path]:
    """Remove what a killed run leaves behind: staging folders, temporary files."""
    removed = []
    for stale in [
        *out.glob(".staging-*"),
        *out.glob(f".{LATEST}.*"),
        *out.glob("*.tmp"),
        *(out / STATE_DIR).rglob("*.tmp"),
    ]:
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
        removed.append(stale)
    return removed


class OutputBusyError(PublishError):
    """Another run holds the output folder."""


_HELD: dict[Path, int] = {}  # output folders whose lock this process holds (re-entrant)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for a whole run: one publisher per output folder at a time.

    With the lock held, what a crashed run left (staging folders, temporary files) is
    removed and ``catalog.json`` is reconciled with ``releases/`` and ``latest``. The lock
    is re-entrant within a process: the CLI takes it before Prefect starts, the flow again.
    """
    out.mkdir(parents=True, exist_ok=True)
    key = out.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    with (out / ".lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputBusyError(
                f"{out}: another diplodata run is publishing here; wait for it to finish "
                "or pass another --out"
            ) from exc
        _HELD[key] = 1
        try:
            clean_leftovers(out)
            reconcile_catalog(out)
            yield
        finally:
            del _HELD[key]
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
    previous = intact_release(out)  # a damaged release is never read as data
    changes = diff_tables(previous, staging)
    notes = [*schema_notes(previous), *notes]
    (staging / "CHANGELOG.md").write_text(
        changelog(
            meta.version,
            previous.name if previous else None,
            changes,
            notes,
            diff_articles(previous, staging),
        ),
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
            *(f"data/{t}.parquet" for t in published_tables(staged.path)),
        ],
    )
    write_descriptor(staged.path, package)
    final = out / RELEASES / meta.version
    final.parent.mkdir(exist_ok=True)
    _make_read_only(staged.path)
    staged.path.rename(final)
    _switch_latest(out, meta.version)
    checkpoint("catalog")
    _update_catalog(out, catalog_entry(meta.version, meta.created, staged.counts, package))
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
