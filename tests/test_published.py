"""A release's articles compared with a run's input in DuckDB (``tables.published``) give
what comparing Python rows one by one gave: the same new or changed articles, the same
articles dropped from the base, the same answer to "nothing new"."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from diplodata.extract import EXTRACTOR_VERSION
from diplodata.ingest.records import ArticleInfo, info_of
from diplodata.publish.release import publish
from diplodata.schemas import arrow_schema
from diplodata.tables.actor_notes import ActorNotesStore
from diplodata.tables.build import ActorNotes, article_row, build_tables
from diplodata.tables.parts import parquet_files
from diplodata.tables.published import PublishedArticles, article_table
from diplodata.tables.rows import ArticleRow
from tests.test_increment import _meta, facts


def _rows(release: Path) -> dict[str, ArticleRow]:
    """The release's article rows as Python objects (what a run held before)."""
    files = [str(p) for p in parquet_files(release, "articles")]
    found = duckdb.connect().execute("SELECT * FROM read_parquet($1)", [files]).fetchall()
    return {r[0]: ArticleRow(*r) for r in found}


def _by_rows(rows: dict[str, ArticleRow], infos: list[ArticleInfo]) -> tuple[set[str], list[str]]:
    """New or changed ids and dropped ids, one Python comparison per article."""
    kept = {
        a.article_id for a in infos if rows.get(a.article_id) == article_row(a, EXTRACTOR_VERSION)
    }
    return {a.article_id for a in infos} - kept, sorted(set(rows) - kept)


def test_the_comparison_in_duckdb_finds_what_the_python_one_found(tmp_path: Path) -> None:
    results = facts()
    release = publish(build_tables(results[:4], EXTRACTOR_VERSION), tmp_path, _meta(1)).path
    published = PublishedArticles(release)
    infos = [info_of(f.article) for f in results]
    rows = _rows(release)
    assert published.count() == 4
    assert published.extractor_versions() == {EXTRACTOR_VERSION}
    same = infos[:4]
    changed = [
        dataclasses.replace(infos[0], publisher="Another News"),  # metadata changed
        dataclasses.replace(infos[1], title="Another title", url=None),  # its title changed
        *infos[2:3],  # infos[3] is gone
        infos[4],  # new
    ]
    for run in (same, changed, [], infos):
        fresh, dropped = published.compare(article_table(run, EXTRACTOR_VERSION))
        assert (fresh, dropped) == _by_rows(rows, run)
    assert published.compare(article_table(changed, EXTRACTOR_VERSION)) == (
        {infos[0].article_id, infos[1].article_id, infos[4].article_id},
        sorted([infos[0].article_id, infos[1].article_id, infos[3].article_id]),
    )
    assert published.holds_exactly(article_table(same, EXTRACTOR_VERSION))
    assert not published.holds_exactly(article_table(changed, EXTRACTOR_VERSION))
    assert not published.holds_exactly(article_table(infos, EXTRACTOR_VERSION))
    assert not published.holds_exactly(article_table(same, "another version"))
    # a title is not part of what makes an article the same: its text is
    assert published.holds_exactly(
        article_table(changed[1:2] + same[:1] + same[2:], EXTRACTOR_VERSION)
    )
    assert published.sha256s_not_in(a.sha256 for a in same[1:]) == {same[0].sha256}
    assert published.rows_of([same[2].sha256, "0" * 64]) == {
        same[2].sha256: rows[same[2].article_id]
    }


def test_an_older_release_without_a_column_reads_as_none(tmp_path: Path) -> None:
    """A release written before a column existed: its rows have None there."""
    info = info_of(facts()[0].article)
    row = article_row(dataclasses.replace(info, license="CC-BY-4.0"), EXTRACTOR_VERSION)
    schema = arrow_schema("articles")
    older = pa.schema([f for f in schema if f.name != "license"])
    data = tmp_path / "release" / "data"
    data.mkdir(parents=True)
    values = {k: [v] for k, v in dataclasses.asdict(row).items() if k != "license"}
    pq.write_table(pa.table(values, schema=older), data / "articles.parquet")
    published = PublishedArticles(tmp_path / "release")
    assert published.rows_of([info.sha256]) == {info.sha256: dataclasses.replace(row, license=None)}
    assert published.holds_exactly(article_table([info], EXTRACTOR_VERSION))


def test_the_notes_cover_a_release_read_from_its_parquet(tmp_path: Path) -> None:
    results = facts()[:3]
    release = publish(build_tables(results, EXTRACTOR_VERSION), tmp_path, _meta(1)).path
    files = PublishedArticles(release).files
    store = ActorNotesStore(tmp_path)
    assert not store.covers_release(files)  # no store yet
    notes = [ActorNotes(f.article.article_id) for f in results]
    store.put(notes[:2], EXTRACTOR_VERSION)
    assert not store.covers_release(files)
    store.put(notes[2:], "another version")
    assert not store.covers_release(files)
    store.put(notes[2:], EXTRACTOR_VERSION)
    assert store.covers_release(files)
    assert store.covers_release([])
