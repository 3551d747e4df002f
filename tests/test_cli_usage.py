"""The command line as a user meets it: versions, help texts, query's limits and errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.cli import app
from diplodata.publish.release import publish
from diplodata.version import EXTRACTOR_VERSION
from tests.test_release import _meta, _tables

runner = CliRunner()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    publish(_tables(), folder, _meta())
    return folder


def test_cli_version_prints_package_and_extractor_versions() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    expected = rf"diplodata \d+\.\d+\.\d+\S* \(extractor {re.escape(EXTRACTOR_VERSION)}\)\n"
    assert re.fullmatch(expected, result.output)


@pytest.mark.parametrize("command", [[], ["run"], ["eval"], ["query"], ["serve"], ["download"]])
def test_cli_help_shows_flags_as_flags(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "--no-" not in result.output
    assert "four tables" not in result.output


def test_cli_query_empty_sql_is_a_clear_error(out: Path) -> None:
    result = runner.invoke(app, ["query", "  ", "--out", str(out)])
    assert result.exit_code == 2
    assert "empty SQL" in result.output and "meetings" in result.output
    assert "Traceback" not in result.output


def test_cli_query_limit_prints_at_most_n_rows_and_says_so(out: Path) -> None:
    sql = "SELECT actor_id FROM actors"
    result = runner.invoke(app, ["query", sql, "--out", str(out), "-f", "csv", "--limit", "2"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "actor_id" and len(lines) == 3
    assert "only the first 2 rows" in result.output
    everything = runner.invoke(app, ["query", "SELECT count(*) FROM actors", "--out", str(out)])
    assert "only the first" not in everything.output


def test_cli_query_shows_full_ids_on_a_narrow_terminal(out: Path) -> None:
    result = runner.invoke(
        app, ["query", "SELECT * FROM meetings", "--out", str(out)], env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0
    from diplodata.access.query import run_query

    ids = [row[0] for row in run_query("SELECT meeting_id, quote FROM meetings", out).rows]
    assert ids and all(i in result.output for i in ids)


@pytest.mark.parametrize("cron", ["61 * * * *", "* * *", "H * * * *"])
def test_cli_serve_refuses_a_bad_cron_before_starting_anything(cron: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--cron", cron, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "--cron" in lines[0] and "e.g." in lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["--help"], ["--version"], ["query", "SELECT 1"]])
def test_cli_quick_commands_do_not_import_prefect(command: list[str], out: Path) -> None:
    """Start-up time is a benchmark (docs/benchmarks.md); this keeps Prefect out of it."""
    from diplodata.bench.startup import imports_prefect

    argv = [*command, "--out", str(out)] if command[0] == "query" else command
    assert imports_prefect(argv) is False
    assert imports_prefect(["run", "--articles", str(out / "nope")]) is False  # fails first
