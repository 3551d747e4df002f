"""Sources that link back: URL, publisher, language and licence from sidecars and front
matter; article texts in a release (--include-text) so quotes can be checked in SQL;
--license checked against SPDX; the CHANGELOG names the articles."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from diplodata.cli import app
from diplodata.config import RunConfig
from diplodata.extract import EXTRACTOR_VERSION
from diplodata.ingest.articles import read_folder
from diplodata.publish.licenses import LicenseError, check_license
from diplodata.publish.release import publish
from diplodata.run.pipeline import extract_batch, package_meta, unchanged_since_latest
from diplodata.schemas import SCHEMA_VERSION
from diplodata.tables.build import build_tables

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
FACT_TABLES = ("actor_mentions", "meetings", "trade_figures", "memberships")


def test_sources_sidecar_and_front_matter() -> None:
    batch = read_folder(FIXTURES)
    assert batch.skipped == []
    by_source = {a.source: a for a in batch.articles}
    talks, visit = by_source["talks.txt"], by_source["visit.md"]
    assert (talks.url, talks.publisher, talks.language, talks.license) == (
        "https://news.example.org/2023/04/20/talks.html",
        "Example News",
        "en",
        "cc-by-4.0",
    )
    assert talks.published_date == dt.date(2023, 4, 20)  # from the dateline
    assert (visit.url, visit.publisher, visit.language) == (
        "https://wire.example.com/visit",
        "Example Wire",
        "en-gb",
    )
    assert visit.published_date == dt.date(2023, 6, 1)  # the front matter's
    assert visit.text.startswith("# Kazakhstan's president")  # front matter is not text
    assert visit.title == "Kazakhstan's president visits Uzbekistan"


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("{bad", "not a readable JSON object"),
        ('{"link": "https://x.org"}', "unknown field 'link'"),
        ('{"url": "ftp://x.org/a"}', "is not an http(s) URL"),
        ('{"published_date": "May 2023"}', "published_date must be YYYY-MM-DD"),
    ],
)
def test_sources_bad_sidecar_is_skipped_with_its_reason(
    tmp_path: Path, sidecar: str, message: str
) -> None:
    shutil.copy(FIXTURES / "talks.txt", tmp_path / "a.txt")
    (tmp_path / "a.json").write_text(sidecar)
    batch = read_folder(tmp_path)
    assert batch.articles == []
    [skipped] = batch.skipped
    assert message in skipped.reason and "a.json" in skipped.reason


def _release(out: Path, articles: Path, include_text: bool) -> Path:
    batch = read_folder(articles)
    tables = build_tables(extract_batch(batch.articles).facts, EXTRACTOR_VERSION, include_text)
    config = RunConfig(articles=articles, out=out, include_text=include_text)
    return publish(tables, out, package_meta(config, batch.articles)).path


def test_sources_include_text_and_the_sql_quote_identity(tmp_path: Path) -> None:
    release = _release(tmp_path / "out", FIXTURES, include_text=True)
    con = duckdb.connect(str(release / "diplodata.duckdb"), read_only=True)
    con.execute("SET file_search_path = $1", [str(release)])  # its views' relative paths
    assert con.execute("SELECT count(*) FROM article_texts").fetchone() == (2,)
    for table in FACT_TABLES:
        total, same = con.execute(
            f"SELECT count(*), count(*) FILTER (quote = substr(t.text, char_start + 1, "
            f"char_end - char_start)) FROM {table} JOIN article_texts t USING (article_id)"
        ).fetchone() or (0, 0)
        assert total > 0 and same == total, table
    urls = con.execute("SELECT source, url, publisher FROM articles ORDER BY source").fetchall()
    assert urls == [
        ("talks.txt", "https://news.example.org/2023/04/20/talks.html", "Example News"),
        ("visit.md", "https://wire.example.com/visit", "Example Wire"),
    ]
    package = json.loads((release / "datapackage.json").read_text())
    assert "article_texts" in [r["name"] for r in package["resources"]]
    assert package["sources"] == [
        {
            "title": "talks.txt",
            "path": "https://news.example.org/2023/04/20/talks.html",
            "publisher": "Example News",
            "licenses": [{"name": "CC-BY-4.0", "path": "https://spdx.org/licenses/CC-BY-4.0.html"}],
        },
        {
            "title": "visit.md",
            "path": "https://wire.example.com/visit",
            "publisher": "Example Wire",
            "licenses": [{"title": "All rights reserved"}],
        },
    ]


def test_sources_texts_are_not_shipped_by_default(tmp_path: Path) -> None:
    release = _release(tmp_path / "out", FIXTURES, include_text=False)
    package = json.loads((release / "datapackage.json").read_text())
    assert not [r for r in package["resources"] if r["name"].startswith("article_texts")]
    assert not (release / "data" / "article_texts").exists()


def test_sources_changelog_names_articles_added_changed_removed(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES, articles)
    out = tmp_path / "out"
    _release(out, articles, include_text=False)
    (articles / "visit.md").unlink()
    talks = articles / "talks.txt"
    talks.write_text(talks.read_text() + "The ministers also discussed energy.\n")
    shutil.copy(
        Path(__file__).parent / "fixtures" / "articles" / "extra_visit.txt", articles / "new.txt"
    )
    changelog = (_release(out, articles, include_text=False) / "CHANGELOG.md").read_text()
    added = changelog.split("## Articles added (1)")[1].split("##")[0]
    changed = changelog.split("## Articles changed (new text) (1)")[1].split("##")[0]
    removed = changelog.split("## Articles removed (1)")[1].split("##")[0]
    assert "`new.txt`: Foreign ministers of Armenia and Georgia hold talks in Tbilisi" in added
    assert "`talks.txt`: Foreign ministers of Armenia and Georgia hold talks in Yerevan" in changed
    assert "`visit.md`: Kazakhstan's president visits Uzbekistan" in removed
    assert "| articles | 2 | 2 |" in changelog  # rows per table follow


def test_sources_license_is_checked_against_spdx(tmp_path: Path) -> None:
    assert check_license("cc-by-4.0") == "CC-BY-4.0"
    assert check_license("MIT OR Apache-2.0") == "MIT OR Apache-2.0"
    with pytest.raises(LicenseError, match=r"did you mean CC-BY-4\.0"):
        check_license("CC-BY-4")
    result = CliRunner().invoke(
        app, ["run", "--articles", str(FIXTURES), "--out", str(tmp_path), "--license", "CC-BY4"]
    )
    assert result.exit_code == 2
    assert "is not an SPDX licence identifier" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "releases").exists()


def test_sources_changelog_lists_schema_changes_since_an_older_release(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _release(out, FIXTURES, include_text=False)
    descriptor = first / "datapackage.json"
    package = json.loads(descriptor.read_text())
    del package["schema_version"]  # a release made before schema versions
    descriptor.chmod(0o644)
    descriptor.write_text(json.dumps(package))
    changelog = (_release(out, FIXTURES, include_text=False) / "CHANGELOG.md").read_text()
    assert f"Schema version 1.0.0 -> {SCHEMA_VERSION}: " in changelog
    assert "balance is signed" in changelog
    third = (_release(out, FIXTURES, include_text=False) / "CHANGELOG.md").read_text()
    assert "Schema version" not in third


def test_sources_a_new_sidecar_or_include_text_is_a_change(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES, articles)
    out = tmp_path / "out"
    _release(out, articles, include_text=False)
    assert unchanged_since_latest(read_folder(articles).articles, out)
    assert not unchanged_since_latest(read_folder(articles).articles, out, include_text=True)
    sidecar = articles / "talks.json"
    sidecar.write_text(sidecar.read_text().replace("Example News", "Example Daily"))
    assert not unchanged_since_latest(read_folder(articles).articles, out)
