"""The real Prefect flow, end to end, on the bundled sample articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplodata.config import RunConfig
from diplodata.query import run_query
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flows.pipeline import diplodata_run

    out = tmp_path_factory.mktemp("out")
    summary = diplodata_run(RunConfig(articles=SAMPLES, out=out))
    assert summary.status == "published", summary.message
    return out


def test_flow_publishes_every_table(published: Path) -> None:
    package = json.loads((published / "latest" / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} >= {"articles", "actors-csv", "memberships"}
    result = run_query("SELECT source FROM articles ORDER BY source", published)
    assert result.rows == [("000_95c9dbeda741f184.txt",), ("004_33cfb764012bfcb3.txt",)]


def test_flow_second_run_with_nothing_new_publishes_nothing(published: Path) -> None:
    from flows.pipeline import diplodata_run

    summary = diplodata_run(RunConfig(articles=SAMPLES, out=published))
    assert summary.status == "unchanged" and summary.n_extracted == 0
    assert len(list((published / "releases").iterdir())) == 1


def test_flow_new_article_publishes_a_release_with_exactly_its_rows(
    prefect_server: None, tmp_path: Path
) -> None:
    import shutil

    from flows.pipeline import diplodata_run
    from tests.conftest import FIXTURES

    articles = tmp_path / "articles"
    shutil.copytree(SAMPLES, articles)
    out = tmp_path / "out"
    first = diplodata_run(RunConfig(articles=articles, out=out))
    shutil.copy(FIXTURES / "articles" / "extra_visit.txt", articles)
    second = diplodata_run(RunConfig(articles=articles, out=out))
    assert (first.status, second.status) == ("published", "published")
    assert (second.n_extracted, second.n_cached) == (1, 2)
    assert second.changes["articles"] == (1, 0)
    new = run_query("SELECT article_id FROM articles WHERE source = 'extra_visit.txt'", out).rows[
        0
    ][0]
    for table in ("trade_figures", "memberships", "meetings"):
        (added, removed) = second.changes[table]
        assert removed == 0
        in_new = run_query(f"SELECT count(*) FROM {table} WHERE article_id = '{new}'", out)
        assert added == in_new.rows[0][0], table
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert f"Compared with release {first.version}" in changelog
    assert "| articles | 1 | 0 |" in changelog
