"""One large or slow article cannot stall a run: a size limit and a per-article time
budget, each a reject with its reason, and the rest of the batch goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path

from diplodata.extract.budget import extract_within, kept_workers
from diplodata.ingest.articles import read_folder
from diplodata.ingest.records import info_of
from diplodata.models import Article
from diplodata.run.pipeline import extract_batch
from diplodata.run.state import FactsCache
from diplodata.version import EXTRACTOR_VERSION
from tests.conftest import FIXTURES, make_article
from tests.faulty import slow_or_failing, tells_its_process

TEXT = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")


def test_an_article_over_the_size_limit_is_a_reject_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT)
    (tmp_path / "big.txt").write_text(TEXT + " More words." * 1000)
    (tmp_path / "huge.txt").write_text("x" * 100_000)  # not even read: its bytes say enough
    batch = read_folder(tmp_path, max_chars=5_000)
    assert [a.source for a in batch.articles] == ["ok.txt"]
    reasons = {s.source: s.reason for s in batch.skipped}
    assert set(reasons) == {"big.txt", "huge.txt"}
    assert "too long for an article" in reasons["big.txt"] and "5,000" in reasons["big.txt"]
    assert "--max-chars" in reasons["huge.txt"] and "bytes, not read" in reasons["huge.txt"]


def test_an_article_over_the_time_budget_is_set_aside_and_the_batch_goes_on() -> None:
    articles = [
        make_article(TEXT, "first.txt"),
        make_article(TEXT + "\nSTALL", "stalls.txt"),
        make_article(TEXT + "\nBREAK", "breaks.txt"),
        make_article(TEXT + "\nDIE", "kills-its-worker.txt"),
        make_article(TEXT + "\nLast.", "last.txt"),
    ]
    start = time.monotonic()
    outcomes = list(extract_within(articles, 2.0, slow_or_failing))
    assert time.monotonic() - start < 60  # the stalled article was stopped (it sleeps 120 s)
    by_source = {o.article.source: o for o in outcomes}
    assert [o.article.source for o in outcomes] == [a.source for a in articles]
    assert by_source["first.txt"].facts is not None and by_source["last.txt"].facts is not None
    assert by_source["first.txt"].facts.meetings  # real extraction in the worker
    assert "longer than the time budget of 2 s" in (by_source["stalls.txt"].reason or "")
    assert "broken on purpose" in (by_source["breaks.txt"].reason or "")
    assert "process died" in (by_source["kills-its-worker.txt"].reason or "")


def _worker_of(batch: list[Article]) -> int:
    """The process id of the worker that extracted the batch's last article."""
    *_, last = extract_within(batch, 10.0, tells_its_process)
    return int((last.reason or "").rsplit("worker ", 1)[1].rstrip(")"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_batches_within_kept_workers_share_a_worker_that_stops_at_the_end() -> None:
    batch = [make_article(TEXT, "a.txt")]
    alone = _worker_of(batch), _worker_of(batch)
    assert alone[0] != alone[1] and not any(_alive(pid) for pid in alone)
    with kept_workers():
        first, second = _worker_of(batch), _worker_of(batch)
        assert first == second and _alive(first)
    assert not _alive(first)


def test_a_kept_worker_that_died_is_replaced_for_the_next_batch() -> None:
    batch = [make_article(TEXT, "a.txt")]
    with kept_workers():
        first = _worker_of(batch)
        [died] = extract_within([make_article(TEXT + "\nDIE", "die.txt")], 10.0, tells_its_process)
        assert "process died" in (died.reason or "") and not _alive(first)
        second = _worker_of(batch)
        assert second != first and _alive(second)
    assert not _alive(second)


def test_extract_batch_caches_what_it_extracted_and_lists_what_it_set_aside(
    tmp_path: Path,
) -> None:
    good, bad = make_article(TEXT, "good.txt"), make_article("", "empty.txt")
    result = extract_batch([good], tmp_path, 10.0)
    assert [f.article.source for f in result.facts] == ["good.txt"] and not result.skipped
    assert FactsCache(tmp_path, EXTRACTOR_VERSION).get(good) is not None
    assert FactsCache(tmp_path, EXTRACTOR_VERSION).get(bad) is None


def test_an_article_that_failed_is_a_reject_in_later_runs_without_a_new_attempt(
    tmp_path: Path,
) -> None:
    from diplodata.run.pipeline import inputs_of, plan
    from diplodata.run.run_articles import TODO

    good, bad = make_article(TEXT, "good.txt"), make_article(TEXT + "\nBREAK", "bad.txt")
    first = extract_batch([good, bad], tmp_path, 10.0, slow_or_failing)
    assert [s.source for s in first.skipped] == ["bad.txt"]
    later = plan(inputs_of(tmp_path, [info_of(good), info_of(bad)]), tmp_path)
    assert [a.source for a in later.infos()] == ["good.txt"] and not later.count(TODO)
    [again] = later.skipped
    assert "broken on purpose" in again.reason and "in an earlier run" in again.reason
    new_rules = plan(inputs_of(tmp_path, [info_of(bad)]), tmp_path, version="next")
    assert new_rules.infos(TODO) == [info_of(bad)]


def test_limits_the_extraction_worker_leaves_ctrl_c_to_the_run() -> None:
    """A terminal's Ctrl-C reaches the whole process group: a worker still starting ignores
    it (no traceback), a started one stops quietly and the run reports the interruption."""
    import os
    import signal
    import time

    from diplodata.extract import extract_article
    from diplodata.extract.budget import _Worker
    from diplodata.ingest.articles import article_from_text

    worker = _Worker(extract_article)
    try:
        time.sleep(0.05)
        os.kill(worker.process.pid, signal.SIGINT)
        article = article_from_text("T\nMay 3, 2022\n\nPresident Emmanuel Macron spoke.", "x.txt")
        worker.conn.send(article)
        status, _ = worker.conn.recv()
        assert status == "ok" and worker.process.is_alive()
        os.kill(worker.process.pid, signal.SIGINT)
        worker.process.join(10)
        assert worker.process.exitcode == 128 + signal.SIGINT
    finally:
        worker.stop()
