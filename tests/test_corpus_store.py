"""The published corpus is a table of the state store (``corpus``, written in the
transaction that marks the run's articles published): a run finds the articles whose input
is gone among the rows that changed, without reading the latest release's articles, and
the table is always the run's articles a full rewrite would give; an older store's
``.state/corpus.json`` is read into it once."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.publish.release import output_lock, promote
from diplodata.run import pipeline as p
from diplodata.run.run_articles import RunArticles
from diplodata.run.state import ArticleStore, read_corpus
from diplodata.run.state_db import connect, db_path
from diplodata.tables.published import PublishedArticles
from tests import stages
from tests.conftest import FIXTURES, make_article

_TEXT = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")


def _config(tmp_path: Path, prune: bool = False) -> RunConfig:
    folder = tmp_path / "articles"
    if not folder.exists():
        shutil.copytree(FIXTURES / "articles", folder)
    return RunConfig(articles=folder, out=tmp_path / "out", prune=prune)


def _run_articles(out: Path) -> set[str]:
    with RunArticles(out) as run:
        return set(run.column("sha256").to_pylist())


def _release_articles(out: Path) -> set[str]:
    release = (out / "latest").resolve()
    with sqlite3.connect(":memory:"):
        return set(PublishedArticles(release).sha256s_not_in([]))


def _no_release_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: PublishedArticles, sha256s: object) -> set[str]:
        raise AssertionError("the latest release's articles were read")

    monkeypatch.setattr(PublishedArticles, "sha256s_not_in", refused)


def test_gone_articles_are_found_among_the_changed_rows_and_the_table_stays_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path)
    stages.publish(config)
    assert not (config.out / ".state" / "corpus.json").exists()
    assert read_corpus(config.out) == _run_articles(config.out) == _release_articles(config.out)
    folder = config.articles
    removed = sorted(folder.glob("*.txt"))[0]
    removed_sha = make_article(removed.read_text(encoding="utf-8"), removed.name).sha256
    removed.unlink()
    stages.write_settled(folder / "later.txt", _TEXT + "\nThe talks lasted two hours.\n")
    with monkeypatch.context() as m:  # the corpus is the latest release's: it is not read
        _no_release_read(m)
        ingested = p.ingest(config)
        with RunArticles(config.out) as run:
            assert run.gone() == {removed_sha}
        inputs = p.carry(ingested, config.out)
    assert inputs.lost == [] and [a.source for a in p.plan(inputs, config.out).kept] == [
        removed.name
    ]
    release = stages.publish(config)  # the removed article is kept
    assert removed_sha in read_corpus(config.out)
    assert read_corpus(config.out) == _run_articles(config.out) == _release_articles(config.out)

    # a run killed after publishing, before the corpus was recorded: the next run reads the
    # latest release's articles (the table is of the release before), and all is right again
    stages.write_settled(folder / "later.txt", _TEXT + "\nThe talks lasted three hours.\n")
    with output_lock(config.out):
        planned = stages.plan(config)
        rows = p.release_tables(planned, config.out, False, config.articles)
        promote(p.stage_release(planned, rows, config))
    assert read_corpus(config.out) != _release_articles(config.out)
    read: list[int] = []
    real = PublishedArticles.sha256s_not_in

    def counted(self: PublishedArticles, sha256s: object) -> set[str]:
        read.append(1)
        return real(self, sha256s)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(PublishedArticles, "sha256s_not_in", counted)
        stages.write_settled(folder / "later2.txt", _TEXT + "\nThe talks lasted four hours.\n")
        stages.publish(config)
    assert read  # the table was not the latest release's: that release's articles were read
    assert read_corpus(config.out) == _run_articles(config.out) == _release_articles(config.out)

    # --prune: the kept article leaves the corpus; nothing read but the changed rows
    with monkeypatch.context() as m:
        _no_release_read(m)
        stages.write_settled(folder / "later3.txt", _TEXT + "\nThe talks lasted five hours.\n")
        stages.publish(_config(tmp_path, prune=True))
    corpus = read_corpus(config.out)
    assert removed_sha not in corpus and corpus == _run_articles(config.out)
    assert corpus == _release_articles(config.out) and release.version


def test_an_older_store_s_corpus_json_is_read_into_the_store_once(tmp_path: Path) -> None:
    kept, old = make_article(_TEXT, "kept.txt"), make_article(_TEXT + "\nOld.", "old.txt")
    with ArticleStore(tmp_path) as store:
        store.put(kept)
    with sqlite3.connect(db_path(tmp_path)) as con:  # as version 4 left it
        for name in ("corpus", "corpus_of", "corpus_check", "release_digests"):
            con.execute(f"DROP TABLE {name}")
        for name in ("run_articles_removed", "run_articles_left"):
            con.execute(f"DROP TRIGGER {name}")
        con.execute("PRAGMA user_version = 4")
    corpus_json = tmp_path / ".state" / "corpus.json"
    corpus_json.write_text(json.dumps({"articles": sorted([kept.sha256, old.sha256])}))
    connect(tmp_path).close()
    assert not corpus_json.exists()
    assert read_corpus(tmp_path) == {kept.sha256, old.sha256}
    inputs = p.carry(p.inputs_of(tmp_path, []), tmp_path)  # every article of it is checked
    assert inputs.lost == [old.sha256]
    assert [a.source for a in p.plan(inputs, tmp_path).kept] == ["kept.txt"]
