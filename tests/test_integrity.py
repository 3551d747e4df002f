"""A published release cannot be damaged, read past or left stale by a query or a crash:
checksums verified before use, a confined read-only query, a reconciled catalog."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplodata.access.query import QueryError, run_query
from diplodata.cli import app
from diplodata.publish.package import sha256_file
from diplodata.publish.release import (
    CATALOG,
    clean_leftovers,
    intact_release,
    output_lock,
    publish,
)
from diplodata.publish.verify import verify_release
from tests.conftest import part_file
from tests.test_release import _meta, _tables

runner = CliRunner()


def _damage(path: Path, how: str) -> None:
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    if how == "truncate":
        data = data[: len(data) // 2]
    else:  # flip one bit in the middle
        data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    publish(_tables(), out, _meta())
    return out


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT * FROM articles LIMIT 0) TO '{release}/data/articles/part-000001.parquet' "
        "(FORMAT parquet)",
        "COPY (SELECT * FROM articles LIMIT 0) TO 'data/articles/part-000001.parquet'",
        "SELECT * FROM read_text('{release}/datapackage.json')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_csv('/etc/hostname')",
        "ATTACH '{release}/../x.duckdb' AS x",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "CREATE TABLE z AS SELECT 1",
        "DROP VIEW articles",
        "EXPORT DATABASE '{release}/../export'",
    ],
)
def test_query_is_read_only_and_confined_to_the_release(published: Path, sql: str) -> None:
    release = (published / "latest").resolve()
    before = {p: sha256_file(p) for p in published.rglob("*") if p.is_file()}
    with pytest.raises(QueryError, match="query failed"):
        run_query(sql.format(release=release), published)
    assert {p: sha256_file(p) for p in published.rglob("*") if p.is_file()} == before
    assert run_query("SELECT count(*) FROM articles", published).rows == [(1,)]


def test_query_with_no_sql_says_so(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    result = runner.invoke(app, ["query", "  ", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "empty SQL" in result.output


@pytest.mark.parametrize("how", ["truncate", "flip"])
@pytest.mark.parametrize("what", ["articles", "actors-csv", "diplodata.duckdb"])
def test_damaged_file_is_found_by_verify_and_refused_by_query(
    tmp_path: Path, what: str, how: str
) -> None:
    release = publish(_tables(), tmp_path, _meta()).path
    assert verify_release(release).ok
    name = part_file(release, what) if what != "diplodata.duckdb" else what
    _damage(release / name, how)
    check = verify_release(release)
    assert len(check.problems) == 1 and name in check.problems[0]
    with pytest.raises(QueryError, match="damaged"):
        run_query("SELECT count(*) FROM articles", tmp_path)
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 1 and name in result.output and "Traceback" not in result.output


def test_verify_passes_an_intact_release_and_every_release_with_all(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    publish(_tables("Extra sentence."), tmp_path, _meta("2026-01-01.2"))
    result = runner.invoke(app, ["verify", str(tmp_path), "--all"])
    assert result.exit_code == 0, result.output
    assert "ok 2026-01-01.1" in result.output and "ok 2026-01-01.2" in result.output


def test_intact_release_skips_a_damaged_latest(tmp_path: Path) -> None:
    first = publish(_tables(), tmp_path, _meta()).path
    second = publish(_tables("More."), tmp_path, _meta("2026-01-01.2")).path
    assert intact_release(tmp_path) == second
    _damage(second / part_file(second, "actors"), "truncate")
    assert intact_release(tmp_path) == first


def test_catalog_left_stale_by_a_crash_is_reconciled_at_the_next_lock(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    stale = (tmp_path / CATALOG).read_text()
    publish(_tables("More."), tmp_path, _meta("2026-01-01.2"))
    (tmp_path / CATALOG).write_text(stale)  # as if killed between `latest` and the catalog
    with output_lock(tmp_path):
        catalog = json.loads((tmp_path / CATALOG).read_text())
    assert catalog["latest"] == "2026-01-01.2"
    assert [r["version"] for r in catalog["releases"]] == ["2026-01-01.1", "2026-01-01.2"]
    entry = catalog["releases"][1]
    assert entry["rows"]["articles"] == 2
    for f in entry["files"]:
        assert "sha256:" + sha256_file(tmp_path / f["path"]) == f["hash"]


def test_catalog_missing_or_damaged_is_rebuilt(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    (tmp_path / CATALOG).write_text("{not json")
    with output_lock(tmp_path):
        pass
    assert json.loads((tmp_path / CATALOG).read_text())["latest"] == "2026-01-01.1"


def test_leftovers_of_a_killed_run_are_removed_under_the_lock(tmp_path: Path) -> None:
    publish(_tables(), tmp_path, _meta())
    leftovers = [
        tmp_path / ".staging-2026-01-01.2-999" / "data",
        tmp_path / f"catalog.{os.getpid() + 1}.tmp",
        tmp_path / ".state" / "facts" / "0.2.0" / "abc.999.tmp",
    ]
    leftovers[0].mkdir(parents=True)
    for path in leftovers[1:]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("partial")
    (tmp_path / ".latest.999").symlink_to("releases/2026-01-01.1")
    with output_lock(tmp_path):
        assert not any(p.exists() for p in leftovers)
        assert not (tmp_path / ".latest.999").is_symlink()
    assert clean_leftovers(tmp_path) == []
    assert (tmp_path / "latest" / "datapackage.json").exists()


def test_an_output_path_with_a_quote_publishes_and_queries(tmp_path: Path) -> None:
    out = tmp_path / "it's here"
    publish(_tables(), out, _meta())
    release = publish(_tables("More."), out, _meta("2026-01-01.2"))
    assert release.changes["articles"] == (1, 0)
    assert run_query("SELECT count(*) FROM articles", out).rows == [(2,)]


def test_a_damaged_cache_entry_is_re_extracted_not_used(tmp_path: Path) -> None:
    import sqlite3

    from diplodata.extract import EXTRACTOR_VERSION, extract_article
    from diplodata.run.state import ArticleStore, FactsCache
    from diplodata.run.state_db import db_path
    from tests.conftest import FIXTURES, make_article

    article = make_article((FIXTURES / "articles" / "call_and_trade.txt").read_text())
    with FactsCache(tmp_path, EXTRACTOR_VERSION) as cache:
        cache.put(extract_article(article))
        assert cache.get(article) is not None
    with ArticleStore(tmp_path) as store:
        store.put(article)
        assert store.get(article.sha256) == article
    with sqlite3.connect(db_path(tmp_path)) as con:
        [text] = con.execute("SELECT facts FROM facts").fetchone()
        digit = next(i for i, c in enumerate(text) if c.isdigit())
        changed = text[:digit] + str((int(text[digit]) + 1) % 10) + text[digit + 1 :]
        con.execute("UPDATE facts SET facts = ?", [changed])
        con.execute("UPDATE articles SET record = replace(record, 'Uzbekistan', 'Uzbekistam')")
    con.close()
    with FactsCache(tmp_path, EXTRACTOR_VERSION) as cache:
        assert cache.get(article) is None  # a changed value: not trusted
    with ArticleStore(tmp_path) as store:
        assert store.get(article.sha256) is None
