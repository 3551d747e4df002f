from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


@pytest.mark.slow
def test_cli_run_then_query(prefect_server: None, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    out = tmp_path / "out"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-m", "diplodata", "run", "--articles", str(SAMPLES), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "diplodata run: published" in result.stdout and "Traceback" not in result.stderr
    as_csv = runner.invoke(
        app, ["query", "SELECT count(*) AS n FROM articles", "--out", str(out), "--format", "csv"]
    )
    assert as_csv.exit_code == 0 and as_csv.output == "n\n2\n"
    as_json = runner.invoke(
        app, ["query", "SELECT source FROM articles ORDER BY 1", "--out", str(out), "-f", "json"]
    )
    assert json.loads(as_json.output) == [
        {"source": "000_95c9dbeda741f184.txt"},
        {"source": "004_33cfb764012bfcb3.txt"},
    ]


def test_cli_run_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", "--articles", str(tmp_path / "nope"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "no such folder" in result.output and "--articles" in result.output


def test_cli_query_without_release_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT 1", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no published release" in result.output and "diplodata run" in result.output


def test_cli_query_bad_sql_names_the_tables(tmp_path: Path) -> None:
    from diplodata.publish.release import publish
    from tests.test_release import _meta, _tables

    publish(_tables(), tmp_path, _meta())
    result = runner.invoke(app, ["query", "SELECT * FROM nonsense", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "query failed" in result.output and "trade_figures" in result.output


def test_cli_run_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.csv").write_text("not an article")
    result = runner.invoke(app, ["run", "--articles", str(tmp_path / "in"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no articles" in result.output and "--articles" in result.output
    assert not (tmp_path / "latest").exists()
