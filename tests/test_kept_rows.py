"""The run's articles kept from one run to the next (``run_articles``, ``run_kept``): a run
writes only the rows of the files added, removed or changed, and the table it leaves is the
one a run from scratch makes; a run killed in its ingest leaves the table of the run before;
rows made by other reading code or options, and a version 3 store, are made again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.ingest.input_index import InputIndex
from diplodata.run import pipeline as p
from diplodata.run.run_articles import ASIDE, CACHED, INPUT, PUBLISHED, TODO, RunArticles
from diplodata.run.state_db import SCHEMA_VERSION, connect, db_path
from tests import stages
from tests.conftest import FIXTURES

HOUR = 3600 * 10**9
COLUMNS = (
    "pos, source, article_id, sha256, n_chars, title, published_date, url, publisher, "
    "language, license, origin, stamp, size, big, nth, reject, part IS NULL"
)


def _age(path: Path) -> None:
    past = time.time_ns() - HOUR
    os.utime(path, ns=(past, past))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    _age(path)


def _corpus(tmp_path: Path) -> Path:
    """The fixture articles three times (each copy with a last line of its own), a second
    copy of one of them (the same text: the first file in the walk's order is taken), a
    file too large to read and an empty one."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for src in sorted((FIXTURES / "articles").glob("*.txt")):
        text = src.read_text(encoding="utf-8").rstrip("\n")
        for mark in "ABC":
            _write(folder / f"{mark.lower()}-{src.name}", f"{text}\n\nNote {mark}.\n")
    _write(folder / "zz-copy.txt", (folder / "b-extra_visit.txt").read_text(encoding="utf-8"))
    _write(folder / "big.txt", "x" * 13_000)
    _write(folder / "empty.txt", "")
    return folder


def _new(path: Path, mark: str) -> None:
    """A new article: a fixture's text with a last line of its own."""
    text = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8").rstrip("\n")
    _write(path, f"{text}\n\nNote {mark}.\n")


def _plan(config: RunConfig) -> p.Plan:
    """Ingest and plan on the latest release (nothing extracted)."""
    inputs = p.carry(p.ingest(config), config.out, config.prune)
    return p.plan(inputs, config.out, base=p.find_base(config.out))


def _rows(out: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path(out)) as con:
        return con.execute(f"SELECT {COLUMNS} FROM run_articles ORDER BY pos").fetchall()


def _from_scratch(config: RunConfig, tmp_path: Path) -> tuple[list[tuple[object, ...]], object]:
    """The files' rows and rejects an ingest makes from nothing (on a copy of the output)."""
    out = tmp_path / "scratch"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(config.out, out)
    with RunArticles(out) as run:
        run.start()
    inputs = p.ingest(RunConfig(articles=config.articles, out=out, max_chars=config.max_chars))
    return _rows(out), inputs.skipped


def _config(tmp_path: Path, folder: Path) -> RunConfig:
    return RunConfig(articles=folder, out=tmp_path / "out", max_chars=3000)


def test_the_rows_of_unchanged_files_are_kept_and_the_table_is_the_one_made_from_scratch(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    stages.publish(config)
    with sqlite3.connect(db_path(config.out)) as con:
        assert con.execute("SELECT files FROM run_kept").fetchone()[0] == len(os.listdir(folder))
        # a mark in an unchanged file's row: the next run does not write that row
        where = "WHERE source = 'a-extra_visit.txt'"
        title = con.execute(f"SELECT title FROM run_articles {where}").fetchone()[0]
        con.execute(f"UPDATE run_articles SET title = 'kept' {where}")
    edited, removed = folder / "b-call_and_trade.txt", folder / "c-extra_visit.txt"
    first = folder / "b-extra_visit.txt"
    _write(edited, edited.read_text(encoding="utf-8") + "An edit.\n")
    removed.unlink()
    _new(folder / "aa-new.txt", "D")
    _write(folder / "aa-copy.txt", first.read_text(encoding="utf-8"))  # now the first copy
    inputs = p.ingest(config)
    assert inputs.read == 3  # the new, the edited and the other new file: nothing else
    rows = _rows(config.out)
    assert [r[1] for r in rows] == sorted(os.listdir(folder))  # every walked file, in order
    assert {r[1]: r[5] for r in rows}["a-extra_visit.txt"] == "kept"
    taken = {r[1] for r in rows if not r[-1]}
    assert "aa-copy.txt" in taken and first.name not in taken and "zz-copy.txt" not in taken
    assert {"big.txt", "empty.txt"}.isdisjoint(taken)
    with sqlite3.connect(db_path(config.out)) as con:
        con.execute(f"UPDATE run_articles SET title = ? {where}", [title])
    again, skipped = _from_scratch(config, tmp_path)
    assert _rows(config.out) == again and inputs.skipped == skipped
    assert {"big.txt", "empty.txt", first.name, "zz-copy.txt"} <= {s.source for s in skipped}


def test_a_removed_file_gives_its_text_to_the_next_copy_and_leaves_the_index(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    first = stages.publish(config)
    copied = folder / "b-extra_visit.txt"
    copied.unlink()
    p.ingest(config)
    rows = {r[1]: r for r in _rows(config.out)}
    assert copied.name not in rows and not rows["zz-copy.txt"][-1]  # the copy is taken now
    with InputIndex(config.out) as index:
        assert copied.name not in index.entries()
    assert _rows(config.out) == _from_scratch(config, tmp_path)[0]
    planned = stages.plan(config)
    assert planned.count(PUBLISHED) == planned.count() - 1  # only its source changed
    assert first.version != ""


def test_every_part_is_planned_again_whatever_the_run_before_left(tmp_path: Path) -> None:
    """The parts a run leaves (published, cached, todo, aside, remade) are not trusted: the
    next plan puts every article where a plan of a fresh table puts it."""
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    stages.publish(config)
    _new(folder / "aa-new.txt", "D")
    with sqlite3.connect(db_path(config.out)) as con:
        ids = [r[0] for r in con.execute("SELECT pos FROM run_articles WHERE part IS NOT NULL")]
        for pos, part in zip(ids, (ASIDE, CACHED, TODO, INPUT, PUBLISHED), strict=False):
            con.execute("UPDATE run_articles SET part = ?, remade = 1 WHERE pos = ?", [part, pos])
    scratch = RunConfig(articles=folder, out=tmp_path / "scratch", max_chars=3000)
    shutil.copytree(config.out, scratch.out)
    with RunArticles(scratch.out) as run:
        run.start()
    planned, fresh = _plan(config), _plan(scratch)
    parts = {part: planned.infos(part) for part in (PUBLISHED, CACHED, TODO)}
    assert parts == {part: fresh.infos(part) for part in (PUBLISHED, CACHED, TODO)}
    assert planned.skipped == fresh.skipped and planned.dropped == fresh.dropped
    assert [a.source for a in parts[TODO]] == ["aa-new.txt"]
    with sqlite3.connect(db_path(config.out)) as con:
        assert con.execute("SELECT count(*) FROM run_articles WHERE remade").fetchone()[0] == 0


@pytest.mark.parametrize("where", ["reading", "choosing"])
def test_a_run_killed_in_its_ingest_leaves_the_table_of_the_run_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    stages.publish(config)
    before = _rows(config.out)
    (folder / "a-call_and_trade.txt").unlink()
    edited = folder / "a-extra_visit.txt"
    _write(edited, edited.read_text(encoding="utf-8") + "An edit.\n")
    for i in range(3):
        _new(folder / f"new-{i}.txt", f"New {i}")
    monkeypatch.setattr("diplodata.ingest.articles.READ_BATCH", 1)
    target = "record" if where == "reading" else "_choose"
    real = getattr(InputIndex, target)
    calls: list[int] = []

    def stop(self: InputIndex, *args: object, **kwargs: object) -> object:
        if calls:
            raise KeyboardInterrupt  # killed: the transaction under way is rolled back
        calls.append(1)
        return real(self, *args, **kwargs)

    if where == "choosing":  # killed in the transaction that changes the rows
        calls.append(1)
    monkeypatch.setattr(InputIndex, target, stop)
    with pytest.raises(KeyboardInterrupt):
        p.ingest(config)
    assert _rows(config.out) == before  # untouched: the rows and their mark
    monkeypatch.setattr(InputIndex, target, real)
    inputs = p.ingest(config)
    assert _rows(config.out) == _from_scratch(config, tmp_path)[0]
    assert inputs.read == (3 if where == "reading" else 0)  # the rest was recorded
    release = stages.publish(config)
    assert {a.source for a in stages.articles(config.out)} >= {"new-0.txt", "new-2.txt"}
    assert release.path.exists()


def test_rows_made_by_other_options_or_code_are_made_again(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    p.ingest(config)
    assert p.ingest(config).read == 0
    longer = RunConfig(articles=folder, out=config.out, max_chars=10_000)
    inputs = p.ingest(longer)  # made again (from the index: nothing read), big.txt is read
    reasons = {s.source: s.reason for s in inputs.skipped}
    assert inputs.read == 1 and "not read" not in reasons["big.txt"]
    assert _rows(config.out) == _from_scratch(longer, tmp_path)[0]
    with sqlite3.connect(db_path(config.out)) as con:
        con.execute("UPDATE run_kept SET made = 'other code'")
        con.execute("UPDATE run_articles SET title = 'stale'")
    p.ingest(longer)
    assert "stale" not in {r[5] for r in _rows(config.out)}


V3 = (
    "CREATE TABLE facts (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "digest TEXT NOT NULL, facts TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE failed (sha256 TEXT NOT NULL, version TEXT NOT NULL, "
    "reason TEXT NOT NULL, PRIMARY KEY (sha256, version))",
    "CREATE TABLE articles (sha256 TEXT NOT NULL PRIMARY KEY, record TEXT NOT NULL)",
    "CREATE TABLE inputs (source TEXT NOT NULL PRIMARY KEY, version TEXT NOT NULL, "
    "stamp TEXT NOT NULL, sha256 TEXT, info TEXT, reject TEXT)",
    "CREATE TABLE run_articles (pos INTEGER PRIMARY KEY, "
    "article_id TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL, "
    "n_chars INTEGER NOT NULL, title TEXT, published_date TEXT, url TEXT, publisher TEXT, "
    "language TEXT, license TEXT, origin TEXT NOT NULL, part TEXT, "
    "remade INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX run_articles_id ON run_articles (article_id)",
    "CREATE INDEX run_articles_source ON run_articles (source)",
    "PRAGMA user_version = 3",
)


def test_a_version_3_store_keeps_its_cache_and_makes_the_run_s_rows_again(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    config = _config(tmp_path, folder)
    path = db_path(config.out)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as con:
        for statement in V3:
            con.execute(statement)
        con.execute("INSERT INTO facts VALUES ('abc', 'v', 'd', '{}')")
        con.execute(
            "INSERT INTO run_articles (article_id, source, sha256, n_chars, origin, part) "
            "VALUES ('old', 'old.txt', 'abc', 1, 'input', 'todo')"
        )
    con = connect(config.out)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == 1  # kept
        assert con.execute("SELECT count(*) FROM run_articles").fetchone()[0] == 0  # one run's
        assert con.execute("SELECT count(*) FROM run_kept").fetchone()[0] == 0
        connect(config.out).close()  # a second connection does not make the tables again
    finally:
        con.close()
    inputs = p.ingest(config)
    assert inputs.read == len(os.listdir(folder)) - 1  # all but big.txt, not read
    assert _rows(config.out) == _from_scratch(config, tmp_path)[0]
    assert p.ingest(config).read == 0


@pytest.mark.parametrize("prune", [False, True])
def test_the_plan_compares_only_the_rows_not_published_and_gets_the_whole_comparison(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prune: bool
) -> None:
    """After a run that published, its articles are the release's rows exactly: the next
    plan hands only the others to DuckDB (new, edited, newly taken, kept or pruned) and
    finds the articles and dropped ids that comparing every row finds."""
    folder = _corpus(tmp_path)
    config = RunConfig(articles=folder, out=tmp_path / "out", max_chars=3000, prune=prune)
    stages.publish(config)
    edited = folder / "b-call_and_trade.txt"
    _write(edited, edited.read_text(encoding="utf-8") + "An edit.\n")
    (folder / "c-extra_visit.txt").unlink()  # published before: kept, or pruned
    (folder / "b-extra_visit.txt").unlink()  # its copy zz-copy.txt is taken now
    _new(folder / "aa-new.txt", "D")
    whole = RunConfig(articles=folder, out=tmp_path / "whole", max_chars=3000, prune=prune)
    shutil.copytree(config.out, whole.out)
    with sqlite3.connect(db_path(whole.out)) as con:
        con.execute("DELETE FROM run_base")  # no mark: every row compared
    planned = _plan(whole)
    monkeypatch.setattr(p.Base, "split", None)  # the whole comparison is not made
    trusted = _plan(config)
    for part in (PUBLISHED, CACHED, TODO, INPUT, ASIDE):
        assert trusted.infos(part) == planned.infos(part), part
    assert trusted.dropped == planned.dropped and len(planned.dropped) == 2 + prune
    assert trusted.skipped == planned.skipped
    assert [a.source for a in trusted.pruned] == (["c-extra_visit.txt"] if prune else [])
    assert {a.source for a in trusted.infos(TODO, CACHED)} >= {"aa-new.txt", edited.name}
