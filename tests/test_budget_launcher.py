"""The extraction worker's launcher is written once, safely, by many threads at once."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from diplodata.extract import budget


def test_threads_starting_workers_at_once_share_one_launcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for _ in range(20):  # a fresh launcher each round: the race is on its first writing
        for leftover in tmp_path.iterdir():
            leftover.unlink()
        with ThreadPoolExecutor(8) as pool:
            paths = set(pool.map(lambda _: budget._python_without_ctrl_c(), range(8)))
        (path,) = paths
        assert os.access(path, os.X_OK)
        assert sorted(p.name for p in tmp_path.iterdir()) == [Path(path).name]
