"""The published corpus accumulates: an article once published stays in later releases
when its input disappears, until the user removes it with --prune (and the CHANGELOG
says what was removed and why)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
from tests.conftest import FIXTURES, SAMPLES, make_article

_TEXT = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.slow


def _sources(out: Path) -> list[str]:
    return [str(r[0]) for r in run_query("SELECT source FROM articles ORDER BY 1", out).rows]


def test_articles_whose_input_is_gone_are_kept_until_pruned(
    prefect_server: None, tmp_path: Path
) -> None:
    from flows.pipeline import diplodata_run

    articles, out = tmp_path / "a", tmp_path / "out"
    shutil.copytree(SAMPLES, articles)
    shutil.copytree(FIXTURES / "articles", articles / "wire")
    first = diplodata_run(RunConfig(articles=articles, out=out))
    everything = _sources(out)
    assert first.status == "published" and len(everything) == 5
    facts_before = run_query("SELECT count(*) FROM actor_mentions", out).rows

    # half the folder disappears (a copy interrupted, entries dropped off a feed)
    shutil.rmtree(articles / "wire")
    gone = run_query("SELECT count(*) FROM articles WHERE source LIKE 'wire/%'", out).rows
    assert gone == [(3,)]
    same = diplodata_run(RunConfig(articles=articles, out=out))
    assert same.status == "unchanged", same.message  # nothing lost, so nothing to publish
    assert _sources(out) == everything

    # a new article: the release has it and still every article published before
    text = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")
    (articles / "later.txt").write_text(text + "\nThe talks lasted two hours.\n")
    grown = diplodata_run(RunConfig(articles=articles, out=out))
    assert grown.status == "published" and grown.changes["articles"] == (1, 0)
    assert _sources(out) == sorted([*everything, "later.txt"])
    assert run_query("SELECT count(*) FROM actor_mentions", out).rows[0][0] > facts_before[0][0]
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert "3 articles published before are no longer in the input and were kept" in changelog
    inputs = json.loads((out / "latest" / "quality" / "inputs.json").read_text())
    assert sorted(inputs["kept"]) == [s for s in everything if s.startswith("wire/")]

    # an edited input replaces its old version, it is not kept beside it
    (articles / "later.txt").write_text(text + "\nThe talks lasted three hours.\n")
    edited = diplodata_run(RunConfig(articles=articles, out=out))
    assert edited.status == "published" and edited.changes["articles"] == (1, 1)
    assert _sources(out).count("later.txt") == 1

    # --prune removes them, and the CHANGELOG lists them with the reason
    pruned = diplodata_run(RunConfig(articles=articles, out=out, prune=True))
    assert pruned.status == "published" and pruned.changes["articles"] == (0, 3)
    assert _sources(out) == sorted([s for s in everything if "/" not in s] + ["later.txt"])
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert "Removed 3 articles no longer in the input (--prune)" in changelog
    for source in (s for s in everything if s.startswith("wire/")):
        assert source in changelog
    again = diplodata_run(RunConfig(articles=articles, out=out))
    assert again.status == "unchanged"  # pruned articles do not come back


def test_a_published_article_whose_text_was_never_kept_is_named_not_dropped_silently(
    tmp_path: Path,
) -> None:
    from diplodata.run.pipeline import carry, inputs_of, plan, release_notes
    from diplodata.run.state import ArticleStore, write_corpus

    kept, old = make_article(_TEXT, "kept.txt"), make_article(_TEXT + "\nOld.", "old.txt")
    with ArticleStore(tmp_path) as store:
        store.put(kept)  # its text is stored, as every run's ingest does
    write_corpus(tmp_path, {kept.sha256, old.sha256})  # old: published by an older version
    inputs = carry(inputs_of(tmp_path, []), tmp_path)
    planned = plan(inputs, tmp_path)
    assert [a.source for a in planned.kept] == ["kept.txt"] and inputs.lost == [old.sha256]
    notes = " ".join(release_notes(planned, tmp_path))
    assert "1 articles published before" in notes and "could not be kept" in notes
    assert old.article_id in notes
