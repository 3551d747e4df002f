"""Feeds and pages fetched from a real HTTP server on 127.0.0.1 (fixtures: invented text)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplodata.ingest.feeds import FeedConfigError, load_config, read_feeds
from diplodata.ingest.http import Retry
from tests.conftest import FIXTURES
from tests.httpserver import TestServer, serve

FAST = Retry(attempts=3, backoff=0.01)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TestServer]:
    """The feed fixtures, with ``{{BASE}}`` set to the server's address, served over HTTP."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "feeds", root)
    with serve(root) as server:
        for path in root.rglob("*"):
            if path.suffix in (".xml", ".toml"):
                path.write_text(path.read_text().replace("{{BASE}}", server.url))
        yield server


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    return path


def test_feeds_read_rss_atom_and_page(site: TestServer) -> None:
    batch = read_feeds(site.root / "feeds.toml", retry=FAST)
    by_source = {a.source: a for a in batch.articles}
    base = site.url
    assert sorted(by_source) == sorted(
        [
            f"{base}/pages/talks.html",  # RSS item: page fetched
            f"{base}/pages/not-published.html",  # Atom entry with full content
            f"{base}/pages/summit.html",  # Atom entry with a summary only: page fetched
            f"{base}/pages/visit.html",  # [[page]]
        ]
    )
    talks = by_source[f"{base}/pages/talks.html"]
    assert talks.title == "Norway and Chile hold talks on fisheries cooperation"
    assert "Ingrid Halvorsen held talks" in talks.text and "All rights reserved" not in talks.text
    assert talks.published_date == dt.date(2026, 3, 3)
    content = by_source[f"{base}/pages/not-published.html"]
    assert content.title == "Japan and Morocco sign an agreement on desalination research"
    assert "signed an agreement on desalination research in Rabat" in content.text
    assert "Abena Owusu" in by_source[f"{base}/pages/summit.html"].text
    assert "Rui Carvalho" in by_source[f"{base}/pages/visit.html"].text
    requested = [path for path, _ in site.requests]
    assert "/pages/not-published.html" not in requested  # full content: no page fetch


def test_feeds_articles_carry_url_publisher_and_language(site: TestServer) -> None:
    batch = read_feeds(site.root / "feeds.toml", retry=FAST)
    base = site.url
    found = {(a.url, a.publisher, a.language) for a in batch.articles}
    assert found == {
        # RSS item: the page's declared language, the feed's title as publisher
        (f"{base}/pages/talks.html", "Example Diplomacy Desk", "en"),
        # Atom entry with full content: the feed's title; Atom gives no language
        (f"{base}/pages/not-published.html", "Example World Affairs", None),
        (f"{base}/pages/summit.html", "Example World Affairs", "en"),
        # a single page: its own site name
        (f"{base}/pages/visit.html", "Example Travel Wire", "en"),
    }


def test_feeds_skip_a_404_item_with_its_reason(site: TestServer) -> None:
    batch = read_feeds(site.root / "feeds.toml", retry=FAST)
    assert len(batch.skipped) == 1
    skipped = batch.skipped[0]
    assert skipped.source == f"{site.url}/pages/missing.html"
    assert "404" in skipped.reason and f"{site.url}/rss.xml" in skipped.reason
    assert [p for p, _ in site.requests].count("/pages/missing.html") == 1  # 404: no retry


def test_feeds_retry_transient_failures(site: TestServer) -> None:
    site.fail("/rss.xml", times=2)
    site.fail("/pages/visit.html", times=1, status=429)
    batch = read_feeds(site.root / "feeds.toml", retry=FAST)
    assert len(batch.articles) == 4 and len(batch.skipped) == 1


def test_feeds_unreachable_or_invalid_feed_is_skipped(site: TestServer, tmp_path: Path) -> None:
    site.fail("/atom.xml", times=5)
    config = _config(
        tmp_path,
        f'[[feed]]\nurl = "{site.url}/atom.xml"\n\n'
        f'[[feed]]\nurl = "{site.url}/pages/visit.html"\n\n'
        f'[[page]]\nurl = "{site.url}/feeds.toml"\n',
    )
    batch = read_feeds(config, retry=FAST)
    reasons = {s.source: s.reason for s in batch.skipped}
    assert (
        "503" in reasons[f"{site.url}/atom.xml"] and "3 attempts" in reasons[f"{site.url}/atom.xml"]
    )
    assert "not an RSS or Atom feed" in reasons[f"{site.url}/pages/visit.html"]
    assert "not an HTML page" in reasons[f"{site.url}/feeds.toml"]
    assert batch.articles == []


def test_feeds_limit_and_duplicates(site: TestServer, tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        f'[[feed]]\nurl = "{site.url}/rss.xml"\nlimit = 1\n\n'
        f'[[page]]\nurl = "{site.url}/pages/talks.html"\n',
    )
    batch = read_feeds(config, retry=FAST)
    assert [a.source for a in batch.articles] == [f"{site.url}/pages/talks.html"]
    assert len(batch.skipped) == 1 and "same as" in batch.skipped[0].reason


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nurl = "ftp://example.org/x"\n', "http(s) URL"),
        ("[[feed]]\nlimit = 3\n", "[[feed]] number 1"),
        ('[feed]\nurl = "https://example.org/rss"\n', "[[feed]]"),
        ('[[feeds]]\nurl = "https://example.org/rss"\n', "unknown entries ['feeds']"),
        ('[[page]]\nurl = "https://example.org/a"\ntitle = "x"\n', "unknown keys ['title']"),
        ("[[feed]\n", "not valid TOML"),
    ],
)
def test_feeds_config_errors_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FeedConfigError) as caught:
        load_config(_config(tmp_path, text))
    assert message in str(caught.value) and "feeds.toml" in str(caught.value)


def test_feeds_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedConfigError, match="cannot read the feeds config"):
        load_config(tmp_path / "nope.toml")


def test_feeds_join_the_folder_articles_in_pipeline_ingest(site: TestServer) -> None:
    from diplodata.config import RunConfig
    from diplodata.run.pipeline import ingest
    from tests import stages
    from tests.conftest import SAMPLES

    config = RunConfig(articles=SAMPLES, feeds=site.root / "feeds.toml")
    batch = ingest(config)
    sources = {a.source for a in stages.articles(config.out)}
    assert f"{site.url}/pages/visit.html" in sources and len(sources) > 4
    assert [s.source for s in batch.skipped] == [f"{site.url}/pages/missing.html"]
