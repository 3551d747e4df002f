"""The state store (``.state/state.sqlite``): crashes, concurrent writers, a damaged file,
and the import of the per-file layout an older diplodata wrote."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from diplodata.ingest.records import info_of
from diplodata.models import Article, ArticleFacts
from diplodata.run.pipeline import carry, inputs_of, plan
from diplodata.run.state import ArticleStore, FactsCache, FailedExtractions, write_corpus
from diplodata.run.state_check import DAMAGED, check_state
from diplodata.run.state_db import db_path
from tests.conftest import ROOT, SAMPLES
from tests.state_writer import VERSION, facts_for, write


def _writer(out: Path, tag: str, batches: int, size: int, *more: str) -> subprocess.Popen[str]:
    args = [str(out), tag, str(batches), str(size), *more]
    return subprocess.Popen(
        [sys.executable, "-m", "tests.state_writer", *args],
        cwd=ROOT,
        env={**os.environ, "DIPLODATA_PAUSE_FILE": str(out / "paused")},
        stdout=subprocess.PIPE,
        text=True,
    )


def _wait_for_line(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for got in process.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the writer ended before printing {line!r}")


def _cached(out: Path, expected: list[ArticleFacts]) -> dict[str, ArticleFacts]:
    with FactsCache(out, VERSION) as cache:
        return cache.get_many([f.article for f in expected])


def test_state_a_writer_killed_before_its_commit_leaves_the_batches_committed_before(
    tmp_path: Path,
) -> None:
    writer = _writer(tmp_path, "a", 3, 20, "1")  # pauses inside the second batch's transaction
    deadline = time.monotonic() + 60
    while not (tmp_path / "paused").exists():
        assert writer.poll() is None and time.monotonic() < deadline, "never paused"
        time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert check_state(tmp_path).problems == []
    first, second = (
        [facts_for("a", i) for i in range(20)],
        [facts_for("a", i) for i in range(20, 40)],
    )
    assert list(_cached(tmp_path, first).values()) == first  # committed: used as written
    assert _cached(tmp_path, second) == {}  # not committed: extracted again
    write(tmp_path, "a", 2, 20)  # the next run writes into the same store
    assert len(_cached(tmp_path, first + second)) == 40


def test_state_a_writer_killed_at_any_moment_leaves_whole_batches_and_no_damaged_entry(
    tmp_path: Path,
) -> None:
    writer = _writer(tmp_path, "k", 10_000, 50)
    _wait_for_line(writer, "committed 3")
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert check_state(tmp_path).problems == []
    with sqlite3.connect(db_path(tmp_path)) as con:
        [(n,)] = con.execute("SELECT count(*) FROM facts").fetchall()
    assert n >= 150 and n % 50 == 0  # a transaction is all or nothing
    expected = [facts_for("k", i) for i in range(n + 50)]
    assert list(_cached(tmp_path, expected).values()) == expected[:n]


def test_state_concurrent_writers_threads_and_processes_all_land(tmp_path: Path) -> None:
    """Two processes and three threads write batches into one store at the same time, while
    a thread reads: nothing is lost, no writer fails on the lock, every entry is intact."""
    batches, size = 50, 40
    write(tmp_path, "warm", 1, 1)  # the store exists before the writers start
    processes = [_writer(tmp_path, f"p{n}", batches, size) for n in range(2)]
    for process in processes:
        _wait_for_line(process, "committed 1")  # both are writing when the threads start
    errors: list[BaseException] = []
    stop = threading.Event()

    def run(work: object, *args: object) -> None:
        try:
            work(*args)  # type: ignore[operator]
        except BaseException as exc:  # reported below
            errors.append(exc)

    def read() -> None:
        while not stop.is_set():
            _cached(tmp_path, [facts_for("p0", i) for i in range(100)])

    tags = ("t0", "t1", "t2")
    threads = [threading.Thread(target=run, args=(write, tmp_path, t, batches, size)) for t in tags]
    reader = threading.Thread(target=run, args=(read,))
    for thread in [*threads, reader]:
        thread.start()
    still_writing = [p.poll() is None for p in processes]
    for thread in threads:
        thread.join(300)
    stop.set()
    reader.join(60)
    for process in processes:
        assert process.wait(300) == 0
    assert errors == []
    assert any(still_writing)  # the processes and the threads overlapped
    expected = [facts_for(t, i) for t in ("p0", "p1", *tags) for i in range(batches * size)]
    assert list(_cached(tmp_path, expected).values()) == expected


def test_state_a_store_that_is_not_a_database_is_reported_and_rebuilt(tmp_path: Path) -> None:
    write(tmp_path, "d", 1, 5)
    db_path(tmp_path).write_bytes(b"this is not what SQLite wrote" * 100)
    check = check_state(tmp_path)
    assert len(check.problems) == 1 and "\n" not in check.problems[0]
    assert str(db_path(tmp_path)) in check.problems[0] and "damaged" in check.problems[0]
    assert (db_path(tmp_path).parent / DAMAGED).exists()  # kept aside, not deleted
    assert _cached(tmp_path, [facts_for("d", i) for i in range(5)]) == {}
    write(tmp_path, "d", 1, 5)  # the new store works
    assert len(_cached(tmp_path, [facts_for("d", i) for i in range(5)])) == 5
    assert check_state(tmp_path).problems == []


def test_state_a_store_with_damaged_pages_keeps_only_intact_entries(tmp_path: Path) -> None:
    expected = [facts_for("m", i) for i in range(400)]
    write(tmp_path, "m", 4, 100)
    path = db_path(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2 * page
    data[middle : middle + 2 * page] = os.urandom(2 * page)
    path.write_bytes(bytes(data))
    check = check_state(tmp_path)
    assert len(check.problems) == 1, check.problems
    found = _cached(tmp_path, expected)
    assert all(found[f.article.sha256] == f for f in expected if f.article.sha256 in found)
    assert check_state(tmp_path).problems == []


def _write_old_layout(
    out: Path, facts: list[ArticleFacts], failed: list[tuple[Article, str]], version: str
) -> None:
    """The per-file state of diplodata before the state store (its exact file formats)."""
    state = out / ".state"
    for entry in facts:
        data = {
            name: [dataclasses.asdict(f) for f in getattr(entry, name)]
            for name in ("persons", "meetings", "trade_figures", "memberships")
        }
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        path = state / "facts" / version / f"{entry.article.sha256}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"sha256": digest, "facts": data}, ensure_ascii=False))
    for article, reason in failed:
        path = state / "failed" / version / f"{article.sha256}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reason)
    for article in [f.article for f in facts] + [a for a, _ in failed]:
        record = dataclasses.asdict(article)
        record["published_date"] = (
            article.published_date.isoformat() if article.published_date else None
        )
        path = state / "articles" / f"{article.sha256}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False))


def test_state_the_per_file_layout_is_imported_once_and_nothing_published_is_lost(
    tmp_path: Path,
) -> None:
    facts = [facts_for("old", i) for i in range(3)]
    broken = facts_for("old", 99).article
    _write_old_layout(tmp_path, facts, [(broken, "ran out of time")], VERSION)
    damaged = tmp_path / ".state" / "facts" / VERSION / f"{facts[2].article.sha256}.json"
    damaged.write_text(damaged.read_text().replace('"BLR"', '"BLX"', 1))
    write_corpus(tmp_path, {f.article.sha256 for f in facts})  # all three were published
    check = check_state(tmp_path)
    assert check.problems == []
    assert check.imported == {"facts": 2, "failed": 1, "articles": 4}
    assert not any(
        (tmp_path / ".state" / name).exists() for name in ("facts", "failed", "articles")
    )
    assert list(_cached(tmp_path, facts).values()) == facts[:2]  # the damaged one: extracted again
    with FailedExtractions(tmp_path, VERSION) as failed:
        assert failed.get(broken) == "ran out of time"
    # the input of the first article is gone: its text comes from the imported store
    inputs = carry(
        inputs_of(tmp_path, [info_of(facts[1].article), info_of(facts[2].article)]), tmp_path
    )
    assert plan(inputs, tmp_path).kept == [info_of(facts[0].article)]
    assert check_state(tmp_path).imported == {}  # once


@pytest.mark.slow
def test_state_runs_over_a_damaged_store_and_over_the_old_layout(
    prefect_server: None, tmp_path: Path
) -> None:
    from diplodata.config import RunConfig
    from flows.pipeline import diplodata_run
    from tests.conftest import FIXTURES

    articles, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(SAMPLES, articles)
    first = diplodata_run(RunConfig(articles=articles, out=out))
    assert first.status == "published" and first.warnings == []
    # an output folder as the previous diplodata left it: the state as a file per article
    with FactsCache(out, "x") as cache:
        version_rows = cache.con.execute("SELECT DISTINCT version FROM facts").fetchall()
    [(version,)] = version_rows
    with ArticleStore(out) as store:
        stored = [store.get(sha) for (sha,) in store.con.execute("SELECT sha256 FROM articles")]
    with FactsCache(out, version) as cache:
        old = list(cache.get_many([a for a in stored if a is not None]).values())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path(out)}{suffix}").unlink(missing_ok=True)
    _write_old_layout(out, old, [], version)
    shutil.copy(FIXTURES / "articles" / "extra_visit.txt", articles)
    second = diplodata_run(RunConfig(articles=articles, out=out))
    assert (second.status, second.n_extracted, second.n_cached) == ("published", 1, 2)
    assert second.warnings == []
    # a store that is not a database any more: one warning; the published articles keep
    # their rows (the release holds them), the new one is extracted
    db_path(out).write_bytes(b"garbage" * 1000)
    shutil.copy(FIXTURES / "articles" / "call_and_trade.txt", articles)
    third = diplodata_run(RunConfig(articles=articles, out=out))
    assert (third.status, third.n_extracted, third.n_cached) == ("published", 1, 3)
    assert len(third.warnings) == 1 and "state store is damaged" in third.warnings[0]


def test_state_a_slow_batch_commits_what_it_has_every_few_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplodata.run import pipeline

    first, second = facts_for("s", 0), facts_for("s", 1)
    saver = pipeline._Saver(tmp_path)
    saver.facts.append(first)
    saver.save(final=False)  # just started: kept for the batch's one transaction
    with FactsCache(tmp_path, pipeline.EXTRACTOR_VERSION) as cache:
        assert cache.get(first.article) is None
    monkeypatch.setattr(pipeline, "COMMIT_SECONDS", 0.0)
    saver.facts.append(second)
    saver.save(final=False)  # the batch has run for longer than COMMIT_SECONDS
    with FactsCache(tmp_path, pipeline.EXTRACTOR_VERSION) as cache:
        assert set(cache.get_many([first.article, second.article])) == {
            first.article.sha256,
            second.article.sha256,
        }


def test_state_a_damaged_store_warning_is_printed_in_the_run_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from diplodata.cli import print_summary
    from diplodata.run.summary import RunSummary

    line = "/out/.state/state.sqlite: the run's state store is damaged (file is not a database)"
    print_summary(RunSummary(status="published", version="v", warnings=[line]))
    assert f"warning {line}" in capsys.readouterr().out
