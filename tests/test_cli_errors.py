"""Every CLI error is one line saying what was wrong and what to do, before Prefect starts."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata import cli
from diplodata.publish.release import output_lock
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()


def _cli(*args: str) -> tuple[int, str, float]:
    """Run the real command line; (exit code, stderr, seconds)."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "diplodata", *args],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"COLUMNS": "300"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stderr, time.monotonic() - start


def _one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("out", "expect"),
    [("/proc/diplodata-out", "cannot write"), ("{file}/out", "cannot write")],
)
def test_run_refuses_an_unusable_out_before_prefect_starts(
    tmp_path: Path, out: str, expect: str
) -> None:
    (tmp_path / "file").write_text("not a folder")
    code, stderr, seconds = _cli(
        "run", "--articles", str(SAMPLES), "--out", out.format(file=tmp_path / "file")
    )
    assert code == 2 and expect in _one_line_error(stderr) and "--out" in stderr
    assert seconds < 20  # no Prefect server was started (that takes longer)


def test_run_refuses_a_read_only_out(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders; the check cannot fail as root")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    code, stderr, _ = _cli("run", "--articles", str(SAMPLES), "--out", str(out))
    assert code == 2 and "cannot write" in _one_line_error(stderr)


def test_run_refused_by_the_lock_says_so_at_once(tmp_path: Path) -> None:
    with output_lock(tmp_path):
        # a second process: flock is per open file, so it is refused
        code, stderr, seconds = _cli("run", "--articles", str(SAMPLES), "--out", str(tmp_path))
    assert code == 2 and "another diplodata run" in _one_line_error(stderr)
    assert seconds < 20


def test_serve_refuses_a_bad_cron_at_once(tmp_path: Path) -> None:
    code, stderr, seconds = _cli("serve", "--cron", "not a cron", "--out", str(tmp_path))
    assert code == 2 and "give five fields" in _one_line_error(stderr)
    assert seconds < 20


def test_disk_full_or_any_unexpected_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/out/releases/x.parquet")

    monkeypatch.setattr(cli, "app", full)
    monkeypatch.delenv(cli.DEBUG, raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    line = _one_line_error(capsys.readouterr().err)
    assert "/out/releases/x.parquet: No space left on device; free some disk space" in line
    monkeypatch.setenv(cli.DEBUG, "1")
    with pytest.raises(OSError):  # --debug: the traceback
        cli.main()


def test_query_of_a_missing_release_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["query", "SELECT 1", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no published release here" in result.output


def _failed_run_error(out: Path) -> str:
    """`diplodata run` on the test Prefect server into ``out``, expected to fail: its
    one error line (exit 1, no traceback)."""
    from prefect.settings import PREFECT_API_URL

    result = subprocess.run(
        [sys.executable, "-m", "diplodata", "run", "--articles", str(SAMPLES), "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "COLUMNS": "300"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error:")
    return last


@pytest.mark.slow
def test_an_error_inside_the_flow_is_one_line_without_traceback(
    prefect_server: None, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "releases").write_text("a file where the releases folder belongs")
    assert "releases: File exists" in _failed_run_error(out)


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_the_next_run_cleans_up(
    prefect_server: None, tmp_path: Path
) -> None:
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(tiny)],
        capture_output=True,
        check=False,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mount.stderr.decode().strip()}")
    try:
        out = tiny / "out"
        assert "free some disk space" in _failed_run_error(out)
        assert not (out / "latest").exists()  # nothing half-published
        with output_lock(out):  # the next run removes the partial staging folder
            assert list(out.glob(".staging-*")) == []
    finally:
        subprocess.run(["umount", str(tiny)], check=False)
