"""Validate a written package with Frictionless: types, constraints, keys, foreign keys, hashes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Package, system


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


@dataclass(slots=True)
class ValidationResult:
    valid: bool
    problems: list[Problem] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)  # the full Frictionless report


def validate_package(descriptor: Path) -> ValidationResult:
    """Validate every resource of the package at ``descriptor``."""
    with system.use_context(trusted=True):
        try:
            package = Package(str(descriptor))
        except FrictionlessException as exc:  # the descriptor itself is invalid
            problem = Problem(resource="datapackage.json", message=str(exc))
            return ValidationResult(valid=False, problems=[problem], report={"error": str(exc)})
        report = package.validate(parallel=False)
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
    return ValidationResult(valid=report.valid, problems=problems, report=report.to_dict())
