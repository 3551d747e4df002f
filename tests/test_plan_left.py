"""The plan finds the base's articles that left the run (dropped) among the rows that
``corpus_check`` names, when table ``corpus`` holds the base's articles: the same plan as
the run's ids against the release's, without reading the run's ids."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.run import pipeline as p
from diplodata.run.run_articles import RunArticles
from diplodata.run.state_db import db_path
from diplodata.tables.published import PublishedArticles
from tests import stages
from tests.conftest import FIXTURES

_TEXT = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")


def _plan(config: RunConfig) -> tuple[list[str], list[tuple[object, ...]]]:
    """The plan's dropped ids and the run's rows' parts, on the latest release."""
    inputs = p.carry(p.ingest(config), config.out, config.prune)
    plan = p.plan(inputs, config.out, base=p.find_base(config.out))
    with sqlite3.connect(db_path(config.out)) as con:
        parts = con.execute("SELECT source, article_id, part FROM run_articles ORDER BY pos")
        return plan.dropped, parts.fetchall()


def _no_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    column = RunArticles.column

    def refused(self: RunArticles, name: str, *args: object, **kwargs: object) -> object:
        assert name != "article_id", "the run's ids were read"
        return column(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RunArticles, "column", refused)


def test_plan_left_the_dropped_articles_are_those_the_run_s_ids_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    subprocess.run(["cp", "-a", str(FIXTURES / "articles"), str(folder)], check=True)
    config = RunConfig(articles=folder, out=tmp_path / "out")
    stages.publish(config)
    # a new file only: nothing removed, no release row looked up
    stages.write_settled(folder / "later.txt", _TEXT + "\nThe talks lasted two hours.\n")
    with monkeypatch.context() as m:
        _no_ids(m)
        m.setattr(PublishedArticles, "rows_of", lambda *a: pytest.fail("rows looked up"))
        dropped, _ = _plan(config)
    assert dropped == []
    stages.publish(config)
    # a file removed (pruned), one changed, one added
    files = sorted(folder.glob("*.txt"))
    files[0].unlink()
    stages.write_settled(files[1], files[1].read_text(encoding="utf-8") + "\nA line added later.\n")
    stages.write_settled(folder / "later2.txt", _TEXT + "\nThe talks lasted three hours.\n")
    pruned = RunConfig(articles=folder, out=config.out, prune=True)
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(config.out), str(copy)], check=True)
    with monkeypatch.context() as m:
        _no_ids(m)
        dropped, parts = _plan(pruned)
    assert len(dropped) == 2  # the removed file's and the changed file's
    with sqlite3.connect(db_path(copy)) as con:  # the corpus of no known release
        con.execute("DELETE FROM corpus_of")
    with monkeypatch.context() as m:
        ids = RunArticles.column
        read: list[str] = []
        m.setattr(
            RunArticles, "column", lambda self, name, *a: read.append(name) or ids(self, name, *a)
        )
        assert _plan(RunConfig(articles=folder, out=copy, prune=True)) == (dropped, parts)
    assert "article_id" in read  # the run's ids against the release's
