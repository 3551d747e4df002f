"""The release's index.html in a real headless Chromium (Debian's ``chromium``, which
.ci/run installs): it loads with no console errors or blocked requests, needs no network,
shows the release's row counts, and its tables filter and link each row to its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diplodata.ingest.articles import read_folder
from diplodata.publish.release import Release, publish
from diplodata.run.pipeline import extract_batch
from diplodata.schemas import TABLES
from diplodata.tables.build import build_tables
from diplodata.tables.parts import row_count
from tests.browser import chromium, chromium_path
from tests.conftest import SAMPLES
from tests.facts import TEXT, sample_facts
from tests.test_release import _meta

URL = "https://news.example.org/2022/09/minsk.html"
TRICKY = ' And "</script><b>bold</b>" & more.'  # ends up inside a quote: shown as text


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    facts = extract_batch(read_folder(SAMPLES).articles).facts
    facts.append(sample_facts(TEXT + TRICKY, URL))
    out = tmp_path_factory.mktemp("out")
    return publish(build_tables(facts, "test"), out, _meta())


def _needs_chromium() -> None:
    if chromium_path() is None:
        pytest.skip(
            "chromium is not installed (.ci/run installs Debian's chromium): "
            "the page was not checked in a browser"
        )


def _counts(release: Release) -> dict[str, int]:
    return {t: row_count(release.path, t) for t in TABLES}


def test_site_page_is_self_contained(release: Release) -> None:
    html = (release.path / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"(?!data:)|<img|@import|url\(", html)
    assert TRICKY.strip() not in html  # the quote is escaped inside the embedded JSON


def test_site_page_loads_in_chromium_without_errors_and_shows_counts(release: Release) -> None:
    _needs_chromium()
    counts = _counts(release)
    with chromium() as page:
        page.open((release.path / "index.html").as_uri())
        page.settle()
        assert page.problems == []
        summary = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('td.count')]"
            ".map(td => [td.dataset.table, Number(td.textContent)]))"
        )
        assert summary == counts
        totals = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('section.rows')]"
            ".map(s => [s.dataset.table, Number(s.querySelector('.shown').dataset.total)]))"
        )
        assert totals == counts  # the script ran and rendered every table
        rendered = page.evaluate(
            "document.querySelectorAll('#table-actor_mentions tbody tr').length"
        )
        assert rendered == min(counts["actor_mentions"], 100)
        for chart in ("timeline", "network", "trade", "memberships", "actors"):
            assert page.evaluate(
                f"document.getElementById('{chart}').nextElementSibling"
                ".querySelector('svg, table') !== null"
            ), chart
        assert page.problems == []


def test_site_tables_filter_and_link_rows_to_their_source(release: Release) -> None:
    _needs_chromium()
    with chromium() as page:
        page.open((release.path / "index.html").as_uri())
        for table in ("memberships", "meeting_participants"):  # the latter through its meeting
            links = page.evaluate(
                f"[...document.querySelectorAll('#table-{table} tbody a')].map(a => a.href)"
            )
            assert URL in links, table
        quotes = page.evaluate(
            "[...document.querySelectorAll('#table-memberships td.quote')]"
            ".map(td => td.textContent)"
        )
        assert any(TRICKY.strip() in q for q in quotes)  # shown as text, not markup
        assert page.evaluate("document.querySelectorAll('#table-memberships b').length") == 0
        page.evaluate(
            "(() => { const i = document.querySelector('#table-actors input');"
            " i.value = 'Gryzlov'; i.dispatchEvent(new Event('input')); })()"
        )
        shown = page.evaluate("document.querySelector('#table-actors .shown').textContent")
        names = page.evaluate(
            "[...document.querySelectorAll('#table-actors tbody tr')].map(r => r.textContent)"
        )
        assert shown.startswith(f"{len(names)} of {len(names)} rows") and len(names) >= 1
        assert all("Gryzlov" in n for n in names)
        assert page.problems == []


def test_site_browser_check_reports_a_page_error(tmp_path: Path) -> None:
    """The check above can fail: a broken page's errors are reported."""
    _needs_chromium()
    bad = tmp_path / "bad.html"
    bad.write_text("<p>x</p><script>console.error('oops'); missing();</script>")
    with chromium() as page:
        page.open(bad.as_uri())
        page.settle()
    assert any("oops" in p for p in page.problems)
    assert any("missing is not defined" in p for p in page.problems)
