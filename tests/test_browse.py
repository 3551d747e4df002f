"""`diplodata browse`: a real Datasette on 127.0.0.1 over a SQLite copy of the release, and
the release's page beside it; Ctrl-C stops both."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from diplodata.access.browse import sqlite_copy
from diplodata.publish.release import Release, publish
from diplodata.schemas import TABLES
from diplodata.tables.parts import row_count
from flows.server import wait_until
from tests.test_release import _meta, _tables


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    return publish(_tables(" Also in Minsk."), tmp_path_factory.mktemp("out"), _meta())


def _rows(release: Release, table: str) -> int:
    return row_count(release.path, table)


def test_browse_sqlite_copy_has_every_row_and_the_keys(release: Release, tmp_path: Path) -> None:
    con = sqlite3.connect(sqlite_copy(release.path, tmp_path / "copy.db"))
    for table in TABLES:
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == _rows(release, table)
    fks = con.execute("PRAGMA foreign_key_list(meetings)").fetchall()
    assert ("articles", "article_id") in {(fk[2], fk[3]) for fk in fks}
    n = con.execute("SELECT n_participants FROM meetings").fetchone()[0]
    assert isinstance(n, int)  # typed columns: numbers sort as numbers in Datasette


@pytest.mark.slow
def test_browse_serves_page_and_tables_until_ctrl_c(release: Release, tmp_path: Path) -> None:
    log = tmp_path / "browse.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "diplodata", "browse", "--release", str(release.path), "--no-open"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200"},
        start_new_session=True,
    )
    try:
        found: Any = wait_until(
            lambda: re.search(r"page: +(\S+)\n +tables: +(\S+)", log.read_text()), 60, "browse"
        )
        page, tables = found.group(1), found.group(2)
        assert page.startswith("http://127.0.0.1:") and tables.startswith("http://127.0.0.1:")
        html = httpx.get(page, timeout=10)
        assert html.status_code == 200 and 'class="count" data-table="actors"' in html.text
        for table in TABLES:
            rows = httpx.get(f"{tables}/{table}.json?_shape=array&_size=max", timeout=10).json()
            assert len(rows) == _rows(release, table), table
        package = httpx.get(page.replace("index.html", "datapackage.json"), timeout=10).json()
        assert package["version"] == release.version
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(30)
    assert process.returncode == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    with pytest.raises(httpx.ConnectError):  # Datasette went down with browse
        httpx.get(tables + ".json", timeout=2)


def test_browse_without_release_says_what_to_do(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from diplodata.cli import app

    result = CliRunner().invoke(app, ["browse", "--out", str(tmp_path), "--no-open"])
    assert result.exit_code == 2 and "no published release" in result.output
