"""What `diplodata run` prints: a progress bar on a terminal only; otherwise the summary
alone, with no Prefect hints and no line twice (the flow's logs stay in the Prefect UI)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from diplodata.cli import SLOW_RUNS
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def _command(out: Path) -> list[str]:
    return [sys.executable, "-m", "diplodata", "run", "--articles", str(SAMPLES), "--out", str(out)]


def _env() -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("PREFECT_API_URL", None)  # a temporary server, whose start Prefect announces
    return env


def test_run_without_a_terminal_prints_only_the_summary(tmp_path: Path) -> None:
    result = subprocess.run(
        _command(tmp_path / "out"), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    # no Prefect server runs (the tests' own server folder): one line says how to go faster
    assert result.stderr == f"note: no Prefect server is running; {SLOW_RUNS}\n"
    assert "docs.prefect.io" not in result.stdout and "articles/s" not in result.stdout
    lines = [line for line in result.stdout.splitlines() if re.search(r"[a-z]", line)]
    assert len(lines) == len(set(lines)), result.stdout  # nothing printed twice
    assert "diplodata run: published" in result.stdout


def test_run_on_a_terminal_shows_stages_and_articles_per_second(tmp_path: Path) -> None:
    main, child = pty.openpty()
    process = subprocess.Popen(
        _command(tmp_path / "out"), env=_env(), stdin=child, stdout=child, stderr=child
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(300)
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    assert process.returncode == 0, text[-3000:]
    for stage in ("ingest", "extract", "validate", "publish"):
        assert re.search(rf"^{stage} ", text.replace("\r", "\n"), flags=re.M), stage
    assert re.search(r"2/2 articles, [\d,]+/s", text)
    assert "docs.prefect.io" not in text and "diplodata run: published" in text
