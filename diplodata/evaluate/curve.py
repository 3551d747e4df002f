"""Blind batches and the learning curve.

A gold folder whose subfolders hold the gold files (``eval/gold_pool/batch01/*.json``,
``.../final/*.json``) is a set of batches: each is scored on its own, one line per batch.
The first score of a batch, taken before anyone studies its errors, is its *blind* score;
``record`` appends it to the learning curve (``eval/learning_curve.csv``), which keeps one
blind measurement per batch and never overwrites it.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from diplodata.config import PROJECT_ROOT
from diplodata.evaluate.score import TABLES, EvalResult

CURVE_FILE = PROJECT_ROOT / "eval" / "learning_curve.csv"


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """One table's blind score on one batch."""

    batch: str
    articles: int
    extractor_version: str
    measured: str  # ISO date
    table: str
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int


SEALED = "SEALED.md"  # a batch folder holding this file is a sealed test set


def batch_folders(gold_root: Path, *, sealed: bool = False) -> list[Path]:
    """Subfolders of ``gold_root`` that hold gold files, in name order; a sealed test set
    (a folder with ``SEALED.md``) only when asked for."""
    return sorted(
        p
        for p in gold_root.iterdir()
        if p.is_dir() and any(p.glob("*.json")) and (sealed or not (p / SEALED).exists())
    )


def sealed_folders(gold_root: Path) -> list[Path]:
    return sorted(p for p in gold_root.iterdir() if p.is_dir() and (p / SEALED).exists())


def batch_line(name: str, articles: int, result: EvalResult) -> str:
    cells = " ".join(
        f"{t}={s.prf()[2]:.2f}(P{s.prf()[0]:.2f}/R{s.prf()[1]:.2f})"
        for t, s in result.scores.items()
    )
    return f"{name:10s} {articles:4d} articles  macro-F1 {result.macro_f1:.3f}  {cells}"


def points(
    batch: str, articles: int, result: EvalResult, version: str, when: dt.date
) -> list[CurvePoint]:
    out = []
    for table in TABLES:
        s = result.scores[table]
        p, r, f = s.prf()
        out.append(
            CurvePoint(
                batch, articles, version, when.isoformat(), table,
                round(p, 3), round(r, 3), round(f, 3), s.tp, s.fp, s.fn,
            )
        )  # fmt: skip
    return out


def read_curve(path: Path = CURVE_FILE) -> list[CurvePoint]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            CurvePoint(
                batch=row["batch"],
                articles=int(row["articles"]),
                extractor_version=row["extractor_version"],
                measured=row["measured"],
                table=row["table"],
                precision=float(row["precision"]),
                recall=float(row["recall"]),
                f1=float(row["f1"]),
                tp=int(row["tp"]),
                fp=int(row["fp"]),
                fn=int(row["fn"]),
            )
            for row in csv.DictReader(handle)
        ]


def record(new: list[CurvePoint], path: Path = CURVE_FILE) -> list[str]:
    """Append the points of batches not yet on the curve; returns the batches added."""
    known = {p.batch for p in read_curve(path)}
    fresh = [p for p in new if p.batch not in known]
    if not fresh:
        return []
    write_header = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[f.name for f in fields(CurvePoint)])
        if write_header:
            writer.writeheader()
        writer.writerows(asdict(p) for p in fresh)
    return sorted({p.batch for p in fresh})


def curve_lines(curve: list[CurvePoint]) -> list[str]:
    """The learning curve as a table: one line per blind batch, F1 per table."""
    by_batch: dict[str, dict[str, CurvePoint]] = {}
    for p in curve:
        by_batch.setdefault(p.batch, {})[p.table] = p
    head = f"{'batch':10s} {'n':>4s} {'extractor':22s} {'measured':10s} " + " ".join(
        f"{t[:8]:>8s}" for t in TABLES
    )
    lines = [head + "     macro"]
    for batch, row in by_batch.items():
        first = next(iter(row.values()))
        f1s = [row[t].f1 if t in row else float("nan") for t in TABLES]
        lines.append(
            f"{batch:10s} {first.articles:4d} {first.extractor_version:22s} {first.measured:10s} "
            + " ".join(f"{f:8.3f}" for f in f1s)
            + f" {sum(f1s) / len(f1s):9.3f}"
        )
    return lines
