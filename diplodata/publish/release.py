"""Publish a release: write it to a staging folder, validate it, move it into
``releases/<version>``, switch ``latest`` atomically and update ``catalog.json``.

Layout of an output folder::

    output/
      catalog.json               every release: version, created, row counts, checksums
      latest -> releases/2026-11-23.2
      releases/2026-11-23.1/     immutable once published
        datapackage.json  README.md  CITATION.cff  index.html  CHANGELOG.md  diplodata.duckdb
        data/<table>/part-NNNNNN.parquet  data/<table>-csv/part-NNNNNN.csv
        quality/validation.json

A release shares the parts it has in common with the release before it (hard links,
``diplodata.tables.increment``): only new rows take new disk space, and each release folder
still holds every file it needs.
      failed/<version>/          a release that did not validate, with its report
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from diplodata.publish.citation import citation_text
from diplodata.publish.documents import DOCUMENTS, write_documents
from diplodata.publish.package import (
    DUCKDB_FILE,
    PackageMeta,
    descriptor,
    extra_files,
    write_descriptor,
    write_duckdb,
)
from diplodata.publish.validate import Problem, Since, validate_release
from diplodata.run.faults import checkpoint
from diplodata.run.state import STATE_DIR
from diplodata.run.state_db import LOCK
from diplodata.schemas import SCHEMA_CHANGES, SCHEMA_VERSION, table_schema
from diplodata.tables import bounded_duckdb
from diplodata.tables.increment import Increment, Written, write_tables
from diplodata.tables.parts import (
    csv_path,
    parquet_files,
    parquet_path,
    part_names,
    published_tables,
    row_count,
)
from diplodata.tables.rows import Tables

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
    """The latest release if its files match their checksums, else the newest one that does
    (a file a run read before is read again only if it changed: ``verify.Digests``)."""
    from diplodata.publish.verify import Digests, verify_release

    latest = latest_release(out)
    candidates = ([latest] if latest else []) + [
        out / RELEASES / v for v in reversed(published_versions(out))
    ]
    digests = Digests(out)
    for release in candidates:
        if verify_release(release, digests).ok:
            return release.resolve()
    return None


def _inodes(files: list[Path]) -> set[tuple[int, int]]:
    found = set()
    for path in files:
        st = path.stat()
        found.add((st.st_dev, st.st_ino))
    return found


def _differing(previous: Path | None, current: Path, table: str) -> tuple[list[str], list[str]]:
    """The Parquet files of ``table`` in ``current`` and in ``previous`` that the two do not
    share (a shared part is one file, linked into both)."""
    new = parquet_files(current, table)
    old = parquet_files(previous, table) if previous is not None else []
    new_inodes, old_inodes = _inodes(new), _inodes(old)
    only_new = [str(p) for p in new if (p.stat().st_dev, p.stat().st_ino) not in old_inodes]
    only_old = [str(p) for p in old if (p.stat().st_dev, p.stat().st_ino) not in new_inodes]
    return only_new, only_old


def _keys_count(con: duckdb.DuckDBPyConnection, key: str, a: list[str], b: list[str]) -> int:
    """Keys in files ``a`` that are not in files ``b`` (paths are parameters, never SQL)."""
    if not a:
        return 0
    if not b:
        sql = f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM read_parquet($1))"
        return int(con.execute(sql, [a]).fetchall()[0][0])
    sql = (
        f"SELECT count(*) FROM (SELECT {key} FROM read_parquet($1) "
        f"EXCEPT SELECT {key} FROM read_parquet($2))"
    )
    return int(con.execute(sql, [a, b]).fetchall()[0][0])


def diff_tables(previous: Path | None, current: Path) -> dict[str, tuple[int, int]]:
    """Rows added and removed per table since ``previous`` (by primary key, with DuckDB,
    over the files the two releases do not share)."""
    changes: dict[str, tuple[int, int]] = {}
    con = bounded_duckdb.connect()
    for table in published_tables(current):
        key = ", ".join(table_schema(table)["primaryKey"])
        new, old = _differing(previous, current, table)
        changes[table] = (_keys_count(con, key, new, old), _keys_count(con, key, old, new))
    con.close()
    return changes


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """Articles (source, title) added, whose text changed, and removed since a release."""

    added: list[tuple[str, str | None]] = field(default_factory=list)
    changed: list[tuple[str, str | None]] = field(default_factory=list)
    removed: list[tuple[str, str | None]] = field(default_factory=list)


def _latest_by_source(files: list[str], param: str) -> str:
    """SQL of the articles of ``files`` (parameter ``param``) by source: the last row read
    of a source (as a dict by source would keep it); none without files."""
    if not files:
        return "SELECT NULL::VARCHAR AS source, NULL AS title, NULL AS sha256 LIMIT 0"
    return (
        "SELECT source, last(title) AS title, last(sha256) AS sha256 "
        f"FROM read_parquet(${param}) GROUP BY source"
    )


def diff_articles(previous: Path | None, current: Path) -> ArticleChanges:
    """Articles by ``source``: new ones, ones whose text (sha256) or title changed, ones
    gone (read from the articles parts the two releases do not share, compared in DuckDB:
    only the differences come back, in the order of their sources)."""
    new_files, old_files = _differing(previous, current, "articles")
    sql = (
        f"WITH new AS ({_latest_by_source(new_files, 'new')}), "
        f"old AS ({_latest_by_source(old_files, 'old')}) "
        "SELECT CASE WHEN o.source IS NULL THEN 'added' WHEN n.source IS NULL THEN 'removed' "
        "ELSE 'changed' END, coalesce(n.source, o.source) AS source, "
        "CASE WHEN n.source IS NULL THEN o.title ELSE n.title END "
        "FROM new n FULL OUTER JOIN old o ON n.source = o.source "
        "WHERE n.source IS NULL OR o.source IS NULL OR n.title IS DISTINCT FROM o.title "
        "OR n.sha256 IS DISTINCT FROM o.sha256 ORDER BY source"
    )
    params = {k: v for k, v in (("new", new_files), ("old", old_files)) if v}
    changes = ArticleChanges()
    lists = {"added": changes.added, "changed": changes.changed, "removed": changes.removed}
    con = bounded_duckdb.connect()
    try:
        result = con.execute(sql, params)
        while batch := result.fetchmany(10_000):
            for what, source, title in batch:
                lists[what].append((str(source), title))
    finally:
        con.close()
    return changes


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
    """The release's line in ``catalog.json``: its documents' checksums (its data parts are
    listed, with theirs, in its ``datapackage.json``: the catalog stays small)."""
    files = [f for f in package.get("files", []) if not str(f["path"]).startswith("data/")]
    files += [
        {"path": r["path"], "hash": r["hash"], "bytes": r["bytes"]}
        for r in package.get("resources", [])
        if "hash" in r and isinstance(r["path"], str)
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
            counts = {t: row_count(folder, t) for t in published_tables(folder)}
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
    with (out / LOCK).open("a+") as handle:
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
    written: Written = field(default_factory=Written)
    known: dict[str, dict[str, Any]] = field(default_factory=dict)  # shared files' checksums

    @property
    def valid(self) -> bool:
        return not self.problems


def _rows(tables: Tables) -> dict[str, list[object]]:
    return {name: list(getattr(tables, name)) for name in tables.names()}


def shared_checksums(base: Path, paths: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Hash and size of ``paths`` as the (verified) release ``base`` lists them."""
    from diplodata.publish.verify import listed_files

    try:
        package = json.loads((base / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    listed = {f["path"]: {"hash": f["hash"], "bytes": f["bytes"]} for f in listed_files(package)}
    return {p: listed[p] for p in paths if p in listed and listed[p]["bytes"] is not None}


def stage(
    tables: Tables,
    out: Path,
    meta: PackageMeta,
    notes: Sequence[str] = (),
    quality: dict[str, Any] | None = None,
    increment: Increment | None = None,
    more: Iterable[dict[str, pa.Table]] = (),
) -> StagedRelease:
    """Write release ``meta.version`` to a staging folder under ``out`` and validate it.

    Without ``increment``, ``tables`` holds every row of the release. With one, it holds the
    rows of the articles that are not in ``increment.kept`` (and the actors rows: see
    ``diplodata.tables.increment.Increment``):
    the parts of ``increment.base`` with only kept articles are shared, not written again.
    ``more``: rows of further articles, a batch at a time (``diplodata.tables.spool``).
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".staging-{meta.version}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    written = write_tables(_rows(tables), staging, increment, more)
    write_duckdb(staging, published_tables(staging), increment.base if increment else None)
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
    since = Since(increment.base, frozenset(written.shared)) if increment else None
    result = validate_release(staging, written.new, since)
    (staging / "quality").mkdir()
    reports = {"validation": result.report, **(quality or {})}
    for name, report in reports.items():
        (staging / "quality" / f"{name}.json").write_text(
            json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8"
        )
    write_documents(staging, meta)
    counts = {t: row_count(staging, t) for t in published_tables(staging)}
    known = shared_checksums(increment.base, written.shared) if increment else {}
    return StagedRelease(
        out, staging, meta, package, counts, changes, result.problems, written, known
    )


def data_files(folder: Path) -> list[str]:
    """Every data file of the release in ``folder``: each part in Parquet and CSV."""
    return [
        rel
        for table in published_tables(folder)
        for name in part_names(folder, table)
        for rel in (parquet_path(table, name), csv_path(table, name))
    ]


def _make_read_only(folder: Path) -> None:
    """Published releases are immutable: their files are read-only."""
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_mode & 0o222:  # shared parts already are
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
            *data_files(staged.path),
        ],
        staged.known,
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
    increment: Increment | None = None,
) -> Release:
    """Stage, validate and promote in one call."""
    return promote(stage(tables, out, meta, notes, quality, increment))
