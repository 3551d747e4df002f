from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from diplodata.publish.package import PackageMeta
from diplodata.publish.release import PublishError, latest_release, next_version, publish
from diplodata.schemas import SCHEMA_VERSION
from diplodata.tables.build import build_tables
from diplodata.tables.rows import Tables
from tests.facts import TEXT, sample_facts


def _meta(version: str = "2026-01-01.1") -> PackageMeta:
    return PackageMeta(
        version=version, created="2026-01-01T00:00:00Z", sources=[{"title": "sample.txt"}]
    )


def _tables(*extra: str) -> Tables:
    facts = [sample_facts()] + [sample_facts(TEXT + e, f"{i}.txt") for i, e in enumerate(extra)]
    return build_tables(facts, "test")


def test_release_publishes_a_valid_package(tmp_path: Path) -> None:
    release = publish(_tables(), tmp_path, _meta())
    assert latest_release(tmp_path) == release.path
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frictionless",
            "validate",
            "--json",
            str(tmp_path / "latest" / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stdout)["valid"] is True, result.stdout[-2000:]
    package = json.loads((tmp_path / "latest" / "datapackage.json").read_text())
    names = [r["name"] for r in package["resources"]]
    assert "actors" in names and "actors-csv" in names and len(names) == 14
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["schema_version"] == SCHEMA_VERSION
    listed = {f["path"] for f in package["files"]}
    data = {p.relative_to(release.path).as_posix() for p in (release.path / "data").rglob("*.*")}
    assert "diplodata.duckdb" in listed and data and data <= listed
    assert {p.rsplit(".", 1)[1] for p in data} == {"parquet", "csv"}


def test_release_parquet_csv_and_duckdb_agree(tmp_path: Path) -> None:
    release = publish(_tables(), tmp_path, _meta())
    con = duckdb.connect()
    data = release.path / "data"
    for table in ("actors", "meetings", "trade_figures", "memberships"):
        from_parquet = con.execute(
            f"SELECT * FROM read_parquet('{data}/{table}/*.parquet') ORDER BY 1"
        ).fetchall()
        from_csv = con.execute(
            f"SELECT * FROM read_csv('{data}/{table}-csv/*.csv', header=true) ORDER BY 1"
        ).fetchall()
        assert [tuple(map(str, r)) for r in from_parquet] == [tuple(map(str, r)) for r in from_csv]
        assert from_parquet
    db = duckdb.connect(str(release.path / "diplodata.duckdb"), read_only=True)
    db.execute("SET file_search_path = $1", [str(release.path)])  # its views' relative paths
    assert db.execute("SELECT value, year FROM trade_figures").fetchall() == [(40.1e9, 2021)]
    db.close()


def test_release_duckdb_file_opens_in_the_duckdb_shell(tmp_path: Path) -> None:
    release = publish(_tables(), tmp_path, _meta())
    shell = Path(sys.executable).parent / "duckdb"
    if not shell.exists():
        pytest.skip("duckdb-cli is not installed in this environment")
    out = subprocess.run(
        [
            str(shell),
            "-readonly",
            "-csv",
            "diplodata.duckdb",
            "-c",
            "SELECT member, organization FROM memberships ORDER BY member",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=release.path,  # the views read the release's parts by relative paths
    )
    assert out.stdout.split() == ["member,organization", "BLR,CSTO", "RUS,CSTO"]


def test_release_invalid_rows_are_not_published(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta("2026-01-01.1"))
    tables = _tables()
    bad = dataclasses.replace(tables.trade_figures[0], reporter="Belarus")
    tables.trade_figures[0] = bad
    with pytest.raises(PublishError) as caught:
        publish(tables, tmp_path, _meta("2026-01-01.2"))
    problems = [str(p) for p in caught.value.problems]
    assert any("trade_figures" in p and "reporter" in p for p in problems), problems
    assert latest_release(tmp_path).name == "2026-01-01.1"  # type: ignore[union-attr]
    assert (tmp_path / "failed" / "2026-01-01.2" / "quality" / "validation.json").exists()


def test_release_versions_catalog_and_changelog(tmp_path: Path) -> None:
    first = publish(_tables(), tmp_path, _meta(next_version(tmp_path)))
    second = publish(_tables(" More."), tmp_path, _meta(next_version(tmp_path)))
    assert first.version.endswith(".1") and second.version.endswith(".2")
    assert second.changes["articles"] == (1, 0)
    assert second.changes["memberships"] == (2, 0)
    catalog = json.loads((tmp_path / "catalog.json").read_text())
    assert [r["version"] for r in catalog["releases"]] == [first.version, second.version]
    assert catalog["latest"] == second.version
    assert "| articles | 1 | 0 |" in (second.path / "CHANGELOG.md").read_text()
    assert (first.path / "datapackage.json").exists()  # old releases stay


def test_release_invalid_descriptor_is_refused_not_raised(tmp_path: Path) -> None:
    bad = PackageMeta(version="2026-01-01.1", created="yesterday-ish")
    with pytest.raises(PublishError) as caught:
        publish(_tables(), tmp_path, bad)
    assert any("created" in str(p) for p in caught.value.problems)
    assert latest_release(tmp_path) is None


def test_release_files_are_read_only_once_published(tmp_path: Path) -> None:
    import stat

    release = publish(_tables(), tmp_path, _meta())
    for path in release.path.rglob("*"):
        if path.is_file():
            assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), path


def _articles_part(folder: Path, name: str, rows: list[tuple[str, str | None, str]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / "data" / "articles" / f"{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = {
        c: pa.array([r[i] for r in rows], pa.string())
        for i, c in enumerate(("source", "title", "sha256"))
    }
    pq.write_table(pa.table(columns), path)


def test_release_changelog_articles_added_changed_and_removed(tmp_path: Path) -> None:
    from diplodata.publish.release import ArticleChanges, diff_articles

    old, new = tmp_path / "old", tmp_path / "new"
    _articles_part(old, "part-000001", [("s1", "t1", "h1"), ("s2", "t2", "h2"), ("s3", "t3", "h3")])
    _articles_part(old, "part-000002", [("s5", "t5", "h5")])
    rows = [("s2", "t2", "h2x"), ("s3", "t3x", "h3"), ("s4", None, "h4"), ("é", "e", "h6")]
    _articles_part(new, "part-000003", [*rows, ("Z", None, "h7")])
    shared = new / "data" / "articles" / "part-000002.parquet"
    shared.hardlink_to(old / "data" / "articles" / "part-000002.parquet")
    assert diff_articles(old, new) == ArticleChanges(
        added=[("Z", None), ("s4", None), ("é", "e")],  # by source, as Python sorts them
        changed=[("s2", "t2"), ("s3", "t3x")],  # new text, or new title
        removed=[("s1", "t1")],
    )
    assert diff_articles(None, old) == ArticleChanges(
        added=[("s1", "t1"), ("s2", "t2"), ("s3", "t3"), ("s5", "t5")]
    )
