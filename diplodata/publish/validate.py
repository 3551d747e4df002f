"""Validate a release: Frictionless on what it adds (its new CSV parts: schema, types,
required fields, enums, patterns, keys within a file), DuckDB on the whole release for what
spans files (primary keys unique and complete, foreign keys resolved: ``diplodata.publish.keys``,
which reads in full only the parts not shared with the release before), and Frictionless on
the descriptor itself. Each new Parquet part must have its table's Arrow schema and its CSV
copy's rows (both are written from one Arrow table, so Frictionless reads the values once,
from the CSV, where it is fast).

The files a release shares with the release before it were validated when that release
was published and are the same bytes (``diplodata.tables.parts``); nothing here reads a table
into Python row by row: DuckDB answers with counts and at most a few offending keys.
`frictionless validate datapackage.json` validates every file of a release, in both
formats, and passes as well."""

from __future__ import annotations

import copy
import csv
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from frictionless import FrictionlessException, Package, system

from diplodata.publish.keys import Problem, Since, check_keys
from diplodata.schemas import table_schema
from diplodata.tables.parts import CSV_SUFFIX, DATA

__all__ = ["Problem", "Since", "ValidationResult", "check_keys", "validate_release"]

# Rows of new CSV parts read as one resource: Frictionless keeps the keys of a resource it
# has read (its primary key within the resource), so a group's rows bound its memory; keys
# across groups and parts are DuckDB's (``diplodata.publish.keys``).
CHECK_ROWS = 20_000


@dataclass(slots=True)
class ValidationResult:
    valid: bool
    problems: list[Problem] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


def _problems(report: Any) -> list[Problem]:
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(
                Problem(
                    resource=task.name or task.place,
                    message=error.message,
                    row=getattr(error, "row_number", None),
                    field=getattr(error, "field_name", None),
                )
            )
    for error in report.errors:
        problems.append(Problem(resource="package", message=error.message))
    return problems


def validate_package(descriptor: Path) -> ValidationResult:
    """Validate every resource of the package at ``descriptor`` with Frictionless (every
    row of every table, as `frictionless validate` does)."""
    with system.use_context(trusted=True):
        try:
            package = Package(str(descriptor))
        except FrictionlessException as exc:  # the descriptor itself is invalid
            problem = Problem(resource="datapackage.json", message=str(exc))
            return ValidationResult(valid=False, problems=[problem], report={"error": str(exc)})
        report = package.validate(parallel=False)
    problems = _problems(report)
    return ValidationResult(valid=report.valid, problems=problems, report=report.to_dict())


def check_descriptor(descriptor: Path) -> list[Problem]:
    """The descriptor's own metadata (name, version, created, licences, resources ...)."""
    with system.use_context(trusted=True):
        try:
            Package(str(descriptor))  # refuses an invalid descriptor
        except FrictionlessException as exc:
            return [Problem(resource="datapackage.json", message=str(exc))]
    return []


def _file_schema(table: str) -> dict[str, Any]:
    """The table's schema for one file on its own: keys across files are DuckDB's."""
    schema = copy.deepcopy(table_schema(table))
    for key in ("$schema", "name", "title", "description", "foreignKeys"):
        schema.pop(key, None)
    return schema


