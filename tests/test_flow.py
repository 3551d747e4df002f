"""The real Prefect flow, end to end, on the bundled sample articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplodata.access.query import run_query
from diplodata.config import RunConfig
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
    inputs = json.loads((out / "latest" / "quality" / "inputs.json").read_text())
    assert (inputs["articles"], inputs["extracted"], inputs["cached"]) == (3, 1, 2)
    changelog = (out / "latest" / "CHANGELOG.md").read_text()
    assert f"Compared with release {first.version}" in changelog
    assert "| articles | 1 | 0 |" in changelog


def _rows(sql: str, out: Path) -> list[tuple[object, ...]]:
    return run_query(sql, out).rows


def test_flow_sample_people_with_roles_countries_and_posts(published: Path) -> None:
    rows = _rows(
        "SELECT a.name, m.role, m.country, m.posted_to FROM actor_mentions m "
        "JOIN actors a USING (actor_id) WHERE a.kind = 'person' "
        "AND a.name <> 'Alexander Lukashenko' ORDER BY a.name",
        published,
    )
    assert rows == [
        ("Anatoly Glaz", "ambassador", "BLR", "TUR"),
        ("Boris Gryzlov", "ambassador", "RUS", "BLR"),
        ("Vladimir Makei", "foreign minister", "BLR", None),
    ]
    assert _rows("SELECT count(*) FROM actors WHERE name = 'Alexander Lukashenko'", published) == [
        (1,)
    ]


def test_flow_sample_meetings(published: Path) -> None:
    rows = _rows(
        "SELECT m.date, m.date_precision, m.location_country, m.kind, "
        "string_agg(a.name, ' & ' ORDER BY a.name) FROM meetings m "
        "JOIN meeting_participants USING (meeting_id) JOIN actors a USING (actor_id) "
        "GROUP BY ALL ORDER BY m.date",
        published,
    )
    assert rows == [
        ("2022", "year", "BLR", "negotiations", "Russia & Ukraine"),
        ("2022-09-02", "day", "BLR", "meeting", "Boris Gryzlov & Vladimir Makei"),
    ]


def test_flow_sample_trade_figures(published: Path) -> None:
    rows = _rows(
        "SELECT flow, reporter, partner, value, unit, year, qualifier, statistics_source "
        "FROM trade_figures WHERE flow <> 'share' ORDER BY value",
        published,
    )
    assert rows == [
        ("turnover", "BLR", "TUR", 1e9, "USD", None, "more_than", "BLR"),
        ("turnover", "TUR", "BLR", 2e9, "USD", None, "approx", "TUR"),
        ("exports", "BLR", "RUS", 16.4e9, "USD", 2021, "exact", None),
        ("imports", "BLR", "RUS", 23.7e9, "USD", 2021, "exact", None),
        ("turnover", "RUS", "BLR", 40.1e9, "USD", 2021, "exact", None),
    ]


def test_flow_sample_memberships(published: Path) -> None:
    rows = _rows(
        "SELECT organization, string_agg(member, ',' ORDER BY member) FROM memberships "
        "GROUP BY ALL ORDER BY 1",
        published,
    )
    assert rows == [
        ("CIS", "BLR,RUS"),
        ("CSTO", "BLR,RUS"),
        ("EAEU", "BLR,RUS"),
        ("UN", "BLR,RUS"),
        ("UNION_STATE", "BLR,RUS"),
    ]


def test_flow_every_quote_is_the_text_at_its_offsets(published: Path) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES.iterdir()}
    for table in ("actor_mentions", "meetings", "trade_figures", "memberships"):
        for source, start, end, quote in _rows(
            f"SELECT source, char_start, char_end, quote FROM {table} "
            "JOIN articles USING (article_id)",
            published,
        ):
            assert texts[str(source)][int(start) : int(end)] == quote  # type: ignore[call-overload]


def test_flow_with_gold_puts_eval_scores_in_the_release(
    prefect_server: None, tmp_path: Path
) -> None:
    from flows.pipeline import diplodata_run
    from tests.conftest import FIXTURES

    out = tmp_path / "out"
    config = RunConfig(articles=FIXTURES / "articles", out=out, gold=FIXTURES / "gold")
    assert diplodata_run(config).status == "published"
    scores = json.loads((out / "latest" / "quality" / "eval.json").read_text())
    assert set(scores["tables"]) == {"persons", "meetings", "trade_figures", "memberships"}
    package = json.loads((out / "latest" / "datapackage.json").read_text())
    assert "quality/eval.json" in {f["path"] for f in package["files"]}


def test_flow_refuses_a_second_publisher_on_the_same_output(tmp_path: Path) -> None:
    import subprocess
    import sys

    from diplodata.publish.release import output_lock

    (tmp_path / ".staging-2026-01-01.1-999").mkdir(parents=True)
    other = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from diplodata.publish.release import output_lock\n"
        "with output_lock(Path(sys.argv[1])): pass",
        str(tmp_path),
    ]
    with output_lock(tmp_path):
        assert not (tmp_path / ".staging-2026-01-01.1-999").exists()  # crash leftovers cleaned
        with output_lock(tmp_path):  # re-entrant in the process that holds it
            pass
        refused = subprocess.run(other, capture_output=True, text=True, check=False)
        assert "another diplodata run" in refused.stderr
    assert subprocess.run(other, check=False).returncode == 0  # released


def _published_tables(out: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of the latest release, from its Parquet files, rows sorted."""
    import duckdb

    release = out / "latest"
    package = json.loads((release / "datapackage.json").read_text())
    tables = {}
    with duckdb.connect() as con:
        for resource in package["resources"]:
            paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
            if resource.get("format") != "parquet":
                continue
            files = [  # a table's parts: files, or a folder of part files
                str(f)
                for path in paths
                for f in (
                    [release / path]
                    if path.endswith(".parquet")
                    else sorted((release / path).glob("*.parquet"))
                )
            ]
            tables[resource["name"]] = con.execute(
                "SELECT * FROM read_parquet($1) ORDER BY ALL", [files]
            ).fetchall()
    return tables


