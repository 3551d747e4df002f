"""The state store's check at the start of a run: skipped when the store is as the last run
that ended cleanly left it (its stat recorded in ``state.sqlite.closed``), done in full
(and a damaged store rebuilt) when the record is missing or the stat is not the recorded
one: a run killed, a write from outside."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from diplodata.run import state_check
from diplodata.run.state_check import DAMAGED, check_state
from diplodata.run.state_db import CLOSED, as_left, db_path, keep_closed, record_closed
from tests.conftest import ROOT, SAMPLES
from tests.state_writer import write

PAGE = 4096


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The outputs whose store was checked in full (``PRAGMA quick_check``), in order."""
    done: list[Path] = []
    damage: Callable[[Path], str | None] = state_check._damage

    def counted(out: Path) -> str | None:
        done.append(out)
        return damage(out)

    monkeypatch.setattr(state_check, "_damage", counted)
    return done


def _flip_a_page(path: Path) -> None:
    """Overwrite a page in the middle of the file with other bytes, keeping its size."""
    time.sleep(0.05)  # a later modification time than the store's last write
    data = bytearray(path.read_bytes())
    middle = len(data) // PAGE // 2 * PAGE
    data[middle : middle + 2 * PAGE] = os.urandom(2 * PAGE)
    size = path.stat().st_size
    path.write_bytes(bytes(data))
    assert path.stat().st_size == size


def test_state_closed_a_store_left_by_a_clean_run_is_not_checked_again(
    tmp_path: Path, checks: list[Path]
) -> None:
    write(tmp_path, "c", 2, 20)
    assert check_state(tmp_path).problems == [] and checks == [tmp_path]  # no record: checked
    record_closed(tmp_path)
    assert (db_path(tmp_path).parent / CLOSED).exists()
    assert check_state(tmp_path).problems == [] and checks == [tmp_path]  # as left: not checked
    assert not (db_path(tmp_path).parent / CLOSED).exists()  # a run that is not closed leaves none
    assert check_state(tmp_path).problems == [] and checks == [tmp_path] * 2
    # a copy with its times (cp -a) is the store its source was
    record_closed(tmp_path)
    copy = tmp_path.parent / f"{tmp_path.name}-copy"
    subprocess.run(["cp", "-a", str(tmp_path), str(copy)], check=True)
    assert check_state(copy).problems == [] and checks == [tmp_path] * 2
    shutil.rmtree(copy)


def test_state_closed_a_store_changed_outside_a_run_is_checked_and_rebuilt(
    tmp_path: Path, checks: list[Path]
) -> None:
    write(tmp_path, "x", 4, 100)
    record_closed(tmp_path)
    _flip_a_page(db_path(tmp_path))  # the same size, a new modification time
    check = check_state(tmp_path)
    assert checks == [tmp_path]
    assert len(check.problems) == 1 and "damaged" in check.problems[0]
    assert (db_path(tmp_path).parent / DAMAGED).exists()
    assert check_state(tmp_path).problems == []


def test_state_closed_a_store_written_by_a_killed_run_is_checked_and_rebuilt(
    tmp_path: Path, checks: list[Path]
) -> None:
    write(tmp_path, "k", 4, 100)
    record_closed(tmp_path)  # the run before ended cleanly
    assert check_state(tmp_path).problems == [] and checks == []  # this run: not checked
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.state_writer", str(tmp_path), "w", "10000", "50"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "committed 1"
    writer.send_signal(signal.SIGKILL)  # killed: it records nothing
    writer.wait(10)
    assert check_state(tmp_path).problems == [] and checks == [tmp_path]  # intact: checked
    # killed again, and the store damaged meanwhile: found and rebuilt
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path(tmp_path)}{suffix}").unlink(missing_ok=True)
    _flip_a_page(db_path(tmp_path))
    check = check_state(tmp_path)
    assert checks == [tmp_path] * 2
    assert len(check.problems) == 1 and "damaged" in check.problems[0]


def test_state_closed_a_write_outside_a_run_is_recorded_only_when_no_run_holds_the_folder(
    tmp_path: Path, checks: list[Path]
) -> None:
    from diplodata.publish.release import output_lock

    write(tmp_path, "o", 1, 10)
    record_closed(tmp_path)
    record = as_left(tmp_path)
    assert record is not None
    write(tmp_path, "o", 1, 10)  # what a check for nothing new writes (release digests)
    assert as_left(tmp_path) is None
    with output_lock(tmp_path):  # a run holds the folder: its end records the store
        keep_closed(tmp_path, record)
    assert as_left(tmp_path) is None
    keep_closed(tmp_path, "another record")  # a run started and ended meanwhile
    assert as_left(tmp_path) is None
    keep_closed(tmp_path, record)
    assert as_left(tmp_path) is not None
    assert check_state(tmp_path).problems == [] and checks == []


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


@pytest.mark.slow
def test_state_closed_a_run_records_its_store_and_the_next_run_does_not_check_it(
    prefect_server: None, tmp_path: Path, checks: list[Path]
) -> None:
    from diplodata.config import RunConfig
    from diplodata.run.noop import nothing_new
    from flows.pipeline import diplodata_run
    from tests.conftest import FIXTURES, age

    articles, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(SAMPLES, articles)
    first = diplodata_run(RunConfig(articles=articles, out=out))
    assert first.status == "published" and checks == []  # no store yet
    gc.collect()  # no connection of the run is left to change the store when closed
    shutil.copy(FIXTURES / "articles" / "extra_visit.txt", articles)
    age(articles)  # settled: the run records their stat for the check for nothing new
    second = diplodata_run(RunConfig(articles=articles, out=out))
    assert (second.status, second.n_extracted) == ("published", 1)
    assert checks == []  # as the first run left it: not checked
    # a check for nothing new that reads the release's files again (older than their
    # digests) records their digests in the store, and the store as it leaves it
    age(out / "latest")
    before = _stat(db_path(out))
    assert nothing_new(RunConfig(articles=articles, out=out)) is not None
    assert _stat(db_path(out)) != before and as_left(out) is not None
    shutil.copy(FIXTURES / "articles" / "call_and_trade.txt", articles)
    third = diplodata_run(RunConfig(articles=articles, out=out))
    assert (third.status, third.n_extracted, checks) == ("published", 1, [])
    # the store written by another program since: checked (and intact)
    con = state_check.connect(out)
    con.execute("INSERT INTO run_base VALUES ('x')")
    con.execute("DELETE FROM run_base WHERE base = 'x'")
    con.close()
    text = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")
    (articles / "extra_visit_again.txt").write_text(f"{text.rstrip()}\n\nNote D.\n")
    fourth = diplodata_run(RunConfig(articles=articles, out=out))
    assert (fourth.status, fourth.warnings) == ("published", [])
    assert checks == [out]
