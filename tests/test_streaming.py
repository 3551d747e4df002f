"""A run streams: files are read, texts and facts read back and rows made a batch at a time,
and parts written from spooled batches. Nothing is lost on the way: the release is the one
a build of every table at once gives, and a run stopped half-way resumes where it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.ingest import articles as ingest
from diplodata.ingest import input_index
from diplodata.publish.package import PackageMeta
from diplodata.publish.release import publish
from diplodata.run import pipeline as p
from diplodata.run import row_batches, workers
from diplodata.schemas import TABLES
from diplodata.tables import increment
from diplodata.tables.build import build_tables
from diplodata.tables.parts import parquet_path, part_names
from diplodata.tables.spool import PREFIX
from tests import stages
from tests.conftest import FIXTURES, SAMPLES

NO_PERSON = (
    "Minsk, 3 March 2022\n\nTrade between Belarus and Russia reached $40.1 billion in 2021, "
    "the statistics committee said on Thursday. Exports of potash and oil products grew "
    "the most, while imports of machinery fell for the third year running, it said.\n"
)


def _articles(folder: Path) -> Path:
    shutil.copytree(SAMPLES, folder)
    shutil.copytree(FIXTURES / "articles", folder, dirs_exist_ok=True)
    (folder / "no_person.txt").write_text(NO_PERSON, encoding="utf-8")  # no person to resolve
    return folder


def _rows(release: Path) -> dict[str, list[tuple[object, ...]]]:
    return {t: run_query(f"SELECT * FROM {t} ORDER BY ALL", release).rows for t in TABLES}


def row_count_of(release: Path, part: str) -> int:
    return pq.read_metadata(release / parquet_path("articles", part)).num_rows


def test_a_run_in_small_batches_publishes_the_tables_built_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles(tmp_path / "articles")
    monkeypatch.setattr(ingest, "READ_BATCH", 2)  # files read per transaction
    monkeypatch.setattr(p, "ROWS_BATCH", 2)  # articles whose persons are read at once
    monkeypatch.setattr(row_batches, "ROWS_BATCH", 2)  # articles made into rows at once
    monkeypatch.setattr(increment, "MAX_ARTICLES", 3)  # articles in a part of a full run
    streamed = stages.publish(RunConfig(articles=articles, out=tmp_path / "out"))
    every = [extract_article(a) for a in ingest.read_folder(articles).articles]
    assert len(every) == 6 and any(not f.persons for f in every)
    meta = PackageMeta(version="2026-01-01.1", created="2026-01-01T00:00:00Z")
    at_once = publish(build_tables(every, EXTRACTOR_VERSION), tmp_path / "at-once", meta)
    assert _rows(streamed.path) == _rows(at_once.path)
    parts = part_names(streamed.path, "articles")
    assert [row_count_of(streamed.path, n) for n in parts] == [2, 2, 2]  # whole batches, <= 3
    assert not list((tmp_path / "out").glob(f"{PREFIX}*"))  # the spool is gone


def test_a_run_stopped_while_reading_resumes_with_the_files_it_had_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles(tmp_path / "articles")
    config = RunConfig(articles=articles, out=tmp_path / "out")
    monkeypatch.setattr(ingest, "READ_BATCH", 2)
    real = input_index.InputIndex.record
    batches: list[int] = []

    def record_then_stop(self: input_index.InputIndex, outcomes: list[input_index.Outcome]):  # type: ignore[no-untyped-def]
        if batches:
            raise KeyboardInterrupt  # stopped after the first batch was committed
        batches.append(len(outcomes))
        real(self, outcomes)

    monkeypatch.setattr(input_index.InputIndex, "record", record_then_stop)
    with pytest.raises(KeyboardInterrupt):
        p.ingest(config)
    monkeypatch.setattr(input_index.InputIndex, "record", real)
    inputs = p.ingest(config)
    assert batches == [2] and inputs.read == 4  # the two committed files are not read again
    assert len(stages.articles(config.out)) == 6


def test_rows_made_elsewhere_and_spooled_here_give_the_release_of_this_machines_workers(
    tmp_path: Path,
) -> None:
    """The Dask path's library part: batches made where a Dask task would make them (here),
    at least one per worker, spooled by the run's process as their rows come back."""
    articles = _articles(tmp_path / "articles")
    local = stages.publish(RunConfig(articles=articles, out=tmp_path / "local"))
    made: list[int] = []

    def elsewhere(jobs: Iterable[row_batches.RowsJob]) -> Iterator[row_batches.RowsDone]:
        for job in jobs:
            rows = row_batches.batch_rows(job)
            assert not (job.spool / f"{job.index:06d}").exists()  # not spooled where made
            made.append(len(job.articles))
            yield rows.spooled()

    making = row_batches.RowMaking(elsewhere, workers=3)
    remote = stages.publish(RunConfig(articles=articles, out=tmp_path / "remote"), making)
    assert made == [2, 2, 2]  # 6 articles, 3 workers: a batch each
    assert _rows(remote.path) == _rows(local.path)
    assert row_batches.LOCAL.batch(10_000) == row_batches.ROWS_BATCH  # whole batches here


def test_work_submitted_ahead_comes_back_in_order_with_a_bounded_number_pending() -> None:
    pending: list[int] = []

    class Done:
        def __init__(self, n: int) -> None:
            self.n = n

        def result(self) -> int:
            pending.remove(self.n)
            return self.n

    def submit(n: int) -> Done:
        pending.append(n)
        assert len(pending) <= 3
        return Done(n)

    assert list(workers.in_order(submit, range(10), 3)) == list(range(10))
    assert not pending


def _pid_of(n: int) -> tuple[int, int]:
    if n == 13:
        raise ValueError("job 13 fails")
    return n, os.getpid()


def test_work_on_every_core_keeps_the_jobs_order_and_their_errors() -> None:
    results = list(workers.in_processes(_pid_of, range(7), 2))
    assert [n for n, _ in results] == list(range(7))
    assert os.getpid() not in {pid for _, pid in results}  # done in worker processes
    assert list(workers.in_processes(_pid_of, [1], 2)) == [(1, os.getpid())]  # one job: here
    with pytest.raises(ValueError, match="job 13 fails"):
        list(workers.in_processes(_pid_of, range(10, 20), 2))


def test_the_parts_of_a_full_run_are_never_merged_again() -> None:
    """A full run gathers spooled batches of rows into parts until the next batch would pass
    ``MAX_ARTICLES``: every part but its last is then past the top merge tier, so no part is
    read back whole to be merged (which held eight parts' rows in memory at once)."""
    from diplodata.config import ROWS_BATCH

    smallest = increment.MAX_ARTICLES - ROWS_BATCH + 1
    assert increment.tier(smallest) is None
    sizes = [(f"part-{i}", smallest) for i in range(increment.FANOUT * 2)]
    assert increment.next_merge([*sizes, ("last", 10)]) == []
