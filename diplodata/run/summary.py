"""What a run did: the summary printed at the end and attached to the flow run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["published", "unchanged", "failed"]


@dataclass(slots=True)
class RunSummary:
    status: Status
    version: str | None
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    n_articles: int = 0
    n_extracted: int = 0
    n_cached: int = 0
    rejects: list[str] = field(default_factory=list)  # skipped inputs and validation problems
    warnings: list[str] = field(default_factory=list)  # the run went on (a damaged state store)
    timings: dict[str, float] = field(default_factory=dict)
    release_path: str | None = None
    message: str = ""

    def table_rows(self) -> list[dict[str, object]]:
        """One row per table: rows, added, removed (for the summary table and artifact)."""
        return [
            {
                "table": t,
                "rows": n,
                "added": self.changes.get(t, (0, 0))[0],
                "removed": self.changes.get(t, (0, 0))[1],
            }
            for t, n in self.counts.items()
        ]