def _split(rel: str) -> tuple[str, str, bool] | None:
    """``data/<table>[-csv]/<part>.<ext>`` -> (table, part, is CSV)."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != DATA:
        return None
    return parts[1].removesuffix(CSV_SUFFIX), Path(parts[2]).stem, parts[2].endswith(".csv")


def _resource(table: str, name: str, path: str, title: str) -> dict[str, Any]:
    """A CSV resource ``name`` of ``table``'s rows in ``path``, with the table's schema."""
    return {
        "name": name.replace("_", "-"),
        "title": title,
        "type": "table",
        "path": path,
        "format": "csv",
        "encoding": "utf-8",
        "schema": _file_schema(table),
    }


def _groups(files: Sequence[tuple[str, int]], most: int) -> list[list[tuple[str, int]]]:
    """Files (path, rows) in order, in groups of at most ``most`` rows (a larger file alone)."""
    groups: list[list[tuple[str, int]]] = [[]]
    rows = 0
    for path, n in files:
        if groups[-1] and rows + n > most:
            groups.append([])
            rows = 0
        groups[-1].append((path, n))
        rows += n
    return groups


def _joined(folder: Path, files: Sequence[str], target: Path) -> str:
    """The rows of the CSV ``files`` (each with its header row) as one CSV file ``target``
    (one header row), relative to ``folder``; one file is itself."""
    if len(files) == 1:
        return files[0]
    with target.open("wb") as out:
        for i, rel in enumerate(files):
            with (folder / rel).open("rb") as part:
                header = part.readline()
                rows = part.read()
            out.write(header if i == 0 else b"")
            out.write(rows if not rows or rows.endswith(b"\n") else rows + b"\n")
    return target.relative_to(folder).as_posix()


def _located(problem: Problem, files: Sequence[tuple[str, int]]) -> Problem:
    """A problem in the rows of several CSV files (path, rows) read as one, named by its
    file and its row there (Frictionless numbers the rows from 2, after the header)."""
    before = 0
    for path, rows in files:
        if problem.row is not None and problem.row - 1 <= before + rows:
            return replace(problem, resource=path, row=problem.row - before)
        before += rows
    return replace(problem, resource=", ".join(path for path, _ in files))


def _csv_rows(folder: Path, files: Sequence[str]) -> dict[str, int]:
    """Records of each CSV file, its header aside (read with Python's ``csv``, whose default
    dialect is the one the parts are written in: a hundred small files in a few ms, where
    DuckDB's ``read_csv`` sniffs each one)."""
    counts = {}
    for rel in files:
        with (folder / rel).open(newline="", encoding="utf-8") as handle:
            counts[rel] = max(0, sum(1 for _ in csv.reader(handle)) - 1)
    return counts


def validate_files(folder: Path, paths: Sequence[str]) -> ValidationResult:
    """Frictionless on the new part files ``paths`` of the release in ``folder``: every CSV
    part (schema, types, required fields, enums, patterns; keys within the new parts of a
    table). Each Parquet part must have the table's schema (its Arrow types, derived from
    the same Table Schema) and its CSV copy's rows: both are written from one Arrow table.
    The new CSV parts of a table are read as one file (their rows joined in a temporary
    file: Frictionless costs about 10 ms a resource, and twice as much time to read a list
    of files as one), and each problem names its part and its row there."""
    from diplodata.schemas import arrow_schema

    problems: list[Problem] = []
    csv_files: dict[str, list[str]] = {}
    parquet: dict[str, int] = {}
    copies: dict[str, str] = {}
    for rel in paths:
        split = _split(rel)
        if split is None:
            continue
        table, name, csv = split
        if csv:
            csv_files.setdefault(table, []).append(rel)
            continue
        meta = pq.read_metadata(folder / rel)
        schema = meta.schema.to_arrow_schema()
        if not schema.equals(arrow_schema(table)):
            problems.append(Problem(rel, f"Parquet schema {schema} is not the table's"))
        parquet[rel] = meta.num_rows
        copies[rel] = f"{DATA}/{table}{CSV_SUFFIX}/{name}.csv"
    every = {*copies.values(), *(f for fs in csv_files.values() for f in fs)}
    rows = _csv_rows(folder, sorted(every))
    for rel, twin in copies.items():
        if rows[twin] != parquet[rel]:
            message = f"{parquet[rel]} rows but {rows[twin]} in its CSV copy {twin}"
            problems.append(Problem(rel, message))
    files = {t: [(f, rows[f]) for f in fs] for t, fs in csv_files.items()}
    report: dict[str, Any] = {"csv_files": sum(map(len, files.values())), "parquet_rows": parquet}
    if not csv_files:
        return ValidationResult(valid=not problems, problems=problems, report=report)
    groups = {
        f"{table}-new" + (f"-{i}" if i else ""): (table, group)
        for table, fs in files.items()
        for i, group in enumerate(_groups(fs, CHECK_ROWS))
    }
    work = Path(tempfile.mkdtemp(prefix=".check-", dir=folder))
    try:
        resources = [
            _resource(
                table,
                name,
                _joined(folder, [f for f, _ in group], work / f"{name}.csv"),
                group[0][0]
                if len(group) == 1
                else f"{len(group)} new parts of {table}{CSV_SUFFIX}",
            )
            for name, (table, group) in groups.items()
        ]
        with system.use_context(trusted=True):
            descriptor = {"name": "new-parts", "resources": resources}
            result = Package(descriptor, basepath=str(folder)).validate(parallel=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    located = {r["name"]: group for r, (_, group) in zip(resources, groups.values(), strict=True)}
    problems += [
        _located(p, located[p.resource]) if p.resource in located else p for p in _problems(result)
    ]
    report["frictionless"] = result.to_dict()
    return ValidationResult(valid=not problems, problems=problems, report=report)


def validate_release(
    folder: Path, new_files: Sequence[str], since: Since | None = None
) -> ValidationResult:
    """The descriptor, Frictionless on ``new_files`` (the parts the release does not share
    with the release before it), and the keys of the whole release (read since ``since``,
    the release it shares its other parts with: ``diplodata.publish.keys``)."""
    descriptor = check_descriptor(folder / "datapackage.json")
    files = validate_files(folder, new_files)
    keys = check_keys(folder, since)
    problems = descriptor + files.problems + keys.problems
    report = {
        "valid": not problems,
        "descriptor": [str(p) for p in descriptor],
        "new_files": {"paths": list(new_files), **files.report},
        "keys": keys.report,
        "problems": [str(p) for p in problems],
    }
    return ValidationResult(valid=not problems, problems=problems, report=report)
