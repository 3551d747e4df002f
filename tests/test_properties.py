"""Property tests: any bytes and any text through ingestion, the screen and every
extractor never raise; quotes equal the text slice; ids are stable under re-runs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplodata.extract import extract_article
from diplodata.ingest.articles import article_from_text, read_folder
from diplodata.ingest.normalize import INVISIBLE, normalize_text
from diplodata.run.pipeline import screen
from diplodata.tables.build import build_tables
from tests.test_provenance import TEXTS

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
SUFFIX = st.sampled_from([".txt", ".md", ".html", ".htm"])


@SETTINGS
@given(st.binary(max_size=2_000), SUFFIX)
def test_any_bytes_in_any_article_file_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"input{suffix}").write_bytes(data)
        batch = screen(read_folder(Path(folder)), 200_000)
        assert len(batch.articles) + len(batch.skipped) == 1
        for article in batch.articles:
            extract_article(article)


@SETTINGS
@given(st.one_of(TEXTS, st.text(alphabet=st.characters(codec="utf-8"), max_size=600)))
def test_any_text_is_normalized_once_and_for_all(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once and not INVISIBLE.search(once)


@SETTINGS
@given(TEXTS)
def test_any_text_through_every_extractor_gives_the_same_rows_twice(text: str) -> None:
    first = build_tables([extract_article(article_from_text(text, "a.txt"))], "test")
    again = build_tables([extract_article(article_from_text(text, "a.txt"))], "test")
    assert first == again  # ids (content hashes) and rows are stable
    body = article_from_text(text, "a.txt").text
    for name in ("actor_mentions", "meetings", "trade_figures", "memberships"):
        for row in getattr(first, name):
            assert row.evidence.quote == body[row.evidence.char_start : row.evidence.char_end]