@pytest.fixture(scope="module")
def fixture_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's article fixtures in one folder (persons met in several articles)."""
    import shutil

    from tests.conftest import FIXTURES

    folder = tmp_path_factory.mktemp("fixture-articles")
    for source in (SAMPLES, FIXTURES / "articles", FIXTURES / "actors"):
        for path in source.glob("*.txt"):
            shutil.copy(path, folder / path.name)
    return folder


def test_flow_on_a_dask_cluster_of_two_workers_gives_the_same_tables(
    prefect_server: None, fixture_articles: Path, tmp_path: Path
) -> None:
    """Extraction and the tables' rows run on both workers of a LocalCluster (worker
    processes, as on several machines); the published tables are those of a run on
    Prefect's thread pool, row for row."""
    from distributed import Client, LocalCluster, get_task_stream

    from flows.pipeline import run

    threads = run(RunConfig(articles=fixture_articles, out=tmp_path / "threads"))
    try:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    except Exception as exc:  # a machine where Dask cannot start worker processes
        pytest.skip(f"Dask cannot start a local cluster here: {type(exc).__name__}: {exc}")
    with cluster, Client(cluster) as client:
        config = RunConfig(
            articles=fixture_articles,
            out=tmp_path / "dask",
            dask=cluster.scheduler_address,
            batch_size=1,
        )
        with get_task_stream(client) as stream:
            on_dask = run(config)
    assert (threads.status, on_dask.status) == ("published", "published")
    assert on_dask.n_extracted == threads.n_extracted > 2
    ran: dict[str, set[str]] = {}  # worker: the functions of the tasks it ran
    for entry in stream.data:
        ran.setdefault(entry["worker"], set()).add(str(entry["key"]).rsplit("-", 1)[0])
    assert len(ran) == 2, ran
    assert all({"extract_task", "rows_task"} <= tasks for tasks in ran.values()), ran
    expected = _published_tables(tmp_path / "threads")
    assert expected["actors"] and expected["meetings"] and expected["trade_figures"]
    assert _published_tables(tmp_path / "dask") == expected


def test_flow_on_a_temporary_local_dask_cluster_gives_the_same_tables(
    prefect_server: None, published: Path, tmp_path: Path
) -> None:
    from flows.pipeline import run

    summary = run(RunConfig(articles=SAMPLES, out=tmp_path / "out", dask="local", batch_size=1))
    assert summary.status == "published" and summary.n_extracted == 2
    assert _published_tables(tmp_path / "out") == _published_tables(published)
