"""DuckDB in bounded memory: one thread, a memory limit, and a query past the limit spilled
to a folder of its own that is gone once the connection closes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from diplodata.tables import bounded_duckdb


def test_bounded_duckdb_spills_past_its_limit_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    con = bounded_duckdb.connect()
    try:
        threads, limit = con.execute(
            "SELECT current_setting('threads'), current_setting('memory_limit')"
        ).fetchall()[0]
        assert int(threads) == 1 and limit.replace(" ", "").startswith("61.0MiB")
        # about 3 million groups: well past 64 MB in memory, so it must spill
        (groups,) = con.execute(
            "SELECT count(*) FROM (SELECT i % 3000000 AS k, count(*) FROM range(6000000) t(i) "
            "GROUP BY k)"
        ).fetchall()[0]
        assert groups == 3_000_000
        spilled = [p for p in tmp_path.iterdir() if p.name.startswith("diplodata-duckdb-")]
        assert len(spilled) == 1 and spilled[0].is_dir()
    finally:
        con.close()
    assert os.listdir(tmp_path) == []  # its spill folder removed, nothing in the cwd
