"""Blind batches: one line per batch, the first score kept, sealed sets skipped."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.cli import app
from diplodata.evaluate import curve
from diplodata.evaluate.score import evaluate
from tests.conftest import FIXTURES


@pytest.fixture
def gold_root(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    for name, files in {
        "batch01": ["call_and_trade.json"],
        "batch02": ["extra_visit.json", "offtopic_match.json"],
        "final": ["offtopic_match.json"],
    }.items():
        (root / name).mkdir(parents=True)
        for f in files:
            shutil.copy(FIXTURES / "gold" / f, root / name / f)
    (root / "final" / curve.SEALED).write_text("sealed\n")
    return root


def test_curve_batches_skip_sealed_sets_unless_asked(gold_root: Path) -> None:
    assert [p.name for p in curve.batch_folders(gold_root)] == ["batch01", "batch02"]
    assert [p.name for p in curve.batch_folders(gold_root, sealed=True)] == [
        "batch01",
        "batch02",
        "final",
    ]


def test_curve_record_keeps_the_first_blind_score(
    fixture_package: Path, gold_root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "curve.csv"
    first = evaluate(fixture_package, gold_root / "batch01")
    points = curve.points("batch01", 1, first, "1.0+a", dt.date(2026, 1, 1))
    assert curve.record(points, path) == ["batch01"]
    worse = evaluate(fixture_package, gold_root / "batch02")  # another score under the same name
    assert curve.record(curve.points("batch01", 1, worse, "2.0+b", dt.date(2026, 2, 1)), path) == []
    kept = curve.read_curve(path)
    assert {p.extractor_version for p in kept} == {"1.0+a"}
    assert [p.table for p in kept] == ["persons", "meetings", "trade_figures", "memberships"]
    assert kept[0].tp == first.scores["persons"].tp
    lines = curve.curve_lines(kept)
    assert len(lines) == 2 and lines[1].startswith("batch01")


def test_curve_eval_prints_one_line_per_batch_and_names_the_sealed_set(
    fixture_package: Path, gold_root: Path
) -> None:
    result = CliRunner().invoke(
        app, ["eval", "--package", str(fixture_package), "--gold", str(gold_root)]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("batch")]
    assert [line.split()[0] for line in lines] == ["batch01", "batch02"]
    assert "final is a sealed test set, not scored" in result.output
